import type { ResultTable } from '../result.js';

const rowObject = (table: ResultTable, row: ResultTable['rows'][number]) =>
  Object.fromEntries(table.columns.map((column, i) => [column.name, row[i] ?? null]));

/** One JSON array of row objects, numbers as JSON numbers. */
export const formatJson = (table: ResultTable): string =>
  `${JSON.stringify(table.rows.map((row) => rowObject(table, row)), null, 2)}\n`;

/** One JSON object a line. */
export const formatNdjson = (table: ResultTable): string =>
  table.rows.map((row) => `${JSON.stringify(rowObject(table, row))}\n`).join('');
