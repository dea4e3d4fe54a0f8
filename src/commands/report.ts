import type { Argv, CommandModule } from 'yargs';
import { loadFormatter } from '../format/index.js';
import { chooseFormat, emit, terminalWidth, warn } from '../output.js';
import {
  DIMENSION_NAMES,
  REPORTS,
  checkCompareOptions,
  withBlockerOptions,
  withCompareOptions,
  parseDimensions,
  withBreakdownOptions,
  withEnforcementOptions,
  withReadinessOptions,
  withReportOptions,
  withTrendOptions,
  withWaveOptions,
  type Dimension,
  type EnforcementBy,
  type ReportCommandArgs,
  type ReportName,
  type TrendBy,
} from '../vocabulary.js';

interface ReportDefinition {
  readonly name: ReportName;
  /** The positional arguments before the paths, e.g. compare's subject. */
  readonly positional?: string;
  readonly describe: string;
  readonly options?: (y: Argv) => Argv;
  readonly examples: readonly (readonly [string, string])[];
}

const DEFINITIONS: readonly ReportDefinition[] = [
  {
    name: 'apps',
    describe: 'Per app: Requests, Users, Block, Allow, BlockedUsers, PctAllowed, BlockSelfRemediable, BlockedUsersSelfRemediable, PctEnforceable',
    examples: [
      ['$0 report apps sample-logs', 'the shipped samples, last 7 days of data'],
      ['$0 report apps --db audit.duckdb --log noninteractive --last 30d', 'one log, a longer window'],
      ['$0 report apps exports/ --format csv -o apps.csv', 'for a spreadsheet'],
      ['$0 report apps --db audit.duckdb --semantics kql', 'the published KQL to the letter, to reconcile'],
      ['$0 report apps --db audit.duckdb --resources native', 'every resource native apps protect, Teams and Windows App too'],
    ],
  },
  {
    name: 'users',
    describe: 'Per user, app and resource: Requests, Block, Allow, PctAllowed, BlockSelfRemediable, PctEnforceable',
    examples: [
      ['$0 report users sample-logs', 'the shipped samples'],
      ['$0 report users --db audit.duckdb --since 2026-11-01 --until 2026-11-15 --format json', 'a fixed window, for a pipeline'],
      ['$0 report users --db audit.duckdb --all-resources --all-time -o users.arrow', 'everything, as Arrow'],
    ],
  },
  {
    name: 'readiness',
    describe: 'Per user: ready to enforce, ready after a one-time registration upgrade, blocked, or insufficient data',
    options: (y) => withReadinessOptions(y),
    examples: [
      ['$0 report readiness --db audit.duckdb --last 14d', 'two weeks of report-only data'],
      ['$0 report readiness --db audit.duckdb --status ready --format csv -o ready.csv', 'the users to add to the enforcement group'],
    ],
  },
  {
    name: 'trend',
    describe: 'Per UTC day (or day and app): Requests, Block, Allow, PctAllowed',
    options: (y) => withTrendOptions(y),
    examples: [
      ['$0 report trend --db audit.duckdb --last 30d', 'is it getting better?'],
      ['$0 report trend --db audit.duckdb --by app --format csv -o trend.csv', 'per app, for a chart'],
    ],
  },
  {
    name: 'blockers',
    describe: 'Blocked requests by likely cause and action: status code and platform first, then the rules in queries/blocker-rules.csv',
    options: (y) => withBlockerOptions(y),
    examples: [
      ['$0 report blockers --db audit.duckdb', 'why requests would be blocked'],
      ['$0 report blockers --db audit.duckdb --rules my-rules.csv', 'with rules you extended'],
    ],
  },
  {
    name: 'policies',
    describe: 'Per token protection policy: Mode (enabled, report-only, mixed), Requests, Users, Block, Allow, PctAllowed, the enforceable columns, FirstSeen, LastSeen',
    examples: [
      ['$0 report policies --db audit.duckdb', 'every token protection policy of the window'],
      ['$0 report apps --db audit.duckdb --policy "CA100: Require token protection (report-only)"', 'the apps report as one policy alone decides it'],
    ],
  },
  {
    name: 'breakdown',
    describe: `Requests, Users, Block, Allow, PctAllowed per combination of up to three of: ${DIMENSION_NAMES.join(', ')}`,
    options: (y) => withBreakdownOptions(y),
    examples: [
      ['$0 report breakdown --db audit.duckdb --by platform', 'per platform'],
      ['$0 report breakdown --db audit.duckdb --by platform --by client --by status', 'per platform, client and status code'],
    ],
  },
  {
    name: 'groups',
    describe: 'Per group of --groups: Members, MembersSeen, readiness counts, Requests, Block, Allow, PctAllowed; and the users in no group',
    options: (y) => withReadinessOptions(y, '', false),
    examples: [
      ['$0 report groups --db audit.duckdb --groups sample-groups', 'readiness per group of the membership exports'],
      ['$0 report groups --db audit.duckdb --groups members.json --group-name "TP wave 2"', 'one Graph members page, named'],
    ],
  },
  {
    name: 'waves',
    describe: 'The rollout plan: per group of --groups, in order, its Wave (1: at most --max-block-pct blocked), Block share and blocking causes',
    options: (y) => withWaveOptions(withBlockerOptions(withReadinessOptions(y, '', false))),
    examples: [
      ['$0 report waves --db audit.duckdb --groups sample-groups', 'which group can be enforced next'],
      ['$0 report waves --db audit.duckdb --groups sample-groups --max-block-pct 5', 'a stricter first wave'],
    ],
  },
  {
    name: 'enforcement',
    describe: 'What enforced token protection policies actually blocked, per app, user or day: Requests, Blocked, BlockedUsers, PctBlocked, FirstBlocked, LastBlocked, ErrorCodes',
    options: (y) => withEnforcementOptions(y),
    examples: [
      ['$0 report enforcement --db audit.duckdb --last 24h', 'what the enforced policy blocked today, per app'],
      ['$0 report enforcement --db audit.duckdb --by user --format csv -o blocked-users.csv', 'who was blocked'],
      ['$0 report enforcement --db audit.duckdb --by day --last 30d', 'blocks per day since the switch'],
    ],
  },
  {
    name: 'compare',
    positional: '<subject>',
    describe: 'Per app, user or policy, two periods side by side: RequestsBefore, RequestsAfter, PctAllowedBefore, PctAllowedAfter, DeltaPct, NewlyBlocked; the largest fall first',
    options: (y) => withCompareOptions(y),
    examples: [
      ['$0 report compare apps --db audit.duckdb --before-last 7d --after-last 7d', 'the week since enforcement against the week before'],
      ['$0 report compare users --db audit.duckdb --before 2026-11-01..2026-11-08 --after 2026-11-08..2026-11-15', 'fixed periods, per user'],
      ['$0 report compare policies --db audit.duckdb --before-last 14d --after-last 1d --format csv -o compare.csv', 'yesterday against the two weeks before'],
    ],
  },
  {
    name: 'worklist',
    describe: 'Per blocked user, for the help desk: UserPrincipalName, Apps, Platforms, Causes, Actions in plain words, Requests, Block, LastBlocked',
    options: (y) => withBlockerOptions(y),
    examples: [
      ['$0 report worklist --db audit.duckdb --format csv -o worklist.csv', 'for a mail merge'],
      ['$0 report worklist --db audit.duckdb --last 1d', "yesterday's blocked users"],
    ],
  },
];

