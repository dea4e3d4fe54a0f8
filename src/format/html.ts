import type { AuditPage, AuditResult, ReportMeta, ResultTable } from '../result.js';
import { checksTable } from './audit.js';
import { appsChart, trendChart } from './charts.js';
import { escapeHtml, htmlDocument, scopeHtml, tableHtml } from './html-document.js';

const generated = (): string => `Written by signin-audit on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.`;

const has = (table: ResultTable, ...names: string[]): boolean => names.every((name) => table.columns.some((c) => c.name === name));

function figure(id: string, caption: string, chart: string, note: string): string {
  return `<figure id="${id}" role="group" aria-labelledby="${id}-caption">
<figcaption id="${id}-caption">${escapeHtml(caption)}</figcaption>
${chart}
<p class="note">${escapeHtml(note)}</p>
</figure>`;
}

const appsFigure = (apps: ResultTable): string =>
  figure('apps-chart', 'Allow and Block per app', appsChart(apps), 'Requests per app, most first; the per-app table below has the same numbers.');

const trendFigure = (trend: ResultTable, byApp: ResultTable, topApps: number): string =>
  figure(
    'trend-chart',
    topApps > 0 ? `% allowed per UTC day, overall and for the top ${topApps} apps` : '% allowed per UTC day',
    trendChart(trend, byApp),
    'Days without requests leave a gap. The trend table below has the numbers.',
  );

/** `report <name> --format html` (and `history`): the scope, a chart where one fits, the table. */
export function formatHtml(table: ResultTable, meta: ReportMeta): string {
  const title = meta.semantics ? `${meta.title} (${meta.semantics} semantics)` : meta.title;
  const isApps = has(table, 'AppDisplayName', 'Allow', 'Block', 'Users');
  const isTrend = has(table, 'Date', 'PctAllowed');
  let chart = '';
  if (isApps) chart = appsFigure(table);
  else if (isTrend && !has(table, 'AppDisplayName')) chart = trendFigure(table, { columns: table.columns, rows: [] }, 0);
  const body = `<header><h1>${escapeHtml(title)}</h1>${scopeHtml(meta)}</header>
<main>
${chart}
${tableHtml(table, { id: 'report', caption: meta.title, filter: table.rows.length > 20 })}
</main>`;
  return htmlDocument(title, body, generated());
}

const percent = (value: number | null): string => (value === null ? 'n/a' : `${value.toFixed(2)}%`);

function figures(page: AuditPage): string {
  const t = page.totals;
  const items: [string, string][] = [
    [String(t.requests), 'requests'],
    [percent(t.pctAllowed), 'allowed'],
    [percent(t.pctEnforceable), 'enforceable (allowed, or blocked until a self-remediable upgrade)'],
    [`${t.blockedUsers} of ${t.users}`, 'users blocked'],
    [`${page.readiness.ready} of ${page.readiness.table.rows.length}`, 'users ready to enforce'],
    [`${page.readiness.readyAfterUpgrade} of ${page.readiness.table.rows.length}`, 'users ready after a registration upgrade'],
  ];
  return `<ul class="figures" aria-label="Headline figures">${items.map(([value, label]) => `<li><span class="value">${escapeHtml(value)}</span><span class="label">${escapeHtml(label)}</span></li>`).join('')}</ul>`;
}

function verdict(result: AuditResult): string {
  const failed = result.checks.filter((c) => !c.passed).length;
  const text = result.checks.length === 0 ? 'No thresholds given: nothing to fail' : result.passed ? `PASSED: all ${result.checks.length} checks` : `FAILED: ${failed} of ${result.checks.length} checks`;
  const checks = checksTable(result);
  const c = result.changes;
  const list = (label: string, names: readonly string[]) => `<li>${escapeHtml(label)}: ${names.length === 0 ? 'none' : names.map(escapeHtml).join(', ')}</li>`;
  const changes = c
    ? `<h3>Since run ${c.previousRun} (${escapeHtml(c.previousRanAt)})</h3><ul>${list('Newly blocked apps', c.newlyBlockedApps)}${list('Newly clear apps', c.newlyClearApps)}${list('Newly blocked users', c.newlyBlockedUsers)}${list('Newly clear users', c.newlyClearUsers)}</ul>`
    : '';
  return `<section aria-labelledby="verdict-heading"><h2 id="verdict-heading">Verdict${result.run === null ? '' : `, run ${result.run}`}</h2>
<p class="verdict ${result.passed ? 'pass' : 'fail'}">${escapeHtml(text)}</p>
${result.checks.length > 0 ? tableHtml(checks, { id: 'checks', caption: 'Checks' }) : ''}
${changes}</section>`;
}

