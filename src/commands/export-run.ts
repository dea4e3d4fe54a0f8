import { UserError } from '../errors.js';
import { checkFolder, exportParquet, type ExportCounts } from '../export/parquet.js';
import { note, showProgress } from '../output.js';
import { ProgressBar } from '../progress.js';
import type { ExportArgs } from './export.js';
import { withInterrupt } from './interrupt.js';
import { openArgsSources } from './report-run.js';

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

export async function runExport(args: ExportArgs): Promise<void> {
  if (args.paths.length === 0 && !args.db) {
    throw new UserError('no sign-ins to export', { hint: 'name export files or folders (e.g. sample-logs), or a database with --db' });
  }
  // A --parquet that cannot be a folder is refused before any file is read.
  checkFolder(args.parquet);
  const sources = await openArgsSources(args);
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
