// The KQL of each report, for Log Analytics and Azure Data Explorer: queries/report/<report>.<semantics>.kql
// beside the SQL of the same report, with the scope and options filled in. Every value a user gives
// becomes an escaped KQL literal (literals.ts); nothing they type is pasted into the query as code.
import { readFileSync } from 'node:fs';
import { UserError } from '../errors.js';
import { queriesPath } from '../project-path.js';
import { logsOf, resourceFilter, resourcesOf } from '../report/scope.js';
import {
  DEFAULT_MIN_DAYS,
  DEFAULT_MIN_REQUESTS,
  DEFAULT_WAVE_MAX_BLOCK_PCT,
  DIMENSIONS,
  MODE_RESULTS,
  NOT_IN_ANY_GROUP,
  RULE_FIELDS,
  type Dimension,
  type LogChoice,
  type Mode,
  type ReportName,
  type ResourcePreset,
  type Semantics,
  type TrendBy,
} from '../vocabulary.js';
import { DEFAULT_LAST, isAnchored, parseDuration, resolveWindow, type WindowOptions } from '../report/window.js';
import { kqlDatetime, kqlHours, kqlRegex, kqlString } from './literals.js';

export const LOG_TABLES: Record<string, string> = { interactive: 'SigninLogs', noninteractive: 'AADNonInteractiveUserSignInLogs' };

/** A blocker rule as read (and checked) from the rules CSV. */
export interface BlockerRule {
  readonly line: number;
  readonly rank: number;
  readonly cause: string;
  readonly field: string;
  readonly match: string;
  readonly pattern: string;
  readonly explanation: string;
  readonly action: string;
}

/** A row of the token protection status-code table as read (and checked) from its CSV; code and platform null/'any' are wildcards. */
export interface StatusCodeRow {
  readonly line: number;
  readonly code: number | null;
  readonly platform: string;
  readonly cause: string;
  readonly selfRemediable: boolean;
  readonly action: string;
  readonly explanation: string;
}

export interface KqlOptions extends WindowOptions {
  readonly log: LogChoice;
  readonly resource?: readonly string[] | undefined;
  readonly allResources?: boolean | undefined;
  readonly resources?: ResourcePreset | undefined;
  readonly semantics: Semantics;
  readonly minRequests?: number | undefined;
  readonly minDays?: number | undefined;
  readonly status?: string | undefined;
  readonly by?: TrendBy | undefined;
  /** The rules for blockers, and the file they came from (named in a comment). */
  readonly rules?: { readonly file: string; readonly rows: readonly BlockerRule[] } | undefined;
  /** The status-code table for corrected apps, users, readiness and blockers, and its file. */
  readonly statusCodes?: { readonly file: string; readonly rows: readonly StatusCodeRow[] } | undefined;
  /** --policy: the ids or names of the token protection policies that decide. */
  readonly policy?: readonly string[] | undefined;
  /** --mode: only the results of report-only or of enforced policies count. */
  readonly mode?: Mode | undefined;
  /** breakdown: its dimensions, in the order asked. */
  readonly dimensions?: readonly Dimension[] | undefined;
  /** waves: the largest share of a group's requests blocked in wave 1. */
  readonly maxBlockPct?: number | undefined;
  /**
   * The groups of --groups (the --group ones, or all), written into the query as datatables; with
   * `limit`, only their members' sign-ins are counted (--group).
   */
  readonly membership?: { readonly groups: readonly { readonly name: string; readonly members: readonly string[] }[]; readonly limit: boolean } | undefined;
}

const template = (name: string): string => readFileSync(queriesPath(`${name}.kql`), 'utf8');

/** Fills {{name}} placeholders; a placeholder left unfilled is our bug, not the user's. */
function fill(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`KQL template placeholder {{${name}}} has no value`);
    return value;
  });
}

