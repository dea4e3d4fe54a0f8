import type { Argv, CommandModule } from 'yargs';
import { withReportOptions, type ReportArgs } from './report-options.js';

const reportModule = (name: 'apps' | 'users', describe: string, examples: [string, string][]): CommandModule<object, ReportArgs> => ({
  command: `${name} [paths..]`,
  describe,
  builder: (y: Argv) => examples.reduce((acc, [cmd, what]) => acc.example(cmd, what), withReportOptions(y)) as unknown as Argv<ReportArgs>,
  handler: async (argv) => (await import('./report-run.js')).runReport(name, argv),
});

export const reportCommand: CommandModule = {
  command: 'report <report>',
  describe: 'Token protection Block/Allow reports, from export files or a database',
  builder: (y: Argv) =>
    y
      .command(
        reportModule('apps', 'Per app: Requests, Users, Block, Allow, BlockedUsers, PctAllowed', [
          ['$0 report apps sample-logs', 'the shipped samples, last 7 days of data'],
          ['$0 report apps --db audit.duckdb --log noninteractive --last 30d', 'one log, a longer window'],
          ['$0 report apps exports/ --format csv -o apps.csv', 'for a spreadsheet'],
          ['$0 report apps --db audit.duckdb --semantics kql', 'the published KQL to the letter, to reconcile'],
        ]),
      )
      .command(
        reportModule('users', 'Per user, app and resource: Requests, Block, Allow, PctAllowed', [
          ['$0 report users sample-logs', 'the shipped samples'],
          ['$0 report users --db audit.duckdb --since 2026-11-01 --until 2026-11-15 --format json', 'a fixed window, for a pipeline'],
          ['$0 report users --db audit.duckdb --all-resources --all-time -o users.arrow', 'everything, as Arrow'],
        ]),
      )
      .demandCommand(1, 'Name a report: apps or users'),
  handler: () => undefined,
};
