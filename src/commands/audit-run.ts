import { AuditFailed, UserError } from '../errors.js';
import { formatAuditJson, formatAuditText, auditMeta, checksTable } from '../format/audit.js';
import { loadFormatter } from '../format/index.js';
import { IN_MEMORY, withDatabase } from '../db.js';
import { runQuery } from '../queries.js';
import { checkReadable } from '../schema.js';
import { runAudit } from '../report/audit.js';
import { resolveScope } from '../report/reports.js';
import { computePage } from '../report/page.js';
import { describeWindow } from '../report/window.js';
import type { AuditArgs } from './audit.js';
import { chooseFormat, emit, openArgsSources, terminalWidth } from './report-run.js';

export async function runAuditCommand(args: AuditArgs): Promise<void> {
  if (args.compareLast && !args.db) {
    throw new UserError('--compare-last needs --db: runs are recorded in a database', { hint: 'add --db audit.duckdb' });
  }
  const format = chooseFormat(args);
  const sources = await openArgsSources(args, { writable: Boolean(args.db) && args.record });
  let passed: boolean;
  let failures = '';
  try {
    const { connection } = sources.database;
    const scope = await resolveScope(connection, sources.tables, args);
    const result = await runAudit(connection, scope, {
      semantics: args.semantics,
      thresholds: { maxBlockPct: args.maxBlockPct, maxAppBlockPct: args.maxAppBlockPct, maxBlockedUsers: args.maxBlockedUsers, minRequests: args.minRequests },
      record: Boolean(args.db) && args.record,
      compareLast: args.compareLast,
      options: {
        paths: args.paths,
        log: args.log,
        last: args.last ?? null,
        since: args.since ?? null,
        until: args.until ?? null,
        allTime: Boolean(args.allTime),
        resources: scope.resources,
        maxBlockPct: args.maxBlockPct ?? null,
        maxAppBlockPct: args.maxAppBlockPct ?? null,
        maxBlockedUsers: args.maxBlockedUsers ?? null,
        minRequests: args.minRequests ?? null,
      },
    });
    const window = describeWindow(scope.window);
    if (format === 'json') await emit(formatAuditJson(result), format, args.output);
    else if (format === 'html') {
      const page = await computePage(connection, scope, args.semantics);
      await emit((await import('../format/html.js')).formatHtmlPage({ ...page, meta: { ...page.meta, title: auditMeta(result, window).title }, audit: result }), format, args.output);
    }
    else if (format === 'table') await emit(formatAuditText(result, window), format, args.output);
    else await emit((await loadFormatter(format))(checksTable(result), { ...auditMeta(result, window), width: terminalWidth(args.output) }), format, args.output);
    passed = result.passed;
    failures = result.checks.filter((c) => !c.passed).map((c) => `${c.name} ${c.actual} (limit ${c.limit})`).join(', ');
  } finally {
    sources.close();
  }
  if (!passed) throw new AuditFailed(`audit failed: ${failures}`);
}

export async function runHistoryCommand(args: { db: string; format?: AuditArgs['format']; output?: string }): Promise<void> {
  const format = chooseFormat(args);
  await withDatabase(args.db ?? IN_MEMORY, { readOnly: true }, async ({ connection }) => {
    await checkReadable(connection, args.db);
    const recorded = (await runQuery(connection, 'audit/has-runs')).rows[0]?.[0] === true;
    const table = recorded ? await runQuery(connection, 'audit/history') : { columns: [{ name: 'Run', type: 'INTEGER' }], rows: [] };
    const meta = { title: `Recorded audit runs in ${args.db}`, summary: `${table.rows.length} run${table.rows.length === 1 ? '' : 's'}`, width: terminalWidth(args.output) };
    await emit((await loadFormatter(format))(table, meta), format, args.output);
  });
}
