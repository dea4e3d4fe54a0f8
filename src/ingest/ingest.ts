import { mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { IN_MEMORY, type Database } from '../db.js';
import { Interrupted, UserError, firstLine } from '../errors.js';
import { classifyFailure } from '../failures.js';
import { runQuery, runScript, runStatement, type Params } from '../queries.js';
import { migrate } from '../schema.js';
import { beginTransaction } from '../transaction.js';
import { transcodeToUtf8, verifyGzip } from './decode.js';
import { sniffFile } from './detect.js';
import { noExports, type InputFile } from './files.js';
import { RunProgress, type IngestProgress, type RunPlace } from './run-progress.js';
import { bytesOf, groupFiles, isSmallRun, positionUnit, readBatches, readParams, readerOf, sourceFormat, stageStatement, textsQuery, type FilePlan, type ReadGroup } from './plan.js';

export type LogName = 'interactive' | 'noninteractive';
export type { IngestProgress } from './run-progress.js';

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

export interface IngestOptions {
  readonly as?: LogName | undefined;
  /** Keep each original record (signin_records); false for the throw-away in-memory database of a report or export. */
  readonly keepRecords?: boolean;
  /**
   * Keep every Conditional Access policy of each record (a database, an export), or only those
   * with the token protection control, all that a report counts (default: as keepRecords).
   */
  readonly allPolicies?: boolean;
  /** With only the token protection policies, keep their display names too (lean-policies-named.sql). */
  readonly policyNames?: boolean;
  readonly skipInvalid?: boolean;
  /**
   * The tables holding the database's records, from which the requests the run touches are
   * computed: ['signins'], or beside a read-only database the files' table and the database's.
   */
  readonly sources?: readonly string[];
  /** Collect the original text of rejected records (for --rejects). */
  readonly rejectTexts?: boolean;
  readonly onProgress?: (progress: IngestProgress) => void;
  readonly signal?: AbortSignal;
}

export interface IngestResult {
  readonly summary: IngestSummary;
  readonly rejects: readonly Rejection[];
  readonly warnings: readonly string[];
}

const num = (value: unknown): number => Number(value ?? 0);

/** DuckDB globs every path it is given: a file whose name has *, ? or [ is read through a link without them. */
const GLOB_CHARS = /[*?[\]{}]/;
/** DuckDB's readers take compression from the name: .gz. */
const GZ_NAME = /\.gz$/i;

/** DuckDB's threads could not be set back after a read that succeeded: never the files' fault. */
class ThreadsNotRestored extends Error {
  constructor(cause: unknown) {
    super(`cannot set DuckDB's threads back after a read: ${firstLine(cause)}`, { cause });
  }
}

/** Our own SQL is wrong: never the user's file. */
const isOurBug = (error: unknown): boolean => /^(Binder|Parser|Catalog|Not implemented) Error/.test(firstLine(error));

/** DuckDB's reader message, with the path the user gave and without the error class prefix. */
function describeReadError(plan: FilePlan, error: unknown): { position: string; reason: string } {
  const message = firstLine(error).replace(/^[A-Za-z ]+Error: /, '');
  const malformed = /^Malformed JSON in file ".*?", (at .*?): (.*)$/.exec(message);
  if (malformed) return { position: malformed[1]!, reason: `malformed JSON: ${malformed[2]!.replace(/\.\s*$/, '')}` };
  const transform = /^JSON transform error in file ".*?", in (line|record\/value) (\d+): (.*)$/.exec(message);
  if (transform) return { position: '', reason: `unexpected value: ${transform[3]!.replace(/\.\s*$/, '')}` };
  const csvLine = /CSV Error on Line: (\d+)/i.exec(String(error instanceof Error ? error.message : error));
  return { position: csvLine ? `line ${csvLine[1]}` : '', reason: message.replaceAll(plan.readPath, plan.path) };
}

function readError(plan: FilePlan, { position, reason }: { position: string; reason: string }): UserError {
  return new UserError(`${plan.path}: ${position ? `${position}: ` : ''}${reason}`, {
    hint: /malformed JSON/.test(reason)
      ? 'the file is truncated or not JSON; fix or re-export it, or pass --skip-invalid to store the rest'
      : 'check that the file is a complete, unmodified export; --skip-invalid stores the other files',
  });
}

/** Reads the heads of the files, a few at a time. */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await fn(items[i]!, i);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

interface Prepared {
  readonly plans: FilePlan[];
  readonly fileRejects: Rejection[];
  readonly warnings: string[];
  /** Files found in folders that hold neither JSON nor CSV, skipped with a warning. */
  readonly skippedFiles: number;
}

/** What each file holds and how DuckDB will read it; files that cannot be read are refused (or rejected). */
async function prepareFiles(files: readonly InputFile[], scratch: string, options: IngestOptions): Promise<Prepared> {
  const warnings: string[] = [];
  const fileRejects: Rejection[] = [];
  const refuse = (path: string, error: UserError) => {
    if (!options.skipInvalid) throw error;
    fileRejects.push({ file: path, position: '', reason: error.message.replace(`${path}: `, ''), record: null });
  };
  const sniffed = await mapLimited(files, 8, async ({ path, dangling }) =>
    dangling !== undefined ? null : sniffFile(path).catch((error: unknown) => {
      if (error instanceof UserError) return error;
      throw new UserError(`${path}: cannot read the file: ${firstLine(error)}`, { hint: 'check the path and its permissions' });
    }),
  );
  const plans: FilePlan[] = [];
  const foldersWithExports = new Set<string>();
  let skippedFiles = 0;
  for (const [id, { path, folder, dangling }] of files.entries()) {
    if (dangling !== undefined) {
      warnings.push(`${path}: skipped, ${dangling}`);
      skippedFiles++;
      continue;
    }
    const head = sniffed[id]!;
    if (folder !== undefined && !(head instanceof UserError) && head.kind !== 'other') foldersWithExports.add(folder);
    if (head instanceof UserError) {
      refuse(path, head);
      continue;
    }
    if (head.kind === 'empty') {
      warnings.push(`${path}: empty file, nothing to read`);
      continue;
    }
    if (head.kind === 'other') {
      const error = new UserError(`${path}: not a sign-in log export (neither JSON nor CSV: ${head.looks})`, {
        hint: 'signin-audit reads Log Analytics, diagnostic-settings, Event Hub and Microsoft Graph exports in JSON, and Log Analytics CSV',
      });
      if (folder === undefined) refuse(path, error);
      else {
        warnings.push(`${path}: skipped, holds neither JSON nor CSV (${head.looks})`);
        skippedFiles++;
      }
      continue;
    }
    try {
      if (head.gzip) await verifyGzip(path);
      const readPath = head.encoding.startsWith('utf16')
        ? await transcodeToUtf8(path, head.gzip, head.encoding, scratch, `${id}.utf8`)
        : GLOB_CHARS.test(path) || head.gzip !== GZ_NAME.test(path)
          ? linkTo(path, join(scratch, `${id}${head.gzip ? '.gz' : '.json'}`))
          : path;
      const bytes = statSync(path).size;
      const { reader, format } = readerOf(head, bytes);
      plans.push({ id, path, readPath, sniffed: head, bytes, reader, casing: head.casing, format, ignoreErrors: false });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      refuse(path, error);
    }
  }
  for (const folder of new Set(files.flatMap((f) => (f.folder === undefined ? [] : [f.folder])))) {
    if (!foldersWithExports.has(folder)) {
      const found = files.filter((f) => f.folder === folder);
      const dangling = found.filter((f) => f.dangling !== undefined).length;
      const counted = `${found.length} file${found.length === 1 ? '' : 's'}`;
      const links = (n: number) => (n === 1 ? 'a symbolic link that leads nowhere' : 'symbolic links that lead nowhere');
      throw noExports(
        folder,
        dangling === found.length
          ? `${counted}, ${found.length === 1 ? '' : 'all '}${links(dangling)}`
          : `${counted}, none of them JSON or CSV${dangling > 0 ? `, ${dangling} of them ${links(dangling)}` : ''}`,
      );
    }
  }
  return { plans, fileRejects, warnings, skippedFiles };
}

/** Both values once both are done; the first failure otherwise (neither is left running). */
async function both<A, B>(first: Promise<A>, second: Promise<B>): Promise<[A, B]> {
  const [a, b] = await Promise.allSettled([first, second]);
  if (a.status === 'rejected') throw a.reason;
  if (b.status === 'rejected') throw b.reason;
  return [a.value, b.value];
}

function linkTo(path: string, link: string): string {
  symlinkSync(resolve(path), link);
  return link;
}

/** A read this large into a throw-away database returns the memory it frees at once (queries/session/return-memory.sql). */
const LARGE_READ_BYTES = 100 * 1024 * 1024;

/**
 * Reads the files into the database as one transaction: all of a run's records are stored, or
 * (on any error) none, and the database is as before. Files are read by DuckDB, many per scan
 * (see plan.ts), into a private staging table first, so that a file that cannot be read is found
 * before anything is written.
 */
export async function ingestFiles(database: Database | Promise<Database>, files: readonly InputFile[], options: IngestOptions = {}): Promise<IngestResult> {
  const scratch = mkdtempSync(join(tmpdir(), 'signin-audit-decode-'));
  try {
    // DuckDB opens the database (when given one still opening) and sets up the session while
    // Node looks at the files: a new in-memory database (a direct report's) gets its schema too. A
    // database file is changed only once every file is known to be readable.
    const setUp = async () => {
      const db = await database;
      await runScript(db.connection, 'ingest/macros');
      if (!(options.allPolicies ?? options.keepRecords ?? true)) await runScript(db.connection, options.policyNames ? 'ingest/lean-policies-named' : 'ingest/lean-policies');
      if (db.path === IN_MEMORY) await migrate(db.connection, db.path);
      return db;
    };
    const [{ plans, fileRejects, warnings, skippedFiles }, db] = await both(prepareFiles(files, scratch, options), setUp());
    const { connection } = db;
    if (keptInPlace(db, options) && bytesOf(plans) >= LARGE_READ_BYTES) await runScript(connection, 'session/return-memory');
    const interrupt = () => connection.interrupt();
    options.signal?.addEventListener('abort', interrupt);
    // Staging takes the shape of the current signins table: an older database is upgraded first
    // (lossless, so it stands even if the run fails).
    if (db.path !== IN_MEMORY) await migrate(connection, db.path);
    const progress = options.onProgress ? new RunProgress(connection, options.onProgress, options.keepRecords ?? true) : null;
    try {
      const staged = await stage(db, plans, options, fileRejects, progress);
      // Staging keeps the files' order (positions come from it); storing need not.
      await runQuery(connection, 'session/unordered-writes');
      return await store(db, files.length - skippedFiles, staged, { ...options, interrupt }, warnings, progress);
    } catch (error) {
      if (options.signal?.aborted && !(error instanceof UserError && !(error instanceof Interrupted))) throw new Interrupted();
      throw error;
    } finally {
      progress?.stop();
      options.signal?.removeEventListener('abort', interrupt);
      await runQuery(connection, 'session/ordered-writes').catch(() => undefined);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

interface Staged {
  readonly groups: ReadGroup[];
  readonly fileRejects: Rejection[];
}

/** Which file of a group a failure is in: the one DuckDB's message names, else found by reading them one by one. */
async function failedFile(db: Database, group: ReadGroup, error: unknown, read: (group: ReadGroup) => Promise<void>): Promise<FilePlan | null> {
  const message = error instanceof Error ? error.message : String(error);
  const named = group.files.filter((file) => message.includes(`"${file.readPath}"`) || message.includes(file.readPath));
  if (named.length > 0) return named.sort((a, b) => b.readPath.length - a.readPath.length)[0]!;
  if (group.files.length === 1) return group.files[0]!;
  for (const file of group.files) {
    try {
      await read({ ...group, files: [file] });
      await runQuery(db.connection, 'ingest/unstage-files', { file_ids: [String(file.id)] });
    } catch (each) {
      if (isOurBug(each)) throw each;
      return file;
    }
  }
  return null;
}

/** Reads every group into ingest_records, a batch of groups a statement (readBatches), retrying a group without (or with another reader for) a file that fails. */
async function stage(db: Database, initial: readonly FilePlan[], options: IngestOptions, fileRejects: Rejection[], progress: RunProgress | null): Promise<Staged> {
  const { connection } = db;
  let plans = [...initial];
  await runScript(connection, 'ingest/stage-records');
  await runQuery(connection, 'ingest/stage-files', {
    file_ids: plans.map((p) => String(p.id)),
    paths: plans.map((p) => p.path),
    read_paths: plans.map((p) => p.readPath),
    formats: plans.map((p) => sourceFormat(p)),
    position_units: plans.map((p) => positionUnit(p)),
  });
  // A database that started on one thread (src/db.ts) keeps it for a small run; any other run has
  // every thread, and reads its many small files on one as below.
  const staysOnOneThread = db.oneThread && isSmallRun(plans);
  if (db.oneThread && !staysOnOneThread) await runScript(connection, 'session/all-threads');
  const bytesTotal = bytesOf(plans);
  let bytesDone = 0;
  /** The bar crosses these files' bytes while the next statement reads them. */
  const reading = (files: readonly FilePlan[]) => progress?.part('reading', ...filesPart(files, bytesDone, bytesTotal, plans));
  const readAll = async (groups: readonly ReadGroup[]) => {
    if (options.signal?.aborted) throw new Interrupted();
    const { statement, params, oneThread } = stageStatement(groups, { as: options.as ?? null, allPolicies: options.allPolicies ?? options.keepRecords ?? true });
    if (!oneThread || staysOnOneThread) {
      await runStatement(connection, statement, params);
      return;
    }
    await runScript(connection, 'session/one-thread');
    try {
      // DuckDB forgets a Ctrl-C that came while no statement ran.
      if (options.signal?.aborted) throw new Interrupted();
      await runStatement(connection, statement, params);
    } catch (error) {
      // The read's failure is the one to report, not a failure to set the threads back after it.
      await runScript(connection, 'session/threads-back').catch(() => undefined);
      throw error;
    }
    // The read is staged: a failure now is not the files', and must not have them read again.
    await runScript(connection, 'session/threads-back').catch((error: unknown) => {
      throw new ThreadsNotRestored(error);
    });
  };
  const read = (group: ReadGroup) => readAll([group]);
  // A failure that is not a file's: Ctrl-C, our bug, or the machine's limits (memory, disk,
  // permissions). Anything else is looked for in the files.
  const throwUnlessFilesFault = (error: unknown) => {
    if (options.signal?.aborted) throw new Interrupted();
    if (isOurBug(error) || error instanceof ThreadsNotRestored) throw error;
    const machine = classifyFailure(error, { where: 'reading the exports' });
    if (machine) throw machine;
  };
  const done: ReadGroup[] = [];
  // Group by group, each in a statement of its own: a batch whose statement failed, to find the
  // file at fault and go on without it (or read it another way).
  const readEach = async (pending: ReadGroup[]) => {
    while (pending.length > 0) {
      const group = pending.shift()!;
      reading(group.files);
      try {
        await read(group);
        bytesDone += bytesOf(group.files);
        done.push(group);
        continue;
      } catch (error) {
        throwUnlessFilesFault(error);
        const file = await failedFile(db, group, error, read);
        if (!file) throw new UserError(`cannot read the exports: ${firstLine(error)}`);
        const rest = group.files.filter((f) => f !== file);
        if (rest.length > 0) pending.unshift({ ...group, files: rest });
        const retry = await retryPlan(db, file, error, options);
        if (retry) pending.unshift(...groupFiles([retry]));
        else {
          plans = plans.filter((p) => p !== file);
          fileRejects.push({ file: file.path, ...(await locateReadError(db, file, error)), record: null });
        }
      }
    }
  };
  // The groups of each batch in one statement (readBatches: one for the whole run, or one for
  // its small files, then one for its large ones); a batch whose statement fails is read group
  // by group before the next batch.
  for (const batch of readBatches(plans)) {
    if (batch.length > 1) {
      const files = batch.flatMap((group) => group.files);
      reading(files);
      try {
        await readAll(batch);
        bytesDone += bytesOf(files);
        done.push(...batch);
        continue;
      } catch (error) {
        throwUnlessFilesFault(error);
      }
    }
    await readEach([...batch]);
  }
  await runQuery(connection, 'ingest/group-files', {
    file_ids: done.flatMap((group) => group.files.map((f) => String(f.id))),
    group_ids: done.flatMap((group, g) => group.files.map(() => String(g))),
    list_indexes: done.flatMap((group) => group.files.map((_, i) => String(i + 1))),
  });
  for (const step of ['records', 'files', 'drop-empty']) await runQuery(connection, `ingest/positions/${step}`);
  return { groups: done, fileRejects };
}

/**
 * A part of a step that works through files (reading them, storing their texts): where it starts
 * and ends in the step, from the files' bytes, and which file it is at once a share of it is done
 * (the files are read in order).
 */
function filesPart(
  files: readonly FilePlan[],
  before: number,
  total: number,
  all: readonly FilePlan[],
): [number, number, (partDone: number) => Omit<RunPlace, 'step'>] {
  const bytes = bytesOf(files);
  const whole = Math.max(1, total);
  return [
    before / whole,
    (before + bytes) / whole,
    (partDone) => {
      const done = before + bytes * partDone;
      let seen = before;
      const file = files.find((f) => (seen += f.bytes) >= done) ?? files.at(-1)!;
      return { bytesDone: done, bytesTotal: total, file: file.path, fileIndex: all.indexOf(file), fileCount: all.length };
    },
  ];
}

/**
 * Another way to read a file that failed, if there is one: several arrays appended to one file
 * (or records and arrays mixed) fail as one array and read as a stream of values; with
 * --skip-invalid, a file of one record per line is read again with its bad lines as rejects.
 * Null when the failure is the file's own: the caller refuses it (or, with --skip-invalid,
 * rejects it as a whole).
 */
async function retryPlan(db: Database, file: FilePlan, error: unknown, options: IngestOptions): Promise<FilePlan | null> {
  const message = firstLine(error);
  const parseFailure = /Malformed JSON|JSON transform error/.test(message);
  if (file.reader === 'plain' && file.format !== 'newline_delimited' && parseFailure) {
    const retry: FilePlan = { ...file, reader: 'values', format: 'unstructured' };
    await runQuery(db.connection, 'ingest/restate-file', { file_id: String(file.id), format: sourceFormat(retry), position_unit: positionUnit(retry) });
    return retry;
  }
  if (options.skipInvalid && file.format === 'newline_delimited' && !file.ignoreErrors && /Malformed JSON/.test(message)) {
    return { ...file, reader: 'values', ignoreErrors: true };
  }
  if (!options.skipInvalid) throw readError(file, await locateReadError(db, file, error));
  return null;
}

/** Where a reader failed: DuckDB's words, with the NDJSON line number taken from DuckDB's own count. */
async function locateReadError(db: Database, plan: FilePlan, error: unknown): Promise<{ position: string; reason: string }> {
  const described = describeReadError(plan, error);
  if (plan.format !== 'newline_delimited' || !described.reason.startsWith('malformed JSON')) return described;
  const line = await runQuery(db.connection, 'ingest/bad-lines', { path: plan.readPath })
    .then((result) => result.rows[0]?.[0])
    .catch(() => undefined);
  const byte = /at byte (\d+)/.exec(described.position)?.[1];
  return line === undefined ? described : { ...described, position: `line ${String(line)}${byte ? `, byte ${byte}` : ''}` };
}

interface StoreOptions extends IngestOptions {
  readonly interrupt: () => void;
}

/** Checks what was staged, then stores it in one transaction. */
async function store(db: Database, fileCount: number, staged: Staged, options: StoreOptions, warnings: string[], progress: RunProgress | null): Promise<IngestResult> {
  const { connection } = db;
  const run = async (name: string, params: Params = {}) => {
    if (options.signal?.aborted) throw new Interrupted();
    return runQuery(connection, name, params);
  };
  const fileRejects = [...staged.fileRejects];
  const notSignIns: string[] = [];
  // A file whose records were all rejected (--skip-invalid) is not empty: its rejects say so.
  const rejectedFiles = new Set(fileRejects.map((reject) => reject.file));
  for (const [fileId, file, records, signInLike] of (await run('ingest/file-counts')).rows) {
    if (num(records) === 0) {
      if (!rejectedFiles.has(String(file))) warnings.push(`${String(file)}: no records (an empty array or export)`);
    } else if (num(signInLike) === 0) {
      const error = new UserError(`${String(file)}: not a sign-in log: none of its ${num(records)} records has an Id or user/app fields`, {
        hint: 'expected SigninLogs / AADNonInteractiveUserSignInLogs rows, diagnostic SignInLogs records or Graph auditLogs/signIns objects; is this an audit-log export?',
      });
      if (!options.skipInvalid) throw error;
      fileRejects.push({ file: String(file), position: '', reason: error.message.replace(`${String(file)}: `, ''), record: null });
      notSignIns.push(String(fileId));
    }
  }
  if (notSignIns.length > 0) await run('ingest/unstage-files', { file_ids: notSignIns });
  const countsRow = (await run('ingest/summary')).rows[0] ?? [];
  const counts = { records: num(countsRow[0]), ok: num(countsRow[1]), skipped: num(countsRow[2]), invalid: num(countsRow[3]) };
  const problems = (await run('ingest/problems')).rows;
  const unknown = problems.find((row) => row[2] === 'unknown-log');
  if (unknown) {
    throw new UserError(`${String(unknown[0])}: ${String(unknown[1])}: cannot tell which log this sign-in belongs to (no Type, category, signInEventTypes or isInteractive)`, {
      hint: 'pass --as interactive or --as noninteractive for files that hold one log only',
    });
  }
  const firstInvalid = problems[0];
  if (firstInvalid && !options.skipInvalid) {
    throw new UserError(`${String(firstInvalid[0])}: ${String(firstInvalid[1])}: ${String(firstInvalid[3])}`, {
      hint: 'fix or re-export the file, or pass --skip-invalid to store the other records and list the bad ones with --rejects',
    });
  }
  const texts = options.rejectTexts && problems.length > 0 ? await rejectedTexts(db, staged.groups, new Set(problems.map((row) => String(row[4])))) : new Map<string, string>();
  const recordRejects: Rejection[] = problems.map((row) => ({
    file: String(row[0]),
    position: String(row[1]),
    reason: String(row[3]),
    record: texts.get(`${String(row[4])}:${String(row[5])}:${String(row[6])}`) ?? null,
  }));

  const read = staged.groups.flatMap((group) => group.files);
  const storing = (step: 'records' | 'requests', from: number, to: number) =>
    progress?.part(step, from, to, () => ({ bytesDone: 0, bytesTotal: 0, file: '', fileIndex: fileCount - 1, fileCount }));
  storing('records', 0, 0.1);
  const transaction = await beginTransaction(connection);
  try {
    const runId = num((await run('ingest/next-run')).rows[0]?.[0]);
    const sources = options.sources ?? ['signins'];
    await run('ingest/new-keys', { sources });
    await run('ingest/keep-new');
    await runScript(connection, 'ingest/stored-signins');
    await run('ingest/file-runs', { run: runId });
    storing('records', 0.1, 1);
    if (keptInPlace(db, options)) await runScript(connection, 'ingest/in-place-signins');
    else await run('ingest/store');
    if (options.keepRecords ?? true) {
      const textsTotal = bytesOf(read);
      let textsDone = 0;
      for (const group of staged.groups) {
        progress?.part('texts', ...filesPart(group.files, textsDone, textsTotal, read));
        await run(textsQuery(group, 'records'), readParams(group));
        textsDone += bytesOf(group.files);
      }
    }
    storing('requests', 0, 0.1);
    await run('ingest/requests/touched', { run: runId });
    await run('ingest/requests/forget');
    storing('requests', 0.1, 1);
    await run('ingest/requests/compute', { sources });
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
    // From here on Ctrl-C no longer stops the run: once COMMIT is sent, the outcome is what it says.
    options.signal?.removeEventListener('abort', options.interrupt);
    if (options.signal?.aborted) throw new Interrupted();
    await transaction.commit();
    return { summary, rejects: [...fileRejects, ...recordRejects], warnings };
  } catch (error) {
    await transaction.rollback();
    if (options.signal?.aborted && !(error instanceof UserError && !(error instanceof Interrupted))) throw new Interrupted();
    throw classifyFailure(error, { where: db.path, alsoHint: 'nothing from this run was stored' }) ?? error;
  }
}

/**
 * Whether the run's records stay in the staging table, which signins then names
 * (queries/ingest/in-place-signins.sql): in the throw-away in-memory database of a report or an export
 * straight from files, whose records are read once and not kept.
 */
function keptInPlace(db: Database, options: IngestOptions): boolean {
  return db.path === IN_MEMORY && !(options.keepRecords ?? true);
}

/**
 * The original text of the rejected records, by "file id:position:item", read again by the reads
 * that hold them (whole: positions count along the read's list of files).
 */
async function rejectedTexts(db: Database, groups: readonly ReadGroup[], fileIds: ReadonlySet<string>): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const group of groups) {
    if (!group.files.some((f) => fileIds.has(String(f.id)))) continue;
    const rows = await runQuery(db.connection, textsQuery(group, 'rejects'), readParams(group));
    for (const [fileId, ord, item, record] of rows.rows) if (record !== null) texts.set(`${String(fileId)}:${String(ord)}:${String(item)}`, String(record));
  }
  return texts;
}
