import { existsSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { UserError } from '../errors.js';
import { runQuery, type Params } from '../queries.js';
import { queriesPath } from '../project-path.js';
import type { Cell, Coverage, ReportMeta, ResultTable } from '../result.js';
import {
  COMPARE_COLUMNS,
  COMPARE_SUBJECTS,
  CORRECTED_ONLY_REPORTS,
  DEFAULT_MIN_DAYS,
  DEFAULT_MIN_REQUESTS,
  DEFAULT_WAVE_MAX_BLOCK_PCT,
  DIMENSIONS,
  ENFORCEMENT_BY,
  ENFORCEMENT_ERROR_CODES,
  GROUP_REPORTS,
  MODE_RESULTS,
  GUIDE_NAMES,
  NOT_IN_ANY_GROUP,
  PLATFORMS,
  REPORT_COLUMNS,
  RULE_FIELDS,
  RULE_MATCHES,
  type CompareSubject,
  type Dimension,
  type EnforcementBy,
  type Mode,
  type ReadinessStatus,
  type ReportName,
  type Semantics,
  type TrendBy,
} from '../vocabulary.js';
import { membersOf, readMembership, selectGroups, type Membership } from './groups.js';
import { describeResources, logsOf, membershipParams, resourcesOf, scopeParams, selectionOf, type Scope, type ScopeOptions } from './scope.js';
import { DEFAULT_LAST, describeWindow, isAnchored, parseDuration, resolvePeriods, resolveWindow, type PeriodOptions, type TimeWindow } from './window.js';

export const REPORT_TITLES: Record<ReportName, string> = {
  apps: 'Token protection per app',
  users: 'Token protection per user, app and resource',
  readiness: 'Token protection readiness per user',
  trend: 'Token protection per day',
  blockers: 'Blocked requests by likely cause',
  policies: 'Token protection per policy',
  breakdown: 'Token protection by device and client',
  groups: 'Token protection readiness per group',
  waves: 'Rollout waves per group',
  enforcement: 'Requests enforced token protection blocked',
  compare: 'Token protection before and after',
  worklist: 'Help-desk worklist: blocked users and what to do',
};

export const DEFAULT_BLOCKER_RULES = queriesPath('blocker-rules.csv');
export const DEFAULT_STATUS_CODES = queriesPath('token-protection-status-codes.csv');
/** The worklist's plain words per cause (and app): shipped data, checked by test/compare.test.ts. */
export const HELP_DESK_ACTIONS = queriesPath('help-desk-actions.csv');

/** report compare: what one row is, and the two windows. */
export interface Comparison {
  readonly subject: CompareSubject;
  readonly before: TimeWindow;
  readonly after: TimeWindow;
}

/** What one report needs beyond its scope. */
export interface ReportOptions {
  readonly minRequests?: number | undefined;
  readonly minDays?: number | undefined;
  readonly status?: ReadinessStatus | undefined;
  readonly by?: TrendBy | undefined;
  readonly rules?: string | undefined;
  readonly statusCodes?: string | undefined;
  /** breakdown: the dimensions, in the order asked. */
  readonly dimensions?: readonly Dimension[] | undefined;
  /** waves: the largest share of a group's requests blocked in wave 1. */
  readonly maxBlockPct?: number | undefined;
  /** enforcement: one row per app (the default), user or day. */
  readonly enforcementBy?: EnforcementBy | undefined;
  /** --mode, as given: enforcement refuses report-only. */
  readonly mode?: Mode | undefined;
  /** compare: its subject and periods (resolveComparison). */
  readonly comparison?: Comparison | undefined;
}

/** What limits a scope beyond its window and resources: the membership exports read, and the groups asked for. */
export interface ScopeLimits {
  readonly membership?: Membership | null | undefined;
  readonly group?: readonly string[] | undefined;
}

/**
 * The scope the options ask for; the default window is anchored at the newest sign-in of the logs.
 * A --policy that names no token protection policy of the sign-ins in scope is refused: its
 * reports would be empty, and an audit would pass on nothing.
 */
export async function resolveScope(
  connection: DuckDBConnection,
  { tables: sources, requests }: { readonly tables: readonly string[]; readonly requests: string },
  options: ScopeOptions & ScopeLimits,
): Promise<Scope> {
  const logs = logsOf(options.log);
  const hours = parseDuration(options.last ?? DEFAULT_LAST);
  let anchor: { start: string; end: string } | null = null;
  if (isAnchored(options)) {
    const row = (await runQuery(connection, 'report/newest', { sources, logs, hours })).rows[0];
    if (row && row[0] !== null) anchor = { end: String(row[0]), start: String(row[1]) };
  }
  const groups = options.membership ? selectGroups(options.membership, options.group) : null;
  const scope: Scope = {
    sources,
    requests,
    logs,
    window: resolveWindow(options, anchor),
    resources: resourcesOf(options),
    selection: selectionOf(options),
    members: groups && options.group && options.group.length > 0 ? membersOf(groups) : null,
    groups,
  };
  if (scope.selection?.policies) await checkPolicies(connection, scope, options.policy ?? []);
  return scope;
}

/** The scope of a command's arguments, with the membership exports of --groups read; and their warnings. */
export async function scopeOfArgs(
  connection: DuckDBConnection,
  sources: { readonly tables: readonly string[]; readonly requests: string },
  args: ScopeOptions & { readonly groups?: string | undefined; readonly groupName?: string | undefined; readonly group?: readonly string[] | undefined },
): Promise<{ scope: Scope; warnings: readonly string[] }> {
  const membership = args.groups === undefined ? null : await readMembership(connection, args.groups, args.groupName);
  const scope = await resolveScope(connection, sources, { ...args, membership, group: args.group });
  return { scope, warnings: membership?.warnings ?? [] };
}

/** Whether reading files must keep each policy's display name: to show it, or to match --policy by it. */
export const needsPolicyNames = (report: ReportName | 'page', policy: readonly string[] | undefined): boolean =>
  report === 'policies' || report === 'page' || Boolean(policy && policy.length > 0);

/** Each --policy names a token protection policy of the sign-ins in scope, by id or name. */
async function checkPolicies(connection: DuckDBConnection, scope: Scope, asked: readonly string[]): Promise<void> {
  const seen = await runQuery(connection, 'report/policies-seen', { ...scopeParams(scope), selection: null });
  const keys = new Set(seen.rows.flatMap(([id, name]) => [String(id ?? '').toLowerCase(), String(name ?? '').toLowerCase()]));
  const missing = asked.find((p) => !keys.has(p.toLowerCase()));
  if (missing === undefined) return;
  const names = seen.rows.map(([id, name]) => (name ? `${String(name)} (${String(id)})` : String(id)));
  throw new UserError(`--policy ${JSON.stringify(missing)}: no token protection policy of the sign-ins in scope has this id or name`, {
    hint: names.length === 0 ? 'the sign-ins in scope carry no token protection policy; widen the window or the resources' : `the policies in scope: ${names.slice(0, 8).join(', ')}${names.length > 8 ? ` and ${names.length - 8} more` : ''}`,
  });
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
export const usesStatusCodes = (report: ReportName, semantics: Semantics): boolean => semantics === 'corrected' && report !== 'trend' && report !== 'compare';

/** The bounds of a window as the named parameters of a compare period ($before_lo, ...). */
const periodParams = (prefix: string, window: TimeWindow): Params => ({
  [`${prefix}_lo`]: window.lo,
  [`${prefix}_lo_incl`]: window.loInclusive,
  [`${prefix}_hi`]: window.hi,
  [`${prefix}_hi_incl`]: window.hiInclusive,
});

/**
 * The periods of report compare: as given (--before, --after), or the two ending at the newest
 * sign-in of the scope's logs (--before-last, --after-last), as --last is anchored.
 */
export async function resolveComparison(connection: DuckDBConnection, scope: Scope, subject: CompareSubject | undefined, options: PeriodOptions): Promise<Comparison> {
  if (subject === undefined) throw new UserError('report compare needs a subject: apps, users or policies', { hint: 'e.g. report compare apps --before-last 7d --after-last 7d' });
  let newest: string | null = null;
  if (options.before === undefined && options.after === undefined) {
    const row = (await runQuery(connection, 'report/newest', { sources: scope.sources, logs: scope.logs, hours: 1 })).rows[0];
    newest = row && row[0] !== null ? String(row[0]) : null;
  }
  return { subject, ...resolvePeriods(options, newest) };
}

/** Keeps the subject's key columns of report compare, and the compared ones. */
function compareColumns(table: ResultTable, subject: CompareSubject): ResultTable {
  const keep = [...COMPARE_SUBJECTS[subject], ...COMPARE_COLUMNS].map((name) => table.columns.findIndex((c) => c.name === name));
  return { columns: keep.map((i) => table.columns[i]!), rows: table.rows.map((row) => keep.map((i) => row[i]!)) };
}

function reportParams(report: ReportName, scope: Scope, options: ReportOptions): Params {
  const statusCodes = { status_codes: options.statusCodes ?? DEFAULT_STATUS_CODES };
  const thresholds = { min_requests: options.minRequests ?? DEFAULT_MIN_REQUESTS, min_days: options.minDays ?? DEFAULT_MIN_DAYS };
  switch (report) {
    case 'readiness':
      return { ...statusCodes, ...thresholds, status: options.status ?? null };
    case 'trend':
      return { by_app: options.by === 'app' };
    case 'blockers':
      return { ...statusCodes, rules: options.rules ?? DEFAULT_BLOCKER_RULES };
    case 'breakdown':
      return { ...statusCodes, by: [...(options.dimensions ?? [])] };
    case 'enforcement':
      return { by: options.enforcementBy ?? 'app' };
    case 'groups':
      return { ...statusCodes, ...thresholds, ...membershipParams(scope.groups ?? []), outside: NOT_IN_ANY_GROUP };
    case 'compare': {
      const comparison = options.comparison;
      if (!comparison) throw new Error('report compare: no periods (resolveComparison)');
      return { subject: comparison.subject, ...periodParams('before', comparison.before), ...periodParams('after', comparison.after) };
    }
    case 'worklist':
      return { ...statusCodes, rules: options.rules ?? DEFAULT_BLOCKER_RULES, actions: HELP_DESK_ACTIONS };
    case 'waves':
      return {
        ...statusCodes,
        ...thresholds,
        ...membershipParams(scope.groups ?? []),
        rules: options.rules ?? DEFAULT_BLOCKER_RULES,
        max_block_pct: options.maxBlockPct ?? DEFAULT_WAVE_MAX_BLOCK_PCT,
      };
    default:
      return statusCodes;
  }
}

/** Keeps the named columns, in this order, then those after the last of the dimension columns. */
function breakdownColumns(table: ResultTable, dimensions: readonly Dimension[]): ResultTable {
  const dimensionColumns = new Set<string>(Object.values(DIMENSIONS));
  const keep = [
    ...dimensions.map((d) => table.columns.findIndex((c) => c.name === DIMENSIONS[d])),
    ...table.columns.flatMap((c, i) => (dimensionColumns.has(c.name) ? [] : [i])),
  ];
  return { columns: keep.map((i) => table.columns[i]!), rows: table.rows.map((row) => keep.map((i) => row[i]!)) };
}

/** The columns the vocabulary declares for a report are the SQL's: a difference is our bug. */
function checkColumns(report: ReportName, table: ResultTable, dimensions: readonly Dimension[], subject?: CompareSubject): void {
  const declared = subject ? [...COMPARE_SUBJECTS[subject], ...COMPARE_COLUMNS] : (REPORT_COLUMNS as Partial<Record<ReportName, readonly string[]>>)[report];
  if (!declared) return;
  const expected =
    report === 'breakdown' ? [...dimensions.map((d) => DIMENSIONS[d]), ...declared] : report === 'enforcement' ? [table.columns[0]?.name ?? '', ...declared] : [...declared];
  const actual = table.columns.map((c) => c.name);
  if (actual.join() !== expected.join()) throw new Error(`queries/report/${report}: columns ${actual.join(', ')}, but src/vocabulary.ts declares ${expected.join(', ')}`);
}

const withoutColumn = (table: ResultTable, name: string): ResultTable => {
  const index = table.columns.findIndex((c) => c.name === name);
  return index < 0 ? table : { columns: table.columns.filter((_, i) => i !== index), rows: table.rows.map((row) => row.filter((_, i) => i !== index)) };
};

/** The scope of report enforcement: the results of enforced policies alone count, with the --policy selection if any. */
export const enforcedScope = (scope: Scope): Scope => ({ ...scope, selection: { policies: scope.selection?.policies ?? null, mode: MODE_RESULTS.enforced } });

/** Keeps the key column of --by (the SQL gives all three, the others NULL). */
function enforcementColumns(table: ResultTable, by: EnforcementBy): ResultTable {
  return Object.entries(ENFORCEMENT_BY)
    .filter(([name]) => name !== by)
    .reduce((t, [, column]) => withoutColumn(t, column), table);
}

/**
 * The requests in scope with an error code of an enforced token protection block (530084, 53003)
 * that report enforcement does not count as Blocked, for a warning; null when there are none.
 */
export async function unmatchedEnforcementCodes(connection: DuckDBConnection, scope: Scope): Promise<string | null> {
  const table = await runQuery(connection, 'report/enforcement-unmatched', { ...scopeParams(enforcedScope(scope)), codes: ENFORCEMENT_ERROR_CODES.map(String) });
  const requests = Number(table.rows[0]?.[0] ?? 0);
  if (requests === 0) return null;
  return `${plural(requests, 'request')} carried error code ${String(table.rows[0]?.[1])} without an enforced token protection policy failing them: not counted as Blocked (another Conditional Access policy blocked them, or --policy leaves their policy out)`;
}

const needsGroups = (report: ReportName): UserError =>
  new UserError(`the ${report} report needs --groups: the group membership exports`, { hint: 'add --groups FILE|FOLDER, e.g. --groups sample-groups' });

/** What can be refused before any file is read. */
export function checkReportOptions(report: ReportName, semantics: Semantics, options: ReportOptions & { readonly groups?: string | undefined } = {}): void {
  if (semantics === 'kql' && CORRECTED_ONLY_REPORTS.has(report)) {
    throw new UserError(`the ${report} report is defined on corrected semantics only`, {
      hint: 'drop --semantics kql; apps, users, policies and breakdown have a kql form for reconciling with Log Analytics',
    });
  }
  if (report === 'enforcement' && options.mode === 'report-only') {
    throw new UserError('the enforcement report counts what enforced policies did: --mode report-only leaves it nothing', {
      hint: 'drop --mode (or give --mode enforced); for report-only results see report apps --mode report-only',
    });
  }
  // A command says whether --groups was given; computeReport knows from the scope.
  if (GROUP_REPORTS.has(report) && 'groups' in options && options.groups === undefined) throw needsGroups(report);
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
  if (GROUP_REPORTS.has(report) && scope.groups === null) throw needsGroups(report);
  // A user's own table is checked row by row before it is used; the shipped ones are checked by
  // the tests (test/advice.test.ts), not on every run.
  if (usesStatusCodes(report, semantics) && options.statusCodes !== undefined) await checkStatusCodes(connection, options.statusCodes);
  if ((report === 'blockers' || report === 'waves' || report === 'worklist') && options.rules !== undefined) await checkBlockerRules(connection, options.rules);
  const counted = report === 'enforcement' ? enforcedScope(scope) : scope;
  const table = await runQuery(connection, `report/${report}.${semantics}`, { ...scopeParams(counted), ...reportParams(report, counted, options) });
  const dimensions = options.dimensions ?? [];
  const subject = report === 'compare' ? options.comparison?.subject : undefined;
  const shaped =
    report === 'trend' && options.by !== 'app'
      ? withoutColumn(table, 'AppDisplayName')
      : report === 'breakdown'
        ? breakdownColumns(table, dimensions)
        : report === 'enforcement'
          ? enforcementColumns(table, options.enforcementBy ?? 'app')
          : subject
            ? compareColumns(table, subject)
            : table;
  checkColumns(report, shaped, dimensions, subject);
  return shaped;
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

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

const columnValues = (table: ResultTable, name: string): Cell[] => {
  const index = table.columns.findIndex((c) => c.name === name);
  return table.rows.map((row) => row[index] ?? null);
};

/** The wave plan in a line: who goes first, who follows, who lacks data. */
function summariseWaves(table: ResultTable): string {
  const waves = columnValues(table, 'Wave');
  const groups = columnValues(table, 'Group').map(String);
  const first = groups.filter((_, i) => waves[i] === 1);
  const later = groups.filter((_, i) => waves[i] !== null && waves[i] !== 1);
  const unknown = groups.filter((_, i) => waves[i] === null);
  return [
    first.length > 0 ? `wave 1: ${first.join(', ')}` : 'no group for wave 1',
    later.length > 0 ? plural(later.length, 'later wave') : null,
    unknown.length > 0 ? `too little data: ${unknown.join(', ')}` : null,
  ]
    .filter((part) => part !== null)
    .join('; ');
}

/** One line of totals for the people reading a table. */
function summarise(report: ReportName, table: ResultTable): string {
  switch (report) {
    case 'policies':
      // Short enough for an 80-column header: the rows hold Block and Allow.
      return `${sumColumn(table, 'Requests')} requests over ${plural(table.rows.length, 'policy', 'policies')} (a request may count under several)`;
    case 'groups': {
      const outside = table.rows.at(-1);
      const groups = table.rows.length - 1;
      return `${plural(groups, 'group')} (a user in several counts in each); ${plural(Number(outside?.[table.columns.findIndex((c) => c.name === 'MembersSeen')] ?? 0), 'user')} seen in no group`;
    }
    case 'waves':
      return summariseWaves(table);
    case 'compare': {
      const delta = columnValues(table, 'DeltaPct');
      const fell = delta.filter((d) => typeof d === 'number' && d < 0).length;
      const once = delta.filter((d) => d === null).length;
      return `${plural(table.rows.length, 'row')}: ${fell} with a fall of PctAllowed, ${once} in one period only; NewlyBlocked ${sumColumn(table, 'NewlyBlocked')}`;
    }
    case 'worklist':
      return `${plural(table.rows.length, 'user')} with a blocked request, ${plural(sumColumn(table, 'Block'), 'blocked request')}`;
    case 'readiness':
      return `${table.rows.length} users: ${countWhere(table, 'Status', 'ready')} ready, ${countWhere(table, 'Status', 'ready-after-upgrade')} after upgrade, ${countWhere(table, 'Status', 'blocked')} blocked, ${countWhere(table, 'Status', 'insufficient-data')} insufficient data`;
    case 'blockers':
      return `${sumColumn(table, 'Requests')} blocked requests, ${table.rows.length} cause${table.rows.length === 1 ? '' : 's'}`;
    case 'enforcement': {
      const requests = sumColumn(table, 'Requests');
      const blocked = sumColumn(table, 'Blocked');
      return `${requests} requests decided by enforced policies, ${blocked} blocked${requests === 0 ? '' : ` (${percentOf(blocked, requests, '').trim()})`}`;
    }
    default: {
      const requests = sumColumn(table, 'Requests');
      const allow = sumColumn(table, 'Allow');
      const enforceable = table.columns.some((c) => c.name === 'BlockSelfRemediable') ? `, ${percentOf(allow + sumColumn(table, 'BlockSelfRemediable'), requests, 'enforceable')}` : '';
      const percentages = requests === 0 ? 'n/a' : `${percentOf(allow, requests, 'allowed')}${enforceable}`;
      return `${requests} requests, ${sumColumn(table, 'Block')} Block, ${allow} Allow (${percentages})`;
    }
  }
}

/** The --mode of a selection as people read it: its name and the results it counts. */
function describeMode(results: readonly string[]): string {
  const mode = (Object.keys(MODE_RESULTS) as Mode[]).find((m) => MODE_RESULTS[m]?.join() === results.join());
  return `${mode ?? 'results'} (${results.join(', ')})`;
}

/** What limits a scope beyond window and resources, as people read it: the policies, groups and mode asked for. */
export function describeLimits(scope: Scope, options: { readonly policy?: readonly string[] | undefined }): Pick<ReportMeta, 'policies' | 'groups' | 'mode'> {
  return {
    ...(scope.selection?.policies && options.policy && { policies: options.policy.join(', ') }),
    ...(scope.selection?.mode && { mode: describeMode(scope.selection.mode) }),
    ...(scope.members && scope.groups && { groups: `${scope.groups.map((g) => g.name).join(', ')} (${plural(scope.members.length, 'member')})` }),
  };
}

/** The two periods of report compare, as people read them. */
export const describeComparison = (comparison: Comparison): string => `before: ${describeWindow(comparison.before)}; after: ${describeWindow(comparison.after)}`;

export function describeReport(report: ReportName, semantics: Semantics, scope: Scope, table: ResultTable, coverage?: Coverage, policy?: readonly string[]): ReportMeta {
  return {
    title: REPORT_TITLES[report],
    semantics,
    logs: scope.logs,
    resources: describeResources(scope.resources),
    window: describeWindow(scope.window),
    ...describeLimits(report === 'enforcement' ? enforcedScope(scope) : scope, { policy }),
    summary: summarise(report, table),
    ...(coverage && { coverage }),
  };
}
