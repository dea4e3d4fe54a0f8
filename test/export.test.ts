// export --parquet: the hive layout, zstd, nothing lost against the database, README's Spark SQL
// giving the apps report when DuckDB runs it over the files, appending without rewriting, errors.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, relative } from 'node:path';
import { before, describe, test } from 'node:test';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { ROOT, SAMPLES, assertOneLineError, runCli, tempDir } from './helpers.ts';

type Row = Record<string, unknown>;

/** Every file under a folder, relative to it, with its size and modification time. */
function files(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else found.set(relative(dir, full), `${statSync(full).size}/${statSync(full).mtimeMs}`);
    }
  };
  walk(dir);
  return found;
}

/**
 * A DuckDB with a lake's datasets as temp tables named `<prefix>signins` and `<prefix>policies`:
 * in memory, or over a database (read only) whose own tables keep their names.
 */
async function openLake(lake: string, options: { db?: string; prefix?: string } = {}): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(options.db ?? ':memory:', options.db ? { access_mode: 'READ_ONLY' } : {});
  const connection = await instance.connect();
  await connection.run(`SET TimeZone = 'UTC'`);
  for (const dataset of ['signins', 'policies']) {
    await connection.run(`CREATE TEMP TABLE ${options.prefix ?? ''}${dataset} AS SELECT * FROM read_parquet($glob, hive_partitioning = true)`, {
      glob: join(lake, dataset, '*', '*', '*.parquet'),
    });
  }
  return connection;
}

async function rows(connection: DuckDBConnection, sql: string, values?: Record<string, string>): Promise<Row[]> {
  return (await connection.runAndReadAll(sql, values)).getRowObjectsJson() as Row[];
}

/** The query README shows for Spark, taken from README itself. */
function readmeSparkQuery(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### `export --parquet`'));
  const block = /```sql\n(-- Spark:[\s\S]*?)```/.exec(section);
  assert.ok(block, 'README has the Spark SQL block in the export section');
  return block[1]!;
}

