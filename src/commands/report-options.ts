import type { Argv } from 'yargs';

// Kept free of heavy imports: this module is loaded for --help.
export const LOG_CHOICES = ['interactive', 'noninteractive', 'all'] as const;
export const SEMANTICS = ['corrected', 'kql'] as const;
export const FORMATS = ['table', 'csv', 'json', 'ndjson', 'markdown', 'arrow', 'html'] as const;

export interface SourceArgs {
  paths: string[];
  db?: string;
  as?: 'interactive' | 'noninteractive';
  skipInvalid: boolean;
  quiet: boolean;
}

/** What to count: the options of report, audit, html and kql alike (withCountOptions). */
export interface CountArgs {
  log: (typeof LOG_CHOICES)[number];
  last?: string;
  since?: string;
  until?: string;
  allTime?: boolean;
  resource?: string[];
  allResources?: boolean;
  semantics: (typeof SEMANTICS)[number];
}

export interface ScopeArgs extends SourceArgs, CountArgs {}

export interface ReportArgs extends ScopeArgs {
  format?: (typeof FORMATS)[number];
  output?: string;
}

/** Where the sign-ins come from: export files read into memory, a database, or both. */
export const withSourceOptions = <T>(y: Argv<T>) =>
  y
    .positional('paths', { type: 'string', array: true, default: [], describe: 'Export files or folders to read (into memory)' })
    .option('db', { type: 'string', describe: 'A database written by "signin-audit ingest" (read only)' })
    .option('as', { choices: ['interactive', 'noninteractive'] as const, describe: 'Log of records that carry no Type, category, signInEventTypes or isInteractive' })
    .option('skip-invalid', { type: 'boolean', default: false, describe: 'Skip bad records in the files instead of stopping' })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'No progress and notes on stderr' });

/** How the window's options read where the data is live (kql) rather than exported. */
export interface CountWording {
  readonly last: string;
  readonly allTime: string;
}

const EXPORTED: CountWording = {
  last: 'Window: this long, ending at the newest sign-in (h, d, w) [default: 7d]',
  allTime: 'No window: every stored sign-in',
};

/** What a report counts, wherever the sign-ins are: logs, window, resources, semantics. */
export const withCountOptions = <T>(y: Argv<T>, wording: CountWording = EXPORTED) =>
  y
    .option('log', { choices: LOG_CHOICES, default: 'all' as const, describe: 'Which sign-in log(s) to count' })
    .option('last', { type: 'string', describe: wording.last })
    .option('since', { type: 'string', describe: 'Window start, ISO 8601, inclusive (UTC unless a zone is given)' })
    .option('until', { type: 'string', describe: 'Window end, ISO 8601, exclusive' })
    .option('all-time', { type: 'boolean', describe: wording.allTime })
    .conflicts('last', ['since', 'until', 'all-time'])
    .conflicts('all-time', ['since', 'until'])
    .option('resource', {
      type: 'string',
      // Repeated, not greedy: `--resource X sample-logs` must leave sample-logs a path.
      coerce: (value: string | string[]) => [value].flat(),
      describe: 'ResourceDisplayName to count, exact; repeatable [default: Office 365 Exchange Online, Office 365 SharePoint Online]',
    })
    .option('all-resources', { type: 'boolean', describe: 'Count every resource' })
    .conflicts('resource', 'all-resources')
    .option('semantics', { choices: SEMANTICS, default: 'corrected' as const, describe: "corrected, or kql: Microsoft's published query to the letter" });

/** What every report counts, and the exports or database it reads. */
export const withScopeOptions = <T>(y: Argv<T>) => withCountOptions(withSourceOptions(y));

/** The options every report shares: its scope, and the format and file it is written in. */
export const withReportOptions = <T>(y: Argv<T>) =>
  withScopeOptions(y)
    .option('format', { alias: 'f', choices: FORMATS, describe: 'Output format [default: table, or from the --output extension]' })
    .option('output', { alias: 'o', type: 'string', describe: 'Write to this file (atomically) instead of stdout' });
