import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../db.js';
import { Interrupted, UserError, firstLine } from '../errors.js';
import { runQuery, runScript, type Params } from '../queries.js';
import { migrate } from '../schema.js';
import { transcodeToUtf8 } from './decode.js';
import { sniffFile, type Sniffed } from './detect.js';

export type LogName = 'interactive' | 'noninteractive';

export interface IngestSummary {
  readonly files: number;
  readonly records: number;
  readonly inserted: number;
  readonly duplicates: number;
  readonly rejected: number;
  readonly skipped: number;
  readonly logs: { readonly interactive: number; readonly noninteractive: number };
}

/** A record, line or whole file that was not stored, for the --rejects file. */
export interface Rejection {
  readonly file: string;
  readonly position: string;
  readonly reason: string;
  /** The record's JSON text, where there is one. */
  readonly record: string | null;
}

export interface IngestProgress {
  readonly file: string;
  readonly fileIndex: number;
  readonly fileCount: number;
  /** DuckDB's progress through the current statement, 0–100, or -1 when it cannot tell. */
  readonly percentage: number;
}

export interface IngestOptions {
  readonly as?: LogName | undefined;
  /** Keep each original record (Record column); false for throw-away in-memory databases. */
  readonly keepRecords?: boolean;
  readonly skipInvalid?: boolean;
  readonly onProgress?: (progress: IngestProgress) => void;
  readonly signal?: AbortSignal;
}

export interface IngestResult {
  readonly summary: IngestSummary;
  readonly rejects: readonly Rejection[];
  readonly warnings: readonly string[];
}

/** How one file is read: by which reader, with which DuckDB options. */
interface ReadPlan {
  readonly path: string;
  readPath: string;
  readonly sniffed: Sniffed;
  reader: 'json' | 'csv';
  format: 'newline_delimited' | 'array' | 'unstructured';
  readonly compression: 'gzip' | 'uncompressed';
  positionUnit: 'line' | 'record' | 'value' | 'row';
  /** DuckDB's reader buffers twice this: a record for line and array layouts, else up to the file. */
  maximumObjectSize: number;
  /** Set when --skip-invalid leaves the whole file out. */
  rejected: Rejection | null;
}

/** A reader failure, tied to the file it happened in. */
class FileReadError extends Error {
  constructor(
    readonly plan: ReadPlan,
    readonly failure: unknown,
  ) {
    super(firstLine(failure));
  }
}

const MB = 1024 * 1024;

/** The largest JSON value a file may hold: a record for NDJSON and arrays, else the whole (unzipped) file. */
function maximumObjectSize(sniffed: Sniffed, fileSize: number): number {
  if (sniffed.layout === 'ndjson' || sniffed.layout === 'array') return 16 * MB;
  const estimate = fileSize * (sniffed.gzip ? 20 : 1) + 1;
  return Math.min(1024 * MB, Math.max(16 * MB, 2 ** Math.ceil(Math.log2(estimate))));
}

function planRead(path: string, sniffed: Sniffed, readPath: string): ReadPlan {
  const compression = sniffed.gzip && readPath === path ? 'gzip' : 'uncompressed';
  const base = { path, readPath, sniffed, compression, rejected: null, maximumObjectSize: maximumObjectSize(sniffed, statSync(readPath).size) } as const;
  switch (sniffed.layout) {
    case 'csv':
      return { ...base, reader: 'csv', format: 'unstructured', positionUnit: 'row' };
    case 'array':
      return { ...base, reader: 'json', format: 'array', positionUnit: 'record' };
    case 'ndjson':
      // DuckDB's newline_delimited reader refuses a byte order mark; the value reader accepts it.
      return sniffed.encoding === 'utf8-bom'
        ? { ...base, reader: 'json', format: 'unstructured', positionUnit: 'record' }
        : { ...base, reader: 'json', format: 'newline_delimited', positionUnit: 'line' };
    default:
      return { ...base, reader: 'json', format: 'unstructured', positionUnit: 'value' };
  }
}

/** Several arrays appended to one file (Microsoft-Extractor-Suite): read it as a stream of values. */
function readAsValues(plan: ReadPlan): void {
  plan.format = 'unstructured';
  plan.positionUnit = 'value';
  plan.maximumObjectSize = maximumObjectSize({ ...plan.sniffed, layout: 'values' }, statSync(plan.readPath).size);
}

/**
 * PowerShell's Out-File -Append is what writes several arrays to one file, so the arrays that
 * PowerShell wrote (a byte order mark) are tried first, outside the run's transaction; any other
 * file that turns out to hold several arrays costs a retry of the run.
 */
async function holdsAppendedArrays(db: Database, plan: ReadPlan): Promise<boolean> {
  if (plan.format !== 'array' || plan.sniffed.encoding === 'utf8') return false;
  return runQuery(db.connection, 'ingest/probe-array', { path: plan.readPath, compression: plan.compression }).then(
    () => false,
    (error: unknown) => /Malformed JSON/.test(firstLine(error)),
  );
}

