// npm run bench -- [--size 1GB] [--repeat 3] [--requests 1000000] [--dir DIR] [--output BENCHMARKS.md]
// Races signin-audit against DuckDB's own JSON reader and a jq pipeline on generated exports, and
// writes the results to BENCHMARKS.md. See README "Benchmarks".
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { generate, parseSize, type Generated } from './generate.ts';

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: '1GB' },
    repeat: { type: 'string', default: '3' },
    requests: { type: 'string', default: '1000000' },
    dir: { type: 'string' },
    output: { type: 'string', default: 'BENCHMARKS.md' },
  },
});

const ROOT = new URL('..', import.meta.url).pathname;
const CLI = join(ROOT, 'dist', 'cli.js');
const repeat = Math.max(1, Number(args.repeat));
const work = args.dir ?? mkdtempSync(join(tmpdir(), 'signin-audit-bench-'));
const log = (line: string) => process.stderr.write(`${line}\n`);

interface Sample {
  readonly seconds: number;
  /** Peak resident set size in MB, from /usr/bin/time; NaN when it is not there. */
  readonly rssMb: number;
}

const HAS_TIME = existsSync('/usr/bin/time');

/** Runs a command, timed; peak RSS from GNU time. Fails loudly: a contestant that errs is no result. */
function measure(command: string, argv: readonly string[], env: NodeJS.ProcessEnv = {}): Sample {
  const started = process.hrtime.bigint();
  const run = HAS_TIME
    ? spawnSync('/usr/bin/time', ['-f', '__RSS_KB__=%M', command, ...argv], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 30 })
    : spawnSync(command, argv, { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) throw new Error(`${command} ${argv.join(' ')} failed (${run.status}): ${run.stderr.slice(-2000)}`);
  const rss = /__RSS_KB__=(\d+)/.exec(run.stderr ?? '');
  return { seconds, rssMb: rss ? Number(rss[1]) / 1024 : NaN };
}

