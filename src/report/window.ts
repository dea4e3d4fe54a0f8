import { UserError, shownValue } from '../errors.js';

export interface WindowOptions {
  readonly last?: string | undefined;
  readonly since?: string | undefined;
  readonly until?: string | undefined;
  readonly allTime?: boolean | undefined;
}

/** Bounds on TimeGenerated (naive UTC ISO text), each open or closed; null = unbounded. */
export interface TimeWindow {
  readonly lo: string | null;
  readonly loInclusive: boolean;
  readonly hi: string | null;
  readonly hiInclusive: boolean;
}

export const DEFAULT_LAST = '7d';

const HOURS_PER_UNIT: Record<string, number> = { h: 1, d: 24, w: 24 * 7 };

/** The longest --last: 100 years, far beyond any log retention, and well inside DuckDB's intervals. */
export const MAX_LAST_DAYS = 36500;
const MAX_LAST_HOURS = MAX_LAST_DAYS * 24;

/** '7d', '36h', '2w' → hours, from 1 hour to MAX_LAST_DAYS days. */
export function parseDuration(text: string, flag = '--last'): number {
  const match = /^\s*(\d+)\s*([hdw])\s*$/i.exec(text);
  const hours = match ? Number(match[1]) * HOURS_PER_UNIT[match[2]!.toLowerCase()]! : NaN;
  if (!(hours >= 1 && hours <= MAX_LAST_HOURS)) {
    throw new UserError(`${flag} ${shownValue(text)}: not a duration from 1h to ${MAX_LAST_DAYS}d`, {
      hint: `a whole number with h, d or w, e.g. ${flag} 7d, ${flag} 36h, ${flag} 2w`,
    });
  }
  return hours;
}

const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):?(\d{2}))?)?$/i;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function daysIn(year: number, month: number): number {
  const lastDay = new Date(0);
  lastDay.setUTCFullYear(year, month, 0);
  return lastDay.getUTCDate();
}

/** What is wrong with the parts of an ISO time, if anything: a day, hour or offset that does not exist. */
function impossible(year: number, month: number, day: number, hour: number, minute: number, second: number, offsetHours: number, offsetMinutes: number): string | null {
  if (year < 1) return 'no year 0000';
  if (month < 1 || month > 12) return `no month ${String(month).padStart(2, '0')}`;
  if (day < 1 || day > daysIn(year, month)) return `${MONTHS[month - 1]} ${year} has ${daysIn(year, month)} days`;
  if (hour > 23) return `no hour ${hour}`;
  if (minute > 59) return `no minute ${minute}`;
  if (second > 59) return `no second ${second}`;
  if (offsetHours > 14 || offsetMinutes > 59) return 'a zone offset is at most ±14:00';
  return null;
}

/**
 * An ISO 8601 date or time as naive UTC text (milliseconds, and microseconds when given); a time
 * without a zone is UTC. Strict: a day, hour or offset that does not exist is refused, not rolled
 * over (2026-02-30 is not March 2).
 */
