import { formatFromExtension, loadFormatter, type Format } from '../format/index.js';
import { UserError } from '../errors.js';
import { note, showProgress, writeAtomic, writeStdout } from '../output.js';
import { ProgressBar, readingProgress } from '../progress.js';
import { checkReportOptions, computeReport, describeReport, resolveScope, type ReportName } from '../report/reports.js';
import { openSources, type Sources } from '../report/sources.js';
import type { ReportArgs, SourceArgs } from './report-options.js';
import type { ReportCommandArgs } from './report.js';
import { withInterrupt } from './interrupt.js';

/** The format asked for, else the one the --output extension implies, else a table. */
export function chooseFormat(args: { format?: ReportArgs['format']; output?: string | undefined }): Format {
  if (args.format) return args.format;
  const implied = args.output ? formatFromExtension(args.output) : undefined;
  return implied ?? 'table';
}

/** Opens the sign-ins the arguments name, reading files with a progress bar when a person watches. */
export async function openArgsSources(args: SourceArgs, options: { writable?: boolean } = {}): Promise<Sources> {
  const bar = args.paths.length > 0 && showProgress(args.quiet) ? new ProgressBar() : null;
  const startedAt = Date.now();
  const sources = await withInterrupt((signal) =>
    openSources({
      paths: args.paths,
      db: args.db,
      as: args.as,
      skipInvalid: args.skipInvalid,
      writable: Boolean(options.writable),
      signal,
      ...(bar && {
        onProgress: (p) => {
          const { label, fraction } = readingProgress(p, startedAt, 'reading file');
          bar.update(label, fraction);
        },
      }),
    }).finally(() => bar?.clear()),
  );
  const result = sources.ingested;
  if (result && !args.quiet) {
    for (const warning of result.warnings) note(`signin-audit: warning: ${warning}`);
    const s = result.summary;
    note(`signin-audit: read ${s.records} records from ${s.files} files (${s.inserted} sign-ins, ${s.duplicates} duplicates, ${s.skipped} of other categories, ${s.rejected} rejected)`);
  }
  return sources;
}

/** The terminal's width when the output goes to one, so tables use it; else unknown (80). */
export const terminalWidth = (output: string | undefined): number | undefined =>
  !output && process.stdout.isTTY ? process.stdout.columns : undefined;

/** Writes a formatted result to --output (atomically) or stdout. */
export async function emit(bytes: string | Uint8Array, format: Format, output: string | undefined): Promise<void> {
  if (output) return writeAtomic(output, bytes);
  if (format === 'arrow' && process.stdout.isTTY) {
    throw new UserError('--format arrow writes binary data, not for a terminal', { hint: 'add --output report.arrow, or pipe it to a program' });
  }
  if (format === 'html' && process.stdout.isTTY) {
    throw new UserError('--format html writes a web page, not for a terminal', { hint: 'add --output report.html and open that file in a browser' });
  }
  await writeStdout(bytes);
}

export async function runReport(report: ReportName, args: ReportCommandArgs): Promise<void> {
  const format = chooseFormat(args);
  const options = { minRequests: args.minRequests, minDays: args.minDays, status: args.status, by: args.by, rules: args.rules };
  checkReportOptions(report, args.semantics, options);
  const sources = await openArgsSources(args);
  try {
    const { connection } = sources.database;
    const scope = await resolveScope(connection, sources.tables, args);
    const table = await computeReport(connection, report, args.semantics, scope, options);
    const formatter = await loadFormatter(format);
    const meta = { ...describeReport(report, args.semantics, scope, table), width: terminalWidth(args.output) };
    await emit(formatter(table, meta), format, args.output);
  } finally {
    sources.close();
  }
}
