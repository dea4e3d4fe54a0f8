import Table from 'cli-table3';
import { describeCoverage, type Cell, type Column, type ReportMeta, type ResultTable } from '../result.js';

const MIN_WIDTH = 80;
const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|FLOAT|DOUBLE|DECIMAL)/;
/** Names shrink to this before times give up their hours and minutes; below it, to what is left. */
const COMFORTABLE_TEXT_WIDTH = 10;
const MIN_TEXT_WIDTH = 5;

const widthOf = (meta: ReportMeta): number => Math.max(MIN_WIDTH, meta.width ?? MIN_WIDTH);
const fitTo = (width: number) => (line: string): string => (line.length > width ? `${line.slice(0, width - 1)}…` : line);

const isTime = (column: Column): boolean => column.type.startsWith('TIMESTAMP');
const isNumber = (column: Column): boolean => NUMERIC.test(column.type);
const isName = (column: Column): boolean => !isNumber(column) && !isTime(column) && column.type !== 'DATE';

export function headerLines(meta: ReportMeta): string[] {
  const coverage = meta.coverage ? describeCoverage(meta.coverage) : null;
  return [
    meta.semantics ? `${meta.title} (${meta.semantics} semantics)` : meta.title,
    meta.window !== undefined ? `Window:    ${meta.window}` : null,
    meta.logs ? `Logs:      ${meta.logs.join(', ')}` : null,
    meta.resources !== undefined ? `Resources: ${meta.resources}` : null,
    coverage ? `Coverage:  ${coverage.line}` : null,
    coverage?.warning ? `Warning:   ${coverage.warning}` : null,
    `Totals:    ${meta.summary}`,
  ]
    .filter((line): line is string => line !== null)
    .map(fitTo(widthOf(meta)));
}

/** A cell as shown: times (UTC) to the minute, or the date alone where room is short. */
function show(cell: Cell, column: Column, timeLength: number): string {
  if (cell === null) return '';
  return isTime(column) ? String(cell).slice(0, timeLength).replace('T', ' ') : String(cell);
}

/** A numeric column's header, split at its words ("Blocked\nUsers") where the numbers are narrower. */
function headerCell(column: Column, dataWidth: number): string {
  return isNumber(column) && dataWidth < column.name.length ? column.name.replace(/([a-z])([A-Z])/g, '$1\n$2') : column.name;
}

const widest = (lines: string): number => Math.max(...lines.split('\n').map((line) => line.length));

interface Layout {
  readonly heads: string[];
  readonly widths: number[];
  readonly timeLength: number;
  /** What the names would get at the narrowest, to compare layouts. */
  readonly narrowestName: number;
}

/** Widths (with padding) within `width`: numbers and times keep theirs, names share the rest. */
function layout(table: ResultTable, width: number, timeLength: number): Layout {
  const cells = table.columns.map((column, i) => table.rows.map((row) => show(row[i] ?? null, column, timeLength)));
  const heads = table.columns.map((column, i) => headerCell(column, Math.max(0, ...cells[i]!.map((c) => c.length))));
  const natural = heads.map((head, i) => Math.max(widest(head), ...cells[i]!.map((c) => c.length)) + 2);
  const fixed = natural.reduce((sum, w, i) => sum + (isName(table.columns[i]!) ? 0 : w), 0);
  let room = width - (table.columns.length + 1) - fixed;
  const widths = [...natural];
  const names = natural.map((w, i) => ({ w, i })).filter(({ i }) => isName(table.columns[i]!)).sort((a, b) => a.w - b.w);
  let narrowestName = Infinity;
  names.forEach(({ w, i }, k) => {
    const share = Math.max(MIN_TEXT_WIDTH, Math.floor(room / (names.length - k)));
    widths[i] = Math.min(w, share);
    narrowestName = Math.min(narrowestName, widths[i]!);
    room -= widths[i]!;
  });
  return { heads, widths, timeLength, narrowestName };
}

/** A terminal table: a header naming window, logs, resources, semantics and totals; 80 columns or the terminal's. */
export function formatTable(table: ResultTable, meta: ReportMeta): string {
  const width = widthOf(meta);
  const full = layout(table, width, 16);
  const chosen = full.narrowestName < COMFORTABLE_TEXT_WIDTH && table.columns.some(isTime) ? layout(table, width, 10) : full;
  const grid = new Table({
    head: chosen.heads,
    colWidths: chosen.widths,
    colAligns: table.columns.map((c) => (isNumber(c) ? 'right' : 'left')),
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    truncate: '…',
  });
  for (const row of table.rows) grid.push(row.map((cell, i) => show(cell, table.columns[i]!, chosen.timeLength)));
  const body = table.rows.length === 0 ? '(no rows)' : grid.toString();
  return `${headerLines(meta).join('\n')}\n${body}\n`;
}