describe('export --parquet from a database', () => {
  const dir = tempDir();
  const db = join(dir, 'audit.duckdb');
  const lake = join(dir, 'lake');
  let connection: DuckDBConnection; // the database, with the lake as lake_signins and lake_policies
  let lakeOnly: DuckDBConnection; // the lake alone, as signins and policies

  before(async () => {
    assert.equal((await runCli(['ingest', SAMPLES, '--db', db, '-q'])).code, 0);
    const result = await runCli(['export', '--db', db, '--parquet', lake]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /^signin-audit: wrote 291 sign-ins and \d+ policy evaluations to .*lake: 30 new days\n$/);
    assert.equal(result.stdout, '', 'no data on stdout');
    connection = await openLake(lake, { db, prefix: 'lake_' });
    lakeOnly = await openLake(lake);
  });

  test('hive layout by log and UTC date, zstd, and no staging folder left', async () => {
    const written = [...files(lake).keys()];
    assert.ok(written.length > 0);
    for (const file of written) {
      assert.match(file, /^(signins|policies)\/log=(interactive|noninteractive)\/date=\d{4}-\d{2}-\d{2}\/part-[0-9a-f-]{36}\.parquet$/);
    }
    assert.deepEqual(readdirSync(lake).sort(), ['policies', 'signins']);
    const [signinFile] = written.filter((f) => f.startsWith('signins/log=noninteractive/date=2026-11-20/'));
    const codecs = await rows(lakeOnly, `SELECT DISTINCT compression FROM parquet_metadata($file)`, { file: join(lake, signinFile!) });
    assert.deepEqual(codecs, [{ compression: 'ZSTD' }]);
    // Each record sits in the folder of its own log and UTC day.
    const misplaced = await rows(connection, `SELECT count(*) AS n FROM lake_signins WHERE TimeGenerated::DATE <> date`);
    assert.deepEqual(misplaced, [{ n: '0' }]);
  });

  test('signins holds every stored record, column for column, but the original JSON and the token protection policies again', async () => {
    const [counts] = await rows(
      connection,
      `SELECT (SELECT count(*) FROM signins) AS stored, (SELECT count(*) FROM lake_signins) AS exported,
              (SELECT count(DISTINCT RecordKey) FROM lake_signins) AS keys`,
    );
    assert.deepEqual(counts, { stored: '291', exported: '291', keys: '291' });
    const stored = `SELECT * EXCLUDE (Log, TokenProtectionPolicies) REPLACE (lower(lpad(hex(RecordKey), 32, '0')) AS RecordKey), Log AS log FROM signins`;
    const exported = `SELECT * EXCLUDE (date, Platform) FROM lake_signins`;
    for (const [a, b] of [[stored, exported], [exported, stored]]) {
      assert.deepEqual(await rows(connection, `SELECT count(*) AS n FROM (${a} EXCEPT ALL ${b})`), [{ n: '0' }]);
    }
    // And each record's Platform, as the reports normalise its operating system.
    assert.deepEqual(await rows(connection, `SELECT DISTINCT OperatingSystem, Platform FROM lake_signins ORDER BY ALL`), [
      { OperatingSystem: 'Android', Platform: 'android' },
      { OperatingSystem: 'Ios', Platform: 'ios' },
      { OperatingSystem: 'Linux', Platform: 'linux' },
      { OperatingSystem: 'MacOs', Platform: 'macos' },
      { OperatingSystem: 'Windows 10', Platform: 'windows' },
      { OperatingSystem: 'Windows 11', Platform: 'windows' },
      { OperatingSystem: 'Windows Server 2019', Platform: 'windows' },
      { OperatingSystem: 'iPadOS', Platform: 'ios' },
    ]);
  });

  test('straight from the files, the same sign-ins: every column and every policy, not only those a report counts', async () => {
    const fromFiles = join(dir, 'from-files');
    const result = await runCli(['export', SAMPLES, '--parquet', fromFiles, '-q']);
    assert.equal(result.code, 0, result.stderr);
    await lakeOnly.run(`CREATE TEMP TABLE files_signins AS SELECT * FROM read_parquet($glob, hive_partitioning = true)`, {
      glob: join(fromFiles, 'signins', '*', '*', '*.parquet'),
    });
    const otherControls = `list_bool_or(list_transform(ConditionalAccessPolicies, p -> NOT list_bool_or(list_transform(p.enforcedSessionControls, c -> lower(c) IN ('binding', 'signintokenprotection')))))`;
    const [others] = await rows(lakeOnly, `SELECT count(*) FILTER (WHERE ${otherControls}) AS n FROM files_signins`);
    assert.notEqual(others!.n, '0', 'records keep their policies of other controls too');
    const exclude = 'EXCLUDE (date, SourceFile, SourcePosition, IngestRun)';
    for (const [a, b] of [['signins', 'files_signins'], ['files_signins', 'signins']]) {
      assert.deepEqual(await rows(lakeOnly, `SELECT count(*) AS n FROM (SELECT * ${exclude} FROM ${a} EXCEPT ALL SELECT * ${exclude} FROM ${b})`), [{ n: '0' }], `${a} minus ${b}`);
    }
  });

  test('policies: one row per token protection policy, whose Counted and Blocked add up to the record outcome', async () => {
    const [expected] = await rows(
      connection,
      `SELECT count(*) AS n FROM (SELECT unnest(ConditionalAccessPolicies) AS p FROM signins)
       WHERE list_bool_or(list_transform(p.enforcedSessionControls, c -> lower(c) IN ('binding', 'signintokenprotection')))`,
    );
    assert.deepEqual(await rows(connection, `SELECT count(*) AS n FROM lake_policies`), [expected]);
    const disagreeing = await rows(
      connection,
      `SELECT s.RecordKey
       FROM lake_signins s LEFT JOIN (SELECT RecordKey, bool_or(Counted) AS counted, bool_or(Blocked) AS blocked FROM lake_policies GROUP BY RecordKey) p
         USING (RecordKey)
       WHERE coalesce(p.counted, false) <> s.TokenProtectionCounted OR coalesce(p.blocked, false) <> s.TokenProtectionBlocked`,
    );
    assert.deepEqual(disagreeing, []);
    // Both spellings of the session control are there: the samples span June 2023.
    const spellings = await rows(
      connection,
      `SELECT DISTINCT lower(c) AS control FROM (SELECT unnest(EnforcedSessionControls) AS c FROM lake_policies)
       WHERE lower(c) IN ('binding', 'signintokenprotection') ORDER BY 1`,
    );
    assert.deepEqual(spellings, [{ control: 'binding' }, { control: 'signintokenprotection' }]);
  });

  test("README's Spark SQL, run by DuckDB over the files, gives the apps report of the database", async () => {
    const fromLake = await rows(lakeOnly, readmeSparkQuery());
    const report = await runCli(['report', 'apps', '--db', db, '--since', '2026-11-14', '--until', '2026-11-21', '--format', 'json']);
    assert.equal(report.code, 0, report.stderr);
    // The report's columns of the published query; those appended after PctAllowed need the status-code table.
    const published = ['AppDisplayName', 'Requests', 'Users', 'Block', 'Allow', 'BlockedUsers', 'PctAllowed'];
    const fromDb = (JSON.parse(report.stdout) as Row[]).map((r) => Object.fromEntries(published.map((k) => [k, r[k]])));
    assert.ok(fromDb.length > 3, 'the samples have several apps in that week');
    assert.deepEqual(
      fromLake.map((r) => ({ ...r, Requests: Number(r.Requests), Users: Number(r.Users), Block: Number(r.Block), Allow: Number(r.Allow), BlockedUsers: Number(r.BlockedUsers), PctAllowed: Number(r.PctAllowed) })),
      fromDb,
    );
  });
});

