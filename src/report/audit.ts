import type { DuckDBConnection } from '@duckdb/node-api';
import { classifyFailure } from '../failures.js';
import { runQuery } from '../queries.js';
import { withTransaction } from '../transaction.js';
import type { AuditChanges, AuditCheck, AuditResult, AuditTotals, ResultTable } from '../result.js';
import { DEFAULT_STATUS_CODES, computeCoverage, computeReport } from './reports.js';
import type { Mode, Semantics } from '../vocabulary.js';
import { scopeParams, type Scope } from './scope.js';
import { describeWindow, type TimeWindow } from './window.js';

/** Bumped when a field of the audit JSON changes meaning or goes away; new fields may be added. */
export const AUDIT_SCHEMA_VERSION = 1;

export interface Thresholds {
  readonly maxBlockPct?: number | undefined;
  readonly maxAppBlockPct?: number | undefined;
  readonly maxBlockedUsers?: number | undefined;
  readonly minRequests?: number | undefined;
  readonly minEnforceablePct?: number | undefined;
  readonly maxEnforcedBlocks?: number | undefined;
  /** The largest fall of PctAllowed, in percentage points, against the baseline. */
  readonly maxDropPct?: number | undefined;
}

/** What enforced token protection policies did in the window (report enforcement's totals). */
export interface EnforcedTotals {
  readonly requests: number;
  readonly blocked: number;
  readonly blockedUsers: number;
}

