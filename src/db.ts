import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection, DuckDBInstance as Instance } from '@duckdb/node-api';
import { DuckDBInstance } from './duckdb.js';
import { UserError, firstLine } from './errors.js';
import { classifyFailure } from './failures.js';
import { runScript } from './queries.js';

export interface Database {
  readonly path: string;
  readonly connection: DuckDBConnection;
  /**
   * DuckDB started on one thread: a throw-away in-memory database (a report or an export straight
   * from files), whose runs are mostly small. Ingest gives it every thread for a run that is not
   * (queries/session/all-threads.sql).
   */
  readonly oneThread: boolean;
}

export interface OpenOptions {
  readonly readOnly?: boolean;
}

export const IN_MEMORY = ':memory:';

export const DEFAULT_MEMORY_LIMIT = '1GB';

/** Readable by DuckDB 1.2 and later. */
export const STORAGE_VERSION = 'v1.2.0';

/**
 * DuckDB's threads from SIGNIN_AUDIT_THREADS, for a shared machine (default: DuckDB's, one per
 * core). Each thread reading exports holds its own buffers, so fewer threads also need less memory.
 */
function threadsSetting(): { threads?: string } {
  const value = process.env.SIGNIN_AUDIT_THREADS;
  if (value === undefined || value === '') return {};
  if (!/^\s*[1-9]\d{0,3}\s*$/.test(value)) {
    throw new UserError(`SIGNIN_AUDIT_THREADS=${value} is not a number of threads`, {
      hint: 'use a whole number from 1 (e.g. 4), or unset it for one thread per core',
    });
  }
  return { threads: value.trim() };
}

/** Turns DuckDB's messages about opening a file into one line a user can act on. */
function openError(path: string, error: unknown): UserError {
  const message = firstLine(error);
  if (/config/i.test(message) && process.env.SIGNIN_AUDIT_MEMORY_LIMIT) {
    return new UserError(`SIGNIN_AUDIT_MEMORY_LIMIT=${process.env.SIGNIN_AUDIT_MEMORY_LIMIT} is not a memory size (${message})`, {
      hint: 'use a size such as 2GB or 512MB, or unset it for the default of ' + DEFAULT_MEMORY_LIMIT,
    });
  }
  if (/database does not exist/i.test(message)) {
    return new UserError(`${path}: no such database`, { hint: `create it with "signin-audit ingest <exports> --db ${path}"` });
  }
  if (/lock/i.test(message)) {
    const pid = /PID (\d+)/.exec(message)?.[1];
    return new UserError(`${path}: the database is in use by another process${pid ? ` (PID ${pid})` : ''}`, {
      hint: 'wait for the other signin-audit run to finish, or use another --db file',
    });
  }
  if (/permission denied|read-only|readonly/i.test(message)) {
    return new UserError(`${path}: cannot write the database (${message})`, {
      hint: 'check the file and folder permissions, or choose another --db path',
    });
  }
  if (/not a valid DuckDB database|Unknown file|database file .* is not/i.test(message)) {
    return new UserError(`${path}: not a signin-audit database (${message})`, {
      hint: 'pass a file written by "signin-audit ingest --db", or a new file name',
    });
  }
  return classifyFailure(error, { where: `${path}: cannot open the database` }) ?? new UserError(`${path}: cannot open the database: ${message}`);
}

/**
 * Opens (or creates) a database with the session settings every query relies on:
 * UTC, a private spill folder, and the shared macros.
 */
export async function openDatabase(path: string, options: OpenOptions = {}): Promise<Database & { close(): void }> {
  const threads = threadsSetting();
  // A throw-away database starts on one thread, unless SIGNIN_AUDIT_THREADS says how many: most of
  // its runs are small, and every thread DuckDB starts takes memory of its own, which is slow to
  // come by on some virtual machines (README's first command: about 7% sooner, BENCHMARKS.md).
  const oneThread = path === IN_MEMORY && threads.threads === undefined;
  // A private spill folder, given as a config value so that no path is spliced into SQL.
  const spill = mkdtempSync(join(tmpdir(), 'signin-audit-'));
  let instance: Instance;
  try {
    instance = await DuckDBInstance.create(path, {
      temp_directory: spill,
      // Never load or install an extension at run time: a path or a file that needs one (s3://,
      // https://, md:, a SQLite file) is refused, never a download. Loading looks in a folder that
      // does not exist. (lock_configuration would also lock the preserve_insertion_order that
      // ingest and export switch per step, so the settings are not locked.)
      autoload_known_extensions: 'false',
      autoinstall_known_extensions: 'false',
      allow_community_extensions: 'false',
      extension_directory: join(spill, 'no-extensions'),
      // Bounded memory whatever the input size: DuckDB spills to the temp folder beyond this.
      memory_limit: process.env.SIGNIN_AUDIT_MEMORY_LIMIT || DEFAULT_MEMORY_LIMIT,
      // A new database file in the storage format of DuckDB 1.2 and later, whose zstd keeps the
      // original records about 12 times smaller than the exports (older files keep their format).
      storage_compatibility_version: STORAGE_VERSION,
      ...(oneThread ? { threads: '1' } : threads),
      ...(options.readOnly ? { access_mode: 'READ_ONLY' } : {}),
    });
  } catch (error) {
    rmSync(spill, { recursive: true, force: true });
    throw openError(path, error);
  }
  const connection = await instance.connect();
  try {
    await runScript(connection, 'session/open');
    await runScript(connection, 'macros');
  } catch (error) {
    connection.closeSync();
    instance.closeSync();
    rmSync(spill, { recursive: true, force: true });
    throw error;
  }
  return {
    path,
    connection,
    oneThread,
    close() {
      connection.closeSync();
      instance.closeSync();
      rmSync(spill, { recursive: true, force: true });
    },
  };
}

/** Whoever opens closes: runs fn with an open database and always closes it. */
export async function withDatabase<T>(path: string, options: OpenOptions, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(path, options);
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}