describe('export --parquet appends', () => {
  test('a later, larger export adds new days and the records an old day lacked, rewriting no file; a rerun writes nothing', async () => {
    const dir = tempDir();
    const lake = join(dir, 'lake');
    const full = join(dir, 'full');
    // First the Log Analytics exports only, then everything: sample-logs/ has more records on the same days.
    const first = await runCli(['export', join(SAMPLES, 'log-analytics', 'AADNonInteractiveUserSignInLogs.json'), '--parquet', lake]);
    assert.equal(first.code, 0, first.stderr);
    const before = files(lake);

    const second = await runCli(['export', SAMPLES, '--parquet', lake]);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stderr, /wrote \d+ sign-ins and \d+ policy evaluations to .*: \d+ new days, \d+ days? written before, given the records (it|they) lacked\n$/);
    const after = files(lake);
    for (const [file, stamp] of before) assert.equal(after.get(file), stamp, `${file} is left as it was`);
    assert.ok(after.size > before.size);

    assert.equal((await runCli(['export', SAMPLES, '--parquet', full, '-q'])).code, 0);
    const appended = await openLake(lake);
    const [counts] = await rows(appended, `SELECT count(*) AS n, count(DISTINCT RecordKey) AS keys FROM signins`);
    assert.deepEqual(counts, { n: '291', keys: '291' }, 'no record twice');
    // The same rows as one export of everything, in both datasets.
    for (const dataset of ['signins', 'policies']) {
      await appended.run(`CREATE TABLE ${dataset}_full AS SELECT * FROM read_parquet($glob, hive_partitioning = true)`, {
        glob: join(full, dataset, '*', '*', '*.parquet'),
      });
      const exclude = dataset === 'signins' ? 'EXCLUDE (SourceFile, SourcePosition)' : '';
      for (const [a, b] of [[dataset, `${dataset}_full`], [`${dataset}_full`, dataset]]) {
        const diff = await rows(appended, `SELECT count(*) AS n FROM (SELECT * ${exclude} FROM ${a} EXCEPT ALL SELECT * ${exclude} FROM ${b})`);
        assert.deepEqual(diff, [{ n: '0' }], `${a} minus ${b}`);
      }
    }

    const rerun = await runCli(['export', SAMPLES, '--parquet', lake]);
    assert.equal(rerun.code, 0, rerun.stderr);
    assert.match(rerun.stderr, /nothing new to write to .*lake: it holds every sign-in of these sources already \(30 days\)\n$/);
    assert.deepEqual(files(lake), after, 'the rerun touched no file');
    assert.deepEqual(readdirSync(lake).sort(), ['policies', 'signins'], 'no staging folder left');
  });

  test('a database and files together: the files add what the database lacks, once', async () => {
    const dir = tempDir();
    const db = join(dir, 'audit.duckdb');
    const lake = join(dir, 'lake');
    assert.equal((await runCli(['ingest', join(SAMPLES, 'log-analytics'), '--db', db, '-q'])).code, 0);
    const result = await runCli(['export', '--db', db, SAMPLES, '--parquet', lake, '-q']);
    assert.equal(result.code, 0, result.stderr);
    const connection = await openLake(lake);
    assert.deepEqual(await rows(connection, `SELECT count(*) AS n, count(DISTINCT RecordKey) AS keys FROM signins`), [{ n: '291', keys: '291' }]);
  });
});