export function parseTime(option: string, text: string): string {
  const match = ISO_TIME.exec(text.trim());
  const refuse = (problem: string): never => {
    throw new UserError(`${option} ${shownValue(text)}: not a date or time (${problem})`, {
      hint: `e.g. ${option} 2026-11-13 or ${option} 2026-11-13T08:00:00Z (UTC unless a zone is given)`,
    });
  };
  if (!match) return refuse('expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM]');
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(match[i] ?? 0)) as [number, number, number, number, number, number];
  const [offsetHours, offsetMinutes] = [Number(match[10] ?? 0), Number(match[11] ?? 0)];
  const problem = impossible(year, month, day, hour, minute, second, offsetHours, offsetMinutes);
  if (problem) return refuse(problem);
  const fraction = (match[7] ?? '').padEnd(6, '0');
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, Number(fraction.slice(0, 3)));
  const offset = (match[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  date.setTime(date.getTime() - offset * 60_000);
  const micros = fraction.slice(3, 6);
  return `${date.toISOString().replace('Z', '')}${micros === '000' ? '' : micros}`;
}

/**
 * A period of report compare and audit (--before, --after): "A..B", each end an ISO date or time
 * as --since and --until take it, A inclusive and B exclusive, A before B.
 */
export function parsePeriod(flag: string, text: string): TimeWindow {
  const hint = `${flag} START..END, e.g. ${flag} 2026-11-01..2026-11-08 (START ≤ TimeGenerated < END, UTC unless a zone is given)`;
  const ends = text.split('..');
  if (ends.length !== 2 || ends.some((end) => end.trim() === '')) {
    throw new UserError(`${flag} ${shownValue(text)}: not a period START..END`, { hint });
  }
  const [lo, hi] = [parseTime(flag, ends[0]!), parseTime(flag, ends[1]!)];
  if (lo >= hi) throw new UserError(`${flag} ${shownValue(text)}: the period ends before it starts`, { hint });
  return { lo, loInclusive: true, hi, hiInclusive: false };
}

/** The two periods of report compare: what was given, checked. */
export interface PeriodOptions {
  readonly before?: string | undefined;
  readonly after?: string | undefined;
  readonly beforeLast?: string | undefined;
  readonly afterLast?: string | undefined;
}

const PERIODS_HINT = 'give --before START..END --after START..END, or --before-last 7d --after-last 7d (the two periods ending at the newest sign-in)';

/**
 * The before and after periods the options ask for. --before-last and --after-last are anchored
 * like --last: after is (newest - after-last, newest], before the period as long just before it,
 * (newest - after-last - before-last, newest - after-last]. Given as ranges, before must end no
 * later than after starts: the periods do not overlap. `newest`: the newest sign-in in scope
 * (naive UTC ISO text), or null when there is none.
 */
export function resolvePeriods(options: PeriodOptions, newest: string | null): { before: TimeWindow; after: TimeWindow } {
  const ranges = options.before !== undefined || options.after !== undefined;
  const durations = options.beforeLast !== undefined || options.afterLast !== undefined;
  if (ranges && durations) throw new UserError('--before/--after and --before-last/--after-last: give the periods one way', { hint: PERIODS_HINT });
  if (ranges) {
    if (options.before === undefined || options.after === undefined) {
      throw new UserError(`${options.before === undefined ? '--before' : '--after'} is missing: a comparison needs two periods`, { hint: PERIODS_HINT });
    }
    const before = parsePeriod('--before', options.before);
    const after = parsePeriod('--after', options.after);
    if (before.hi! > after.lo!) {
      throw new UserError(`--before ${options.before} ends after --after ${options.after} starts`, { hint: 'the before period comes first and the periods do not overlap' });
    }
    return { before, after };
  }
  if (options.beforeLast === undefined || options.afterLast === undefined) {
    throw new UserError(durations ? `${options.beforeLast === undefined ? '--before-last' : '--after-last'} is missing: a comparison needs two periods` : 'report compare needs two periods', { hint: PERIODS_HINT });
  }
  const afterHours = parseDuration(options.afterLast, '--after-last');
  const beforeHours = parseDuration(options.beforeLast, '--before-last');
  if (newest === null) {
    const none: TimeWindow = { lo: null, loInclusive: false, hi: null, hiInclusive: false };
    return { before: none, after: none };
  }
  // Whole hours before the newest sign-in, to the microsecond it has (Date keeps milliseconds).
  const minus = (hours: number) => `${new Date(Date.parse(`${newest.slice(0, 23)}Z`) - hours * 3_600_000).toISOString().replace('Z', '')}${newest.slice(23)}`;
  const middle = minus(afterHours);
  return {
    before: { lo: minus(afterHours + beforeHours), loInclusive: false, hi: middle, hiInclusive: true },
    after: { lo: middle, loInclusive: false, hi: newest, hiInclusive: true },
  };
}

/** Whether the user chose the default window: the last N hours ending at the newest sign-in. */
export function isAnchored(options: WindowOptions): boolean {
  return !options.allTime && options.since === undefined && options.until === undefined;
}

/**
 * The window the options ask for. `--last` (default 7d) is (newest - d, newest], as KQL's
 * TimeGenerated > ago(7d) with "now" at the newest sign-in; --since is inclusive, --until exclusive.
 * `anchor` gives the bounds of the anchored window, from the data.
 */
export function resolveWindow(options: WindowOptions, anchor: { start: string; end: string } | null): TimeWindow {
  if (options.allTime) return { lo: null, loInclusive: false, hi: null, hiInclusive: false };
  if (!isAnchored(options)) {
    const lo = options.since === undefined ? null : parseTime('--since', options.since);
    const hi = options.until === undefined ? null : parseTime('--until', options.until);
    if (lo !== null && hi !== null && lo >= hi) {
      throw new UserError(`--since ${options.since} is not before --until ${options.until}`, { hint: 'the window is since ≤ TimeGenerated < until' });
    }
    return { lo, loInclusive: true, hi, hiInclusive: false };
  }
  if (!anchor) return { lo: null, loInclusive: false, hi: null, hiInclusive: false };
  return { lo: anchor.start, loInclusive: false, hi: anchor.end, hiInclusive: true };
}

const show = (t: string) => `${t.replace('T', ' ').replace(/\.0+$/, '').replace(/(\.\d*?)0+$/, '$1')}`;

export function describeWindow(window: TimeWindow): string {
  if (window.lo === null && window.hi === null) return 'all time';
  const lower = window.lo === null ? '' : `${show(window.lo)} ${window.loInclusive ? '≤' : '<'} `;
  const upper = window.hi === null ? '' : ` ${window.hiInclusive ? '≤' : '<'} ${show(window.hi)}`;
  return `${lower}TimeGenerated${upper} UTC`;
}
