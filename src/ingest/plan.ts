import { readQuery, type Param, type Params, type Statement } from '../queries.js';
import type { Casing, Sniffed } from './detect.js';

/**
 * How DuckDB reads a file's records (a SQL file under queries/ingest/read/ each):
 *   plain     one record per line, one array of records, or a stream of records
 *   envelope  documents holding camelCase records: {"records": […]}, {"value": […]}
 *   values    a stream of values of mixed kinds (appended arrays, records, documents), via from_json
 *   tables    Log Analytics REST API responses
 *   csv       Log Analytics portal CSV exports
 */
export type Reader = 'plain' | 'envelope' | 'values' | 'tables' | 'csv';
export type JsonFormat = 'newline_delimited' | 'array' | 'unstructured';

export interface FilePlan {
  readonly id: number;
  /** The path as the user gave it (or a folder walk found it). */
  readonly path: string;
  /** What DuckDB reads: the file itself, its UTF-8 copy, or a link to it whose name has no glob characters. */
  readonly readPath: string;
  readonly sniffed: Sniffed & { readonly kind: 'json' | 'csv' };
  readonly bytes: number;
  readonly reader: Reader;
  readonly casing: Casing;
  readonly format: JsonFormat;
  /** --skip-invalid on a file of one record per line (read as values): malformed lines become rejects, not a failure. */
  readonly ignoreErrors: boolean;
}

/** Files DuckDB reads in one scan: same reader, spelling and reader options. */
export interface ReadGroup {
  readonly reader: Reader;
  readonly casing: Casing;
  readonly format: JsonFormat;
  readonly ignoreErrors: boolean;
  readonly maximumObjectSize: number;
  readonly files: readonly FilePlan[];
}

const MB = 1024 * 1024;

/** The size of files to read, together. */
export const bytesOf = (files: readonly Pick<FilePlan, 'bytes'>[]): number => files.reduce((sum, f) => sum + f.bytes, 0);

/** Below this, an array after a UTF-8 byte order mark is read as a stream of values at once. */
const SMALL_BOM_ARRAY = 16 * MB;

/** How a file is read, from what its head says. */
export function readerOf(sniffed: FilePlan['sniffed'], bytes: number): { reader: Reader; format: JsonFormat } {
  if (sniffed.kind === 'csv') return { reader: 'csv', format: 'unstructured' };
  const { head } = sniffed;
  if (head.envelope === 'tables') return { reader: 'tables', format: 'unstructured' };
  // Only camelCase documents have a reader of their own; others go the general way.
  if (head.envelope !== null) return { reader: sniffed.casing === 'camel' ? 'envelope' : 'values', format: 'unstructured' };
  // PowerShell (a byte order mark) writes several arrays to one file when it appends pages:
  // read its small files as a stream of values from the start, rather than fail as one array
  // first; a large one is tried as one array (streamed), and read again as values if it fails.
  if (head.container === 'array' && sniffed.encoding === 'utf8-bom' && bytes < SMALL_BOM_ARRAY) return { reader: 'values', format: 'unstructured' };
  if (head.container === 'array') return { reader: 'plain', format: 'array' };
  // DuckDB's line reader refuses a byte order mark; its value reader takes it.
  if (head.container === 'lines' && sniffed.encoding !== 'utf8-bom') return { reader: 'plain', format: 'newline_delimited' };
  return { reader: 'plain', format: 'unstructured' };
}

/** The name SourceFormat stores, e.g. 'ndjson+gzip', 'json-array+utf16le', 'csv+utf8-bom'. */
export function sourceFormat(plan: Pick<FilePlan, 'reader' | 'format' | 'sniffed'>): string {
  const base = plan.reader === 'csv' ? 'csv' : plan.format === 'newline_delimited' ? 'ndjson' : plan.format === 'array' ? 'json-array' : 'json';
  return [base, ...(plan.sniffed.gzip ? ['gzip'] : []), ...(plan.sniffed.encoding !== 'utf8' ? [plan.sniffed.encoding] : [])].join('+');
}

