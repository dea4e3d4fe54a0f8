import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DuckDBConnection } from '@duckdb/node-api';
import { UserError } from '../errors.js';
import { runQuery, type Params } from '../queries.js';
import type { ReportMeta, ResultTable } from '../result.js';
import { CORRECTED_ONLY_REPORTS, DEFAULT_MIN_DAYS, DEFAULT_MIN_REQUESTS, type ReadinessStatus, type ReportName, type Semantics, type TrendBy } from '../vocabulary.js';
import { logsOf, resourcesOf, scopeParams, type Scope, type ScopeOptions } from './scope.js';
import { DEFAULT_LAST, describeWindow, isAnchored, parseDuration, resolveWindow } from './window.js';

export const REPORT_TITLES: Record<ReportName, string> = {
  apps: 'Token protection per app',
  users: 'Token protection per user, app and resource',
  readiness: 'Token protection readiness per user',
  trend: 'Token protection per day',
  blockers: 'Blocked requests by likely cause',
};

export const DEFAULT_BLOCKER_RULES = fileURLToPath(new URL('../../queries/blocker-rules.csv', import.meta.url));

/** What one report needs beyond its scope. */
export interface ReportOptions {
  readonly minRequests?: number | undefined;
  readonly minDays?: number | undefined;
  readonly status?: ReadinessStatus | undefined;
  readonly by?: TrendBy | undefined;
  readonly rules?: string | undefined;
}

/** The scope the options ask for; the default window is anchored at the newest sign-in of the logs. */
export async function resolveScope(connection: DuckDBConnection, { tables: sources, requests }: { readonly tables: readonly string[]; readonly requests: string }, options: ScopeOptions): Promise<Scope> {
  const logs = logsOf(options.log);
  const hours = parseDuration(options.last ?? DEFAULT_LAST);
  let anchor: { start: string; end: string } | null = null;
  if (isAnchored(options)) {
    const row = (await runQuery(connection, 'report/newest', { sources, logs, hours })).rows[0];
    if (row && row[0] !== null) anchor = { end: String(row[0]), start: String(row[1]) };
  }
  return { sources, requests, logs, window: resolveWindow(options, anchor), resources: resourcesOf(options) };
}

/** The rules file, checked row by row before any request is classified; its rows (line, rank, cause, field, match, pattern, explanation, problem). */
export async function checkBlockerRules(connection: DuckDBConnection, rules: string): Promise<ResultTable> {
  const checked = await runQuery(connection, 'report/blocker-rules', { rules }).catch((error: unknown) => {
    throw new UserError(`${rules}: cannot read the blocker rules: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, {
      hint: 'a CSV with the header rank,cause,field,match,pattern,explanation (see queries/blocker-rules.csv)',
    });
  });
  const problemAt = checked.columns.findIndex((c) => c.name === 'problem');
  const bad = checked.rows.find((row) => row[problemAt] !== null);
  if (bad) {
    throw new UserError(`${rules}: line ${String(bad[0])}: ${String(bad[problemAt])}`, {
      hint: 'fields: UserType, UserPrincipalName, AppDisplayName, ResourceDisplayName, OperatingSystem, TrustType, DeviceId, ClientAppUsed, Browser, UserAgent, TokenProtectionStatusCode; match: regex, not-regex, equals, empty, any',
    });
  }
  return checked;
}

function reportParams(report: ReportName, options: ReportOptions): Params {
  switch (report) {
    case 'readiness':
      return {
        min_requests: options.minRequests ?? DEFAULT_MIN_REQUESTS,
        min_days: options.minDays ?? DEFAULT_MIN_DAYS,
        status: options.status ?? null,
      };
    case 'trend':
      return { by_app: options.by === 'app' };
    case 'blockers':
      return { rules: options.rules ?? DEFAULT_BLOCKER_RULES };
    default:
      return {};
  }
}

const withoutColumn = (table: ResultTable, name: string): ResultTable => {
  const index = table.columns.findIndex((c) => c.name === name);
  return index < 0 ? table : { columns: table.columns.filter((_, i) => i !== index), rows: table.rows.map((row) => row.filter((_, i) => i !== index)) };
};

/** What can be refused before any file is read. */
export function checkReportOptions(report: ReportName, semantics: Semantics, options: ReportOptions = {}): void {
  if (semantics === 'kql' && CORRECTED_ONLY_REPORTS.has(report)) {
    throw new UserError(`the ${report} report is defined on corrected semantics only`, {
      hint: 'drop --semantics kql; apps and users have a kql form for reconciling with Log Analytics',
    });
  }
  if (options.rules !== undefined && !existsSync(options.rules)) {
    throw new UserError(`${options.rules}: no such rules file`, { hint: 'check the path given to --rules' });
  }
}

export async function computeReport(
  connection: DuckDBConnection,
  report: ReportName,
  semantics: Semantics,
  scope: Scope,
  options: ReportOptions = {},
): Promise<ResultTable> {
  checkReportOptions(report, semantics, options);
  if (report === 'blockers') await checkBlockerRules(connection, options.rules ?? DEFAULT_BLOCKER_RULES);
  const table = await runQuery(connection, `report/${report}.${semantics}`, { ...scopeParams(scope), ...reportParams(report, options) });
  return report === 'trend' && options.by !== 'app' ? withoutColumn(table, 'AppDisplayName') : table;
}

function sumColumn(table: ResultTable, name: string): number {
  const index = table.columns.findIndex((c) => c.name === name);
  return index < 0 ? 0 : table.rows.reduce((sum, row) => sum + Number(row[index] ?? 0), 0);
}

function countWhere(table: ResultTable, name: string, value: string): number {
  const index = table.columns.findIndex((c) => c.name === name);
  return table.rows.filter((row) => row[index] === value).length;
}

const percentAllowed = (allow: number, requests: number): string =>
  requests === 0 ? 'n/a' : `${(Math.round((10000 * allow) / requests) / 100).toFixed(2)}% allowed`;

/** One line of totals for the people reading a table. */
function summarise(report: ReportName, table: ResultTable): string {
  switch (report) {
    case 'readiness':
      return `${table.rows.length} users: ${countWhere(table, 'Status', 'ready')} ready, ${countWhere(table, 'Status', 'blocked')} blocked, ${countWhere(table, 'Status', 'insufficient-data')} with insufficient data`;
    case 'blockers':
      return `${sumColumn(table, 'Requests')} blocked requests, ${table.rows.length} cause${table.rows.length === 1 ? '' : 's'}`;
    default: {
      const requests = sumColumn(table, 'Requests');
      const allow = sumColumn(table, 'Allow');
      return `${requests} requests, ${sumColumn(table, 'Block')} Block, ${allow} Allow (${percentAllowed(allow, requests)})`;
    }
  }
}

export function describeReport(report: ReportName, semantics: Semantics, scope: Scope, table: ResultTable): ReportMeta {
  return {
    title: REPORT_TITLES[report],
    semantics,
    logs: scope.logs,
    resources: scope.resources,
    window: describeWindow(scope.window),
    summary: summarise(report, table),
  };
}