/** The filters every leg applies: the window on TimeGenerated, then the resources, then the members of --group. */
function filters(options: KqlOptions): string[] {
  const lines: string[] = [];
  if (isAnchored(options)) {
    // In Log Analytics the data is live: the window ends now, as in the published queries.
    lines.push(`| where TimeGenerated > ago(${kqlHours(parseDuration(options.last ?? DEFAULT_LAST))})`);
  } else {
    const window = resolveWindow(options, null);
    if (window.lo !== null) lines.push(`| where TimeGenerated ${window.loInclusive ? '>=' : '>'} ${kqlDatetime(window.lo)}`);
    if (window.hi !== null) lines.push(`| where TimeGenerated ${window.hiInclusive ? '<=' : '<'} ${kqlDatetime(window.hi)}`);
  }
  // As report_scope in queries/macros.sql: a display name, exact, or a resource application id.
  const resources = resourceFilter(resourcesOf(options));
  if (resources !== null) {
    const list = resources.map((r) => kqlString(r, '--resource')).join(', ');
    lines.push(`| where ResourceDisplayName in (${list}) or tolower(ResourceIdentity) in (${list})`);
  }
  // As is_member in queries/macros.sql: user principal names compared in lower case.
  if (options.membership?.limit) lines.push('| where tolower(UserPrincipalName) in ((Members | project UserPrincipalName))');
  return lines;
}

/** The groups and their members as datatables (Groups, Members), each name an escaped literal. */
function membersValues(options: KqlOptions): string {
  if (!options.membership) return '';
  const groups = options.membership.groups;
  const rows = (list: readonly string[]) => (list.length === 0 ? '' : `\n${list.join(',\n')}`);
  return [
    '// The groups of the membership exports (--groups) and their members, in lower case, as they',
    '// were when this query was printed: datatables, not a watchlist, so that it runs anywhere.',
    `let Groups = datatable(Group: string, Order: long) [${rows(groups.map((g, i) => `    ${kqlString(g.name, 'a group name')}, ${i + 1}`))}\n];`,
    `let Members = datatable(Group: string, UserPrincipalName: string) [${rows(
      groups.flatMap((g) => g.members.map((m) => `    ${kqlString(g.name, 'a group name')}, ${kqlString(m, 'a user principal name')}`)),
    )}\n];`,
  ].join('\n');
}

/**
 * --policy and --mode, as policy_selected in queries/macros.sql: an id or a display name, in lower
 * case; a result among those the mode counts (MODE_RESULTS), exact.
 */
function policyFilter(options: KqlOptions, policy: string, indent: string): string {
  const lines: string[] = [];
  if (options.policy && options.policy.length > 0) {
    const list = [...new Set(options.policy.map((p) => p.toLowerCase()))].map((p) => kqlString(p, '--policy')).join(', ');
    lines.push(`${indent}| where tolower(tostring(${policy}.id)) in (${list}) or tolower(tostring(${policy}.displayName)) in (${list})`);
  }
  const results = MODE_RESULTS[options.mode ?? 'all'];
  if (results !== null) lines.push(`${indent}| where tostring(${policy}.result) in (${results.map((r) => kqlString(r)).join(', ')})`);
  return lines.join('\n');
}

function signins(options: KqlOptions): string {
  const legTemplate = template(`kql/leg.${options.semantics}`);
  const legs = logsOf(options.log).map((log) =>
    fill(legTemplate, { table: LOG_TABLES[log]!, log, filters: filters(options).join('\n    ') }).trimEnd(),
  );
  return fill(template(`kql/signins.${options.semantics}`), {
    legs: legs.join(',\n'),
    members: membersValues(options),
    policy_filter: policyFilter(options, 'Policy', '        '),
  }).trimEnd();
}

/** The bounds of the trend's days: the window's, or (all time, or open ends) the data's. */
function trendDays(options: KqlOptions): { first: string; last: string } {
  // With no requests these are null, and there are no days: as in SQL.
  const dataFirst = 'toscalar(Counts | summarize min(Date))';
  const dataLast = 'toscalar(Counts | summarize max(Date))';
  if (isAnchored(options)) return { first: `ago(${kqlHours(parseDuration(options.last ?? DEFAULT_LAST))})`, last: 'now()' };
  const window = resolveWindow(options, null);
  return {
    first: window.lo === null ? dataFirst : kqlDatetime(window.lo),
    last: window.hi === null ? dataLast : `${kqlDatetime(window.hi)} - 1tick`,
  };
}

