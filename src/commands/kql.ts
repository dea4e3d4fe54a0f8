import type { Argv, CommandModule } from 'yargs';
import { withCountOptions, type CountArgs } from './report-options.js';

export interface KqlArgs extends CountArgs {
  report: 'apps' | 'users' | 'readiness' | 'trend' | 'blockers';
  minRequests?: number;
  minDays?: number;
  status?: 'ready' | 'blocked' | 'insufficient-data';
  by?: 'day' | 'app';
  rules?: string;
  output?: string;
}

export const kqlCommand: CommandModule<object, KqlArgs> = {
  command: 'kql <report>',
  describe: 'Print the KQL of a report, to run in Log Analytics or Azure Data Explorer where the logs already are',
  builder: (y: Argv) =>
    withCountOptions(y.positional('report', { choices: ['apps', 'users', 'readiness', 'trend', 'blockers'] as const, describe: 'The report' }), {
      last: 'Window: TimeGenerated > ago(this) (h, d, w) [default: 7d]',
      allTime: 'No window (the workspace retention bounds it)',
    })
      .option('min-requests', { type: 'number', describe: 'readiness: requests a user needs to be ready [default: 10]' })
      .option('min-days', { type: 'number', describe: 'readiness: distinct UTC days a user needs [default: 5]' })
      .option('status', { choices: ['ready', 'blocked', 'insufficient-data'] as const, describe: 'readiness: only users with this status' })
      .option('by', { choices: ['day', 'app'] as const, default: 'day' as const, describe: 'trend: one row per day, or per day and app' })
      .option('rules', { type: 'string', describe: 'blockers: a rules CSV of your own [default: queries/blocker-rules.csv]' })
      .option('output', { alias: 'o', type: 'string', describe: 'Write to this file (atomically) instead of stdout' })
      .example('$0 kql apps', 'paste into Log Analytics: the last 7 days of both logs')
      .example('$0 kql users --log noninteractive --since 2026-11-01 --until 2026-11-15', 'a fixed window, one log')
      .example("$0 kql apps -o apps.kql && az monitor log-analytics query -w $WORKSPACE --analytics-query \"$(cat apps.kql)\"", 'run it from a script')
      .example('$0 kql blockers --rules my-rules.csv', 'with your own blocker rules') as unknown as Argv<KqlArgs>,
  handler: async (argv) => (await import('./kql-run.js')).runKql(argv),
};
