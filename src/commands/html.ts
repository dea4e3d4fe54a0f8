import type { Argv, CommandModule } from 'yargs';
import { emit, warn } from '../output.js';
import { withBlockerOptions, withOutputOption, withReadinessOptions, withScopeOptions, withTopAppsOption, withWaveOptions, type HtmlArgs } from '../vocabulary.js';

/** The whole audit as one self-contained page. */
export async function runHtml(args: HtmlArgs): Promise<void> {
  const { computePage } = await import('../report/page.js');
  const { checkReportOptions, needsPolicyNames, scopeOfArgs } = await import('../report/reports.js');
  const { openSourcesFor } = await import('../report/sources.js');
  const { describeCoverage } = await import('../result.js');
  checkReportOptions('blockers', 'corrected', { rules: args.rules, statusCodes: args.statusCodes });
  const sources = await openSourcesFor(args, { policyNames: needsPolicyNames('page', args.policy) });
  try {
    const { connection } = sources.database;
    const { scope, warnings } = await scopeOfArgs(connection, sources, args);
    if (!args.quiet) for (const warning of warnings) warn(warning);
    const page = await computePage(connection, scope, args.semantics, {
      minRequests: args.minRequests,
      minDays: args.minDays,
      rules: args.rules,
      statusCodes: args.statusCodes,
      topApps: args.topApps,
      maxBlockPct: args.maxBlockPct,
      policy: args.policy,
    });
    const warning = page.meta.coverage ? describeCoverage(page.meta.coverage).warning : null;
    if (warning && !args.quiet) warn(warning);
    const { formatHtmlPage } = await import('../format/html.js');
    await emit(formatHtmlPage(page), 'html', args.output);
  } finally {
    sources.close();
  }
}

export const htmlCommand: CommandModule<object, HtmlArgs> = {
  command: 'html [paths..]',
  describe: 'One self-contained HTML page with the whole audit: figures, charts, blockers, readiness, per-app and per-user tables',
  builder: (y: Argv) =>
    withWaveOptions(
      withTopAppsOption(withBlockerOptions(withReadinessOptions(withOutputOption(withScopeOptions(y), 'Write the page to this file (atomically); stdout when piped'), 'Readiness: ', false), 'Blockers: ')),
      'With --groups, the wave plan: ',
    )
      .example('$0 html sample-logs -o report.html', 'the shipped samples, as a page to open in a browser')
      .example('$0 html --db audit.duckdb --last 30d -o audit.html', 'a month of stored sign-ins, for a change board')
      .example('$0 html --db audit.duckdb --all-resources --top-apps 7 -o all.html', 'every resource, more apps in the trend')
      .example('$0 html --db audit.duckdb --groups sample-groups -o rollout.html', 'with the groups and the wave plan') as unknown as Argv<HtmlArgs>,
  handler: (argv) => runHtml(argv),
};