const FIELDS: ReadonlySet<string> = new Set(RULE_FIELDS);

/** case(p1, v1, ..., otherwise), or otherwise alone where there is no pair (KQL's case() needs one). */
const caseOf = (pairs: readonly (readonly [string, string])[], otherwise: string, indent: string): string =>
  pairs.length === 0 ? otherwise : `case(\n${pairs.map(([p, v]) => `${indent}${p}, ${v}`).join(',\n')},\n${indent}${otherwise})`;

/** The status-code rows in the order the most specific applies first: as advised_requests orders them. */
function byGenerality(rows: readonly StatusCodeRow[]): StatusCodeRow[] {
  const generality = (r: StatusCodeRow) => (r.platform === 'any' ? 2 : 0) + (r.code === null ? 1 : 0);
  return [...rows].sort((a, b) => generality(a) - generality(b) || a.line - b.line);
}

function codeCondition(row: StatusCodeRow): string {
  const parts = [
    ...(row.code === null ? [] : [`StatusCode == ${kqlString(String(row.code))}`]),
    ...(row.platform === 'any' ? [] : [`Platform == ${kqlString(row.platform, 'a platform')}`]),
  ];
  return parts.length === 0 ? 'true' : parts.join(' and ');
}

function adviceValues(options: KqlOptions): Record<string, string> {
  if (!options.statusCodes) throw new Error('the corrected KQL needs the status-code table');
  const rows = byGenerality(options.statusCodes.rows);
  return {
    status_codes_file: options.statusCodes.file.replace(/[\r\n]/g, ' '),
    code_cause: caseOf(rows.map((r) => [codeCondition(r), kqlString(r.cause, 'a cause')]), '""', '        '),
    code_self_remediable: caseOf(rows.map((r) => [codeCondition(r), String(r.selfRemediable)]), 'false', '        '),
  };
}

function ruleCondition(rule: BlockerRule): string {
  if (!FIELDS.has(rule.field)) throw new UserError(`line ${rule.line}: unknown field ${rule.field}`, { hint: 'see queries/blocker-rules.csv' });
  const field = rule.field;
  switch (rule.match) {
    case 'regex':
      return `${field} matches regex ${kqlRegex(`(?i)${rule.pattern}`)}`;
    case 'not-regex':
      return `not(${field} matches regex ${kqlRegex(`(?i)${rule.pattern}`)})`;
    case 'equals':
      // tolower() folds all of Unicode, as SQL's lower() does; =~ folds ASCII only.
      return `tolower(${field}) == tolower(${kqlString(rule.pattern, 'a rule pattern')})`;
    case 'empty':
      return `isempty(${field})`;
    case 'any':
      return 'true';
    default:
      throw new UserError(`line ${rule.line}: unknown match ${rule.match}`, { hint: 'match: regex, not-regex, equals, empty, any' });
  }
}

function blockerValues(options: KqlOptions): Record<string, string> {
  if (!options.rules) throw new Error('the blockers KQL needs the rules');
  const rows = [...options.rules.rows].sort((a, b) => a.rank - b.rank || a.line - b.line);
  if (rows.length === 0) throw new UserError(`${options.rules.file}: no rules`, { hint: 'a CSV with the header rank,cause,field,match,pattern,explanation,action,source,date' });
  // Each cause's explanation and action: its first row, the status-code table's before the rules'.
  const described = [
    ...[...(options.statusCodes?.rows ?? [])].sort((a, b) => a.line - b.line).map((r) => ({ cause: r.cause, explanation: r.explanation, action: r.action })),
    ...rows.map((r) => ({ cause: r.cause, explanation: r.explanation, action: r.action })),
  ];
  return {
    rules_file: options.rules.file.replace(/[\r\n]/g, ' '),
    cause_rows: described
      .map((d, order) => `    ${kqlString(d.cause, 'a cause')}, ${order}, ${kqlString(d.explanation ?? '', 'an explanation')}, ${kqlString(d.action ?? '', 'an action')}`)
      .join(',\n'),
    rule_cases: rows.map((r) => `        ${ruleCondition(r)}, ${kqlString(r.cause, 'a cause')}`).join(',\n'),
  };
}

