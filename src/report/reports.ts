import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DuckDBConnection } from '@duckdb/node-api';
import { UserError } from '../errors.js';
import { runQuery, type Params } from '../queries.js';
import type { Coverage, ReportMeta, ResultTable } from '../result.js';
import {
  CORRECTED_ONLY_REPORTS,
  DEFAULT_MIN_DAYS,
  DEFAULT_MIN_REQUESTS,
  GUIDE_NAMES,
  PLATFORMS,
  RULE_FIELDS,
  RULE_MATCHES,
  type ReadinessStatus,
  type ReportName,
  type Semantics,
  type TrendBy,
} from '../vocabulary.js';
import { describeResources, logsOf, resourcesOf, scopeParams, type Scope, type ScopeOptions } from './scope.js';
import { DEFAULT_LAST, describeWindow, isAnchored, parseDuration, resolveWindow } from './window.js';

export const REPORT_TITLES: Record<ReportName, string> = {
  apps: 'Token protection per app',
  users: 'Token protection per user, app and resource',
  readiness: 'Token protection readiness per user',
  trend: 'Token protection per day',
  blockers: 'Blocked requests by likely cause',
};

export const DEFAULT_BLOCKER_RULES = fileURLToPath(new URL('../../queries/blocker-rules.csv', import.meta.url));
export const DEFAULT_STATUS_CODES = fileURLToPath(new URL('../../queries/token-protection-status-codes.csv', import.meta.url));

