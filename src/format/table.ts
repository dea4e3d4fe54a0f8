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
    meta.policies !== undefined ? `Policies:  ${meta.policies}` : null,
    meta.groups !== undefined ? `Groups:    ${meta.groups}` : null,
    meta.mode !== undefined ? `Mode:      ${meta.mode}` : null,
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

/** The longest of a column's cells: a loop, as a report may have more rows than a call takes arguments. */
const longest = (cells: readonly string[]): number => cells.reduce((max, cell) => Math.max(max, cell.length), 0);

const widest = (lines: string): number => longest(lines.split('\n'));

interface Layout {
  readonly heads: string[];
  readonly widths: number[];
  /** What each column would take without a limit. */
  readonly natural: number[];
  readonly timeLength: number;
  /** The width of the whole table, borders included. */
  readonly total: number;
}

/** Widths (with padding) within `width`: numbers and times keep theirs, names share the rest. */
function layout(table: ResultTable, width: number, timeLength: number): Layout {
  const cells = table.columns.map((column, i) => table.rows.map((row) => show(row[i] ?? null, column, timeLength)));
  const heads = table.columns.map((column, i) => headerCell(column, longest(cells[i]!)));
  const natural = heads.map((head, i) => Math.max(widest(head), longest(cells[i]!)) + 2);
  const fixed = natural.reduce((sum, w, i) => sum + (isName(table.columns[i]!) ? 0 : w), 0);
  let room = width - (table.columns.length + 1) - fixed;
  const widths = [...natural];
  const names = natural.map((w, i) => ({ w, i })).filter(({ i }) => isName(table.columns[i]!)).sort((a, b) => a.w - b.w);
  names.forEach(({ w, i }, k) => {
    const share = Math.max(MIN_TEXT_WIDTH, Math.floor(room / (names.length - k)));
    widths[i] = Math.min(w, share);
    room -= widths[i]!;
  });
  return { heads, widths, natural, timeLength, total: widths.reduce((sum, w) => sum + w, table.columns.length + 1) };
}

/** Whether a layout is within the width and leaves every name room to be read. */
const readable = (table: ResultTable, l: Layout, width: number): boolean =>
  l.total <= width && table.columns.every((c, i) => !isName(c) || l.widths[i]! >= Math.min(l.natural[i]!, COMFORTABLE_TEXT_WIDTH));

/** The readable layout of a table: times to the minute, else to the day; null when neither is. */
function readableLayout(table: ResultTable, width: number): Layout | null {
  const full = layout(table, width, 16);
  if (readable(table, full, width)) return full;
  if (!table.columns.some(isTime)) return null;
  const short = layout(table, width, 10);
  return readable(table, short, width) ? short : null;
}

const pick = (table: ResultTable, indexes: readonly number[]): ResultTable => ({
  columns: indexes.map((i) => table.columns[i]!),
  rows: table.rows.map((row) => indexes.map((i) => row[i] ?? null)),
});

/** The narrowest name of a layout: what its readers get at worst. */
const narrowestName = (table: ResultTable, l: Layout): number =>
  Math.min(Infinity, ...table.columns.map((c, i) => (isName(c) ? l.widths[i]! : Infinity)));

/** Every way to cut `items` into `parts` consecutive, non-empty groups. */
function* cuts<T>(items: readonly T[], parts: number): Generator<T[][]> {
  if (parts === 1) {
    yield [[...items]];
    return;
  }
  for (let end = 1; end <= items.length - parts + 1; end++) {
    for (const rest of cuts(items.slice(end), parts - 1)) yield [items.slice(0, end), ...rest];
  }
}

/**
 * The tables to print: the whole table where it reads within the width; else its columns in as
 * few consecutive groups as read, each after the leading name columns (the row's key), cut where
 * the names get most room. A wide report is printed as several narrower tables rather than
 * squeezed to unreadable names.
 */
