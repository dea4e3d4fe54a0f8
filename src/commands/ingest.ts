import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';

export interface IngestArgs {
  paths: string[];
  db: string;
  as?: 'interactive' | 'noninteractive';
  skipInvalid: boolean;
  rejects?: string;
  json: boolean;
  quiet: boolean;
}

export const ingestCommand: CommandModule<object, IngestArgs> = {
  command: 'ingest <paths..>',
  describe: 'Store sign-in log exports (files, folders, globs) in a DuckDB database',
  builder: (y: Argv) =>
    y
      .positional('paths', { type: 'string', array: true, demandOption: true, describe: 'Export files, folders (walked recursively) or quoted globs' })
      .option('db', { type: 'string', demandOption: true, describe: 'DuckDB database file (created if missing)' })
      .option('as', { choices: ['interactive', 'noninteractive'] as const, describe: 'Log of records that carry no Type, category, signInEventTypes or isInteractive' })
      .option('skip-invalid', { type: 'boolean', default: false, describe: 'Store the good records and reject bad ones instead of stopping' })
      .option('rejects', { type: 'string', describe: 'Write rejected records/lines as NDJSON to this file (with --skip-invalid)' })
      .option('json', { type: 'boolean', default: false, describe: 'Print the summary as one JSON object on stdout' })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'No progress bar, no summary on stderr' })
      .example('$0 ingest sample-logs --db audit.duckdb', 'every export under a folder')
      .example("$0 ingest 'archive/**/PT1H.json' --db audit.duckdb --json", 'a glob, with a JSON summary for scripts')
      .example('$0 ingest export.json --db audit.duckdb --as noninteractive', 'a file whose records do not say their log')
      .example('$0 ingest exports/ --db audit.duckdb --skip-invalid --rejects rejects.ndjson', 'keep going past bad records') as unknown as Argv<IngestArgs>,
  handler: async (argv: ArgumentsCamelCase<IngestArgs>) => (await import('./ingest-run.js')).runIngest(argv),
};
