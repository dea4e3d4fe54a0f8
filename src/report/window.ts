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
export function parseDuration(text: string): number {
  const match = /^\s*(\d+)\s*([hdw])\s*$/i.exec(text);
  const hours = match ? Number(match[1]) * HOURS_PER_UNIT[match[2]!.toLowerCase()]! : NaN;
  if (!(hours >= 1 && hours <= MAX_LAST_HOURS)) {
    throw new UserError(`--last ${shownValue(text)}: not a duration from 1h to ${MAX_LAST_DAYS}d`, {
      hint: 'a whole number with h, d or w, e.g. --last 7d, --last 36h, --last 2w',
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
