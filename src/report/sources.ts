import { IN_MEMORY, openDatabase, type Database } from '../db.js';
import { UserError } from '../errors.js';
import { listInputFiles } from '../ingest/files.js';
import { ingestFiles, type IngestOptions, type IngestResult } from '../ingest/ingest.js';
import { withInterrupt } from '../interrupt.js';
import { note, showProgress, warn } from '../output.js';
import { ProgressBar, readingProgress } from '../progress.js';
import { runQuery } from '../queries.js';
import { SCHEMA_VERSION, checkReadable, migrate } from '../schema.js';
import type { SourceArgs } from '../vocabulary.js';

/** The private table that files read beside a --db go to (queries/report/scratch-signins.sql). */
export const SCRATCH_SIGNINS = 'temp.main.signins';
/** The requests of both, for the reports (queries/report/union-requests.sql). */
export const SCRATCH_REQUESTS = 'temp.main.report_requests';

export interface SourceOptions extends Omit<IngestOptions, 'onProgress'> {
  readonly paths: readonly string[];
  readonly db?: string | undefined;
  readonly onProgress?: IngestOptions['onProgress'];
  /** Open the database for writing (audit records its runs) and bring its schema up to date. */
  readonly writable?: boolean;
}

/** Migrates a database written by an older signin-audit, in one transaction. */
async function upgrade(path: string): Promise<void> {
  const database = await openDatabase(path);
  try {
    await migrate(database.connection, path);
  } finally {
    database.close();
  }
}

/** Open sign-ins to report on, and the tables that hold them. */
export interface Sources {
  readonly database: Database;
  /** Table names for query_table(): the stored table, the files read, or both. */
  readonly tables: readonly string[];
  /** The requests table of those records (see token_protection_requests in queries/macros.sql). */
  readonly requests: string;
  /** What reading the files did, when files were given. */
  readonly ingested: IngestResult | null;
  close(): void;
}

/**
 * With files only, reads them into an in-memory database; with --db only, opens it read-only;
 * with both, reads the files into private temp tables beside the read-only database. Then sets
 * the session up for reports (queries/session/report-joins.sql).
 */
export async function openSources(options: SourceOptions): Promise<Sources> {
  if (options.paths.length === 0 && !options.db) {
    throw new UserError('no sign-ins to report on', { hint: 'name export files or folders (e.g. sample-logs), or a database with --db' });
  }
  const sources = options.db ? await openStored(options, options.db) : await openFilesOnly(options);
  try {
    await runQuery(sources.database.connection, 'session/report-joins');
    return sources;
  } catch (error) {
    sources.close();
    throw error;
  }
}

/** A database (--db), and the files named beside it in private temp tables. */
async function openStored(options: SourceOptions, path: string): Promise<Sources> {
  let database = await openDatabase(path, { readOnly: !options.writable });
  try {
    if ((await checkReadable(database.connection, path)) < SCHEMA_VERSION && !options.writable) {
      // A database of an older signin-audit is brought up to date once, then read as usual.
      database.close();
      await upgrade(path);
      database = await openDatabase(path, { readOnly: true });
    }
    if (options.writable) await migrate(database.connection, path);
    let tables = ['signins'];
    let requests = 'requests';
    let ingested: IngestResult | null = null;
    if (options.paths.length > 0) {
      const { connection } = database;
      const catalog = String((await runQuery(connection, 'report/current-database')).rows[0]?.[0]);
      const storedTable = (name: string) => `"${catalog.replaceAll('"', '""')}".main.${name}`;
      await runQuery(connection, 'report/scratch-signins', { stored: [storedTable('signins')] });
      await runQuery(connection, 'report/scratch-runs', { stored: [storedTable('ingest_runs')] });
      await runQuery(connection, 'report/scratch-requests', { stored: [storedTable('requests')] });
      tables = [SCRATCH_SIGNINS, storedTable('signins')];
      ingested = await readFiles(database, options, tables);
      await runQuery(connection, 'report/union-requests', { stored: [storedTable('requests')] });
      requests = SCRATCH_REQUESTS;
    }
    return { database, tables, requests, ingested, close: () => database.close() };
  } catch (error) {
    database.close();
    throw error;
  }
}

/** Files only: read into an in-memory database, which DuckDB opens while Node lists and looks at the files. */
async function openFilesOnly(options: SourceOptions): Promise<Sources> {
  const opening = openDatabase(IN_MEMORY);
  // Its failure is met where it is awaited (in ingestFiles, or below), not as an unhandled rejection meanwhile.
  opening.catch(() => undefined);
  try {
    const ingested = await readFiles(opening, options, ['signins']);
    const database = await opening;
    return { database, tables: ['signins'], requests: 'requests', ingested, close: () => database.close() };
  } catch (error) {
    (await opening.catch(() => null))?.close();
    throw error;
  }
}

/**
 * Reads the files the options name for this run only: their original records need not be kept,
 * and a report needs only the token protection policies (an export asks for all), without their
 * names unless it shows or filters by them (policyNames). `tables`: where requests are computed from.
 */
async function readFiles(database: Database | Promise<Database>, options: SourceOptions, tables: readonly string[]): Promise<IngestResult> {
  const files = await listInputFiles(options.paths, async (pattern) =>
    (await runQuery((await database).connection, 'ingest/glob', { pattern })).rows.map((row) => String(row[0])),
  );
  return ingestFiles(database, files, { ...options, keepRecords: false, allPolicies: Boolean(options.allPolicies), sources: tables });
}

/**
 * Opens the sign-ins a command's arguments name, reading files with a progress bar when a person
 * watches, and saying on stderr what reading them did.
 */
export async function openSourcesFor(
  args: SourceArgs,
  options: { readonly writable?: boolean; readonly allPolicies?: boolean; readonly policyNames?: boolean } = {},
): Promise<Sources> {
  const bar = args.paths.length > 0 && showProgress(args.quiet) ? new ProgressBar() : null;
  const startedAt = Date.now();
  const sources = await withInterrupt((signal) =>
    openSources({
      paths: args.paths,
      db: args.db,
      as: args.as,
      skipInvalid: args.skipInvalid,
      writable: Boolean(options.writable),
      allPolicies: Boolean(options.allPolicies),
      policyNames: Boolean(options.policyNames),
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
    for (const warning of result.warnings) warn(warning);
    const s = result.summary;
    note(`signin-audit: read ${s.records} records from ${s.files} files (${s.inserted} sign-ins, ${s.duplicates} duplicates, ${s.skipped} of other categories, ${s.rejected} rejected)`);
  }
  return sources;
}