/** What a SourcePosition counts in the file: 'line 12', 'record 3', 'value 2, item 7', 'row 5'. */
export function positionUnit(plan: Pick<FilePlan, 'reader' | 'format' | 'sniffed'>): 'line' | 'record' | 'value' | 'row' {
  if (plan.reader === 'csv') return 'row';
  if (plan.format === 'newline_delimited') return 'line';
  if (plan.reader !== 'plain') return 'value';
  // Records one per line after a byte order mark are read as a stream, one record each.
  return plan.format === 'array' || (plan.sniffed.kind === 'json' && plan.sniffed.head.container === 'lines') ? 'record' : 'value';
}

/** The largest JSON value the reader must hold: a record for lines and arrays, else the whole (unzipped) file. */
function maximumObjectSize(plan: FilePlan): number {
  if (plan.reader === 'plain' && plan.format !== 'unstructured') return 16 * MB;
  const estimate = plan.bytes * (plan.sniffed.gzip ? 20 : 1) + 1;
  return Math.min(1024 * MB, Math.max(16 * MB, 2 ** Math.ceil(Math.log2(estimate))));
}

/** Groups files that one statement can read together, in the order of their first file. */
export function groupFiles(plans: readonly FilePlan[]): ReadGroup[] {
  const groups = new Map<string, { group: Omit<ReadGroup, 'files' | 'maximumObjectSize'>; files: FilePlan[] }>();
  for (const plan of plans) {
    const key = [plan.reader, plan.casing, plan.format, plan.ignoreErrors].join('|');
    const entry = groups.get(key) ?? { group: { reader: plan.reader, casing: plan.casing, format: plan.format, ignoreErrors: plan.ignoreErrors }, files: [] };
    entry.files.push(plan);
    groups.set(key, entry);
  }
  return [...groups.values()].map(({ group, files }) => ({ ...group, files, maximumObjectSize: Math.max(...files.map(maximumObjectSize)) }));
}

/** Readers of PascalCase exports only (portal CSV, REST API responses), whose SQL has no spelling in its name. */
const pascalOnly = (group: Pick<ReadGroup, 'reader'>): boolean => group.reader === 'tables' || group.reader === 'csv';

/** The SQL that reads a group's records, typed by their spelling's structure (queries/ingest/read/…). */
function readQueryName(group: Pick<ReadGroup, 'reader' | 'casing'>): string {
  return pascalOnly(group) ? `ingest/read/${group.reader}` : `ingest/read/${group.reader}.${group.casing}`;
}

/** A read's parameters, each numbered after its read: $read_paths_1, $format_1, … */
function numbered(sql: string, read: number): string {
  return sql.replace(/\$([a-z_]+)/g, (_, name: string) => `$${name}_${read}`);
}

/** The spelling of the records a group's read gives. */
function recordCasing(group: Pick<ReadGroup, 'reader' | 'casing'>): Casing {
  return pascalOnly(group) ? 'pascal' : group.casing;
}

const CASINGS: readonly Casing[] = ['camel', 'pascal'];

/**
 * One statement that stages the records of all the groups, and its parameters: the reads of each
 * spelling joined (camel_reads, pascal_reads), their fields taken once per spelling
 * (queries/ingest/fields.*.sql), then queries/ingest/stage.sql over both. Planning the steps of
 * queries/ingest/macros.sql is most of the time of a run over small files; this way DuckDB plans
 * each once, whatever the number of reads. oneThread: the statement must run on one thread
 * (readsOnOneThread; queries/session/one-thread.sql), which a small run's gathered reads rely on too
 * (gathersReads).
 */
export function stageStatement(
  groups: readonly ReadGroup[],
  options: { readonly as: string | null; readonly allPolicies: boolean },
): { statement: Statement; params: Params; oneThread: boolean } {
  const oneThread = readsOnOneThread(groups);
  const gathered = gathersReads(groups);
  const union = (parts: readonly string[]) => parts.map((part) => `(${part})`).join('\nUNION ALL BY NAME\n');
  const ctes: string[] = [];
  const fields: string[] = [];
  for (const casing of CASINGS) {
    const reads = groups.flatMap((group, i) => (recordCasing(group) === casing ? [numbered(readQuery(readQueryName(group)), i + 1)] : []));
    if (reads.length === 0) continue;
    ctes.push(`${casing}_reads AS ${gathered ? '' : 'NOT '}MATERIALIZED (\n${union(reads)}\n)`);
    fields.push(readQuery(`ingest/fields.${casing}`));
  }
  ctes.push(`reads AS NOT MATERIALIZED (\n${union(fields)}\n)`);
  const statement: Statement = {
    sql: `WITH ${ctes.join(',\n')}\n${readQuery('ingest/stage')}`,
    from: `queries/ingest/stage.sql over ${[...new Set(groups.map((group) => `queries/${readQueryName(group)}.sql`))].join(', ')}`,
  };
  const params: Record<string, Param> = { as: options.as, all_policies: options.allPolicies };
  groups.forEach((group, i) => {
    for (const [name, value] of Object.entries(readParams(group))) params[`${name}_${i + 1}`] = value;
  });
  return { statement, params, oneThread };
}

