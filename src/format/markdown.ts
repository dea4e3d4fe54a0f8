import { markdownTable } from 'markdown-table';
import type { Cell, ResultTable } from '../result.js';

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL)/;

const markdownCell = (cell: Cell): string =>
  cell === null ? '' : String(cell).replaceAll('\\', '\\\\').replaceAll('|', '\\|').replace(/\r?\n/g, ' ');

/** A GitHub table: numbers right-aligned, pipes escaped. */
export const formatMarkdown = (table: ResultTable): string =>
  `${markdownTable([table.columns.map((c) => c.name), ...table.rows.map((row) => row.map(markdownCell))], {
    align: table.columns.map((c) => (NUMERIC.test(c.type) ? 'r' : 'l')),
  })}\n`;
