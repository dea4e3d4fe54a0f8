import type { Argv, CommandModule } from 'yargs';
import { FORMATS, withReportOptions, type ReportArgs } from './report-options.js';

export interface AuditArgs extends ReportArgs {
  maxBlockPct?: number;
  maxAppBlockPct?: number;
  maxBlockedUsers?: number;
  minRequests?: number;
  compareLast: boolean;
  record: boolean;
}

export const auditCommand: CommandModule<object, AuditArgs> = {
  command: 'audit [paths..]',
  describe: 'Pass/fail verdict on thresholds, for schedulers: exit 0 when all pass, 1 when any fails',
  builder: (y: Argv) =>
    withReportOptions(y)
      .option('max-block-pct', { type: 'number', describe: 'Fail when Block / Requests × 100 is above this' })
      .option('max-app-block-pct', { type: 'number', describe: "Fail when any one app's Block percentage is above this" })
      .option('max-blocked-users', { type: 'number', describe: 'Fail when more users than this have a Block' })
      .option('min-requests', { type: 'number', describe: 'Fail when there are fewer requests than this: too little data to judge' })
      .option('compare-last', { type: 'boolean', default: false, describe: 'Say which apps and users are newly blocked or newly clear since the last recorded run (needs --db)' })
      .option('record', { type: 'boolean', default: true, describe: 'Record the run in the --db database (--no-record: do not)' })
      .example('$0 audit --db audit.duckdb --max-block-pct 5 --min-requests 500', 'a nightly gate')
      .example('$0 audit --db audit.duckdb --max-app-block-pct 20 --compare-last --format json', 'for a pipeline, with what changed')
      .example('$0 audit exports/ --max-blocked-users 0', 'straight from files (nothing recorded)') as unknown as Argv<AuditArgs>,
  handler: async (argv) => (await import('./audit-run.js')).runAuditCommand(argv),
};

export const historyCommand: CommandModule<object, { db: string; format?: ReportArgs['format']; output?: string }> = {
  command: 'history',
  describe: 'List the audit runs recorded in a database',
  builder: (y: Argv) =>
    y
      .option('db', { type: 'string', demandOption: true, describe: 'A database audits were recorded in' })
      .option('format', { alias: 'f', choices: FORMATS, describe: 'Output format [default: table]' })
      .option('output', { alias: 'o', type: 'string', describe: 'Write to this file (atomically) instead of stdout' })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'No notes on stderr' })
      .example('$0 history --db audit.duckdb', 'every recorded audit, oldest first') as unknown as Argv<{ db: string; format?: ReportArgs['format']; output?: string }>,
  handler: async (argv) => (await import('./audit-run.js')).runHistoryCommand(argv),
};
