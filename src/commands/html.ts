import type { Argv, CommandModule } from 'yargs';
import { withScopeOptions, type ScopeArgs } from './report-options.js';

export interface HtmlArgs extends ScopeArgs {
  output?: string;
  minRequests?: number;
  minDays?: number;
  rules?: string;
  topApps: number;
}

export const htmlCommand: CommandModule<object, HtmlArgs> = {
  command: 'html [paths..]',
  describe: 'One self-contained HTML page with the whole audit: figures, charts, blockers, readiness, per-app and per-user tables',
  builder: (y: Argv) =>
    withScopeOptions(y)
      .option('output', { alias: 'o', type: 'string', describe: 'Write the page to this file (atomically); stdout when piped' })
      .option('min-requests', { type: 'number', describe: 'Readiness: requests a user needs to be ready [default: 10]' })
      .option('min-days', { type: 'number', describe: 'Readiness: distinct UTC days with requests a user needs [default: 5]' })
      .option('rules', { type: 'string', describe: 'Blockers: a rules CSV of your own [default: queries/blocker-rules.csv]' })
      .option('top-apps', { type: 'number', default: 5, describe: 'Apps drawn as their own line in the trend chart (0-7)' })
      .example('$0 html sample-logs -o report.html', 'the shipped samples, as a page to open in a browser')
      .example('$0 html --db audit.duckdb --last 30d -o audit.html', 'a month of stored sign-ins, for a change board')
      .example('$0 html --db audit.duckdb --all-resources --top-apps 8 -o all.html', 'every resource, more apps in the trend') as unknown as Argv<HtmlArgs>,
  handler: async (argv) => (await import('./html-run.js')).runHtml(argv),
};
