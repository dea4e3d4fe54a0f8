import type { Argv, CommandModule } from 'yargs';
import { AuditFailed, UserError } from '../errors.js';
import { loadFormatter } from '../format/index.js';
import { withInterrupt, interruptibly } from '../interrupt.js';
import { chooseFormat, emit, terminalWidth, warn } from '../output.js';
import { withDatabaseOption, withDropOptions, withFormatOptions, withReportOptions, withThresholdOptions, type AuditArgs, type HistoryArgs } from '../vocabulary.js';

/** Evaluates the thresholds, records the run (with --db), writes the verdict; a failed check is exit 1. */
export async function runAuditCommand(args: AuditArgs): Promise<void> {
  if (args.compareLast && !args.db) {
    throw new UserError('--compare-last needs --db: runs are recorded in a database', { hint: 'add --db audit.duckdb' });
  }
  const format = chooseFormat(args);
  const { formatAuditJson, formatAuditText, auditMeta, checksTable } = await import('../format/audit.js');
  const { runAudit } = await import('../report/audit.js');
  const { computePage } = await import('../report/page.js');
  const { describeLimits, needsPolicyNames, scopeOfArgs } = await import('../report/reports.js');
  const { openSourcesFor } = await import('../report/sources.js');
  const { describeWindow } = await import('../report/window.js');
  const { describeResources, resourceFilter } = await import('../report/scope.js');
  const { describeCoverage } = await import('../result.js');
  if (args.statusCodes !== undefined) (await import('../report/reports.js')).checkReportOptions('apps', args.semantics, { statusCodes: args.statusCodes });
  if (args.maxEnforcedBlocks !== undefined && args.mode === 'report-only') {
    throw new UserError('--max-enforced-blocks counts what enforced policies blocked: --mode report-only leaves it nothing', {
      hint: 'drop --mode report-only, or check report-only results with --max-block-pct',
    });
  }
  const record = Boolean(args.db) && args.record;
  const sources = await openSourcesFor(args, { writable: record, policyNames: needsPolicyNames(format === 'html' ? 'page' : 'apps', args.policy) });
  let passed: boolean;
  let failures = '';
  try {
    const { connection } = sources.database;
    const { scope, warnings } = await scopeOfArgs(connection, sources, args);
    if (!args.quiet) for (const warning of warnings) warn(warning);
    const { parsePeriod } = await import('../report/window.js');
    const { result, warnings: auditWarnings } = await withInterrupt((signal) =>
      interruptibly(
        connection,
        signal,
        () =>
          runAudit(connection, scope, {
            semantics: args.semantics,
            thresholds: {
              maxBlockPct: args.maxBlockPct,
              maxAppBlockPct: args.maxAppBlockPct,
              maxBlockedUsers: args.maxBlockedUsers,
              minRequests: args.minRequests,
              minEnforceablePct: args.minEnforceablePct,
              maxEnforcedBlocks: args.maxEnforcedBlocks,
              maxDropPct: args.maxDropPct,
            },
            dropBefore: args.before === undefined ? undefined : parsePeriod('--before', args.before),
            statusCodes: args.statusCodes,
            record,
            database: args.db,
            compareLast: args.compareLast,
            policy: args.policy,
            mode: args.mode,
            options: {
              paths: args.paths,
              log: args.log,
              last: args.last ?? null,
              since: args.since ?? null,
              until: args.until ?? null,
              allTime: Boolean(args.allTime),
              resources: resourceFilter(scope.resources),
              policies: args.policy ?? null,
              groups: args.groups ?? null,
              groupName: args.groupName ?? null,
              group: args.group ?? null,
              statusCodes: args.statusCodes ?? null,
              maxBlockPct: args.maxBlockPct ?? null,
              maxAppBlockPct: args.maxAppBlockPct ?? null,
              maxBlockedUsers: args.maxBlockedUsers ?? null,
              minRequests: args.minRequests ?? null,
              minEnforceablePct: args.minEnforceablePct ?? null,
              maxEnforcedBlocks: args.maxEnforcedBlocks ?? null,
              mode: args.mode,
              maxDropPct: args.maxDropPct ?? null,
              before: args.before ?? null,
            },
          }),
        record ? 'interrupted; the audit was not recorded' : 'interrupted',
      ),
    );
    const scopeText = { window: describeWindow(scope.window), resources: describeResources(scope.resources), ...describeLimits(scope, args) };
    if (!args.quiet) for (const warning of auditWarnings) warn(warning);
    const coverage = describeCoverage(result.coverage);
    if (coverage.warning && !args.quiet) warn(coverage.warning);
    if (format === 'json') await emit(formatAuditJson(result), format, args.output);
    else if (format === 'html') {
      const page = await computePage(connection, scope, args.semantics, { statusCodes: args.statusCodes, maxBlockPct: args.maxBlockPct, policy: args.policy });
      const { formatHtmlPage } = await import('../format/html.js');
      await emit(formatHtmlPage({ ...page, meta: { ...page.meta, title: auditMeta(result, scopeText).title }, audit: result }), format, args.output);
    } else if (format === 'table') await emit(formatAuditText(result, scopeText), format, args.output);
    else await emit((await loadFormatter(format))(checksTable(result), { ...auditMeta(result, scopeText), width: terminalWidth(args.output) }), format, args.output);
    passed = result.passed;
    failures = result.checks
      .filter((c) => !c.passed)
      .map((c) => `${c.name} ${c.actual} (limit ${c.limit})`)
      .join(', ');
  } finally {
    sources.close();
  }
  if (!passed) throw new AuditFailed(`audit failed: ${failures}`);
}

