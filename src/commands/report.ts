import type { Argv, CommandModule } from 'yargs';
import { withReportOptions, type ReportArgs } from './report-options.js';

type ReportName = 'apps' | 'users' | 'readiness' | 'trend' | 'blockers';

interface ReportDefinition {
  readonly name: ReportName;
  readonly describe: string;
  readonly options?: (y: Argv) => Argv;
  readonly examples: readonly (readonly [string, string])[];
}

const REPORTS: readonly ReportDefinition[] = [
  {
    name: 'apps',
    describe: 'Per app: Requests, Users, Block, Allow, BlockedUsers, PctAllowed',
    examples: [
      ['$0 report apps sample-logs', 'the shipped samples, last 7 days of data'],
      ['$0 report apps --db audit.duckdb --log noninteractive --last 30d', 'one log, a longer window'],
      ['$0 report apps exports/ --format csv -o apps.csv', 'for a spreadsheet'],
      ['$0 report apps --db audit.duckdb --semantics kql', 'the published KQL to the letter, to reconcile'],
    ],
  },
  {
    name: 'users',
    describe: 'Per user, app and resource: Requests, Block, Allow, PctAllowed',
    examples: [
      ['$0 report users sample-logs', 'the shipped samples'],
      ['$0 report users --db audit.duckdb --since 2026-11-01 --until 2026-11-15 --format json', 'a fixed window, for a pipeline'],
      ['$0 report users --db audit.duckdb --all-resources --all-time -o users.arrow', 'everything, as Arrow'],
    ],
  },
  {
    name: 'readiness',
    describe: 'Per user: ready to enforce, blocked, or insufficient data',
    options: (y) =>
      y
        .option('min-requests', { type: 'number', describe: 'Requests a user needs to be ready [default: 10]' })
        .option('min-days', { type: 'number', describe: 'Distinct UTC days with requests a user needs to be ready [default: 5]' })
        .option('status', { choices: ['ready', 'blocked', 'insufficient-data'] as const, describe: 'Only users with this status' }),
    examples: [
      ['$0 report readiness --db audit.duckdb --last 14d', 'two weeks of report-only data'],
      ['$0 report readiness --db audit.duckdb --status ready --format csv -o ready.csv', 'the users to add to the enforcement group'],
    ],
  },
  {
    name: 'trend',
    describe: 'Per UTC day (or day and app): Requests, Block, Allow, PctAllowed',
    options: (y) => y.option('by', { choices: ['day', 'app'] as const, default: 'day' as const, describe: 'One row per day, or per day and app' }),
    examples: [
      ['$0 report trend --db audit.duckdb --last 30d', 'is it getting better?'],
      ['$0 report trend --db audit.duckdb --by app --format csv -o trend.csv', 'per app, for a chart'],
    ],
  },
  {
    name: 'blockers',
    describe: 'Blocked requests grouped by likely cause (rules in queries/blocker-rules.csv)',
    options: (y) => y.option('rules', { type: 'string', describe: 'A blocker rules CSV of your own [default: queries/blocker-rules.csv]' }),
    examples: [
      ['$0 report blockers --db audit.duckdb', 'why requests would be blocked'],
      ['$0 report blockers --db audit.duckdb --rules my-rules.csv', 'with rules you extended'],
    ],
  },
];

export type ReportCommandArgs = ReportArgs & {
  minRequests?: number;
  minDays?: number;
  status?: 'ready' | 'blocked' | 'insufficient-data';
  by?: 'day' | 'app';
  rules?: string;
};

const reportModule = (definition: ReportDefinition): CommandModule<object, ReportCommandArgs> => ({
  command: `${definition.name} [paths..]`,
  describe: definition.describe,
  builder: (y: Argv) => {
    const withOptions = (definition.options ?? ((x: Argv) => x))(withReportOptions(y) as unknown as Argv);
    return definition.examples.reduce((acc, [cmd, what]) => acc.example(cmd, what), withOptions) as unknown as Argv<ReportCommandArgs>;
  },
  handler: async (argv) => (await import('./report-run.js')).runReport(definition.name, argv),
});

export const reportCommand: CommandModule = {
  command: 'report <report>',
  describe: 'Token protection reports, from export files or a database',
  builder: (y: Argv) =>
    REPORTS.reduce((acc, definition) => acc.command(reportModule(definition)), y).demandCommand(1, 'Name a report: apps, users, readiness, trend or blockers'),
  handler: () => undefined,
};
