import Table from 'cli-table3';
import type { Cell, ReportMeta, ResultTable } from '../result.js';

const WIDTH = 80;
const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|FLOAT|DOUBLE|DECIMAL)/;
const MIN_TEXT_WIDTH = 10;

const fit = (line: string): string => (line.length > WIDTH ? `${line.slice(0, WIDTH - 1)}…` : line);

export function headerLines(meta: ReportMeta): string[] {
  return [
    meta.semantics ? `${meta.title} (${meta.semantics} semantics)` : meta.title,
    meta.window !== undefined ? `Window:    ${meta.window}` : null,
    meta.logs ? `Logs:      ${meta.logs.join(', ')}` : null,
    meta.resources !== undefined ? `Resources: ${meta.resources === null ? 'all' : meta.resources.join(', ')}` : null,
    `Totals:    ${meta.summary}`,
  ]
    .filter((line): line is string => line !== null)
    .map(fit);
}

const text = (cell: Cell): string => (cell === null ? '' : String(cell));

/** A numeric column's header, split at its words ("Blocked\nUsers") where the numbers are narrower. */
function headerCell(name: string, numeric: boolean, dataWidth: number): string {
  return numeric && dataWidth < name.length ? name.replace(/([a-z])([A-Z])/g, '$1\n$2') : name;
}

const widest = (lines: string): number => Math.max(...lines.split('\n').map((line) => line.length));

/** Column widths (with padding) that fit WIDTH: numbers keep their width, names share the rest. */
function columnWidths(table: ResultTable, heads: readonly string[]): number[] {
  const natural = table.columns.map((_, i) => Math.max(widest(heads[i]!), ...table.rows.map((row) => text(row[i] ?? null).length)) + 2);
  const isText = table.columns.map((column) => !NUMERIC.test(column.type));
  const fixed = natural.reduce((sum, w, i) => sum + (isText[i] ? 0 : w), 0);
  const borders = table.columns.length + 1;
  const textColumns = isText.filter(Boolean).length;
  let room = WIDTH - borders - fixed;
  const widths = [...natural];
  // Give each text column what it needs, narrowest first, sharing what remains evenly.
  const order = natural.map((w, i) => ({ w, i })).filter(({ i }) => isText[i]).sort((a, b) => a.w - b.w);
  order.forEach(({ w, i }, k) => {
    const share = Math.max(MIN_TEXT_WIDTH, Math.floor(room / (textColumns - k)));
    widths[i] = Math.min(w, share);
    room -= widths[i]!;
  });
  return widths;
}

/** A terminal table: a header naming window, logs, resources, semantics and totals; 80 columns. */
export function formatTable(table: ResultTable, meta: ReportMeta): string {
  const heads = table.columns.map((c, i) =>
    headerCell(c.name, NUMERIC.test(c.type), Math.max(0, ...table.rows.map((row) => text(row[i] ?? null).length))),
  );
  const widths = columnWidths(table, heads);
  const grid = new Table({
    head: heads,
    colWidths: widths,
    colAligns: table.columns.map((c) => (NUMERIC.test(c.type) ? 'right' : 'left')),
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    truncate: '…',
  });
  for (const row of table.rows) grid.push(row.map(text));
  const body = table.rows.length === 0 ? '(no rows)' : grid.toString();
  return `${headerLines(meta).join('\n')}\n${body}\n`;
}
