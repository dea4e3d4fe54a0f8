import type { DuckDBConnection } from '@duckdb/node-api';
import { runQuery } from '../queries.js';
import type { AuditResult, AuditTotals, ReportMeta, ResultTable } from '../result.js';
import { computeReport, describeReport, type ReportOptions } from './reports.js';
import { scopeParams, type Scope, type Semantics } from './scope.js';

/** Apps drawn as their own line in the trend chart, besides the overall line. */
export const DEFAULT_TOP_APPS = 5;
/** As many as the trend chart has colours told apart, besides the overall line's. */
export const MAX_TOP_APPS = 7;

/** Everything the HTML audit page shows: computed here, drawn by src/format/html.ts. */
export interface AuditPage {
  readonly meta: ReportMeta;
  readonly tenants: readonly string[];
  readonly totals: AuditTotals;
  readonly readiness: { readonly ready: number; readonly blocked: number; readonly insufficientData: number; readonly table: ResultTable };
  readonly apps: ResultTable;
  readonly users: ResultTable;
  /** Per day, overall. */
  readonly trend: ResultTable;
  /** Per day and app, for the top apps by requests only. */
  readonly trendByApp: ResultTable;
  readonly blockers: ResultTable;
  /** The audit's verdict, when the page is drawn for `audit --format html`. */
  readonly audit?: AuditResult;
}

export interface PageOptions extends ReportOptions {
  readonly topApps?: number | undefined;
}

const column = (table: ResultTable, name: string): number => table.columns.findIndex((c) => c.name === name);

/** The rows of the top `count` apps of the apps report (it is sorted by Requests, descending). */
function topApps(apps: ResultTable, count: number): Set<string> {
  const name = column(apps, 'AppDisplayName');
  return new Set(apps.rows.slice(0, count).map((row) => String(row[name] ?? '')));
}

export async function computePage(connection: DuckDBConnection, scope: Scope, semantics: Semantics, options: PageOptions = {}): Promise<AuditPage> {
  const params = scopeParams(scope);
  const [totalsResult, tenantsResult] = [await runQuery(connection, `audit/totals.${semantics}`, params), await runQuery(connection, 'report/tenants', params)];
  const totals = Object.fromEntries(totalsResult.columns.map((c, i) => [c.name, totalsResult.rows[0]?.[i] ?? null])) as unknown as AuditTotals;
  const apps = await computeReport(connection, 'apps', semantics, scope);
  const users = await computeReport(connection, 'users', semantics, scope);
  // Readiness, trend and blockers are defined on corrected semantics only.
  const readinessTable = await computeReport(connection, 'readiness', 'corrected', scope, { minRequests: options.minRequests, minDays: options.minDays });
  const trend = await computeReport(connection, 'trend', 'corrected', scope, { by: 'day' });
  const byApp = await computeReport(connection, 'trend', 'corrected', scope, { by: 'app' });
  const blockers = await computeReport(connection, 'blockers', 'corrected', scope, { rules: options.rules });
  const top = topApps(apps, options.topApps ?? DEFAULT_TOP_APPS);
  const appAt = column(byApp, 'AppDisplayName');
  const statusAt = column(readinessTable, 'Status');
  const count = (status: string) => readinessTable.rows.filter((row) => row[statusAt] === status).length;
  return {
    meta: { ...describeReport('apps', semantics, scope, apps), title: 'Token protection audit' },
    tenants: tenantsResult.rows.map((row) => String(row[0])),
    totals,
    readiness: { ready: count('ready'), blocked: count('blocked'), insufficientData: count('insufficient-data'), table: readinessTable },
    apps,
    users,
    trend,
    trendByApp: { columns: byApp.columns, rows: byApp.rows.filter((row) => top.has(String(row[appAt] ?? ''))) },
    blockers,
  };
}