/** Lists the audit runs recorded in a database. */
export async function runHistoryCommand(args: HistoryArgs): Promise<void> {
  const format = chooseFormat(args);
  const { withDatabase } = await import('../db.js');
  const { runQuery } = await import('../queries.js');
  const { checkReadable } = await import('../schema.js');
  await withDatabase(args.db, { readOnly: true }, async ({ connection }) => {
    await checkReadable(connection, args.db);
    const recorded = (await runQuery(connection, 'audit/has-runs')).rows[0]?.[0] === true;
    const table = recorded ? await runQuery(connection, 'audit/history') : { columns: [{ name: 'Run', type: 'INTEGER' }], rows: [] };
    const meta = { title: `Recorded audit runs in ${args.db}`, summary: `${table.rows.length} run${table.rows.length === 1 ? '' : 's'}`, width: terminalWidth(args.output) };
    await emit((await loadFormatter(format))(table, meta), format, args.output);
  });
}

export const auditCommand: CommandModule<object, AuditArgs> = {
  command: 'audit [paths..]',
  describe: 'Pass/fail verdict on thresholds, for schedulers: exit 0 when all pass, 1 when any fails',
  builder: (y: Argv) =>
    withDropOptions(withThresholdOptions(withReportOptions(y)))
      .option('compare-last', { type: 'boolean', default: false, describe: 'Say which apps and users are newly blocked or newly clear since the last recorded run (needs --db)' })
      .option('record', { type: 'boolean', default: true, describe: 'Record the run in the --db database (--no-record: do not)' })
      .example('$0 audit --db audit.duckdb --max-block-pct 5 --min-requests 500', 'a nightly gate')
      .example('$0 audit --db audit.duckdb --max-app-block-pct 20 --compare-last --format json', 'for a pipeline, with what changed')
      .example('$0 audit exports/ --max-blocked-users 0', 'straight from files (nothing recorded)')
      .example('$0 audit --db audit.duckdb --last 24h --max-enforced-blocks 0', 'after the switch: fail on any request the enforced policy blocked')
      .example('$0 audit --db audit.duckdb --mode report-only --max-block-pct 5', 'judge the report-only policy alone, enforced ones aside')
      .example('$0 audit --db audit.duckdb --last 1d --max-drop-pct 2', 'fail when PctAllowed fell by more than 2 points since the last recorded run')
      .example('$0 audit --db audit.duckdb --last 1d --max-drop-pct 2 --before 2026-11-01..2026-11-08', 'against a week of your choosing') as unknown as Argv<AuditArgs>,
  handler: (argv) => runAuditCommand(argv),
};

export const historyCommand: CommandModule<object, HistoryArgs> = {
  command: 'history',
  describe: 'List the audit runs recorded in a database',
  builder: (y: Argv) =>
    withFormatOptions(withDatabaseOption(y, 'A database audits were recorded in'), 'Output format [default: table]')
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'No notes on stderr' })
      .example('$0 history --db audit.duckdb', 'every recorded audit, oldest first') as unknown as Argv<HistoryArgs>,
  handler: (argv) => runHistoryCommand(argv),
};
