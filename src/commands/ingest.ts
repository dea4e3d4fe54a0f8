import { existsSync, rmSync } from 'node:fs';
import type { Argv, CommandModule } from 'yargs';
import type { IngestResult } from '../ingest/ingest.js';
import { withInterrupt } from '../interrupt.js';
import { checkWritable, note, showProgress, warn, writeAtomic, writeStdout } from '../output.js';
import { ProgressBar, readingProgress } from '../progress.js';
import { withIngestOptions, type IngestArgs } from '../vocabulary.js';

export function describeSummary(result: IngestResult, target: string): string {
  const { summary: s } = result;
  return [
    `Read ${s.records} records from ${s.files} file${s.files === 1 ? '' : 's'} into ${target}:`,
    `  stored ${s.inserted} (interactive ${s.logs.interactive}, non-interactive ${s.logs.noninteractive}),`,
    `  ${s.duplicates} already stored, ${s.skipped} of other categories skipped, ${s.rejected} rejected.`,
  ].join('\n');
}

export function rejectsNdjson(result: IngestResult): string {
  return result.rejects
    .map((r) => `{"file":${JSON.stringify(r.file)},"position":${JSON.stringify(r.position)},"reason":${JSON.stringify(r.reason)},"record":${r.record ?? 'null'}}\n`)
    .join('');
}

/** Stores the exports the arguments name in the database, in one transaction. */
export async function runIngest(args: IngestArgs): Promise<void> {
  const { openDatabase } = await import('../db.js');
  const { runQuery } = await import('../queries.js');
  const { ingestFiles } = await import('../ingest/ingest.js');
  const { listInputFiles } = await import('../ingest/files.js');
  // Found now, not after the run was stored.
  if (args.rejects) checkWritable(args.rejects, '--rejects');
  const existed = existsSync(args.db);
  // Ctrl-C is caught from here to the end: before the commit it stops the run, which then stores
  // nothing; after it, the run is complete and the command finishes as usual.
  await withInterrupt(async (signal) => {
    const db = await openDatabase(args.db);
    let ok = false;
    try {
      const files = await listInputFiles(args.paths, async (pattern) =>
        (await runQuery(db.connection, 'ingest/glob', { pattern })).rows.map((row) => String(row[0])),
      );
      const bar = showProgress(args.quiet) ? new ProgressBar() : null;
      const startedAt = Date.now();
      const result = await ingestFiles(db, files, {
        as: args.as,
        skipInvalid: args.skipInvalid,
        rejectTexts: Boolean(args.rejects),
        signal,
        ...(bar && {
          onProgress: (p) => {
            const { label, fraction } = readingProgress(p, startedAt);
            bar.update(label, fraction);
          },
        }),
      }).finally(() => bar?.clear());
      ok = true;
      for (const warning of result.warnings) if (!args.quiet) warn(warning);
      if (args.rejects) writeAtomic(args.rejects, rejectsNdjson(result));
      else if (result.rejects.length > 0 && !args.quiet) note(`signin-audit: ${result.rejects.length} rejected; pass --rejects FILE to see them`);
      if (args.json) await writeStdout(`${JSON.stringify(result.summary)}\n`);
      else if (!args.quiet) note(describeSummary(result, args.db));
      if (signal.aborted && !args.quiet) note('signin-audit: Ctrl-C came after the run was committed: it is stored in full');
    } finally {
      db.close();
      // A run that failed leaves no new, empty database behind.
      if (!ok && !existed) for (const file of [args.db, `${args.db}.wal`]) rmSync(file, { force: true });
    }
  });
}

export const ingestCommand: CommandModule<object, IngestArgs> = {
  command: 'ingest <paths..>',
  describe: 'Store sign-in log exports (files, folders, globs) in a DuckDB database',
  builder: (y: Argv) =>
    withIngestOptions(y)
      .example('$0 ingest sample-logs --db audit.duckdb', 'every export under a folder')
      .example("$0 ingest 'archive/**/PT1H.json' --db audit.duckdb --json", 'a glob, with a JSON summary for scripts')
      .example('$0 ingest export.json --db audit.duckdb --as noninteractive', 'a file whose records do not say their log')
      .example('$0 ingest exports/ --db audit.duckdb --skip-invalid --rejects rejects.ndjson', 'keep going past bad records') as unknown as Argv<IngestArgs>,
  handler: (argv) => runIngest(argv),
};
