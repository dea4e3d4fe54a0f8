import { createHash } from 'node:crypto';
import { describeCoverage, type Cell, type Column, type ReportMeta, type ResultTable } from '../result.js';

/** Text from the logs as HTML text or attribute value: it can never become markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|FLOAT|DOUBLE|DECIMAL)/;
const isNumber = (column: Column): boolean => NUMERIC.test(column.type);

/** A cell as shown: times (UTC) to the second, percentages with two decimals. */
function show(cell: Cell, column: Column): string {
  if (cell === null) return '';
  if (column.type.startsWith('TIMESTAMP')) return `${String(cell).slice(0, 19).replace('T', ' ')}`;
  if (typeof cell === 'number' && column.name.startsWith('Pct')) return cell.toFixed(2);
  return String(cell);
}

export interface TableOptions {
  readonly id: string;
  readonly caption: string;
  /** Offer a filter box (added by the page's script; without script the table is plain). */
  readonly filter?: boolean;
}

/** Real table markup; the page's script makes it sortable by any column. */
export function tableHtml(table: ResultTable, options: TableOptions): string {
  const head = table.columns
    // A break opportunity between the words of a name (BlockSelfRemediable), so that wide tables fit.
    .map((c) => `<th scope="col"${isNumber(c) ? ' class="num" data-type="number"' : ''}>${escapeHtml(c.name).replace(/([a-z])(?=[A-Z])/g, '$1<wbr>')}</th>`)
    .join('');
  const body = table.rows
    .map((row) => {
      const cells = table.columns.map((c, i) => {
        const cell = row[i] ?? null;
        const shown = escapeHtml(show(cell, c));
        return isNumber(c) ? `<td class="num" data-value="${cell ?? ''}">${shown}</td>` : `<td>${shown}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  const empty = table.rows.length === 0 ? `<p class="empty">No rows.</p>` : '';
  return `<div class="table-wrap"><table id="${escapeHtml(options.id)}" class="sortable"${options.filter ? ' data-filter' : ''}>
<caption>${escapeHtml(options.caption)} <span class="count">(${table.rows.length} row${table.rows.length === 1 ? '' : 's'})</span></caption>
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table></div>${empty}`;
}

/** The scope of the numbers: tenants, window, logs, resources, semantics. */
export function scopeHtml(meta: ReportMeta, tenants?: readonly string[]): string {
  const items: [string, string][] = [];
  if (tenants) items.push([tenants.length === 1 ? 'Tenant' : 'Tenants', tenants.length === 0 ? 'none seen' : tenants.join(', ')]);
  if (meta.window !== undefined) items.push(['Window', meta.window]);
  if (meta.logs) items.push(['Logs', meta.logs.join(', ')]);
  if (meta.resources !== undefined) items.push(['Resources', meta.resources]);
  if (meta.policies !== undefined) items.push(['Policies', meta.policies]);
  if (meta.groups !== undefined) items.push(['Groups', meta.groups]);
  if (meta.mode !== undefined) items.push(['Mode', meta.mode]);
  if (meta.semantics) items.push(['Semantics', meta.semantics]);
  const coverage = meta.coverage ? describeCoverage(meta.coverage) : null;
  if (coverage) items.push(['Coverage', coverage.line]);
  items.push(['Totals', meta.summary]);
  const warning = coverage?.warning ? `<p class="warning" role="alert">Warning: ${escapeHtml(coverage.warning)}</p>` : '';
  return `<dl class="scope">${items.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd></div>`).join('')}</dl>${warning}`;
}

const STYLE = `
:root { color-scheme: light dark; --fg: #1b1f24; --bg: #ffffff; --muted: #57606a; --line: #d0d7de; --panel: #f6f8fa; --accent: #0072B2; --block: #D55E00; --ok: #009E73; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --line: #3d444d; --panel: #161b22; --accent: #56B4E9; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 1.5rem; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; } h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
.scope { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: .25rem 1.5rem; margin: 0; }
.scope div { display: flex; gap: .5rem; } .scope dt { font-weight: 600; min-width: 6rem; } .scope dd { margin: 0; color: var(--muted); overflow-wrap: anywhere; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: .75rem; margin: 1rem 0; padding: 0; list-style: none; }
.figures li { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem; }
.figures .value { display: block; font-size: 1.8rem; font-weight: 700; font-variant-numeric: tabular-nums; }
.figures .label { color: var(--muted); }
.verdict { font-size: 1.3rem; font-weight: 700; } .verdict.pass { color: var(--ok); } .verdict.fail { color: var(--block); }
figure { margin: 1rem 0; break-inside: avoid; } figcaption { font-weight: 600; margin-bottom: .25rem; }
figure svg { max-width: 100%; height: auto; background: transparent !important; }
figure div[class*="-swatches"] { font-size: .85rem; }
.note { color: var(--muted); font-size: .9rem; }
.warning { color: var(--block); font-weight: 600; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; font-size: .9rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; } caption .count { font-weight: 400; color: var(--muted); }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--panel); position: sticky; top: 0; } .num { text-align: right; }
th button { all: inherit; cursor: pointer; padding: 0; } th button::after { content: " \\2195"; color: var(--muted); }
th[aria-sort="ascending"] button::after { content: " \\2191"; } th[aria-sort="descending"] button::after { content: " \\2193"; }
tbody tr:nth-child(even) { background: color-mix(in srgb, var(--panel) 60%, transparent); }
.filter { margin: .5rem 0; } .filter input { font: inherit; padding: .25rem .5rem; min-width: 18rem; color: var(--fg); background: var(--bg); border: 1px solid var(--line); border-radius: 4px; }
.empty { color: var(--muted); }
footer { margin-top: 2rem; color: var(--muted); font-size: .85rem; }
@media print {
  :root { --fg: #000; --bg: #fff; --muted: #444; --line: #bbb; --panel: #f2f2f2; }
  body { max-width: none; padding: 0; font-size: 11px; }
  .filter { display: none; } th { position: static; } th button::after { content: ""; }
  h2 { break-after: avoid; } tr { break-inside: avoid; }
}
`;

/** Sorting by any column and filtering, added on load: without script the tables stay plain HTML. */
const SCRIPT = `
(() => {
  const key = (row, i) => { const cell = row.cells[i]; return cell ? (cell.dataset.value ?? cell.textContent) : ''; };
  for (const table of document.querySelectorAll('table.sortable')) {
    const headers = [...table.tHead.rows[0].cells];
    headers.forEach((th, i) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.title = 'Sort by ' + th.textContent;
      button.append(...th.childNodes);
      th.append(button);
      button.addEventListener('click', () => {
        const ascending = th.getAttribute('aria-sort') !== 'ascending';
        headers.forEach((h) => h.removeAttribute('aria-sort'));
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        const numeric = th.dataset.type === 'number';
        const body = table.tBodies[0];
        const rows = [...body.rows].sort((a, b) => {
          const x = key(a, i), y = key(b, i);
          const order = numeric ? (x === '' ? -Infinity : Number(x)) - (y === '' ? -Infinity : Number(y)) : x.localeCompare(y);
          return ascending ? order : -order;
        });
        body.append(...rows);
      });
    });
    if (table.hasAttribute('data-filter')) {
      const label = document.createElement('label');
      label.className = 'filter';
      label.textContent = 'Filter: ';
      const input = document.createElement('input');
      input.type = 'search';
      input.placeholder = 'part of any cell';
      input.setAttribute('aria-controls', table.id);
      label.append(input);
      table.parentElement.before(label);
      const count = table.querySelector('caption .count');
      const total = table.tBodies[0].rows.length;
      input.addEventListener('input', () => {
        const query = input.value.trim().toLowerCase();
        let shown = 0;
        for (const row of table.tBodies[0].rows) {
          row.hidden = query !== '' && !row.textContent.toLowerCase().includes(query);
          if (!row.hidden) shown++;
        }
        count.textContent = query === '' ? '(' + total + ' rows)' : '(' + shown + ' of ' + total + ' rows)';
      });
    }
  }
})();
`;

const SCRIPT_HASH = createHash('sha256').update(SCRIPT).digest('base64');

/**
 * One self-contained page: inline CSS, inline SVG, one inline script. The content security policy
 * forbids any network access and any script but ours, should a name from the logs ever slip through.
 */
export function htmlDocument(title: string, body: string, generated: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${SCRIPT_HASH}'">
<meta name="generator" content="signin-audit">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
<footer>${escapeHtml(generated)}</footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