/** What --max-drop-pct compares with: the previous recorded run, or the --before period. */
export interface DropBaseline {
  /** For people: "run 3 (2026-11-20T06:00:00.000Z)" or "the period 2026-11-01 ≤ TimeGenerated < 2026-11-08 UTC". */
  readonly label: string;
  readonly pctAllowed: number;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
const blockPct = (block: number, requests: number): number => (requests === 0 ? 0 : round2((100 * block) / requests));

interface AppRow {
  readonly AppDisplayName: string;
  readonly Requests: number;
  readonly Block: number;
}

function rowsOf<T>(table: ResultTable): T[] {
  return table.rows.map((row) => Object.fromEntries(table.columns.map((c, i) => [c.name, row[i]])) as T);
}

/** Each threshold that was given, evaluated: a pure function of the totals and the per-app rows. */
export function evaluateChecks(thresholds: Thresholds, totals: AuditTotals, apps: readonly AppRow[], baseline: DropBaseline | null = null, enforced: EnforcedTotals | null = null): AuditCheck[] {
  const checks: AuditCheck[] = [];
  if (thresholds.maxBlockPct !== undefined) {
    const actual = blockPct(totals.block, totals.requests);
    checks.push({ name: 'max-block-pct', limit: thresholds.maxBlockPct, actual, passed: actual <= thresholds.maxBlockPct, detail: `${totals.block} of ${totals.requests} requests blocked` });
  }
  if (thresholds.maxAppBlockPct !== undefined) {
    const worst = apps
      .map((app) => ({ app: app.AppDisplayName, pct: blockPct(app.Block, app.Requests), block: app.Block, requests: app.Requests }))
      .sort((a, b) => b.pct - a.pct || (a.app < b.app ? -1 : a.app > b.app ? 1 : 0))[0];
    const actual = worst?.pct ?? 0;
    checks.push({
      name: 'max-app-block-pct',
      limit: thresholds.maxAppBlockPct,
      actual,
      passed: actual <= thresholds.maxAppBlockPct,
      detail: worst ? `worst app: ${worst.app} (${worst.block} of ${worst.requests} blocked)` : 'no apps',
    });
  }
  if (thresholds.maxBlockedUsers !== undefined) {
    checks.push({ name: 'max-blocked-users', limit: thresholds.maxBlockedUsers, actual: totals.blockedUsers, passed: totals.blockedUsers <= thresholds.maxBlockedUsers, detail: `${totals.blockedUsers} of ${totals.users} users blocked` });
  }
  if (thresholds.minRequests !== undefined) {
    checks.push({ name: 'min-requests', limit: thresholds.minRequests, actual: totals.requests, passed: totals.requests >= thresholds.minRequests, detail: `${totals.requests} requests in the window` });
  }
  if (thresholds.minEnforceablePct !== undefined) {
    // No requests is not 100 % enforceable: there is nothing to judge by.
    const actual = totals.pctEnforceable ?? 0;
    checks.push({
      name: 'min-enforceable-pct',
      limit: thresholds.minEnforceablePct,
      actual,
      passed: totals.requests > 0 && actual >= thresholds.minEnforceablePct,
      detail: totals.requests === 0 ? 'no requests in the window' : `${totals.allow} allowed and ${totals.blockSelfRemediable} self-remediable of ${totals.requests} requests`,
    });
  }
  if (thresholds.maxEnforcedBlocks !== undefined) {
    const e = enforced ?? { requests: 0, blocked: 0, blockedUsers: 0 };
    checks.push({
      name: 'max-enforced-blocks',
      limit: thresholds.maxEnforcedBlocks,
      actual: e.blocked,
      passed: e.blocked <= thresholds.maxEnforcedBlocks,
      detail: `${e.blocked} of ${e.requests} requests blocked by enforced token protection, ${e.blockedUsers} users`,
    });
  }
  // Without a baseline, or without requests now, there is no fall to measure: runAudit says so.
  if (thresholds.maxDropPct !== undefined && baseline !== null && totals.pctAllowed !== null) {
    const actual = round2(baseline.pctAllowed - totals.pctAllowed);
    checks.push({
      name: 'max-drop-pct',
      limit: thresholds.maxDropPct,
      actual,
      passed: actual <= thresholds.maxDropPct,
      detail: `PctAllowed ${totals.pctAllowed}% against ${baseline.pctAllowed}% in ${baseline.label}`,
    });
  }
  return checks;
}

const isoUtc = (naive: string | null): string | null => (naive === null ? null : `${naive.replace(/(\.\d{3})\d*$/, '$1')}Z`);

export interface AuditOptions {
  readonly semantics: Semantics;
  /** The status-code table (corrected semantics): --status-codes, or the shipped one. */
  readonly statusCodes?: string | undefined;
  readonly thresholds: Thresholds;
  /** Record the run in the database (needs a writable database). */
  readonly record: boolean;
  /** The database's path, for messages. */
  readonly database?: string | undefined;
  readonly compareLast: boolean;
  /** What the run was asked, kept with the record. */
  readonly options: Readonly<Record<string, unknown>>;
  /** --policy, as given. */
  readonly policy?: readonly string[] | undefined;
  /** --mode, as given. */
  readonly mode?: Mode | undefined;
  /** --before: the period --max-drop-pct compares with, instead of the previous recorded run. */
  readonly dropBefore?: TimeWindow | undefined;
}

/**
 * The actual blocks of enforced policies in the scope: report enforcement's rows (per user, so that
 * BlockedUsers adds up), summed. Corrected semantics whatever the audit's: the published queries
 * have no such count.
 */
async function enforcedTotals(connection: DuckDBConnection, scope: Scope): Promise<EnforcedTotals> {
  const rows = rowsOf<{ Requests: number; Blocked: number; BlockedUsers: number }>(await computeReport(connection, 'enforcement', 'corrected', scope, { enforcementBy: 'user' }));
  const sum = (pick: (row: (typeof rows)[number]) => number) => rows.reduce((total, row) => total + pick(row), 0);
  return { requests: sum((r) => r.Requests), blocked: sum((r) => r.Blocked), blockedUsers: sum((r) => r.BlockedUsers) };
}

/**
 * The baseline of --max-drop-pct: PctAllowed over the --before period (the same scope otherwise),
 * or the previous recorded run's; null, with the reason, when there is none to compare with.
 */
async function dropBaseline(connection: DuckDBConnection, scope: Scope, options: AuditOptions, statusCodes: string): Promise<{ baseline: DropBaseline | null; warning?: string }> {
  if (options.dropBefore) {
    const params = { ...scopeParams({ ...scope, window: options.dropBefore }), status_codes: statusCodes };
    const before = rowsOf<AuditTotals>(await runQuery(connection, `audit/totals.${options.semantics}`, params))[0];
    const label = `the period ${describeWindow(options.dropBefore)}`;
    if (!before || before.pctAllowed === null) return { baseline: null, warning: `--max-drop-pct: no requests in ${label} to compare with; the check is skipped` };
    return { baseline: { label, pctAllowed: before.pctAllowed } };
  }
  const recorded = options.database !== undefined && (await runQuery(connection, 'audit/has-runs')).rows[0]?.[0] === true;
  const next = recorded ? Number((await runQuery(connection, 'audit/next-run')).rows[0]?.[0] ?? 1) : 1;
  const previous = recorded ? rowsOf<{ Run: number; RanAt: string; Semantics: string; pctAllowed: number | null }>(await runQuery(connection, 'audit/previous-totals', { run: next }))[0] : undefined;
  if (!previous) {
    return { baseline: null, warning: '--max-drop-pct: no previous recorded run to compare with (and no --before); the check is skipped' };
  }
  if (previous.pctAllowed === null) return { baseline: null, warning: `--max-drop-pct: run ${previous.Run} counted no requests; the check is skipped` };
  return { baseline: { label: `run ${previous.Run} (${previous.RanAt}${previous.Semantics === options.semantics ? '' : `, ${previous.Semantics} semantics`})`, pctAllowed: previous.pctAllowed } };
}

/** Evaluates the thresholds over the scope, records the run, and compares it with the previous one. */
export async function runAudit(connection: DuckDBConnection, scope: Scope, options: AuditOptions): Promise<{ result: AuditResult; warnings: string[] }> {
  const params = scopeParams(scope);
  const statusCodes = options.statusCodes ?? DEFAULT_STATUS_CODES;
  const warnings: string[] = [];
  // Read before this run is recorded: the baseline is the run before it.
  let baseline: DropBaseline | null = null;
  if (options.thresholds.maxDropPct !== undefined) {
    const found = await dropBaseline(connection, scope, options, statusCodes);
    baseline = found.baseline;
    if (found.warning) warnings.push(found.warning);
  }
  const appsTable = await computeReport(connection, 'apps', options.semantics, scope, { statusCodes });
  const totalsRow = rowsOf<AuditTotals>(await runQuery(connection, `audit/totals.${options.semantics}`, { ...params, status_codes: statusCodes }))[0]!;
  const coverage = await computeCoverage(connection, scope);
  const apps = rowsOf<AppRow & { Allow: number; PctAllowed: number }>(appsTable);
  const users = rowsOf<{ UserPrincipalName: string; Requests: number; Block: number }>(await runQuery(connection, `audit/users.${options.semantics}`, params));
  const enforced = options.thresholds.maxEnforcedBlocks === undefined ? null : await enforcedTotals(connection, scope);
  const checks = evaluateChecks(options.thresholds, totalsRow, apps, baseline, enforced);
  if (baseline !== null && totalsRow.pctAllowed === null) warnings.push('--max-drop-pct: no requests in the window, so no PctAllowed to compare; the check is skipped');
  const passed = checks.every((check) => check.passed);
  const ranAt = new Date().toISOString();
  const window = { since: isoUtc(scope.window.lo), until: isoUtc(scope.window.hi), sinceInclusive: scope.window.loInclusive, untilInclusive: scope.window.hiInclusive };
  let run: number | null = null;
  if (options.record || options.compareLast) {
    run = Number((await runQuery(connection, 'audit/next-run')).rows[0]?.[0] ?? 1);
  }
  if (options.record && run !== null) {
    await withTransaction(connection, async () => {
      await runQuery(connection, 'audit/record-run', {
        run,
        ran_at: ranAt.replace('Z', ''),
        since: scope.window.lo,
        until: scope.window.hi,
        window: JSON.stringify(window),
        semantics: options.semantics,
        options: JSON.stringify(options.options),
        totals: JSON.stringify(totalsRow),
        checks: JSON.stringify(checks),
        passed,
      });
      await runQuery(connection, 'audit/record-apps', { run, apps: JSON.stringify(apps) });
      await runQuery(connection, 'audit/record-users', { run, users: JSON.stringify(users) });
    }).catch((error: unknown) => {
      // Say so where the database cannot take the record (a read-only folder: no .wal), and how to audit anyway.
      throw classifyFailure(error, { where: `${options.database ?? 'the database'}: cannot record the audit run`, alsoHint: 'or pass --no-record to audit without recording it' }) ?? error;
    });
  }
  let changes: AuditChanges | null = null;
  if (options.compareLast && run !== null) {
    const previous = (await runQuery(connection, 'audit/previous-run', { run })).rows[0];
    if (previous) {
      const lists = await runQuery(connection, 'audit/changes', { previous: previous[0] ?? null, apps: JSON.stringify(apps), users: JSON.stringify(users) });
      const listOf = (change: string): string[] => lists.rows.filter((r) => r[0] === change).map((r) => String(r[1] ?? ''));
      changes = {
        previousRun: Number(previous[0]),
        previousRanAt: String(previous[1]),
        newlyBlockedApps: listOf('newlyBlockedApps'),
        newlyClearApps: listOf('newlyClearApps'),
        newlyBlockedUsers: listOf('newlyBlockedUsers'),
        newlyClearUsers: listOf('newlyClearUsers'),
      };
    }
  }
  const result: AuditResult = {
    schemaVersion: AUDIT_SCHEMA_VERSION,
    run: options.record ? run : null,
    ranAt,
    semantics: options.semantics,
    logs: scope.logs,
    resources: scope.resources === null ? null : [...scope.resources.names],
    resourceIds: scope.resources === null ? null : [...scope.resources.appIds],
    resourcePreset: scope.resources?.preset ?? null,
    policies: options.policy && options.policy.length > 0 ? [...options.policy] : null,
    groups: scope.members && scope.groups ? scope.groups.map((g) => g.name) : null,
    mode: options.mode ?? 'all',
    window,
    coverage,
    totals: totalsRow,
    checks,
    passed,
    changes,
  };
  return { result, warnings };
}
