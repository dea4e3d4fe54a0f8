import { stringify } from 'csv-stringify/sync';
import type { Cell, ResultTable } from '../result.js';

/**
 * A text cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP "CSV
 * injection"): one starting with =, +, -, @, a tab, a carriage return or a line feed, or with
 * =, +, -, @ (or their full-width forms) after white space, which spreadsheets may trim.
 */
export function neutraliseFormula(text: string): string {
  return /^[\t\r\n]|^\s*[=+\-@\uff1d\uff0b\uff0d\uff20]/.test(text) ? `'${text}` : text;
}

const csvCell = (cell: Cell): string | number | boolean | null => (typeof cell === 'string' ? neutraliseFormula(cell) : cell);

/**
 * RFC 4180 (CRLF, quotes doubled), UTF-8, a header row, numbers as plain numbers. A field holding
 * a line break is quoted whichever it is: csv-stringify quotes only the record delimiter (CRLF),
 * and a bare LF or CR outside quotes starts a new row in a spreadsheet.
 */
export const formatCsv = (table: ResultTable): string =>
  stringify([table.columns.map((c) => c.name), ...table.rows.map((row) => row.map(csvCell))], {
    record_delimiter: 'windows',
    quoted_match: /[\r\n]/,
    cast: { boolean: (value) => (value ? 'true' : 'false') },
  });
