import type { DuckDBConnection } from '@duckdb/node-api';
import { runQuery } from '../queries.js';
import type { AuditPage, AuditTotals, ResultTable } from '../result.js';
import { DEFAULT_STATUS_CODES, computeCoverage, computeReport, describeReport, type ReportOptions } from './reports.js';
import { DEFAULT_TOP_APPS, type Semantics } from '../vocabulary.js';
import { scopeParams, type Scope } from './scope.js';

export interface PageOptions extends ReportOptions {
  readonly topApps?: number | undefined;
  /** The --policy values, for the header. */
  readonly policy?: readonly string[] | undefined;
}

const column = (table: ResultTable, name: string): number => table.columns.findIndex((c) => c.name === name);

/** The rows of the top `count` apps of the apps report (it is sorted by Requests, descending). */
function topApps(apps: ResultTable, count: number): Set<string> {
  const name = column(apps, 'AppDisplayName');
  return new Set(apps.rows.slice(0, count).map((row) => String(row[name] ?? '')));
}

export async function computePage(connection: DuckDBConnection, scope: Scope, semantics: Semantics, options: PageOptions = {}): Promise<AuditPage> {
  const params = scopeParams(scope);
  const statusCodes = options.statusCodes;
  const apps = await computeReport(connection, 'apps', semantics, scope, { statusCodes });
  const [totalsResult, tenantsResult] = [
    await runQuery(connection, `audit/totals.${semantics}`, { ...params, status_codes: statusCodes ?? DEFAULT_STATUS_CODES }),
    await runQuery(connection, 'report/tenants', params),
  ];
  const totals = Object.fromEntries(totalsResult.columns.map((c, i) => [c.name, totalsResult.rows[0]?.[i] ?? null])) as unknown as AuditTotals;
  const users = await computeReport(connection, 'users', semantics, scope, { statusCodes });
  // Readiness, trend and blockers are defined on corrected semantics only.
  const readinessTable = await computeReport(connection, 'readiness', 'corrected', scope, { minRequests: options.minRequests, minDays: options.minDays, statusCodes });
  const trend = await computeReport(connection, 'trend', 'corrected', scope, { by: 'day' });
  const byApp = await computeReport(connection, 'trend', 'corrected', scope, { by: 'app' });
  const blockers = await computeReport(connection, 'blockers', 'corrected', scope, { rules: options.rules, statusCodes });
  const policies = await computeReport(connection, 'policies', semantics, scope, { statusCodes });
  // The help desk's list of blocked users, corrected as blockers (whose causes it uses).
  const worklist = await computeReport(connection, 'worklist', 'corrected', scope, { rules: options.rules, statusCodes });
  // With --groups: the groups and the wave plan (corrected, as readiness).
  const thresholds = { minRequests: options.minRequests, minDays: options.minDays, statusCodes };
  const groups = scope.groups ? await computeReport(connection, 'groups', 'corrected', scope, thresholds) : undefined;
  const waves = scope.groups ? await computeReport(connection, 'waves', 'corrected', scope, { ...thresholds, rules: options.rules, maxBlockPct: options.maxBlockPct }) : undefined;
  const coverage = await computeCoverage(connection, scope);
  const top = topApps(apps, options.topApps ?? DEFAULT_TOP_APPS);
  const appAt = column(byApp, 'AppDisplayName');
  const statusAt = column(readinessTable, 'Status');
  const count = (status: string) => readinessTable.rows.filter((row) => row[statusAt] === status).length;
  return {
    meta: { ...describeReport('apps', semantics, scope, apps, coverage, options.policy), title: 'Token protection audit' },
    tenants: tenantsResult.rows.map((row) => String(row[0])),
    totals,
    readiness: {
      ready: count('ready'),
      readyAfterUpgrade: count('ready-after-upgrade'),
      blocked: count('blocked'),
      insufficientData: count('insufficient-data'),
      table: readinessTable,
    },
    apps,
    users,
    trend,
    trendByApp: { columns: byApp.columns, rows: byApp.rows.filter((row) => top.has(String(row[appAt] ?? ''))) },
    blockers,
    worklist,
    policies,
    ...(groups && waves && { groups, waves }),
  };
}
