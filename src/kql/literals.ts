import { UserError } from '../errors.js';

/**
 * A KQL string literal holding exactly `value`: double-quoted, with backslash, quote and the usual
 * control characters escaped. Any other control character is refused rather than guessed at.
 */
export function kqlString(value: string, option = 'a name'): string {
  // eslint-disable-next-line no-control-regex
  const bad = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.exec(value);
  if (bad) {
    throw new UserError(`${option} ${JSON.stringify(value)}: holds a control character (U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0')}) that a KQL string cannot carry`, {
      hint: 'give the name as Entra ID shows it',
    });
  }
  const escaped = value.replace(/[\\"\n\r\t]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c]!);
  return `"${escaped}"`;
}

/** A regular expression as a verbatim KQL string (@"..."): backslashes stay as RE2 reads them. */
export function kqlRegex(pattern: string, option = 'a pattern'): string {
  if (/[\r\n]/.test(pattern)) throw new UserError(`${option} ${JSON.stringify(pattern)}: a pattern cannot span lines in KQL`, { hint: 'write it on one line' });
  return `@"${pattern.replaceAll('"', '""')}"`;
}

/** A datetime literal from naive UTC ISO text (as the window module gives it). */
export function kqlDatetime(naiveUtc: string): string {
  return `datetime(${naiveUtc.replace(/(\.\d{1,7})\d*$/, '$1')}Z)`;
}

/** A timespan literal for a whole number of hours, in days where it divides. */
export function kqlHours(hours: number): string {
  return hours % 24 === 0 ? `${hours / 24}d` : `${hours}h`;
}
