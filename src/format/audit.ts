import type { AuditResult, ReportMeta, ResultTable } from '../result.js';
import { headerLines } from './table.js';

/** The checks as rows, for the tabular formats. */
export function checksTable(result: AuditResult): ResultTable {
  return {
    columns: [
      { name: 'Check', type: 'VARCHAR' },
      { name: 'Limit', type: 'DOUBLE' },
      { name: 'Actual', type: 'DOUBLE' },
      { name: 'Result', type: 'VARCHAR' },
      { name: 'Detail', type: 'VARCHAR' },
    ],
    rows: result.checks.map((check) => [check.name, check.limit, check.actual, check.passed ? 'pass' : 'FAIL', check.detail]),
  };
}

/** The scope of an audit as people read it: its window and resources, described by the caller. */
export interface AuditScopeText {
  readonly window: string;
  readonly resources: string;
  readonly policies?: string;
  readonly groups?: string;
  readonly mode?: string;
}

const percent = (value: number | null): string => (value === null ? 'n/a' : `${value}%`);

export function auditMeta(result: AuditResult, scope: AuditScopeText): ReportMeta {
  const t = result.totals;
  return {
    title: `Token protection audit${result.run === null ? '' : `, run ${result.run}`}`,
    semantics: result.semantics,
    logs: result.logs,
    resources: scope.resources,
    window: scope.window,
    ...(scope.policies !== undefined && { policies: scope.policies }),
    ...(scope.groups !== undefined && { groups: scope.groups }),
    ...(scope.mode !== undefined && { mode: scope.mode }),
    coverage: result.coverage,
    summary: `${t.requests} requests, ${t.block} Block, ${t.allow} Allow (${percent(t.pctAllowed)} allowed, ${percent(t.pctEnforceable)} enforceable), ${t.blockedUsers} of ${t.users} users blocked`,
  };
}

/** One stable, versioned JSON object (README: "audit JSON"). */
export const formatAuditJson = (result: AuditResult): string => `${JSON.stringify(result, null, 2)}\n`;

const names = (list: readonly string[]): string => (list.length === 0 ? 'none' : list.join(', '));

/** For people: the header, one line per check, the verdict, and what changed since the last run. */
export function formatAuditText(result: AuditResult, scope: AuditScopeText): string {
  const lines = headerLines(auditMeta(result, scope));
  if (result.checks.length === 0) lines.push('No thresholds given (see signin-audit audit --help): nothing to fail.');
  for (const check of result.checks) {
    const op = check.name.startsWith('min-') ? '≥' : '≤';
    lines.push(`${check.passed ? 'pass' : 'FAIL'}  ${check.name}: ${check.actual} (limit ${op} ${check.limit}) — ${check.detail}`);
  }
  lines.push(result.passed ? 'PASSED' : `FAILED: ${result.checks.filter((c) => !c.passed).length} of ${result.checks.length} checks`);
  const c = result.changes;
  if (c) {
    lines.push(`Since run ${c.previousRun} (${c.previousRanAt}):`);
    lines.push(`  newly blocked apps:  ${names(c.newlyBlockedApps)}`);
    lines.push(`  newly clear apps:    ${names(c.newlyClearApps)}`);
    lines.push(`  newly blocked users: ${names(c.newlyBlockedUsers)}`);
    lines.push(`  newly clear users:   ${names(c.newlyClearUsers)}`);
  }
  return `${lines.join('\n')}\n`;
}