function trendValues(options: KqlOptions): Record<string, string> {
  const days = trendDays(options);
  const byApp = options.by === 'app';
  return {
    first_day: days.first,
    last_day: days.last,
    by_app_title: byApp ? ' and app' : '',
    by_app_every: byApp ? ', for every app with requests in the window' : '',
    by_app_key: byApp ? ', AppDisplayName' : '',
    by_app_days: byApp ? '\n    | extend Key = 1\n    | join kind=inner (Counts | distinct AppDisplayName | extend Key = 1) on Key\n    | project Date, AppDisplayName' : '',
    by_app_join: byApp ? ', AppDisplayName' : '',
    by_app_column: byApp ? ', AppDisplayName' : '',
    by_app_sort: byApp ? ', AppDisplayName asc' : '',
  };
}

// The numbers were checked against their ranges where the options are declared (vocabulary.ts).
function thresholdValues(options: KqlOptions): Record<string, string> {
  return { min_requests: String(options.minRequests ?? DEFAULT_MIN_REQUESTS), min_days: String(options.minDays ?? DEFAULT_MIN_DAYS) };
}

function readinessValues(options: KqlOptions): Record<string, string> {
  return {
    readiness: fill(template('kql/readiness.corrected'), thresholdValues(options)).trimEnd(),
    status_filter: options.status ? `| where Status == ${kqlString(options.status, '--status')}` : '',
  };
}

function breakdownValues(options: KqlOptions): Record<string, string> {
  const dimensions = options.dimensions ?? [];
  if (dimensions.length === 0) throw new Error('the breakdown KQL needs its dimensions');
  const columns = dimensions.map((d) => DIMENSIONS[d]);
  return {
    dimension_names: dimensions.join(', '),
    dimensions: columns.join(', '),
    dimension_order: columns.map((c) => `${c} asc`).join(', '),
    // kql semantics: the published rows' keys, and the dimensions (each once).
    row_keys: [...new Set(['Id', 'UserPrincipalName', 'AppDisplayName', 'Result', ...columns])].join(', '),
  };
}

function groupValues(report: ReportName, options: KqlOptions): Record<string, string> {
  if (!options.membership) throw new Error(`the ${report} KQL needs the groups`);
  const groups = options.membership.groups;
  return report === 'groups'
    ? { ...readinessValues(options), outside: kqlString(NOT_IN_ANY_GROUP), outside_order: String(groups.length + 1) }
    : { ...thresholdValues(options), ...blockerValues(options), max_block_pct: String(options.maxBlockPct ?? DEFAULT_WAVE_MAX_BLOCK_PCT) };
}

/** The KQL that computes `report` with these options. */
export function generateKql(report: ReportName, options: KqlOptions): string {
  const values: Record<string, string> = { signins: signins(options), platform_of: template('kql/platform').trimEnd() };
  const kqlPolicy = policyFilter(options, 'ConditionalAccessPolicies', '');
  if (options.semantics === 'corrected' && report !== 'trend') {
    values.advice = fill(template('kql/advice.corrected'), { ...adviceValues(options), platform_of: values.platform_of! }).trimEnd();
  }
  values.policy_filter = options.semantics === 'kql' ? kqlPolicy : policyFilter(options, 'Policy', '    ');
  if (report === 'blockers') Object.assign(values, blockerValues(options));
  if (report === 'trend') Object.assign(values, trendValues(options));
  if (report === 'readiness') Object.assign(values, readinessValues(options));
  if (report === 'breakdown') Object.assign(values, breakdownValues(options));
  if (report === 'groups' || report === 'waves') Object.assign(values, groupValues(report, options));
  const text = fill(template(`report/${report}.${options.semantics}`), values);
  return `${text.split('\n').filter((line) => line.trim() !== '').join('\n').trimEnd()}\n`;
}
