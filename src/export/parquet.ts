import { accessSync, constants, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { Interrupted, UserError, errnoCode, firstLine } from '../errors.js';
import { classifyFailure } from '../failures.js';
import { interruptibly } from '../interrupt.js';
import { checkWriteTarget, makeFolder } from '../paths.js';
import { STAGING_PREFIX, lockFolder } from './lock.js';
import { runQuery, type Params } from '../queries.js';

/**
 * Days of one log written per COPY. DuckDB keeps a writer (and its row group buffer) open per
 * partition of a COPY; a week per COPY bounds that to 7 files whatever the span of the sources.
 */
export const DAYS_PER_COPY = 7;

export interface Day {
  readonly log: string;
  /** UTC date, YYYY-MM-DD. */
  readonly date: string;
}

export interface ExportOptions {
  /** Ctrl-C: stops the COPY under way; nothing of the run is moved into the folder. */
  readonly signal?: AbortSignal;
  /** Called before each COPY batch (one log, up to DAYS_PER_COPY days), for a progress bar. */
  readonly onBatch?: (progress: { readonly done: number; readonly total: number; readonly days: readonly Day[] }) => void;
}

export interface ExportCounts {
  /** Sign-in records written. */
  readonly signins: number;
  /** (record, token protection policy) rows written. */
  readonly policies: number;
  /** (log, day) partitions this run created. */
  readonly newDays: number;
  /** (log, day) partitions the folder held already and this run added records to (exported late). */
  readonly extendedDays: number;
  /** (log, day) partitions of the sources. */
  readonly days: number;
}

export const DATASETS = ['signins', 'policies'] as const;
export type Dataset = (typeof DATASETS)[number];

const partition = (day: Day) => join(`log=${day.log}`, `date=${day.date}`);

/** What Ctrl-C leaves: files appear only once every COPY has succeeded. */
const INTERRUPTED = 'interrupted; the folder is as it was';

/**
 * Refuses an export folder that cannot be one: a file, or a folder we may not write in. Cheap,
 * so the command calls it before reading any sign-ins; the folder is created when there is
 * something to write.
 */
export function checkFolder(dir: string): void {
  checkWriteTarget(dir, '--parquet');
  let stat;
  try {
    stat = statSync(dir, { throwIfNoEntry: false });
  } catch (error) {
    // ENOTDIR (a file on the way), EACCES (a folder on the way we may not enter), ...
    throw new UserError(`--parquet ${dir}: cannot use this path: ${firstLine(error)}`, { hint: 'name a folder that exists or can be created, e.g. --parquet lake/' });
  }
  if (!stat) return;
  if (!stat.isDirectory()) {
    throw new UserError(`--parquet ${dir}: exists and is not a folder`, { hint: 'name a folder (it is created when missing), e.g. --parquet lake/' });
  }
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch {
    throw new UserError(`--parquet ${dir}: the folder is not writable`, { hint: 'check its permissions, or choose another folder' });
  }
}

const isDirectory = (path: string) => statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
const entries = (path: string) => (isDirectory(path) ? readdirSync(path, { withFileTypes: true }) : []);

/** The Parquet files one dataset already holds for these days (hidden and temporary files left out). */
export function existingFiles(dir: string, dataset: Dataset, days: readonly Day[]): string[] {
  return days.flatMap((day) => {
    const folder = join(dir, dataset, partition(day));
    return entries(folder)
      .filter((e) => e.isFile() && e.name.endsWith('.parquet') && !/^[._]/.test(e.name))
      .map((e) => join(folder, e.name));
  });
}

/** The (log, day) partitions written under one dataset folder, e.g. a staging folder's. */
export function partitionsIn(root: string): Day[] {
  const days: Day[] = [];
  for (const logEntry of entries(root)) {
    const log = /^log=(.+)$/.exec(logEntry.name)?.[1];
    if (!log || !logEntry.isDirectory()) continue;
    for (const dateEntry of entries(join(root, logEntry.name))) {
      const date = /^date=(\d{4}-\d{2}-\d{2})$/.exec(dateEntry.name)?.[1];
      if (date && dateEntry.isDirectory()) days.push({ log, date });
    }
  }
  return days;
}

/**
 * Creates the export folder when missing, takes its lock (src/export/lock.ts) and makes a private
 * staging folder inside it, on the same file system, so finished files can be renamed into place.
 */
function prepareFolder(dir: string): { staging: string; release: () => void } {
  try {
    makeFolder(dir);
  } catch (error) {
    throw (
      classifyFailure(error, { where: `--parquet ${dir}: cannot create the folder` }) ??
      new UserError(`--parquet ${dir}: cannot create the folder: ${firstLine(error)}`, { hint: 'check the path and its permissions, or choose another folder' })
    );
  }
  const release = lockFolder(dir);
  try {
    return { staging: mkdtempSync(join(dir, STAGING_PREFIX)), release };
  } catch (error) {
    release();
    throw (
      classifyFailure(error, { where: `--parquet ${dir}: cannot write in the folder` }) ??
      new UserError(`--parquet ${dir}: cannot write in the folder: ${firstLine(error)}`, { hint: 'check the disk space and the folder permissions' })
    );
  }
}

/** Consecutive runs of at most `size` days of one log each, in the order given. */
export function batches(days: readonly Day[], size = DAYS_PER_COPY): Day[][] {
  const result: Day[][] = [];
  for (const day of days) {
    const last = result.at(-1);
    if (last && last.length < size && last[0]!.log === day.log) last.push(day);
    else result.push([day]);
  }
  return result;
}

/**
 * Runs an export COPY and returns the rows it wrote. Ctrl-C and the file system's refusals
 * (disk full, permissions) and running out of memory become one line for users.
 */
async function copy(connection: DuckDBConnection, name: string, params: Params, signal: AbortSignal | undefined): Promise<number> {
  if (signal?.aborted) throw new Interrupted(INTERRUPTED);
  try {
    const result = await runQuery(connection, name, params);
    return Number(result.rows[0]?.[0] ?? 0);
  } catch (error) {
    if (signal?.aborted) throw new Interrupted(INTERRUPTED);
    const where = `--parquet ${String(params.target)}: cannot write Parquet files`;
    const known = classifyFailure(error, { where, alsoHint: 'no day of this run was written' });
    if (known) throw known;
    if (/^IO Error/i.test(firstLine(error))) {
      throw new UserError(`${where}: ${firstLine(error)}`, { hint: 'check that the disk has room and the folder is writable; no day of this run was written' });
    }
    throw error;
  }
}

/**
 * Moves one dataset's finished day from the staging folder into the export folder: the whole
 * folder when the day is new there (one rename), else each new file into the existing folder.
 * Files are renamed, never copied or rewritten, so readers never see half a file.
 */
function publish(staging: string, dir: string, dataset: Dataset, day: Day): void {
  const from = join(staging, dataset, partition(day));
  const to = join(dir, dataset, partition(day));
  try {
    if (!isDirectory(to)) {
      makeFolder(join(dir, dataset, `log=${day.log}`));
      renameSync(from, to);
      return;
    }
    for (const file of readdirSync(from)) renameSync(join(from, file), join(to, file));
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ENOTEMPTY' || code === 'EEXIST') {
      throw new UserError(`--parquet ${dir}: ${dataset}/${partition(day)} appeared while this export ran`, { hint: 'another export writes to the same folder; run one at a time, then run this one again' });
    }
    throw new UserError(`--parquet ${dir}: cannot move ${dataset}/${partition(day)} into place: ${firstLine(error)}`, { hint: 'check the folder permissions, then run the export again: it writes what is missing' });
  }
}