/** DuckDB's reader message, with the path the user gave and without the error class prefix. */
function describeReadError(plan: ReadPlan, error: unknown): { position: string; reason: string } {
  const message = firstLine(error).replace(/^[A-Za-z ]+Error: /, '');
  const malformed = /^Malformed JSON in file ".*?", (at .*?): (.*)$/.exec(message);
  if (malformed) return { position: malformed[1]!, reason: `malformed JSON: ${malformed[2]!.replace(/\.$/, '')}` };
  const csvLine = /CSV Error on Line: (\d+)/i.exec(String(error instanceof Error ? error.message : error));
  const reason = message.replaceAll(plan.readPath, plan.path);
  return { position: csvLine ? `line ${csvLine[1]}` : '', reason };
}

/** Where a reader failed: DuckDB's words, with the NDJSON line number taken from DuckDB's own count. */
async function locateReadError(db: Database, plan: ReadPlan, error: unknown): Promise<{ position: string; reason: string }> {
  const described = describeReadError(plan, error);
  if (plan.format !== 'newline_delimited' || !described.reason.startsWith('malformed JSON')) return described;
  const line = await runQuery(db.connection, 'ingest/bad-lines', { path: plan.readPath, compression: plan.compression })
    .then((result) => result.rows[0]?.[0])
    .catch(() => undefined);
  const byte = /at byte (\d+)/.exec(described.position)?.[1];
  return line === undefined ? described : { ...described, position: `line ${String(line)}${byte ? `, byte ${byte}` : ''}` };
}

function readError(plan: ReadPlan, { position, reason }: { position: string; reason: string }): UserError {
  return new UserError(`${plan.path}: ${position ? `${position}: ` : ''}${reason}`, {
    hint: /malformed JSON/.test(reason)
      ? 'the file is truncated or not JSON; fix or re-export it, or pass --skip-invalid to store the rest'
      : 'check that the file is a complete, unmodified export; --skip-invalid stores the other files',
  });
}

interface Counts {
  records: number;
  ok: number;
  skipped: number;
  invalid: number;
  unknownLog: number;
}

const num = (value: unknown): number => Number(value ?? 0);

/**
 * Reads the files into the database as one transaction: all of a run's records are stored, or
 * (on any error) none, and the database is as before.
 */
