// The KQL of each report, for Log Analytics and Azure Data Explorer: queries/report/<report>.<semantics>.kql
// beside the SQL of the same report, with the scope and options filled in. Every value a user gives
// becomes an escaped KQL literal (literals.ts); nothing they type is pasted into the query as code.
import { readFileSync } from 'node:fs';
import { UserError } from '../errors.js';
import { logsOf, resourcesOf } from '../report/scope.js';
import { DEFAULT_MIN_DAYS, DEFAULT_MIN_REQUESTS, type LogChoice, type ReportName, type Semantics, type TrendBy } from '../vocabulary.js';
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
}

export interface KqlOptions extends WindowOptions {
  readonly log: LogChoice;
  readonly resource?: readonly string[] | undefined;
  readonly allResources?: boolean | undefined;
  readonly semantics: Semantics;
  readonly minRequests?: number | undefined;
  readonly minDays?: number | undefined;
  readonly status?: string | undefined;
  readonly by?: TrendBy | undefined;
  /** The rules for blockers, and the file they came from (named in a comment). */
  readonly rules?: { readonly file: string; readonly rows: readonly BlockerRule[] } | undefined;
}

const template = (name: string): string => readFileSync(new URL(`../../queries/${name}.kql`, import.meta.url), 'utf8');

/** Fills {{name}} placeholders; a placeholder left unfilled is our bug, not the user's. */
function fill(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`KQL template placeholder {{${name}}} has no value`);
    return value;
  });
}

/** The filters every leg applies: the window on TimeGenerated, then the resources. */
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
  const resources = resourcesOf(options);
  if (resources !== null) lines.push(`| where ResourceDisplayName in (${resources.map((r) => kqlString(r, '--resource')).join(', ')})`);
  return lines;
}

function signins(options: KqlOptions): string {
  const legTemplate = template(`kql/leg.${options.semantics}`);
  const legs = logsOf(options.log).map((log) =>
    fill(legTemplate, { table: LOG_TABLES[log]!, log, filters: filters(options).join('\n    ') }).trimEnd(),
  );
  return fill(template(`kql/signins.${options.semantics}`), { legs: legs.join(',\n') }).trimEnd();
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

const FIELDS = new Set(['UserType', 'UserPrincipalName', 'AppDisplayName', 'ResourceDisplayName', 'OperatingSystem', 'TrustType', 'DeviceId', 'ClientAppUsed', 'Browser', 'UserAgent', 'TokenProtectionStatusCode']);

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
  if (rows.length === 0) throw new UserError(`${options.rules.file}: no rules`, { hint: 'a CSV with the header rank,cause,field,match,pattern,explanation' });
  return {
    rules_file: options.rules.file.replace(/[\r\n]/g, ' '),
    rule_rows: rows.map((r) => `    ${kqlString(r.cause, 'a cause')}, ${r.rank}, ${r.line}, ${kqlString(r.explanation ?? '', 'an explanation')}`).join(',\n'),
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
function readinessValues(options: KqlOptions): Record<string, string> {
  return {
    min_requests: String(options.minRequests ?? DEFAULT_MIN_REQUESTS),
    min_days: String(options.minDays ?? DEFAULT_MIN_DAYS),
    status_filter: options.status ? `| where Status == ${kqlString(options.status, '--status')}` : '',
  };
}

/** The KQL that computes `report` with these options. */
export function generateKql(report: ReportName, options: KqlOptions): string {
  const values: Record<string, string> = { signins: signins(options) };
  if (report === 'blockers') Object.assign(values, blockerValues(options));
  if (report === 'trend') Object.assign(values, trendValues(options));
  if (report === 'readiness') Object.assign(values, readinessValues(options));
  const text = fill(template(`report/${report}.${options.semantics}`), values);
  return `${text.split('\n').filter((line) => line.trim() !== '').join('\n').trimEnd()}\n`;
}
