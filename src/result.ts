/** The one contract between computing and formatting. */
export type Cell = string | number | boolean | null;

export interface Column {
  readonly name: string;
  /** DuckDB type name, e.g. 'VARCHAR', 'INTEGER', 'DOUBLE', 'TIMESTAMP'. */
  readonly type: string;
}

export interface ResultTable {
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly Cell[])[];
}

/** What a formatter may say about a report besides its rows. */
export interface ReportMeta {
  readonly title: string;
  readonly semantics?: string;
  readonly logs?: readonly string[];
  /** The resources counted, as people read them: 'all', a preset and its resources, or names. */
  readonly resources?: string;
  readonly window?: string;
  /** The --policy ids or names the report is limited to, as given. */
  readonly policies?: string;
  /** The --group groups the report is limited to, and how many users they hold. */
  readonly groups?: string;
  /** The --mode results the report counts, as people read them, when not every one. */
  readonly mode?: string;
  /** A line of totals, e.g. "120 requests, 30 Block, 90 Allow (75.00% allowed)". */
  readonly summary: string;
  /** How many sign-ins in scope carry what the reports need. */
  readonly coverage?: Coverage;
  /** Columns a table may use: the terminal's width, 80 when unknown (pipes, files) or narrower. */
  readonly width?: number | undefined;
}

/** Of the sign-in records in scope, how many carry the Conditional Access array and a token protection status. */
export interface Coverage {
  readonly records: number;
  readonly withPolicies: number;
  readonly withStatus: number;
}

/** Most records lack the Conditional Access array: the reports cannot see most requests. */
export const lacksPolicies = (coverage: Coverage): boolean => coverage.records > 0 && coverage.withPolicies * 2 < coverage.records;

/** The coverage line of a header, and the warning that goes with too little of it. */
export function describeCoverage(coverage: Coverage): { line: string; warning: string | null } {
  const { records, withPolicies, withStatus } = coverage;
  const line = `${records} sign-in${records === 1 ? '' : 's'}, ${withPolicies} with CA policies, ${withStatus} with token protection status`;
  const warning = lacksPolicies(coverage)
    ? `${records - withPolicies} of ${records} sign-ins in scope carry no Conditional Access policies (the export or its pipeline may strip them): their token protection outcome is unknown, so these numbers can look better than they are`
    : null;
  return { line, warning };
}

/** An audit's verdict: what `audit --format json` prints, schema version AUDIT_SCHEMA_VERSION. */
export interface AuditResult {
  readonly schemaVersion: number;
  readonly run: number | null;
  readonly ranAt: string;
  readonly semantics: string;
  readonly logs: readonly string[];
  /** The ResourceDisplayName values counted; null: all. */
  readonly resources: readonly string[] | null;
  /** The resource application ids counted too (a preset's); null: all. */
  readonly resourceIds: readonly string[] | null;
  /** The --resources preset, when the resources are one. */
  readonly resourcePreset: string | null;
  /** The --policy ids or names that decided (null: every token protection policy). */
  readonly policies: readonly string[] | null;
  /** The --group groups whose members' sign-ins were audited (null: everyone's). */
  readonly groups: readonly string[] | null;
  /** --mode: the policy results counted, report-only, enforced or all. */
  readonly mode: string;
  readonly window: { readonly since: string | null; readonly until: string | null; readonly sinceInclusive: boolean; readonly untilInclusive: boolean };
  readonly coverage: Coverage;
  readonly totals: AuditTotals;
  readonly checks: readonly AuditCheck[];
  readonly passed: boolean;
  readonly changes: AuditChanges | null;
}

export interface AuditTotals {
  readonly requests: number;
  readonly block: number;
  readonly allow: number;
  readonly users: number;
  readonly blockedUsers: number;
  readonly pctAllowed: number | null;
  /** Blocks a user clears with a one-time registration upgrade (status-code table, or the published formula with kql). */
  readonly blockSelfRemediable: number;
  /** round(100 × (allow + blockSelfRemediable) / requests, 2); null with no requests. */
  readonly pctEnforceable: number | null;
}

export interface AuditCheck {
  readonly name: string;
  readonly limit: number;
  readonly actual: number;
  readonly passed: boolean;
  /** For people: what was measured, e.g. the app with the highest block rate. */
  readonly detail: string;
}

export interface AuditChanges {
  readonly previousRun: number;
  readonly previousRanAt: string;
  readonly newlyBlockedApps: readonly string[];
  readonly newlyClearApps: readonly string[];
  readonly newlyBlockedUsers: readonly string[];
  readonly newlyClearUsers: readonly string[];
}

/** Everything the HTML audit page shows: computed by src/report/page.ts, drawn by src/format/html.ts. */
export interface AuditPage {
  readonly meta: ReportMeta;
  readonly tenants: readonly string[];
  readonly totals: AuditTotals;
  readonly readiness: { readonly ready: number; readonly readyAfterUpgrade: number; readonly blocked: number; readonly insufficientData: number; readonly table: ResultTable };
  readonly apps: ResultTable;
  readonly users: ResultTable;
  /** Per day, overall. */
  readonly trend: ResultTable;
  /** Per day and app, for the top apps by requests only. */
  readonly trendByApp: ResultTable;
  readonly blockers: ResultTable;
  /** One row per blocked user, with what to do in plain words (report worklist). */
  readonly worklist: ResultTable;
  /** One row per token protection policy (report policies). */
  readonly policies: ResultTable;
  /** With --groups: readiness per group (report groups) and the rollout plan (report waves). */
  readonly groups?: ResultTable;
  readonly waves?: ResultTable;
  /** The audit's verdict, when the page is drawn for `audit --format html`. */
  readonly audit?: AuditResult;
}
