import { UserError } from '../errors.js';

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

/** '7d', '36h', '2w' → hours. */
export function parseDuration(text: string): number {
  const match = /^\s*(\d+)\s*([hdw])\s*$/i.exec(text);
  const amount = match ? Number(match[1]) : NaN;
  if (!match || !(amount > 0)) {
    throw new UserError(`--last ${JSON.stringify(text)}: not a duration`, { hint: 'use a whole number with h, d or w, e.g. --last 7d, --last 36h, --last 2w' });
  }
  return amount * HOURS_PER_UNIT[match[2]!.toLowerCase()]!;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** An ISO 8601 date or time as naive UTC text; a time without a zone is taken as UTC. */
export function parseTime(option: string, text: string): string {
  const trimmed = text.trim();
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed) && trimmed.length > 10;
  const date = ISO_TIME.test(trimmed) ? new Date(hasZone ? trimmed : `${trimmed.replace(' ', 'T')}${trimmed.length > 10 ? 'Z' : 'T00:00:00Z'}`) : null;
  if (!date || Number.isNaN(date.getTime())) {
    throw new UserError(`${option} ${JSON.stringify(text)}: not an ISO 8601 time`, { hint: `e.g. ${option} 2026-11-13 or ${option} 2026-11-13T08:00:00Z (UTC unless a zone is given)` });
  }
  return date.toISOString().replace('Z', '');
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