/** With --groups: the wave plan, then readiness per group. */
const rollout = (waves: ResultTable, groups: ResultTable): string => `<section aria-labelledby="waves-heading"><h2 id="waves-heading">Rollout waves</h2>
<p class="note">Wave 1: the groups with enough data whose share of blocked requests is at or under the threshold; each group over it gets a wave of its own, in order, with the causes to deal with first; groups with too little data have no wave yet.</p>
${tableHtml(waves, { id: 'waves', caption: 'Rollout waves per group' })}
${tableHtml(groups, { id: 'groups', caption: 'Readiness per group' })}
</section>`;

/** The whole audit on one page: `signin-audit html` and `audit --format html`. */
export function formatHtmlPage(page: AuditPage): string {
  const semanticsNote =
    page.meta.semantics === 'kql'
      ? '<p class="note">Per-app and per-user numbers and the headline figures use kql semantics; readiness, trend, blockers and the worklist are defined on corrected semantics only.</p>'
      : '';
  const topApps = new Set(page.trendByApp.rows.map((row) => row[page.trendByApp.columns.findIndex((c) => c.name === 'AppDisplayName')])).size;
  const r = page.readiness;
  const readinessCounts: ResultTable = {
    columns: [
      { name: 'Status', type: 'VARCHAR' },
      { name: 'Users', type: 'INTEGER' },
    ],
    rows: [
      ['ready', r.ready],
      ['ready-after-upgrade', r.readyAfterUpgrade],
      ['blocked', r.blocked],
      ['insufficient-data', r.insufficientData],
    ],
  };
  const body = `<header><h1>${escapeHtml(page.meta.title)}</h1>${scopeHtml(page.meta, page.tenants)}</header>
<main>
${figures(page)}
${semanticsNote}
${page.audit ? verdict(page.audit) : ''}
<section aria-labelledby="apps-heading"><h2 id="apps-heading">Per app</h2>
${page.apps.rows.length > 0 ? appsFigure(page.apps) : ''}
${tableHtml(page.apps, { id: 'apps', caption: 'Token protection per app', filter: page.apps.rows.length > 20 })}
</section>
<section aria-labelledby="policies-heading"><h2 id="policies-heading">Per policy</h2>
<p class="note">A request counts under each token protection policy that applied to it, with that policy's own outcome, so the rows may add up to more than the requests.</p>
${tableHtml(page.policies, { id: 'policies', caption: 'Token protection per policy' })}
</section>
${page.waves && page.groups ? rollout(page.waves, page.groups) : ''}
<section aria-labelledby="trend-heading"><h2 id="trend-heading">Trend</h2>
${page.trend.rows.length > 0 ? trendFigure(page.trend, page.trendByApp, topApps) : ''}
${tableHtml(page.trend, { id: 'trend', caption: 'Per UTC day' })}
</section>
<section aria-labelledby="blockers-heading"><h2 id="blockers-heading">Blockers</h2>
${tableHtml(page.blockers, { id: 'blockers', caption: 'Blocked requests by likely cause, and what to do' })}
</section>
<section aria-labelledby="worklist-heading"><h2 id="worklist-heading">Help-desk worklist</h2>
<p class="note">One row per user with a blocked request: the apps, platforms and causes, and what to do in plain words (<code>signin-audit report worklist --format csv</code> gives it for a mail merge).</p>
${tableHtml(page.worklist, { id: 'worklist', caption: 'Blocked users and what to do', filter: page.worklist.rows.length > 20 })}
</section>
<section aria-labelledby="readiness-heading"><h2 id="readiness-heading">Readiness</h2>
${tableHtml(readinessCounts, { id: 'readiness-counts', caption: 'Users by readiness' })}
${tableHtml(r.table, { id: 'readiness', caption: 'Readiness per user', filter: true })}
</section>
<section aria-labelledby="users-heading"><h2 id="users-heading">Per user</h2>
${tableHtml(page.users, { id: 'users', caption: 'Token protection per user, app and resource', filter: true })}
</section>
</main>`;
  return htmlDocument(page.meta.title, body, generated());
}