function output(command: string, argv: readonly string[]): string {
  const run = spawnSync(command, argv, { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.status !== 0) throw new Error(`${command} ${argv.join(' ')} failed: ${run.stderr.slice(-2000)}`);
  return run.stdout;
}

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const jqVersion = (() => {
  const run = spawnSync('jq', ['--version'], { encoding: 'utf8' });
  return run.status === 0 ? run.stdout.trim() : null;
})();

/** The jq peer must compute what signin-audit computes, or the race is not fair. */
function checkPeer(): string {
  if (!jqVersion) return 'jq is not installed (apt-get install jq): the jq contestant is skipped.';
  const small = join(work, 'check');
  const files = existsSync(join(small, 'PT1H.json')) ? { ndjson: join(small, 'PT1H.json'), array: join(small, 'AADNonInteractiveUserSignInLogs.json') } : null;
  return files ? compare(files) : '';
}

function compare(files: { ndjson: string; array: string }): string {
  const ours = JSON.parse(output(process.execPath, [CLI, 'report', 'apps', files.ndjson, files.array, '--all-time', '--format', 'json', '--quiet']));
  const theirs = JSON.parse(output('jq', ['-n', '-c', '-f', join(ROOT, 'bench', 'apps.jq'), files.ndjson, files.array]));
  if (JSON.stringify(ours) !== JSON.stringify(theirs)) {
    throw new Error(`the jq peer disagrees with signin-audit on ${files.ndjson}:\nours:   ${JSON.stringify(ours)}\ntheirs: ${JSON.stringify(theirs)}`);
  }
  return `jq peer checked: the same ${ours.length} app rows as \`signin-audit report apps --all-time\` on a 2 MB input.`;
}

const REFERENCE = 'reference: the same table in one DuckDB SQL';

/** The one-SQL reference must compute our table too, or it is no reference. */
function checkReference(): string {
  const small = join(work, 'check');
  const files = [join(small, 'PT1H.json'), join(small, 'AADNonInteractiveUserSignInLogs.json')];
  const ours = output(process.execPath, [CLI, 'report', 'apps', ...files, '--all-time', '--format', 'json', '--quiet']);
  const reference = output(process.execPath, [join(ROOT, 'bench', 'report-limit.mjs'), ...files]);
  if (JSON.stringify(JSON.parse(ours)) !== JSON.stringify(JSON.parse(reference))) {
    throw new Error(`bench/report-limit.mjs disagrees with signin-audit:\nours:      ${ours}\nreference: ${reference}`);
  }
  return 'One-SQL reference checked: the same app rows as `signin-audit report apps --all-time` on a 2 MB input.';
}

interface Contestant {
  readonly name: string;
  readonly run: () => Sample;
  readonly before?: () => void;
}

async function seedDatabase(db: string, requests: number): Promise<number> {
  const instance = await DuckDBInstance.create(db);
  const connection = await instance.connect();
  try {
    await connection.run(readFileSync(join(ROOT, 'bench', 'seed-requests.sql'), 'utf8'), { requests });
    await connection.run('CHECKPOINT');
    return Number((await connection.runAndReadAll('SELECT count(*) FROM signins')).getRowsJS()[0]?.[0]);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function main(): Promise<void> {
  const size = parseSize(args.size!);
  log(`signin-audit bench: ${args.size} of exports in ${work}`);
  await generate(join(work, 'check'), 2 * 1024 * 1024);
  const peerNote = [checkPeer(), checkReference()].filter(Boolean).join('\n');
  log(peerNote);
  const data: Generated = await generate(join(work, 'data'), size);
  const mb = (data.bytes / 1024 / 1024);
  log(`generated ${data.records} records, ${mb.toFixed(0)} MB (${(data.bytes / data.records / 1024).toFixed(1)} KB a record)`);
  const db = join(work, 'bench.duckdb');
  const lake = join(work, 'lake');
  const files = [data.ndjson, data.array];
  const node = process.execPath;
  const contestants: Contestant[] = [
    { name: 'limit: DuckDB read_json', run: () => measure(node, [join(ROOT, 'bench', 'limit.mjs'), ...files]) },
    { name: 'signin-audit ingest', before: () => rmSync(db, { force: true }), run: () => measure(node, [CLI, 'ingest', ...files, '--db', db, '--quiet']) },
    { name: 'signin-audit report apps --db', run: () => measure(node, [CLI, 'report', 'apps', '--db', db, '--all-time', '--format', 'json', '--quiet']) },
    { name: 'signin-audit export --db --parquet', before: () => rmSync(lake, { recursive: true, force: true }), run: () => measure(node, [CLI, 'export', '--db', db, '--parquet', lake, '--quiet']) },
    { name: 'signin-audit report apps <files>', run: () => measure(node, [CLI, 'report', 'apps', ...files, '--all-time', '--format', 'json', '--quiet']) },
    { name: REFERENCE, run: () => measure(node, [join(ROOT, 'bench', 'report-limit.mjs'), ...files]) },
    ...(jqVersion ? [{ name: 'jq peer', run: () => measure('jq', ['-n', '-c', '-f', join(ROOT, 'bench', 'apps.jq'), ...files]) }] : []),
  ];
  const samples = new Map<string, Sample[]>(contestants.map((c) => [c.name, []]));
  log('warm-up');
  for (const c of contestants) {
    c.before?.();
    c.run();
  }
  for (let r = 0; r < repeat; r++) {
    // Alternate: each repetition starts with another contestant; the report from the database
    // always follows an ingest, which rebuilds that database.
    const order = contestants.map((_, i) => contestants[(i + r) % contestants.length]!);
    for (const c of order) {
      if (c.name.includes('--db') && !existsSync(db)) contestants[1]!.run();
      c.before?.();
      const sample = c.run();
      samples.get(c.name)!.push(sample);
      log(`  ${r + 1}/${repeat} ${c.name}: ${sample.seconds.toFixed(2)} s, ${sample.rssMb.toFixed(0)} MB`);
    }
  }
  if (!existsSync(db)) contestants[1]!.run();

  const bigDb = join(work, 'requests.duckdb');
  rmSync(bigDb, { force: true });
  const requests = Number(args.requests);
  copyFileSync(db, bigDb);
  const rows = await seedDatabase(bigDb, requests);
  const counted = JSON.parse(output(node, [CLI, 'report', 'apps', '--db', bigDb, '--all-time', '--all-resources', '--format', 'json', '--quiet'])) as { Requests: number }[];
  const countedRequests = counted.reduce((n, r) => n + r.Requests, 0);
  const dbReport = Array.from({ length: Math.max(3, repeat) }, () => measure(node, [CLI, 'report', 'apps', '--db', bigDb, '--all-time', '--all-resources', '--format', 'json', '--quiet']).seconds);
  const help = Array.from({ length: 5 }, () => measure(node, [CLI, '--help']).seconds);

  const result = (name: string) => {
    const list = samples.get(name) ?? [];
    return { seconds: median(list.map((s) => s.seconds)), rssMb: Math.max(...list.map((s) => s.rssMb)) };
  };
  const limit = result(contestants[0]!.name);
  const ingest = result('signin-audit ingest');
  const direct = result('signin-audit report apps <files>');
  const jq = jqVersion ? result('jq peer') : null;
  const reference = result(REFERENCE);
  const rowsOut = contestants.map((c) => {
    const r = result(c.name);
    const readsFiles = !c.name.includes('--db');
    return `| ${c.name} | ${r.seconds.toFixed(2)} | ${readsFiles ? (mb / r.seconds).toFixed(1) : '–'} | ${readsFiles ? Math.round(data.records / r.seconds).toLocaleString('en-US') : '–'} | ${r.rssMb.toFixed(0)} |`;
  });
  const ratio = (a: number, b: number) => (a / b).toFixed(2);
  const target = (ok: boolean) => (ok ? 'met' : '**missed**');
  const report = `# Benchmarks

Written by \`npm run bench -- --size ${args.size} --repeat ${repeat}\` on ${new Date().toISOString().slice(0, 10)}.
Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 1024 ** 3).toFixed(0)} GB memory, Node ${process.version}${jqVersion ? `, ${jqVersion}` : ''}.

Input: ${data.records.toLocaleString('en-US')} generated non-interactive sign-ins, ${mb.toFixed(0)} MB (${(data.bytes / data.records / 1024).toFixed(1)} KB a record, 15–30 policies each),
half as a diagnostic-settings \`PT1H.json\` (NDJSON), half as a Log Analytics JSON array. Median of ${repeat}
after a warm-up, contestants alternated; peak RSS is the largest seen.
${peerNote}

| contestant | seconds | MB/s | records/s | peak RSS MB |
|---|--:|--:|--:|--:|
${rowsOut.join('\n')}

| ratio | value | target | |
|---|--:|--:|---|
| ingest / limit | ${ratio(ingest.seconds, limit.seconds)} | ≤ 1.3 | ${target(ingest.seconds <= 1.3 * limit.seconds)} |
| direct report / limit | ${ratio(direct.seconds, limit.seconds)} | ≤ 1.3 | ${target(direct.seconds <= 1.3 * limit.seconds)} |
| direct report / one-SQL reference | ${ratio(direct.seconds, reference.seconds)} | (context) | |
| jq / direct report | ${jq ? ratio(jq.seconds, direct.seconds) : 'n/a'} | ≥ 10 | ${jq ? target(jq.seconds >= 10 * direct.seconds) : 'n/a'} |
| report from a database of ${countedRequests.toLocaleString('en-US')} counted requests (${rows.toLocaleString('en-US')} rows), seconds | ${median(dbReport).toFixed(2)} | < 1 | ${target(median(dbReport) < 1)} |
| peak RSS of ingest / direct report, MB | ${ingest.rssMb.toFixed(0)} / ${direct.rssMb.toFixed(0)} | < 1536 (for 5 GB) | ${target(Math.max(ingest.rssMb, direct.rssMb) < 1536)} |
| \`signin-audit --help\`, seconds | ${median(help).toFixed(2)} | < 0.3 | ${target(median(help) < 0.3)} |
`;
  process.stdout.write(report);
  const notes = existsSync(args.output!) ? readFileSync(args.output!, 'utf8').split('<!-- findings -->')[1] : undefined;
  if (args.output !== '-') writeFileSync(args.output!, `${report}\n<!-- findings -->${notes ?? '\n'}`);
  if (!args.dir) rmSync(work, { recursive: true, force: true });
}

await main();