/** Files under this are small: DuckDB reads most of them as a batch each (an NDJSON file in pieces of 16 MB). */
const SMALL_FILE_BYTES = 32 * MB;

const isSmall = (file: Pick<FilePlan, 'bytes'>): boolean => file.bytes < SMALL_FILE_BYTES;

/**
 * Whether a read of these groups runs on one thread (queries/session/one-thread.sql): when it reads
 * several files, all small. On several threads DuckDB keeps their order through a set of buffers
 * per batch, and so ran out of memory on a month of hourly archives; on one thread it appends each
 * in turn, about as fast for such files, or faster (BENCHMARKS.md). Large files keep every thread
 * (readBatches reads them apart from small ones).
 */
export function readsOnOneThread(groups: readonly ReadGroup[]): boolean {
  const files = groups.flatMap((group) => group.files);
  return files.length > 1 && files.every(isSmall);
}

/**
 * The groups of a run, as the statements that stage them: one for all, or, when several small
 * files come with large ones, the small files' groups (read on one thread) and then the large
 * files' (on every thread). Read together, either the large files were read on one thread with
 * the small ones (slower) or the small ones on every thread, each holding its own buffers
 * (BENCHMARKS.md). Sizes are sizes on disk: a gzipped file, which DuckDB never reads in pieces,
 * counts by its compressed size.
 */
export function readBatches(plans: readonly FilePlan[]): ReadGroup[][] {
  const small = plans.filter(isSmall);
  const large = plans.filter((plan) => !isSmall(plan));
  if (small.length < 2 || large.length === 0) return [groupFiles(plans)].filter((batch) => batch.length > 0);
  return [groupFiles(small), groupFiles(large)];
}

/** Runs of up to this many bytes, in small files, are small: they gather their reads before normalising them, and stay on one thread. */
const SMALL_RUN_BYTES = 16 * MB;

/**
 * Whether a run's files are few bytes in small files (README's first command: 1.6 MB in 62
 * files): a database that started on one thread (src/db.ts) keeps it for the whole run, which
 * more threads would not make faster.
 */
export function isSmallRun(files: readonly Pick<FilePlan, 'bytes'>[]): boolean {
  return files.every(isSmall) && bytesOf(files) <= SMALL_RUN_BYTES;
}

/**
 * Whether the records read are gathered (a materialized CTE) before the fields are taken and typed.
 * Each small file otherwise reaches those steps as a chunk of its own, and every chunk pays for
 * their few hundred expressions: README's first command (62 files, 298 records) staged in
 * 0.19-0.2 s instead of 0.26-0.28 s. Only for runs read on one thread, which keep the order of the
 * gathered rows (positions are taken from it), and small ones: gathered, 1 GB in 700 files took
 * 0.8 GB instead of 0.3 GB and longer.
 */
export function gathersReads(groups: readonly ReadGroup[]): boolean {
  return readsOnOneThread(groups) && isSmallRun(groups.flatMap((group) => group.files));
}

/** What a group's reads (and its texts reads) bind. */
export function readParams(group: ReadGroup): Params {
  return {
    read_paths: group.files.map((f) => f.readPath),
    file_ids: group.files.map((f) => String(f.id)),
    format: group.format,
    ignore_errors: group.ignoreErrors,
    maximum_object_size: group.maximumObjectSize,
  };
}

/** The SQL that reads a group's original record texts: for storing (records/…) or for --rejects (rejects/…). */
export function textsQuery(group: Pick<ReadGroup, 'reader' | 'format'>, purpose: 'records' | 'rejects'): string {
  const texts = group.reader === 'csv' || group.reader === 'tables' ? group.reader : group.reader === 'plain' || group.format === 'newline_delimited' ? 'plain' : 'documents';
  return `ingest/${purpose}/${texts}`;
}
