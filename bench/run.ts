// npm run bench -- [--size 1GB] [--shape ndjson|array|both] [--repeat 3] [--requests 1000000]
//                  [--dir DIR] [--output BENCHMARKS.md | -] [--smoke]
// Measures dist/cli.js against issue 12's targets on generated exports, one file of each shape,
// and writes the results to BENCHMARKS.md (or stdout with --output -). See README "Benchmarks".
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { generate, parseSize, splitHourly, type GeneratedFile } from './generate.ts';

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: '1GB' },
    shape: { type: 'string', default: 'both' },
    repeat: { type: 'string', default: '3' },
    requests: { type: 'string', default: '1000000' },
    dir: { type: 'string' },
    output: { type: 'string', default: 'BENCHMARKS.md' },
    // Each measurement once, no warm-up: CI checks that the harness works, not the numbers.
    smoke: { type: 'boolean', default: process.env.CI === 'true' },
  },
});

const ROOT = new URL('..', import.meta.url).pathname;
const CLI = join(ROOT, 'dist', 'cli.js');
const BENCH = join(ROOT, 'bench');
const NODE = process.execPath;
const GNU_TIME = '/usr/bin/time';
const MB = 1024 * 1024;
const CHECK_SIZE = 2 * MB;
const REST_SIZE = 20 * MB;
const STARTUP_RUNS = 5;

const TARGETS = {
  directPerReference: 1.5,
  ingestPerReference: 4,
  jqPerDirect: 10,
  peakRssMb: 700,
  databasePerJson: 0.5,
  seededReportSeconds: 0.5,
  seededRequests: 1_000_000,
  samplesPerHelp: 4,
} as const;

interface ShapeInfo {
  readonly title: string;
  /** Short name in the targets table. */
  readonly short: string;
}

const RACED_SHAPES: Record<'ndjson' | 'array', ShapeInfo> = {
  ndjson: { title: 'Diagnostic settings NDJSON (`PT1H.json`)', short: 'NDJSON' },
  array: { title: 'Log Analytics JSON array (`AADNonInteractiveUserSignInLogs.json`)', short: 'LA array' },
};
type RacedShape = keyof typeof RACED_SHAPES;

function chosenShapes(option: string): RacedShape[] {
  if (option === 'both') return ['ndjson', 'array'];
  if (option in RACED_SHAPES) return [option as RacedShape];
  throw new Error(`--shape ${option}: use ndjson, array or both`);
}

const size = parseSize(args.size!);
const repeat = Math.max(1, Number(args.repeat));
const requests = Number(args.requests);
const shapes = chosenShapes(args.shape!);
const smoke = args.smoke!;
const startupRuns = smoke ? 1 : STARTUP_RUNS;
const seededRuns = smoke ? 1 : Math.max(3, repeat);
const work = args.dir ?? mkdtempSync(join(tmpdir(), 'signin-audit-bench-'));
const log = (line: string) => process.stderr.write(`${line}\n`);

interface Sample {
  readonly seconds: number;
  /** Peak resident set size in MB, from GNU time; null when /usr/bin/time is not installed. */
  readonly rssMb: number | null;
  /** Why the command failed (its last message line); absent when it succeeded. */
  readonly failure?: string;
}

const hasGnuTime = existsSync(GNU_TIME);

/** Runs a command, timed, its output discarded. A failure is a result here, not an exception. */
function measure(command: string, argv: readonly string[], env: Readonly<Record<string, string>> = {}): Sample {
  const timed = hasGnuTime ? [GNU_TIME, ['-f', '__RSS_KB__=%M', command, ...argv]] as const : [command, argv] as const;
  const started = process.hrtime.bigint();
  const run = spawnSync(timed[0], timed[1], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30, env: { ...process.env, ...env } });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rss = /__RSS_KB__=(\d+)/.exec(run.stderr ?? '');
  const sample = { seconds, rssMb: rss ? Number(rss[1]) / 1024 : null };
  return run.status === 0 ? sample : { ...sample, failure: lastMessage(run.stderr ?? String(run.error)) };
}

function lastMessage(stderr: string): string {
  const lines = stderr.split('\n').filter((line) => line.trim() && !line.startsWith('__RSS_KB__=') && !line.startsWith('Command '));
  return (lines.at(-1) ?? 'failed without a message').slice(0, 500);
}