describe('export --parquet recovers', () => {
  test('a day whose sign-ins a stopped run did not move into place gets them; its policy rows are not written twice', async () => {
    const dir = tempDir();
    const lake = join(dir, 'lake');
    assert.equal((await runCli(['export', SAMPLES, '--parquet', lake, '-q'])).code, 0);
    const policiesBefore = [...files(join(lake, 'policies')).keys()];
    // What a run stopped between moving a day's policies and its sign-ins leaves.
    const day = join(lake, 'signins', 'log=noninteractive', 'date=2026-11-20');
    const lost = readdirSync(day);
    rmSync(day, { recursive: true });
    const result = await runCli(['export', SAMPLES, '--parquet', lake]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /wrote \d+ sign-ins and 0 policy evaluations to .*lake: 1 new day\n$/);
    assert.equal(readdirSync(day).length, lost.length);
    assert.deepEqual([...files(join(lake, 'policies')).keys()], policiesBefore);
    const connection = await openLake(lake);
    assert.deepEqual(await rows(connection, `SELECT count(*) AS n, count(DISTINCT RecordKey) AS keys FROM signins`), [{ n: '291', keys: '291' }]);
  });

  test("another export's lock is respected; a dead process's lock and staging folder are cleared", async () => {
    const dir = tempDir();
    const lake = join(dir, 'lake');
    mkdirSync(lake);
    // A live holder: this test process.
    writeFileSync(join(lake, '.export.lock'), `${process.pid}@${hostname()}\n`);
    assertOneLineError(await runCli(['export', SAMPLES, '--parquet', lake, '-q']), 2, 'another export is writing to this folder', 'run one export at a time');
    assert.deepEqual(readdirSync(lake), ['.export.lock'], 'nothing written, the lock left to its holder');
    // A holder that is gone (no such process), and the staging folder it left.
    writeFileSync(join(lake, '.export.lock'), `999999999@${hostname()}\n`);
    mkdirSync(join(lake, '.export-left'));
    writeFileSync(join(lake, '.export-left', 'half.parquet'), 'PAR1');
    const result = await runCli(['export', SAMPLES, '--parquet', lake, '-q']);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(readdirSync(lake).sort(), ['policies', 'signins'], 'lock released, staging folders gone');
  });

  test('Ctrl-C while writing: exit 130 and the folder as it was', async () => {
    const dir = tempDir();
    const lake = join(dir, 'lake');
    const big = join(dir, 'big.json');
    const policies = Array.from({ length: 20 }, (_, i) => ({
      id: `p${i}`, displayName: `Policy ${i}`, enforcedGrantControls: ['Mfa'], enforcedSessionControls: ['SignInTokenProtection'],
      sessionControlsNotSatisfied: [], result: 'reportOnlySuccess',
    }));
    const record = (i: number) => ({
      time: `2026-11-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00.0000000Z`, category: 'NonInteractiveUserSignInLogs', tenantId: 't',
      properties: { id: `big-${i}`, createdDateTime: '2026-11-20T10:00:00Z', userPrincipalName: `u${i % 500}@x`, appDisplayName: 'Microsoft Teams',
        resourceDisplayName: 'Office 365 Exchange Online', appliedConditionalAccessPolicies: policies },
    });
    writeFileSync(big, Array.from({ length: 60000 }, (_, i) => JSON.stringify(record(i))).join('\n'));
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'export', big, '--parquet', lake], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    // The lock is taken once the files are read, just before the first COPY.
    const lock = join(lake, '.export.lock');
    const locked = setInterval(() => {
      if (existsSync(lock)) {
        clearInterval(locked);
        child.kill('SIGINT');
      }
    }, 10);
    const code = await exited;
    clearInterval(locked);
    assert.equal(code, 130, `exit code 130 after Ctrl-C (the export finished before the signal?); stderr: ${stderr}`);
    assert.match(stderr, /interrupted/);
    assert.deepEqual(readdirSync(lake), [], 'no file, no staging folder, no lock');
  });
});

describe('export errors', () => {
  test('--parquet naming a file: exit 2, one line, before reading any export', async () => {
    const dir = tempDir();
    const file = join(dir, 'lake');
    writeFileSync(file, 'not a folder');
    assertOneLineError(await runCli(['export', SAMPLES, '--parquet', file]), 2, `--parquet ${file}: exists and is not a folder`, 'Hint: name a folder');
  });

  test('no sources: exit 2, one line', async () => {
    assertOneLineError(await runCli(['export', '--parquet', join(tempDir(), 'lake')]), 2, 'no sign-ins to export', 'sample-logs');
  });

  test('--parquet is required', async () => {
    const result = await runCli(['export', SAMPLES]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /parquet/);
  });

  test('a damaged file in a day folder: exit 2, one line naming the folder; nothing written', async () => {
    const dir = tempDir();
    const lake = join(dir, 'lake');
    const day = join(lake, 'signins', 'log=noninteractive', 'date=2026-11-20');
    mkdirSync(day, { recursive: true });
    writeFileSync(join(day, 'part-damaged.parquet'), 'PAR1 truncated');
    const result = await runCli(['export', SAMPLES, '--parquet', lake, '-q']);
    assertOneLineError(result, 2, `--parquet ${lake}: cannot read the signins files already there for noninteractive`, 'move it away');
    assert.deepEqual([...files(lake).keys()], ['signins/log=noninteractive/date=2026-11-20/part-damaged.parquet']);
  });
});