/** What one report needs beyond its scope. */
export interface ReportOptions {
  readonly minRequests?: number | undefined;
  readonly minDays?: number | undefined;
  readonly status?: ReadinessStatus | undefined;
  readonly by?: TrendBy | undefined;
  readonly rules?: string | undefined;
  readonly statusCodes?: string | undefined;
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

const firstLineOf = (error: unknown): string => (error instanceof Error ? error.message.split('\n')[0]! : String(error));

/** Runs a check query over a CSV of ours and refuses the file at its first bad row. */
async function checkCsv(connection: DuckDBConnection, query: string, file: string, params: Params, what: string, hint: string): Promise<ResultTable> {
  const checked = await runQuery(connection, query, params).catch((error: unknown) => {
    throw new UserError(`${file}: cannot read the ${what}: ${firstLineOf(error)}`, { hint });
  });
  const problemAt = checked.columns.findIndex((c) => c.name === 'problem');
  const bad = checked.rows.find((row) => row[problemAt] !== null);
  if (bad) throw new UserError(`${file}: line ${String(bad[0])}: ${String(bad[problemAt])}`, { hint });
  return checked;
}

/** The rules file, checked row by row before any request is classified; its rows (line, rank, cause, field, match, pattern, explanation, action, source, date, problem). */
export function checkBlockerRules(connection: DuckDBConnection, rules: string): Promise<ResultTable> {
  return checkCsv(
    connection,
    'report/blocker-rules',
    rules,
    { rules, fields: [...RULE_FIELDS], matches: [...RULE_MATCHES], guides: GUIDE_NAMES },
    'blocker rules',
    `a CSV with the header rank,cause,field,match,pattern,explanation,action,source,date (see queries/blocker-rules.csv); fields: ${RULE_FIELDS.join(', ')}; match: ${RULE_MATCHES.join(', ')}; source: ${GUIDE_NAMES.join(', ')}`,
  );
}

/** The status-code table, checked row by row; its rows (line, code, platform, cause, self_remediable, action, explanation, source, date, problem). */
export function checkStatusCodes(connection: DuckDBConnection, statusCodes: string): Promise<ResultTable> {
  return checkCsv(
    connection,
    'report/status-codes',
    statusCodes,
    { status_codes: statusCodes, platforms: [...PLATFORMS], guides: GUIDE_NAMES },
    'token protection status codes',
    `a CSV with the header code,platform,cause,self_remediable,action,explanation,source,date (see queries/token-protection-status-codes.csv); platform: ${PLATFORMS.join(', ')} or any; source: ${GUIDE_NAMES.join(', ')}`,
  );
}

/** Whether a report reads the status-code table: the corrected ones that say what a Block needs. */
export const usesStatusCodes = (report: ReportName, semantics: Semantics): boolean => semantics === 'corrected' && report !== 'trend';

function reportParams(report: ReportName, options: ReportOptions): Params {
  const statusCodes = { status_codes: options.statusCodes ?? DEFAULT_STATUS_CODES };
  switch (report) {
    case 'readiness':
      return {
        ...statusCodes,
        min_requests: options.minRequests ?? DEFAULT_MIN_REQUESTS,
        min_days: options.minDays ?? DEFAULT_MIN_DAYS,
        status: options.status ?? null,
      };
    case 'trend':
      return { by_app: options.by === 'app' };
    case 'blockers':
      return { ...statusCodes, rules: options.rules ?? DEFAULT_BLOCKER_RULES };
    default:
      return statusCodes;
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
  if (options.statusCodes !== undefined && !existsSync(options.statusCodes)) {
    throw new UserError(`${options.statusCodes}: no such status-code file`, { hint: 'check the path given to --status-codes' });
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
  // A user's own table is checked row by row before it is used; the shipped ones are checked by
  // the tests (test/advice.test.ts), not on every run.
  if (usesStatusCodes(report, semantics) && options.statusCodes !== undefined) await checkStatusCodes(connection, options.statusCodes);
  if (report === 'blockers' && options.rules !== undefined) await checkBlockerRules(connection, options.rules);
  const table = await runQuery(connection, `report/${report}.${semantics}`, { ...scopeParams(scope), ...reportParams(report, options) });
  return report === 'trend' && options.by !== 'app' ? withoutColumn(table, 'AppDisplayName') : table;
}

/** How many sign-in records in scope carry the Conditional Access array and a token protection status. */
export async function computeCoverage(connection: DuckDBConnection, scope: Scope): Promise<Coverage> {
  const table = await runQuery(connection, 'report/coverage', scopeParams(scope));
  const row = table.rows[0] ?? [];
  const at = (name: string) => Number(row[table.columns.findIndex((c) => c.name === name)] ?? 0);
  return { records: at('records'), withPolicies: at('withPolicies'), withStatus: at('withStatus') };
}

function sumColumn(table: ResultTable, name: string): number {
  const index = table.columns.findIndex((c) => c.name === name);
  return index < 0 ? 0 : table.rows.reduce((sum, row) => sum + Number(row[index] ?? 0), 0);
}

function countWhere(table: ResultTable, name: string, value: string): number {
  const index = table.columns.findIndex((c) => c.name === name);
  return table.rows.filter((row) => row[index] === value).length;
}

const percentOf = (part: number, requests: number, what: string): string => `${(Math.round((10000 * part) / requests) / 100).toFixed(2)}% ${what}`;

/** One line of totals for the people reading a table. */
function summarise(report: ReportName, table: ResultTable): string {
  switch (report) {
    case 'readiness':
      return `${table.rows.length} users: ${countWhere(table, 'Status', 'ready')} ready, ${countWhere(table, 'Status', 'ready-after-upgrade')} after upgrade, ${countWhere(table, 'Status', 'blocked')} blocked, ${countWhere(table, 'Status', 'insufficient-data')} insufficient data`;
    case 'blockers':
      return `${sumColumn(table, 'Requests')} blocked requests, ${table.rows.length} cause${table.rows.length === 1 ? '' : 's'}`;
    default: {
      const requests = sumColumn(table, 'Requests');
      const allow = sumColumn(table, 'Allow');
      const enforceable = table.columns.some((c) => c.name === 'BlockSelfRemediable') ? `, ${percentOf(allow + sumColumn(table, 'BlockSelfRemediable'), requests, 'enforceable')}` : '';
      const percentages = requests === 0 ? 'n/a' : `${percentOf(allow, requests, 'allowed')}${enforceable}`;
      return `${requests} requests, ${sumColumn(table, 'Block')} Block, ${allow} Allow (${percentages})`;
    }
  }
}

export function describeReport(report: ReportName, semantics: Semantics, scope: Scope, table: ResultTable, coverage?: Coverage): ReportMeta {
  return {
    title: REPORT_TITLES[report],
    semantics,
    logs: scope.logs,
    resources: describeResources(scope.resources),
    window: describeWindow(scope.window),
    summary: summarise(report, table),
    ...(coverage && { coverage }),
  };
}