/** Runs a command whose output the harness needs; here a failure stops the benchmark. */
function output(command: string, argv: readonly string[]): string {
  const run = spawnSync(command, argv, { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.status !== 0) throw new Error(`${command} ${argv.join(' ')} failed (${run.status}): ${(run.stderr ?? String(run.error)).slice(-2000)}`);
  return run.stdout;
}

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Median seconds and largest RSS of a contestant's samples, or the first failure. */
interface Result {
  readonly seconds: number;
  readonly rssMb: number | null;
  readonly failure?: string;
}

function summarise(samples: readonly Sample[]): Result {
  const failed = samples.find((s) => s.failure);
  const rss = samples.map((s) => s.rssMb).filter((r): r is number => r !== null);
  return {
    seconds: median(samples.map((s) => s.seconds)),
    rssMb: rss.length ? Math.max(...rss) : null,
    ...(failed ? { failure: failed.failure } : {}),
  };
}

const measureTimes = (times: number, run: () => Sample): Result => summarise(Array.from({ length: times }, run));

const jqVersion = (() => {
  const run = spawnSync('jq', ['--version'], { encoding: 'utf8' });
  return run.status === 0 ? run.stdout.trim() : null;
})();

async function duckdbVersion(): Promise<string> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    return String((await connection.runAndReadAll('SELECT version()')).getRowsJS()[0]?.[0]);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

function gitCommit(): string | null {
  const run = spawnSync('git', ['-C', ROOT, 'describe', '--always', '--dirty'], { encoding: 'utf8' });
  return run.status === 0 ? run.stdout.trim() : null;
}

async function describeMachine(): Promise<string> {
  const cores = cpus();
  return [
    `${cores.length} cores (${cores[0]?.model.trim() ?? 'unknown CPU'})`,
    `${(totalmem() / 1024 ** 3).toFixed(0)} GB memory`,
    `Node ${process.version}`,
    `DuckDB ${await duckdbVersion()}`,
    jqVersion ?? 'no jq',
    hasGnuTime ? 'peak RSS from GNU time' : 'no /usr/bin/time (apt-get install time): peak RSS n/a',
  ].join(', ');
}

const directReportArgs = (file: string) => [CLI, 'report', 'apps', file, '--all-time', '--format', 'json', '--quiet'];
const referenceArgs = (shape: RacedShape, file: string, ...extra: string[]) => [join(BENCH, 'report-limit.mjs'), shape, file, ...extra];
const jqArgs = (file: string) => ['-n', '-c', '-f', join(BENCH, 'apps.jq'), file];

interface Contestant {
  readonly name: string;
  readonly prepare?: () => void;
  readonly run: () => Sample;
}

/** Threads for the direct report's many-core run: each reading thread holds its own buffers. */
const MANY_THREADS = 8;

const CONTESTANT = {
  scan: 'scan: DuckDB `read_json` of the same fields, count only (context)',
  reference: 'reference: the per-app table in one DuckDB SQL',
  direct: '`signin-audit report apps <file>` (direct report)',
  ingest: '`signin-audit ingest <file> --db`',
  jq: 'jq peer (`bench/apps.jq`)',
  export: '`signin-audit export --db --parquet` (context)',
  hourly: '`signin-audit report apps <folder>`: the same records in 720 hourly files, as a month of diagnostic archives (context)',
  manyThreads: `\`signin-audit report apps <file>\` on ${MANY_THREADS} threads, as an ${MANY_THREADS}-core machine reads (\`SIGNIN_AUDIT_THREADS=${MANY_THREADS}\`, context)`,
} as const;

/** A database and the files DuckDB may keep beside it. */
const databaseFiles = (db: string) => [db, `${db}.wal`];
const removeDatabase = (db: string) => databaseFiles(db).forEach((f) => rmSync(f, { force: true }));
const databaseBytes = (db: string) => databaseFiles(db).reduce((sum, f) => sum + (existsSync(f) ? statSync(f).size : 0), 0);

function contestantsFor(shape: RacedShape, file: string, db: string): Contestant[] {
  return [
    { name: CONTESTANT.scan, run: () => measure(NODE, referenceArgs(shape, file, '--scan')) },
    { name: CONTESTANT.reference, run: () => measure(NODE, referenceArgs(shape, file)) },
    { name: CONTESTANT.direct, run: () => measure(NODE, directReportArgs(file)) },
    { name: CONTESTANT.ingest, prepare: () => removeDatabase(db), run: () => measure(NODE, [CLI, 'ingest', file, '--db', db, '--quiet']) },
    ...(jqVersion ? [{ name: CONTESTANT.jq, run: () => measure('jq', jqArgs(file)) }] : []),
  ];
}

/** One warm-up round (not in a smoke run), then `repeat` rounds, each starting with the next contestant. */
function race(contestants: readonly Contestant[]): Map<string, Result> {
  const samples = new Map<string, Sample[]>(contestants.map((c) => [c.name, []]));
  const runOnce = (c: Contestant) => {
    c.prepare?.();
    return c.run();
  };
  if (!smoke) {
    log('  warm-up');
    contestants.forEach(runOnce);
  }
  for (let round = 0; round < repeat; round++) {
    for (let i = 0; i < contestants.length; i++) {
      const contestant = contestants[(i + round) % contestants.length]!;
      const sample = runOnce(contestant);
      samples.get(contestant.name)!.push(sample);
      log(`  ${round + 1}/${repeat} ${contestant.name}: ${describeSample(sample)}`);
    }
  }
  return new Map([...samples].map(([name, list]) => [name, summarise(list)]));
}

const describeSample = (s: Sample | Result) => `${s.seconds.toFixed(2)} s, ${s.rssMb === null ? 'RSS n/a' : `${s.rssMb.toFixed(0)} MB`}${s.failure ? `, FAILED: ${s.failure}` : ''}`;

// A contestant that computes something else is no peer: each is checked against our rows first,
// column for column in the peer's columns (the per-app table of Microsoft's query; signin-audit
// appends the enforceable columns of the 2026 guides, which the peers do not compute).
type Rows = Record<string, unknown>[];
const sameRows = (ours: string, theirs: string) => {
  const peer = JSON.parse(theirs) as Rows;
  const columns = Object.keys(peer[0] ?? {});
  const mine = (JSON.parse(ours) as Rows).map((row) => Object.fromEntries(columns.map((c) => [c, row[c]])));
  return JSON.stringify(mine) === JSON.stringify(peer);
};

/** The reference and the jq peer must compute our rows on a small file of the shape; returns how many. */
function checkPeers(shape: RacedShape, file: string): number {
  const ours = output(NODE, directReportArgs(file));
  const peers: [string, string | null][] = [
    ['bench/report-limit.mjs', output(NODE, referenceArgs(shape, file))],
    ['the jq peer (bench/apps.jq)', jqVersion ? output('jq', jqArgs(file)) : null],
  ];
  for (const [peer, theirs] of peers) {
    if (theirs !== null && !sameRows(ours, theirs)) {
      throw new Error(`${peer} disagrees with signin-audit on ${file}:\nours:   ${ours}\ntheirs: ${theirs}`);
    }
  }
  return (JSON.parse(ours) as unknown[]).length;
}

async function checkAllPeers(): Promise<string> {
  const rows: string[] = [];
  for (const shape of shapes) {
    const check = await generate(join(work, 'check'), shape, CHECK_SIZE);
    rows.push(`${checkPeers(shape, check.path)} for ${RACED_SHAPES[shape].short}`);
  }
  const peers = jqVersion ? 'the one-SQL reference and the jq peer give' : 'the one-SQL reference gives';
  const skipped = jqVersion ? '' : ' jq is not installed (apt-get install jq): its peer is skipped.';
  return `Checked on a ${CHECK_SIZE / MB} MB input of each shape: ${peers} the same app rows as \`signin-audit report apps --all-time\` (${rows.join(', ')}).${skipped}`;
}

interface ShapeRun {
  readonly shape: RacedShape;
  readonly input: GeneratedFile;
  readonly results: Map<string, Result>;
  /** Bytes of the database the last ingest left (.duckdb + .wal); null when ingest failed. */
  readonly databaseBytes: number | null;
  readonly database: string;
}

async function measureShape(shape: RacedShape): Promise<ShapeRun> {
  const input = await generate(join(work, 'data'), shape, size);
  log(`${shape}: ${input.records} records, ${(input.bytes / MB).toFixed(0)} MB`);
  const database = join(work, `${shape}.duckdb`);
  const results = race(contestantsFor(shape, input.path, database));
  results.set(CONTESTANT.manyThreads, measureTimes(repeat, () => measure(NODE, directReportArgs(input.path), { SIGNIN_AUDIT_THREADS: String(MANY_THREADS) })));
  log(`  ${CONTESTANT.manyThreads}: ${describeSample(results.get(CONTESTANT.manyThreads)!)}`);
  if (shape === 'ndjson') {
    // Many small files are read otherwise than one large one (src/ingest/plan.ts, readsOnOneThread).
    const folder = await splitHourly(input, join(work, 'hourly'));
    results.set(CONTESTANT.hourly, measureTimes(repeat, () => measure(NODE, directReportArgs(folder))));
    log(`  ${CONTESTANT.hourly}: ${describeSample(results.get(CONTESTANT.hourly)!)}`);
    rmSync(folder, { recursive: true, force: true });
  }
  const ingested = !results.get(CONTESTANT.ingest)!.failure;
  if (ingested) {
    results.set(CONTESTANT.export, measureExport(database, join(work, `${shape}-parquet`)));
  }
  if (!args.dir) rmSync(input.path); // the next shape's GBs need the disk
  return { shape, input, results, databaseBytes: ingested ? databaseBytes(database) : null, database };
}

function measureExport(database: string, lake: string): Result {
  const exportOnce = () => {
    rmSync(lake, { recursive: true, force: true });
    return measure(NODE, [CLI, 'export', '--db', database, '--parquet', lake, '--quiet']);
  };
  const result = measureTimes(repeat, exportOnce);
  rmSync(lake, { recursive: true, force: true });
  return result;
}

interface SeededReport {
  readonly requests: number;
  readonly rows: number;
  readonly result: Result;
  /** The same report with the default resources (the published queries' Exchange and SharePoint), as a user runs it. */
  readonly byDefault: { readonly requests: number; readonly result: Result };
}

/** `report apps --db` over a database whose counted requests bench/seed-requests.sql multiplied. */
async function measureSeededReport(from: string): Promise<SeededReport> {
  const db = join(work, 'requests.duckdb');
  removeDatabase(db);
  for (const [i, file] of databaseFiles(from).entries()) {
    if (existsSync(file)) copyFileSync(file, databaseFiles(db)[i]!);
  }
  const rows = await seedDatabase(db, requests);
  const defaultArgs = [CLI, 'report', 'apps', '--db', db, '--all-time', '--format', 'json', '--quiet'];
  const reportArgs = [...defaultArgs, '--all-resources'];
  const counted = (argv: readonly string[]) => (JSON.parse(output(NODE, argv)) as { Requests: number }[]).reduce((n, r) => n + r.Requests, 0);
  return {
    requests: counted(reportArgs),
    rows,
    result: measureTimes(seededRuns, () => measure(NODE, reportArgs)),
    byDefault: { requests: counted(defaultArgs), result: measureTimes(seededRuns, () => measure(NODE, defaultArgs)) },
  };
}

async function seedDatabase(db: string, wanted: number): Promise<number> {
  const instance = await DuckDBInstance.create(db);
  const connection = await instance.connect();
  try {
    // One statement at a time: only the first takes the parameter.
    for (const statement of readFileSync(join(BENCH, 'seed-requests.sql'), 'utf8').split(/;\s*\n/).filter((s) => s.replace(/--.*$/gm, '').trim())) {
      await connection.run(statement, statement.includes('$requests') ? { requests: wanted } : undefined);
    }
    await connection.run('CHECKPOINT');
    return Number((await connection.runAndReadAll('SELECT count(*) FROM signins')).getRowsJS()[0]?.[0]);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

interface Startup {
  readonly help: Result;
  readonly samples: Result;
}

/** `--help` and README's first command, alternated. */
function measureStartup(): Startup {
  const help: Sample[] = [];
  const samples: Sample[] = [];
  for (let i = 0; i < startupRuns; i++) {
    help.push(measure(NODE, [CLI, '--help']));
    samples.push(measure(NODE, [CLI, 'report', 'apps', join(ROOT, 'sample-logs')]));
  }
  return { help: summarise(help), samples: summarise(samples) };
}

interface RestIngest {
  readonly input: GeneratedFile;
  readonly result: Result;
}

async function measureRestIngest(): Promise<RestIngest> {
  const input = await generate(join(work, 'data'), 'rest', Math.min(REST_SIZE, size));
  const db = join(work, 'rest.duckdb');
  const ingestOnce = () => {
    removeDatabase(db);
    return measure(NODE, [CLI, 'ingest', input.path, '--db', db, '--quiet']);
  };
  const result = measureTimes(repeat, ingestOnce);
  log(`rest: ${input.records} records, ${(input.bytes / MB).toFixed(0)} MB: ${describeSample(result)}`);
  return { input, result };
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');
const megabytes = (bytes: number) => (bytes / MB).toFixed(bytes < 10 * MB ? 1 : 0);
const rssCell = (r: Result) => (r.rssMb === null ? 'n/a' : r.rssMb.toFixed(0));

function inputLine(label: string, file: GeneratedFile): string {
  return `- ${label}: ${megabytes(file.bytes)} MB, ${count(file.records)} records (${(file.bytes / file.records / 1024).toFixed(1)} KB a record)`;
}

const READS_INPUT = new Set<string>([CONTESTANT.scan, CONTESTANT.reference, CONTESTANT.direct, CONTESTANT.ingest, CONTESTANT.jq, CONTESTANT.manyThreads, CONTESTANT.hourly]);

function shapeTable(run: ShapeRun): string {
  const rows = [...run.results].map(([name, r]) => {
    if (r.failure) return `| ${name} | failed | – | – | ${rssCell(r)} |`;
    const perSecond = (amount: number, digits: (n: number) => string) => (READS_INPUT.has(name) ? digits(amount / r.seconds) : '–');
    return `| ${name} | ${r.seconds.toFixed(2)} | ${perSecond(run.input.bytes / MB, (n) => n.toFixed(1))} | ${perSecond(run.input.records, count)} | ${rssCell(r)} |`;
  });
  return `## ${RACED_SHAPES[run.shape].title}, ${megabytes(run.input.bytes)} MB

| contestant | seconds | MB/s | records/s | peak RSS MB |
|---|--:|--:|--:|--:|
${rows.join('\n')}`;
}

/** One row of the targets table: a value against a bound it must stay under (`max`) or reach (`min`). */
interface Target {
  readonly label: string;
  readonly value: Measured;
  readonly bound: number;
  readonly kind: 'max' | 'min';
  readonly unit: '×' | 's' | 'MB';
  /** What qualifies a measured value, e.g. a run smaller than the target's size. */
  readonly note?: string;
}

/** A number; or a contestant failed (the target is missed); or it could not be measured here. */
type Measured = number | { readonly failed: true } | { readonly unmeasured: string };

const FAILED = { failed: true } as const;
const NO_GNU_TIME = { unmeasured: 'no /usr/bin/time' } as const;

/** a / b of two results' seconds. */
function secondsRatio(a: Result | undefined, b: Result | undefined): Measured {
  if (!a || !b) return { unmeasured: 'not run' };
  return a.failure || b.failure ? FAILED : a.seconds / b.seconds;
}

function peakRss(r: Result | undefined): Measured {
  if (!r) return { unmeasured: 'not run' };
  if (r.failure) return FAILED;
  return r.rssMb ?? NO_GNU_TIME;
}

const formatValue = (value: number, unit: Target['unit']) => (unit === 'MB' ? value.toFixed(0) : value.toFixed(2));

function verdict(t: Target): string {
  if (typeof t.value !== 'number') return 'failed' in t.value ? '**missed**: failed (below)' : `n/a: ${t.value.unmeasured}`;
  const met = t.kind === 'max' ? t.value <= t.bound : t.value >= t.bound;
  const note = t.note ? ` (${t.note})` : '';
  if (met) return `met${note}`;
  const factor = t.kind === 'max' ? t.value / t.bound : t.bound / t.value;
  const by = t.unit === '×' ? `${factor.toFixed(factor < 10 ? 2 : 0)}×` : `${formatValue(Math.abs(t.value - t.bound), t.unit)} ${t.unit}`;
  return `**missed** by ${by}${note}`;
}

function targetRow(t: Target): string {
  const value = typeof t.value === 'number' ? formatValue(t.value, t.unit) : 'failed' in t.value ? 'failed' : 'n/a';
  return `| ${t.label} | ${value} | ${t.kind === 'max' ? '≤' : '≥'} ${t.bound} | ${verdict(t)} |`;
}

function shapeTargets(run: ShapeRun): Target[] {
  const short = RACED_SHAPES[run.shape].short;
  const result = (name: string) => run.results.get(name);
  const jqRatio = jqVersion ? secondsRatio(result(CONTESTANT.jq), result(CONTESTANT.direct)) : { unmeasured: 'jq is not installed' };
  const database: Measured = run.databaseBytes === null ? FAILED : run.databaseBytes / run.input.bytes;
  const databaseMb = run.databaseBytes === null ? 'n/a' : megabytes(run.databaseBytes);
  return [
    { label: `${short}: direct report / reference`, value: secondsRatio(result(CONTESTANT.direct), result(CONTESTANT.reference)), bound: TARGETS.directPerReference, kind: 'max', unit: '×' },
    { label: `${short}: ingest / reference`, value: secondsRatio(result(CONTESTANT.ingest), result(CONTESTANT.reference)), bound: TARGETS.ingestPerReference, kind: 'max', unit: '×' },
    { label: `${short}: jq / direct report`, value: jqRatio, bound: TARGETS.jqPerDirect, kind: 'min', unit: '×' },
    { label: `${short}: peak RSS of ingest, MB`, value: peakRss(result(CONTESTANT.ingest)), bound: TARGETS.peakRssMb, kind: 'max', unit: 'MB' },
    { label: `${short}: peak RSS of the direct report, MB`, value: peakRss(result(CONTESTANT.direct)), bound: TARGETS.peakRssMb, kind: 'max', unit: 'MB' },
    { label: `${short}: database / JSON it holds (${databaseMb} MB / ${megabytes(run.input.bytes)} MB)`, value: database, bound: TARGETS.databasePerJson, kind: 'max', unit: '×' },
  ];
}

function seededTarget(seeded: SeededReport | null): Target {
  const target = { bound: TARGETS.seededReportSeconds, kind: 'max', unit: 's' } as const;
  if (!seeded) return { ...target, label: '`report apps --db` over counted requests, seconds', value: { unmeasured: 'no ingest succeeded' } };
  const shortfall = seededShortfall(seeded.requests);
  return {
    ...target,
    label: `\`report apps --db\` over ${count(seeded.requests)} counted requests (${count(seeded.rows)} rows), seconds`,
    value: seeded.result.failure ? FAILED : seeded.result.seconds,
    ...(shortfall ? { note: shortfall } : {}),
  };
}

/** The seeded report as a user runs it: default resources, so requests with records of others are computed from them. */
function seededContext({ rows, byDefault }: SeededReport): string {
  const seconds = byDefault.result.failure ? 'failed' : `${byDefault.result.seconds.toFixed(2)} s`;
  return `Context: \`report apps --db\` over the same ${count(rows)} rows with the default resources (Exchange and SharePoint Online, ${count(byDefault.requests)} requests counted), as a user runs it: ${seconds}.`;
}

function seededShortfall(counted: number): string | undefined {
  if (counted < requests) return `the seed made ${count(counted)} of --requests ${count(requests)}: does bench/seed-requests.sql still fit the schema?`;
  if (counted < TARGETS.seededRequests) return `only ${count(counted)} requests: the target is for ${count(TARGETS.seededRequests)}`;
  return undefined;
}

function startupTarget({ samples, help }: Startup): Target {
  return {
    label: `\`report apps sample-logs\` / \`--help\` (${samples.seconds.toFixed(2)} s / ${help.seconds.toFixed(2)} s)`,
    value: secondsRatio(samples, help),
    bound: TARGETS.samplesPerHelp,
    kind: 'max',
    unit: '×',
  };
}

function restTarget({ input, result }: RestIngest): Target {
  const seconds = result.failure ? 'failed' : `${result.seconds.toFixed(2)} s`;
  return {
    label: `ingest of a ${megabytes(input.bytes)} MB Log Analytics REST API response (${count(input.records)} records, ${seconds}): peak RSS, MB`,
    value: peakRss(result),
    bound: TARGETS.peakRssMb,
    kind: 'max',
    unit: 'MB',
  };
}

function failureLines(shapeRuns: readonly ShapeRun[], seeded: SeededReport | null, startup: Startup, rest: RestIngest): string[] {
  const named: [string, Result | undefined][] = [
    ...shapeRuns.flatMap((run) => [...run.results].map(([name, r]): [string, Result] => [`${RACED_SHAPES[run.shape].short}: ${name}`, r])),
    ['`report apps --db` over the seeded database', seeded?.result],
    ['`report apps --db` over the seeded database, default resources', seeded?.byDefault.result],
    ['`--help`', startup.help],
    ['`report apps sample-logs`', startup.samples],
    ['ingest of the REST API response', rest.result],
  ];
  return named.filter(([, r]) => r?.failure).map(([name, r]) => `- ${name}: ${r!.failure}`);
}

function method(): string {
  if (smoke) return 'Smoke run (`--smoke`, the default under `CI=true`): every measurement once, no warm-up; these numbers are not for comparing.';
  return `Each contestant reads one file of one shape. Median of ${repeat} after a warm-up, contestants
alternated; peak RSS is the largest seen. \`--help\` and \`report apps sample-logs\`: median of ${startupRuns} each,
alternated; \`report apps --db\`: median of ${seededRuns}.`;
}

interface Report {
  readonly machine: string;
  readonly checked: string;
  readonly shapeRuns: readonly ShapeRun[];
  readonly seeded: SeededReport | null;
  readonly startup: Startup;
  readonly rest: RestIngest;
}

function renderReport({ machine, checked, shapeRuns, seeded, startup, rest }: Report): string {
  const commandLine = `npm run bench -- --size ${args.size} --shape ${args.shape} --repeat ${repeat} --requests ${requests}${smoke ? ' --smoke' : ''}`;
  const commit = gitCommit();
  const targets = [...shapeRuns.flatMap(shapeTargets), seededTarget(seeded), startupTarget(startup), restTarget(rest)];
  const failures = failureLines(shapeRuns, seeded, startup, rest);
  return `# Benchmarks

Written by \`${commandLine}\` on ${new Date().toISOString().slice(0, 10)}${commit ? `, measuring \`dist/cli.js\` built from ${commit}` : ''}.
Machine: ${machine}.

Inputs, generated: non-interactive sign-ins with 15–30 policies each, the same sign-ins in every shape.
${[...shapeRuns.map((run) => inputLine(RACED_SHAPES[run.shape].title, run.input)), inputLine('Log Analytics REST API response (`{"tables":[…]}`), for its memory', rest.input)].join('\n')}

${method()}
${checked}

${shapeRuns.map(shapeTable).join('\n\n')}

## Targets (issue 12)

| target | value | bound | |
|---|--:|--:|---|
${targets.map(targetRow).join('\n')}
${seeded ? `\n${seededContext(seeded)}\n` : ''}${failures.length ? `\nFailed:\n\n${failures.join('\n')}\n` : ''}`;
}

async function main(): Promise<void> {
  log(`signin-audit bench: ${args.size} of each of ${shapes.join(', ')} in ${work}`);
  const machine = await describeMachine();
  const checked = await checkAllPeers();
  log(checked);
  const shapeRuns: ShapeRun[] = [];
  for (const shape of shapes) shapeRuns.push(await measureShape(shape));
  const ingested = shapeRuns.find((run) => run.databaseBytes !== null);
  const seeded = ingested ? await measureSeededReport(ingested.database) : null;
  const startup = measureStartup();
  const rest = await measureRestIngest();

  const report = renderReport({ machine, checked, shapeRuns, seeded, startup, rest });
  process.stdout.write(report);
  if (args.output !== '-') {
    const findings = existsSync(args.output!) ? readFileSync(args.output!, 'utf8').split('<!-- findings -->')[1] : undefined;
    writeFileSync(args.output!, `${report}\n<!-- findings -->${findings ?? '\n'}`);
  }
  if (!args.dir) rmSync(work, { recursive: true, force: true });
}

await main();
