import type { DuckDBConnection } from '@duckdb/node-api';
import { runQuery } from '../queries.js';
import type { ReportMeta, ResultTable } from '../result.js';
import { logsOf, resourcesOf, scopeParams, type Scope, type ScopeOptions, type Semantics } from './scope.js';
import { DEFAULT_LAST, describeWindow, isAnchored, parseDuration, resolveWindow } from './window.js';

export const REPORTS = ['apps', 'users'] as const;
export type ReportName = (typeof REPORTS)[number];

export const REPORT_TITLES: Record<ReportName, string> = {
  apps: 'Token protection per app',
  users: 'Token protection per user, app and resource',
};

/** The scope the options ask for; the default window is anchored at the newest sign-in of the logs. */
export async function resolveScope(connection: DuckDBConnection, sources: readonly string[], options: ScopeOptions): Promise<Scope> {
  const logs = logsOf(options.log);
  const hours = parseDuration(options.last ?? DEFAULT_LAST);
  let anchor: { start: string; end: string } | null = null;
  if (isAnchored(options)) {
    const row = (await runQuery(connection, 'report/newest', { sources, logs, hours })).rows[0];
    if (row && row[0] !== null) anchor = { end: String(row[0]), start: String(row[1]) };
  }
  return { sources, logs, window: resolveWindow(options, anchor), resources: resourcesOf(options) };
}

export async function computeReport(connection: DuckDBConnection, report: ReportName, semantics: Semantics, scope: Scope): Promise<ResultTable> {
  return runQuery(connection, `report/${report}.${semantics}`, scopeParams(scope));
}

function sumColumn(table: ResultTable, name: string): number {
  const index = table.columns.findIndex((c) => c.name === name);
  return index < 0 ? 0 : table.rows.reduce((sum, row) => sum + Number(row[index] ?? 0), 0);
}

export function describeReport(report: ReportName, semantics: Semantics, scope: Scope, table: ResultTable): ReportMeta {
  return {
    title: REPORT_TITLES[report],
    semantics,
    logs: scope.logs,
    resources: scope.resources,
    window: describeWindow(scope.window),
    totals: { requests: sumColumn(table, 'Requests'), block: sumColumn(table, 'Block'), allow: sumColumn(table, 'Allow') },
  };
}