export async function ingestFiles(db: Database, files: readonly string[], options: IngestOptions = {}): Promise<IngestResult> {
  const scratch = mkdtempSync(join(tmpdir(), 'signin-audit-decode-'));
  const warnings: string[] = [];
  try {
    const plans: ReadPlan[] = [];
    for (const [index, path] of files.entries()) {
      const sniffed = await sniffFile(path).catch((error: unknown) => {
        if (error instanceof UserError) throw error;
        throw new UserError(`${path}: cannot read the file: ${firstLine(error)}`, { hint: 'check the path and its permissions' });
      });
      if (sniffed.layout === 'empty') {
        warnings.push(`${path}: empty file, nothing to read`);
        continue;
      }
      const readPath = sniffed.encoding.startsWith('utf16')
        ? await transcodeToUtf8(path, sniffed.gzip, sniffed.encoding, scratch, `${index}.utf8`)
        : path;
      const plan = planRead(path, sniffed, readPath);
      if (await holdsAppendedArrays(db, plan)) readAsValues(plan);
      plans.push(plan);
    }
    for (;;) {
      try {
        return await attempt(db, files.length, plans, options, warnings);
      } catch (error) {
        if (!(error instanceof FileReadError)) throw error;
        const plan = error.plan;
        if (plan.reader === 'json' && plan.format === 'array' && /Malformed JSON/.test(error.message)) {
          readAsValues(plan);
        } else {
          const described = await locateReadError(db, plan, error.failure);
          if (!options.skipInvalid) throw readError(plan, described);
          plan.rejected = { file: plan.path, ...described, record: null };
        }
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function attempt(
  db: Database,
  fileCount: number,
  plans: readonly ReadPlan[],
  options: IngestOptions,
  warnings: string[],
): Promise<IngestResult> {
  const { connection } = db;
  const interrupt = () => connection.interrupt();
  options.signal?.addEventListener('abort', interrupt);
  let current: ReadPlan | null = null;
  let fileIndex = 0;
  const ticker = options.onProgress
    ? setInterval(() => {
        if (current) options.onProgress!({ file: current.path, fileIndex, fileCount, percentage: connection.progress.percentage });
      }, 200)
    : null;
  const run = async (name: string, params: Params = {}) => {
    if (options.signal?.aborted) throw new Interrupted();
    return runQuery(connection, name, params);
  };
  await runQuery(connection, 'session/unordered-writes');
  await connection.run('BEGIN TRANSACTION');
  try {
    await migrate(connection, db.path);
    await runScript(connection, 'ingest/stage-tables');
    const runId = num((await run('ingest/next-run')).rows[0]?.[0]);
    const fileRejects: Rejection[] = [];
    for (const [index, plan] of plans.entries()) {
      fileIndex = index;
      if (plan.rejected) {
        fileRejects.push(plan.rejected);
        continue;
      }
      current = plan;
      await run('ingest/add-file', { file_id: index, path: plan.path, format: formatName(plan), position_unit: plan.positionUnit });
      try {
        if (plan.reader === 'csv') {
          await run('ingest/read-csv', { file_id: index, path: plan.readPath, compression: plan.compression });
        } else {
          await run('ingest/read-json', {
            file_id: index,
            path: plan.readPath,
            format: plan.format,
            compression: plan.compression,
            ignore_errors: Boolean(options.skipInvalid) && plan.format === 'newline_delimited',
            maximum_object_size: plan.maximumObjectSize,
          });
        }
      } catch (error) {
        if (options.signal?.aborted) throw new Interrupted();
        if (/^(Binder|Parser|Catalog) Error/.test(firstLine(error))) throw error;
        throw new FileReadError(plan, error);
      }
      await run('ingest/normalise', { as: options.as ?? null, run: runId, keep_records: options.keepRecords ?? true });
      await run('ingest/clear-docs');
    }
    current = null;
    const countsRow = (await run('ingest/summary')).rows[0] ?? [];
    const counts: Counts = {
      records: num(countsRow[0]),
      ok: num(countsRow[1]),
      skipped: num(countsRow[2]),
      invalid: num(countsRow[3]),
      unknownLog: num(countsRow[4]),
    };
    warnings.push(...(await checkFiles(run, Boolean(options.skipInvalid))));
    const problems = await run('ingest/problems');
    const unknown = problems.rows.find((row) => row[2] === 'unknown-log');
    if (unknown) {
      throw new UserError(`${String(unknown[0])}: ${String(unknown[1])}: cannot tell which log this sign-in belongs to (no Type, category, signInEventTypes or isInteractive)`, {
        hint: 'pass --as interactive or --as noninteractive for files that hold one log only',
      });
    }
    const firstInvalid = problems.rows[0];
    if (firstInvalid && !options.skipInvalid) {
      throw new UserError(`${String(firstInvalid[0])}: ${String(firstInvalid[1])}: ${String(firstInvalid[3])}`, {
        hint: 'fix or re-export the file, or pass --skip-invalid to store the other records and list the bad ones with --rejects',
      });
    }
    await run('ingest/store');
    const inserted = (await run('ingest/inserted', { run: runId })).rows[0] ?? [];
    const logs = { interactive: num(inserted[0]), noninteractive: num(inserted[1]) };
    const insertedTotal = logs.interactive + logs.noninteractive;
    const summary: IngestSummary = {
      files: fileCount,
      records: counts.records,
      inserted: insertedTotal,
      duplicates: counts.ok - insertedTotal,
      rejected: counts.invalid + fileRejects.length,
      skipped: counts.skipped,
      logs,
    };
    await run('ingest/record-run', { run: runId, summary: JSON.stringify({ ...summary, warnings }) });
    await connection.run('COMMIT');
    const recordRejects: Rejection[] = problems.rows.map((row) => ({
      file: String(row[0]),
      position: String(row[1]),
      reason: String(row[3]),
      record: row[4] === null || row[4] === 'null' ? null : String(row[4]),
    }));
    return { summary, rejects: [...fileRejects, ...recordRejects], warnings };
  } catch (error) {
    await connection.run('ROLLBACK').catch(() => undefined);
    if (options.signal?.aborted) throw new Interrupted();
    if (!(error instanceof UserError) && /No space left|Could not write|Permission denied|read-only|Out of Memory/i.test(firstLine(error))) {
      throw new UserError(`${db.path}: cannot store the sign-ins: ${firstLine(error)}`, {
        hint: 'free disk space (DuckDB also spills to the temp folder), check permissions, or raise SIGNIN_AUDIT_MEMORY_LIMIT; nothing from this run was stored',
      });
    }
    throw error;
  } finally {
    await runQuery(connection, 'session/ordered-writes').catch(() => undefined);
    if (ticker) clearInterval(ticker);
    options.signal?.removeEventListener('abort', interrupt);
  }
}

/** A file with records of which none looks like a sign-in is not a sign-in log at all. */
async function checkFiles(run: (name: string) => Promise<{ rows: readonly (readonly unknown[])[] }>, skipInvalid: boolean): Promise<string[]> {
  const warnings: string[] = [];
  for (const [file, records, signInLike] of (await run('ingest/file-counts')).rows) {
    if (num(records) === 0) {
      warnings.push(`${String(file)}: no records (an empty array or export)`);
      continue;
    }
    if (num(signInLike) === 0 && !skipInvalid) {
      throw new UserError(`${String(file)}: not a sign-in log: none of its ${num(records)} records has an Id or user/app fields`, {
        hint: 'expected SigninLogs / AADNonInteractiveUserSignInLogs rows, diagnostic SignInLogs records or Graph auditLogs/signIns objects; is this an audit-log export?',
      });
    }
  }
  return warnings;
}

function formatName(plan: ReadPlan): string {
  const parts = [plan.reader === 'csv' ? 'csv' : plan.format === 'newline_delimited' ? 'ndjson' : plan.format === 'array' ? 'json-array' : 'json'];
  if (plan.sniffed.gzip) parts.push('gzip');
  if (plan.sniffed.encoding !== 'utf8') parts.push(plan.sniffed.encoding);
  return parts.join('+');
}