/** Computes one report over the sign-ins the arguments name, and writes it in the format asked for. */
export async function runReport(report: ReportName, args: ReportCommandArgs): Promise<void> {
  const format = chooseFormat(args);
  const { checkReportOptions, computeCoverage, computeReport, describeComparison, describeReport, needsPolicyNames, resolveComparison, scopeOfArgs, unmatchedEnforcementCodes } =
    await import('../report/reports.js');
  const { openSourcesFor } = await import('../report/sources.js');
  const { describeCoverage } = await import('../result.js');
  const options = {
    minRequests: args.minRequests,
    minDays: args.minDays,
    status: args.status,
    by: report === 'trend' ? (args.by as TrendBy | undefined) : undefined,
    // Given, --by was checked as it was parsed; not given, this says what breakdown needs.
    dimensions: report === 'breakdown' ? parseDimensions((args.by as Dimension[] | undefined) ?? []) : undefined,
    rules: args.rules,
    statusCodes: args.statusCodes,
    maxBlockPct: args.maxBlockPct,
    enforcementBy: report === 'enforcement' ? (args.by as EnforcementBy | undefined) : undefined,
    mode: args.mode,
  };
  checkReportOptions(report, args.semantics, { ...options, groups: args.groups });
  // compare's windows are its periods: the scope spans all time, the periods cut it.
  if (report === 'compare') checkCompareOptions(args);
  const sources = await openSourcesFor(args, { policyNames: needsPolicyNames(report === 'compare' && args.subject === 'policies' ? 'policies' : report, args.policy) });
  try {
    const { connection } = sources.database;
    const { scope, warnings } = await scopeOfArgs(connection, sources, report === 'compare' ? { ...args, allTime: true } : args);
    if (!args.quiet) for (const warning of warnings) warn(warning);
    const comparison = report === 'compare' ? await resolveComparison(connection, scope, args.subject, args) : undefined;
    const table = await computeReport(connection, report, args.semantics, scope, { ...options, comparison });
    // compare: the coverage of the sign-ins from the start of the before period to the end of the after one.
    const span = comparison && { lo: comparison.before.lo, loInclusive: comparison.before.loInclusive, hi: comparison.after.hi, hiInclusive: comparison.after.hiInclusive };
    const coverage = await computeCoverage(connection, span ? { ...scope, window: span } : scope);
    const warning = describeCoverage(coverage).warning;
    if (warning && !args.quiet) warn(warning);
    if (report === 'enforcement' && !args.quiet) {
      const unmatched = await unmatchedEnforcementCodes(connection, scope);
      if (unmatched) warn(unmatched);
    }
    const formatter = await loadFormatter(format);
    const meta = {
      ...describeReport(report, args.semantics, scope, table, coverage, args.policy),
      ...(comparison && { window: describeComparison(comparison) }),
      width: terminalWidth(args.output),
    };
    await emit(formatter(table, meta), format, args.output);
  } finally {
    sources.close();
  }
}

const reportModule = (definition: ReportDefinition): CommandModule<object, ReportCommandArgs> => ({
  command: `${definition.name}${definition.positional ? ` ${definition.positional}` : ''} [paths..]`,
  describe: definition.describe,
  builder: (y: Argv) => {
    const withOptions = (definition.options ?? ((x: Argv) => x))(withReportOptions(y) as unknown as Argv);
    return definition.examples.reduce((acc, [cmd, what]) => acc.example(cmd, what), withOptions) as unknown as Argv<ReportCommandArgs>;
  },
  handler: (argv) => runReport(definition.name, argv),
});

export const reportCommand: CommandModule = {
  command: 'report <report>',
  describe: 'Token protection reports, from export files or a database',
  builder: (y: Argv) =>
    DEFINITIONS.reduce((acc, definition) => acc.command(reportModule(definition)), y).demandCommand(1, `Name a report: ${REPORTS.join(', ')}`),
  handler: () => undefined,
};
