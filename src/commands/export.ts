import type { Argv, CommandModule } from 'yargs';
import { UserError } from '../errors.js';
import type { ExportCounts } from '../export/parquet.js';
import { withInterrupt } from '../interrupt.js';
import { note, showProgress } from '../output.js';
import { ProgressBar } from '../progress.js';
import { withParquetOption, withSourceOptions, type ExportArgs } from '../vocabulary.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The one-line summary on stderr. */
export function describeExport(counts: ExportCounts, dir: string): string {
  if (counts.signins === 0 && counts.policies === 0) {
    return `signin-audit: nothing new to write to ${dir}: it holds every sign-in of these sources already (${plural(counts.days, 'day')})`;
  }
  const parts = [
    counts.newDays > 0 && plural(counts.newDays, 'new day'),
    counts.extendedDays > 0 && `${plural(counts.extendedDays, 'day')} written before, given the records ${counts.extendedDays === 1 ? 'it' : 'they'} lacked`,
  ].filter(Boolean);
  return `signin-audit: wrote ${plural(counts.signins, 'sign-in')} and ${plural(counts.policies, 'policy evaluation')} to ${dir}${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`;
}

/** Writes the sign-ins of the sources as Parquet under --parquet, adding only what the folder lacks. */
export async function runExport(args: ExportArgs): Promise<void> {
  if (args.paths.length === 0 && !args.db) {
    throw new UserError('no sign-ins to export', { hint: 'name export files or folders (e.g. sample-logs), or a database with --db' });
  }
  const { checkFolder, exportParquet } = await import('../export/parquet.js');
  const { openSourcesFor } = await import('../report/sources.js');
  // A --parquet that cannot be a folder is refused before any file is read.
  checkFolder(args.parquet);
  const sources = await openSourcesFor(args, { allPolicies: true });
  try {
    const bar = showProgress(args.quiet) ? new ProgressBar() : null;
    const counts = await withInterrupt((signal) =>
      exportParquet(sources.database.connection, sources.tables, args.parquet, {
        signal,
        ...(bar && { onBatch: (p) => bar.update(`writing ${p.days[0]!.log} ${p.days[0]!.date}…${p.days.at(-1)!.date}`, p.done / p.total) }),
      }).finally(() => bar?.clear()),
    );
    if (!args.quiet) note(describeExport(counts, args.parquet));
  } finally {
    sources.close();
  }
}

export const exportCommand: CommandModule<object, ExportArgs> = {
  command: 'export [paths..]',
  describe: 'Write the sign-ins and their token protection policies as Parquet, partitioned by log and UTC day, adding new days only',
  builder: (y: Argv) =>
    withParquetOption(withSourceOptions(y))
      .example('$0 export --db audit.duckdb --parquet lake/', 'the stored sign-ins; days already in lake/ are left alone')
      .example('$0 export sample-logs --parquet /tmp/lake', 'export files straight to Parquet, without a database') as unknown as Argv<ExportArgs>,
  handler: (argv) => runExport(argv),
};
