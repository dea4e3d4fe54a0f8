import type { Argv, CommandModule } from 'yargs';
import { withSourceOptions, type SourceArgs } from './report-options.js';

export interface ExportArgs extends SourceArgs {
  parquet: string;
}

export const exportCommand: CommandModule<object, ExportArgs> = {
  command: 'export [paths..]',
  describe: 'Write the sign-ins and their token protection policies as Parquet, partitioned by log and UTC day, adding new days only',
  builder: (y: Argv) =>
    withSourceOptions(y)
      .option('parquet', {
        type: 'string',
        demandOption: true,
        describe: 'Folder to write signins/ and policies/ under, as log=…/date=…/*.parquet (created when missing)',
      })
      .example('$0 export --db audit.duckdb --parquet lake/', 'the stored sign-ins; days already in lake/ are left alone')
      .example('$0 export sample-logs --parquet /tmp/lake', 'export files straight to Parquet, without a database') as unknown as Argv<ExportArgs>,
  handler: async (argv) => (await import('./export-run.js')).runExport(argv),
};
