import { stringify } from 'csv-stringify/sync';
import type { Cell, ResultTable } from '../result.js';

/**
 * A text cell a spreadsheet would run as a formula (=, +, -, @, tab, carriage return) gets a
 * leading apostrophe (OWASP "CSV injection").
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const csvCell = (cell: Cell): string | number | boolean | null => (typeof cell === 'string' ? neutraliseFormula(cell) : cell);

/** RFC 4180 (CRLF, quotes doubled), UTF-8, a header row, numbers as plain numbers. */
export const formatCsv = (table: ResultTable): string =>
  stringify([table.columns.map((c) => c.name), ...table.rows.map((row) => row.map(csvCell))], {
    record_delimiter: 'windows',
    cast: { boolean: (value) => (value ? 'true' : 'false') },
  });