/**
 * Writes the sign-ins of `tables` and their token protection policy rows under `dir` as
 * zstd Parquet, hive-partitioned by log and UTC date. Only records a day's folder does not hold
 * yet (by RecordKey, per dataset) are written: a new day gets a folder, a day exported before
 * gets a new file with the records it lacked, and files already there are never rewritten. A
 * second run over the same sources writes nothing.
 *
 * Each batch is written into a private staging folder inside `dir` and moved into place once
 * every COPY has succeeded, so readers never see a half-written file, even after a crash or
 * Ctrl-C (the staging folder starts with a dot, which Spark, Hive and our globs skip). A run
 * stopped while moving leaves whole files only; the next run writes what is missing.
 */
export async function exportParquet(
  connection: DuckDBConnection,
  tables: readonly string[],
  dir: string,
  options: ExportOptions = {},
): Promise<ExportCounts> {
  checkFolder(dir);
  const { signal } = options;
  return interruptibly(connection, signal, () => exportDays(connection, tables, dir, signal, options), INTERRUPTED);
}

async function exportDays(
  connection: DuckDBConnection,
  tables: readonly string[],
  dir: string,
  signal: AbortSignal | undefined,
  options: ExportOptions,
): Promise<ExportCounts> {
  const stopped = (error: unknown): never => {
    throw signal?.aborted ? new Interrupted(INTERRUPTED) : error;
  };
  const days = (await runQuery(connection, 'export/days', { sources: tables }).catch(stopped)).rows.map(
    ([log, date]): Day => ({ log: String(log), date: String(date) }),
  );
  if (days.length === 0) {
    throw new UserError('no sign-ins to export', { hint: 'the sources hold no interactive or non-interactive sign-ins; check the paths or --db' });
  }
  const counts = { signins: 0, policies: 0, newDays: 0, extendedDays: 0, days: days.length };

  const { staging, release } = prepareFolder(dir);
  try {
    await runQuery(connection, 'session/unordered-writes');
    try {
      const all = batches(days);
      for (const [done, batch] of all.entries()) {
        options.onBatch?.({ done, total: all.length, days: batch });
        const params = { sources: tables, log: batch[0]!.log, dates: batch.map((day) => day.date) };
        for (const dataset of DATASETS) {
          await loadExisting(connection, dir, dataset, batch, signal);
          counts[dataset] += await copy(connection, `export/${dataset}`, { ...params, target: join(staging, dataset) }, signal);
        }
      }
    } finally {
      await runQuery(connection, 'session/ordered-writes').catch(() => undefined);
    }
    if (signal?.aborted) throw new Interrupted(INTERRUPTED);
    // Every COPY succeeded: only now do files appear in the folder. Policies first, so that a
    // reader who sees a day's sign-ins finds their policy rows.
    for (const dataset of ['policies', 'signins'] as const) {
      for (const day of partitionsIn(join(staging, dataset))) {
        if (dataset === 'signins') {
          if (isDirectory(join(dir, 'signins', partition(day)))) counts.extendedDays += 1;
          else counts.newDays += 1;
        }
        publish(staging, dir, dataset, day);
      }
    }
  } finally {
    try {
      rmSync(staging, { recursive: true, force: true });
    } catch {
      // left for the next run, which removes it under the lock; the error that matters is the first
    }
    release();
  }
  return counts;
}

/** Loads the RecordKeys that `dataset` already holds for the batch's days into export_existing. */
async function loadExisting(connection: DuckDBConnection, dir: string, dataset: Dataset, batch: readonly Day[], signal: AbortSignal | undefined): Promise<void> {
  await runQuery(connection, 'export/forget-existing');
  const files = existingFiles(dir, dataset, batch);
  if (files.length === 0) return;
  await runQuery(connection, 'export/load-existing', { files }).catch((error: unknown) => {
    if (signal?.aborted) throw new Interrupted(INTERRUPTED);
    throw new UserError(`--parquet ${dir}: cannot read the ${dataset} files already there for ${batch[0]!.log} ${batch[0]!.date}…${batch.at(-1)!.date}: ${firstLine(error)}`, {
      hint: 'a file there is damaged or not written by signin-audit export; move it away, then run the export again',
    });
  });
}