function split(table: ResultTable, width: number): { table: ResultTable; layout: Layout }[] {
  const whole = readableLayout(table, width);
  if (whole) return [{ table, layout: whole }];
  const firstValue = table.columns.findIndex((c) => !isName(c));
  const keys = firstValue <= 0 ? [] : table.columns.slice(0, firstValue).map((_, i) => i);
  const rest = table.columns.map((_, i) => i).filter((i) => !keys.includes(i));
  for (let parts = 2; parts <= rest.length; parts++) {
    let best: { table: ResultTable; layout: Layout }[] | null = null;
    let bestScore = -Infinity;
    for (const groups of cuts(rest, parts)) {
      const laid = groups.map((group) => {
        const part = pick(table, [...keys, ...group]);
        return { table: part, layout: readableLayout(part, width) };
      });
      if (laid.some((l) => l.layout === null)) continue;
      const score = Math.min(...laid.map((l) => narrowestName(l.table, l.layout!)));
      if (score > bestScore) {
        bestScore = score;
        best = laid.map((l) => ({ table: l.table, layout: l.layout! }));
      }
    }
    if (best) return best;
  }
  return [{ table, layout: layout(table, width, 10) }];
}

/** What a grid is drawn with: the column names (lines split by \n), widths with padding, alignments. */
export interface Grid {
  readonly heads: readonly string[];
  readonly widths: readonly number[];
  readonly aligns: readonly ('left' | 'right')[];
}

/** cli-table3's drawing of a grid of rows: its top border, the names' lines, the rows' lines, the bottom border. */
export function gridLines(grid: Grid, rows: readonly (readonly string[])[]): string[] {
  const drawn = new Table({
    head: [...grid.heads],
    colWidths: [...grid.widths],
    colAligns: [...grid.aligns],
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    truncate: '…',
  });
  for (const row of rows) drawn.push([...row]);
  return drawn.toString().split('\n');
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * A row's line as cli-table3 draws it, drawn here when every cell is printable ASCII (one column
 * a character: truncated to its room with …, padded to its alignment); null otherwise (wide
 * characters, control characters, line breaks), for cli-table3 to draw. cli-table3 lays a whole
 * table out in time that grows with the square of its rows (each cell is checked against every
 * cell above it), and measures each cell with a new regular expression: a report of 95,000 users
 * did not finish in 10 minutes.
 */
export function asciiRow(grid: Grid, texts: readonly string[]): string | null {
  let line = '│';
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i]!;
    if (!PRINTABLE_ASCII.test(text)) return null;
    const room = grid.widths[i]! - 2;
    const fitted = text.length > room ? `${text.slice(0, room - 1)}…` : text;
    const padding = ' '.repeat(room - fitted.length);
    line += ` ${grid.aligns[i] === 'right' ? padding + fitted : fitted + padding} │`;
  }
  return line;
}

function render(table: ResultTable, chosen: Layout): string {
  const grid: Grid = { heads: chosen.heads, widths: chosen.widths, aligns: table.columns.map((c) => (isNumber(c) ? 'right' : 'left')) };
  // A grid without rows is its top border, the names' lines and the bottom border; rows' lines go
  // between the names and the bottom border, each row's the same whatever the other rows.
  const frame = gridLines(grid, []);
  const top = frame.length - 1;
  const lines = frame.slice(0, top);
  for (const row of table.rows) {
    const texts = row.map((cell, i) => show(cell, table.columns[i]!, chosen.timeLength));
    const line = asciiRow(grid, texts);
    if (line !== null) lines.push(line);
    else for (const drawn of gridLines(grid, [texts]).slice(top, -1)) lines.push(drawn);
  }
  lines.push(frame[top]!);
  return lines.join('\n');
}

/** A terminal table: a header naming window, logs, resources, semantics and totals; 80 columns or the terminal's. */
export function formatTable(table: ResultTable, meta: ReportMeta): string {
  const width = widthOf(meta);
  const body = table.rows.length === 0 ? '(no rows)' : split(table, width).map((part) => render(part.table, part.layout)).join('\n');
  return `${headerLines(meta).join('\n')}\n${body}\n`;
}
