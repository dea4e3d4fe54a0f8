// Every documented bad input: exit code, one-line message naming file and position, and a
// database left exactly as it was.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { assertOneLineError, changeDb, queryDb, runCli, tempDir } from './helpers.ts';

const record = (id: string, extra: Record<string, unknown> = {}) => ({
  time: '2026-11-20T10:00:00.0000000Z',
  category: 'NonInteractiveUserSignInLogs',
  properties: { id, createdDateTime: '2026-11-20T09:59:00.0000000+00:00', userPrincipalName: 'a@x', appDisplayName: 'Outlook', resourceDisplayName: 'Office 365 Exchange Online', appliedConditionalAccessPolicies: [] },
  ...extra,
});
const ndjson = (...records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

/** A database holding two good records, and a way to see that it did not change. */
async function seededDb(dir: string): Promise<{ db: string; snapshot: () => Promise<unknown> }> {
  const db = join(dir, 'audit.duckdb');
  const seed = join(dir, 'seed.json');
  writeFileSync(seed, ndjson(record('seed-1'), record('seed-2')));
  const result = await runCli(['ingest', seed, '--db', db, '--quiet']);
  assert.equal(result.code, 0, result.stderr);
  const snapshot = () => queryDb(db, 'SELECT (SELECT count(*) FROM signins) AS signins, (SELECT count(*) FROM ingest_runs) AS runs, (SELECT list(Id ORDER BY Id) FROM signins) AS ids');
  return { db, snapshot };
}

async function expectRefused(files: Record<string, string | Buffer>, code: number, ...fragments: (string | RegExp)[]) {
  const dir = tempDir();
  const { db, snapshot } = await seededDb(dir);
  const before = await snapshot();
  const paths = Object.entries(files).map(([name, content]) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  });
  const result = await runCli(['ingest', ...paths, '--db', db]);
  assertOneLineError(result, code, ...fragments);
  assert.deepEqual(await snapshot(), before, 'the database is unchanged');
  return { dir, db, paths, result };
}

describe('bad input is refused and stores nothing from the run', () => {
  test('a truncated JSON array names the file and the byte', async () => {
    const good = JSON.stringify([record('a-1')]);
    const { paths } = await expectRefused({ 'good.json': ndjson(record('good-1')), 'cut.json': JSON.stringify([record('a-1'), record('a-2')]).slice(0, good.length + 40) }, 2, 'malformed JSON', /at byte \d+/, 'Hint:');
    assert.match((await runCli(['ingest', paths[1]!, '--db', join(tempDir(), 'x.duckdb')])).stderr, /cut\.json/);
  });

  test('a malformed NDJSON line names the file and the line', async () => {
    const lines = ndjson(record('a-1'), record('a-2')) + '{"time": "2026-11-20T10:00:00Z", "category" "x"}\n' + ndjson(record('a-4'));
    await expectRefused({ 'PT1H.json': lines }, 2, 'PT1H.json', 'line 3', 'malformed JSON', '--skip-invalid');
  });

  test('positions count in each file, whatever folders it is in and however many files one read takes', async () => {
    // Diagnostic archives nest y=/m=/d=/h= folders, which DuckDB would read as columns; several
    // files of one shape are read together, and each file's lines count from 1.
    const dir = tempDir();
    const { db, snapshot } = await seededDb(dir);
    const before = await snapshot();
    const hour = (d: string) => join(dir, 'archive', 'tenantId=t', 'y=2026', 'm=11', `d=${d}`, 'h=10', 'm=00');
    const paths = ['19', '20', '21'].map((d) => join(hour(d), 'PT1H.json'));
    for (const path of paths) mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(paths[0]!, ndjson(record('a-1'), record('a-2'), record('a-3')));
    writeFileSync(paths[1]!, ndjson(record('b-1'), { ...record('x'), properties: { userPrincipalName: 'b@x' } }));
    writeFileSync(paths[2]!, ndjson(record('c-1')));
    const result = await runCli(['ingest', join(dir, 'archive'), '--db', db]);
    assertOneLineError(result, 2, 'd=20', 'line 2', 'without an Id');
    assert.deepEqual(await snapshot(), before, 'the database is unchanged');
    const rejects = join(dir, 'rejects.ndjson');
    const skipped = await runCli(['ingest', join(dir, 'archive'), '--db', db, '--skip-invalid', '--rejects', rejects, '--quiet']);
    assert.equal(skipped.code, 0, skipped.stderr);
    const stored = await queryDb(db, `SELECT Id, SourcePosition, Record::VARCHAR AS Record FROM signins JOIN signin_records USING (RecordKey) WHERE Id NOT LIKE 'seed-%' ORDER BY Id`);
    assert.deepEqual(stored.map((r) => [r.Id, r.SourcePosition]), [['a-1', 'line 1'], ['a-2', 'line 2'], ['a-3', 'line 3'], ['b-1', 'line 1'], ['c-1', 'line 1']]);
    for (const row of stored) assert.ok(String(row.Record).includes(`"id":"${String(row.Id)}"`), `${String(row.Id)} keeps its own original record`);
    const [reject] = readFileSync(rejects, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line));
    assert.deepEqual([reject.position, reject.record.properties.userPrincipalName], ['line 2', 'b@x']);
  });

  test('JSON that is not a sign-in log says what was expected', async () => {
    await expectRefused({ 'audit.json': JSON.stringify([{ activityDisplayName: 'Add user', result: 'success' }, { foo: 1 }]) }, 2, 'audit.json', 'not a sign-in log', 'Hint: expected');
  });

  test('records that do not say their log ask for --as', async () => {
    const bare = [{ id: 'x-1', createdDateTime: '2026-11-20T10:00:00Z', userPrincipalName: 'a@x', appDisplayName: 'Outlook' }];
    const { dir, db } = await expectRefused({ 'bare.json': JSON.stringify(bare) }, 2, 'bare.json', 'record 1', 'which log', '--as');
    const ok = await runCli(['ingest', join(dir, 'bare.json'), '--db', db, '--as', 'noninteractive', '--json']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.deepEqual(JSON.parse(ok.stdout).logs, { interactive: 0, noninteractive: 1 });
  });

  test('a sign-in record without an Id or a readable time is refused with its position', async () => {
    await expectRefused({ 'noid.json': ndjson(record('a-1'), { ...record('x'), properties: { userPrincipalName: 'b@x' } }) }, 2, 'noid.json', 'line 2', 'without an Id');
    await expectRefused({ 'badtime.json': ndjson({ ...record('a-1'), time: 'yesterday', properties: { ...record('a-1').properties, createdDateTime: 'soon' } }) }, 2, 'line 1', 'unreadable time');
    // JSON, but no record: a line of null, or of an empty object.
    for (const empty of ['null', '{}']) {
      await expectRefused({ 'empty.json': `${ndjson(record('a-1'))}${empty}\n` }, 2, 'empty.json', 'line 2', 'not a sign-in record');
    }
  });

  test('text that is neither JSON nor CSV', async () => {
    await expectRefused({ 'notes.txt': 'hello world\nthis is not an export\n' }, 2, 'notes.txt', 'neither JSON nor CSV');
  });

  test("the admin center's CSV download is explained", async () => {
    await expectRefused({ 'InteractiveSignIns_2026-11-01_2026-11-20.csv': 'Date (UTC),Request ID,User agent\n2026-11-20,abc,x\n' }, 2, 'no per-policy', 'download the sign-ins as JSON');
  });

  test('a truncated gzip file', async () => {
    const gz = gzipSync(Buffer.from(ndjson(record('a-1'), record('a-2'), record('a-3'))));
    await expectRefused({ 'PT1H.json.gz': gz.subarray(0, gz.length - 20) }, 2, 'PT1H.json.gz');
  });

  test('a path that does not exist', async () => {
    const dir = tempDir();
    const result = await runCli(['ingest', join(dir, 'missing.json'), '--db', join(dir, 'a.duckdb')]);
    assertOneLineError(result, 2, 'missing.json', 'no such file');
    assert.equal(existsSync(join(dir, 'a.duckdb')), false, 'no database is created by a failed run');
  });
});

describe('what is not an error', () => {
  test('empty files and empty arrays are warnings', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'empty.json'), '');
    writeFileSync(join(dir, 'none.json'), '[]');
    writeFileSync(join(dir, 'one.json'), ndjson(record('a-1')));
    const result = await runCli(['ingest', dir, '--db', join(dir, 'a.duckdb'), '--json']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /warning: .*empty\.json: empty file/);
    assert.match(result.stderr, /warning: .*none\.json: no records/);
    assert.deepEqual(JSON.parse(result.stdout), { files: 3, records: 1, inserted: 1, duplicates: 0, rejected: 0, skipped: 0, logs: { interactive: 0, noninteractive: 1 } });
  });

  test('records of other categories are skipped and counted', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'PT1H.json'), ndjson(record('a-1'), { ...record('sp-1'), category: 'ServicePrincipalSignInLogs' }, { time: '2026-11-20T10:00:00Z', category: 'AuditLogs', properties: { activityDisplayName: 'Add user' } }));
    const result = await runCli(['ingest', dir, '--db', join(dir, 'a.duckdb'), '--json']);
    assert.equal(result.code, 0, result.stderr);
    const summary = JSON.parse(result.stdout);
    assert.equal(summary.records, 3);
    assert.equal(summary.inserted, 1);
    assert.equal(summary.skipped, 2);
  });

  test('--skip-invalid stores the good records and writes the bad ones to --rejects', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'PT1H.json'), ndjson(record('a-1')) + '{"broken": \n' + ndjson({ ...record('x'), properties: { userPrincipalName: 'b@x' } }, record('a-4')));
    writeFileSync(join(dir, 'cut.json'), '[{"Id": "c-1", "TimeGenerated": "2026-11-20T10:00:00Z"');
    const rejects = join(dir, 'rejects.ndjson');
    const db = join(dir, 'a.duckdb');
    const result = await runCli(['ingest', dir, '--db', db, '--skip-invalid', '--rejects', rejects, '--json']);
    assert.equal(result.code, 0, result.stderr);
    const summary = JSON.parse(result.stdout);
    assert.equal(summary.inserted, 2);
    assert.equal(summary.rejected, 3);
    const lines = readFileSync(rejects, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line));
    assert.deepEqual(
      lines.map((l) => [l.file.replace(dir, '<dir>'), l.position, l.reason.replace(/:.*/, '')]),
      [
        ['<dir>/cut.json', lines[0].position, 'malformed JSON'],
        ['<dir>/PT1H.json', 'line 2', 'malformed JSON'],
        ['<dir>/PT1H.json', 'line 3', 'sign-in record without an Id'],
      ],
    );
    assert.match(lines[0].position, /^at byte \d+/);
    assert.equal(lines[2].record.properties.userPrincipalName, 'b@x');
    assert.deepEqual((await queryDb(db, 'SELECT list(Id ORDER BY Id) AS ids FROM signins'))[0]?.ids, ['a-1', 'a-4']);
  });

  test('with --skip-invalid, a file whose only record is rejected is not called empty', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'PT1H.json'), ndjson(record('a-1')));
    // An hourly archive cut off inside its first line, as an interrupted copy leaves it.
    writeFileSync(join(dir, 'PT1H-cut.json'), ndjson(record('a-2')).slice(0, 60));
    const result = await runCli(['ingest', dir, '--db', join(dir, 'a.duckdb'), '--skip-invalid', '--json']);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual([JSON.parse(result.stdout).inserted, JSON.parse(result.stdout).rejected], [1, 1]);
    assert.doesNotMatch(result.stderr, /no records/);
  });

  test('file names with spaces, quotes and non-ASCII characters', async () => {
    const dir = tempDir();
    const name = join(dir, `Zoë's "export" (1).json`);
    writeFileSync(name, ndjson(record('a-1')));
    const db = join(dir, `audit 'ö'.duckdb`);
    const result = await runCli(['ingest', name, '--db', db, '--json']);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual((await queryDb(db, 'SELECT SourceFile FROM signins'))[0]?.SourceFile, name);
    const report = await runCli(['report', 'apps', '--db', db, name, '--format', 'json', '-q']);
    assert.equal(report.code, 0, report.stderr);
  });

  test('a quoted glob is expanded by signin-audit', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.json'), ndjson(record('a-1')));
    writeFileSync(join(dir, 'b.json'), ndjson(record('b-1')));
    writeFileSync(join(dir, 'c.txt'), 'not matched');
    const result = await runCli(['ingest', join(dir, '*.json'), '--db', join(dir, 'x.duckdb'), '--json']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).inserted, 2);
  });
});

describe('the database', () => {
  test('in use by another process: a clear message, and it stays usable', async () => {
    const dir = tempDir();
    const { db, snapshot } = await seededDb(dir);
    const holder = spawn(process.execPath, ['--input-type=module', '-e', `
      import { DuckDBInstance } from '@duckdb/node-api';
      const i = await DuckDBInstance.create(${JSON.stringify(db)});
      await i.connect();
      process.stdout.write('locked\\n');
      setTimeout(() => {}, 60000);`], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));
      writeFileSync(join(dir, 'more.json'), ndjson(record('more-1')));
      const result = await runCli(['ingest', join(dir, 'more.json'), '--db', db]);
      assertOneLineError(result, 2, 'audit.duckdb', 'in use by another process', 'Hint:');
    } finally {
      holder.kill();
      await new Promise((resolve) => holder.once('exit', resolve));
    }
    assert.deepEqual((await snapshot() as { signins: string }[])[0]?.signins, '2');
  });

  test('a folder that does not exist', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.json'), ndjson(record('a-1')));
    const result = await runCli(['ingest', join(dir, 'a.json'), '--db', join(dir, 'no', 'such', 'folder', 'a.duckdb')]);
    assertOneLineError(result, 2, 'a.duckdb');
  });

  test('written by a newer signin-audit', async () => {
    const dir = tempDir();
    const { db, snapshot } = await seededDb(dir);
    await changeDb(db, 'INSERT INTO signin_audit_schema VALUES (999, now())');
    const before = await snapshot();
    writeFileSync(join(dir, 'more.json'), ndjson(record('more-1')));
    assertOneLineError(await runCli(['ingest', join(dir, 'more.json'), '--db', db]), 2, 'schema version 999', 'upgrade');
    assertOneLineError(await runCli(['report', 'apps', '--db', db]), 2, 'schema version 999');
    assert.deepEqual(await snapshot(), before);
  });

  test('a DuckDB file that is not ours', async () => {
    const dir = tempDir();
    const db = join(dir, 'other.duckdb');
    await changeDb(db, 'CREATE TABLE customers (id INTEGER)');
    writeFileSync(join(dir, 'a.json'), ndjson(record('a-1')));
    assertOneLineError(await runCli(['ingest', join(dir, 'a.json'), '--db', db]), 2, 'not a signin-audit database');
  });

  test('Ctrl-C mid-ingest leaves it as before', async () => {
    const dir = tempDir();
    const { db, snapshot } = await seededDb(dir);
    const before = await snapshot();
    const big = join(dir, 'big.json');
    const policies = Array.from({ length: 20 }, (_, i) => ({ id: `p${i}`, displayName: `Policy ${i}`, enforcedGrantControls: ['Mfa'], enforcedSessionControls: ['SignInTokenProtection'], sessionControlsNotSatisfied: [], result: 'reportOnlySuccess' }));
    const line = (i: number) => JSON.stringify({ ...record(`big-${i}`), properties: { ...record(`big-${i}`).properties, appliedConditionalAccessPolicies: policies } });
    writeFileSync(big, Array.from({ length: 60000 }, (_, i) => line(i)).join('\n'));
    const child = spawn(process.execPath, [join(process.cwd(), 'dist', 'cli.js'), 'ingest', big, '--db', db], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    setTimeout(() => child.kill('SIGINT'), 1500);
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 130, `exit code 130 after Ctrl-C (ingest finished before the signal?); stderr: ${stderr}`);
    assert.match(stderr, /interrupted; nothing from this run was stored/);
    assert.deepEqual(await snapshot(), before);
  });
});

describe('identity', () => {
  test('the same record again is a duplicate; records of one Id that differ are all kept', async () => {
    const dir = tempDir();
    const db = join(dir, 'a.duckdb');
    const first = record('same-id');
    const retry = { ...record('same-id'), time: '2026-11-20T10:00:07.0000000Z', properties: { ...first.properties, status: { errorCode: 50074 } } };
    writeFileSync(join(dir, 'one.json'), ndjson(first, retry));
    writeFileSync(join(dir, 'overlap.json'), ndjson(first));
    const once = await runCli(['ingest', join(dir, 'one.json'), '--db', db, '--json']);
    assert.deepEqual(JSON.parse(once.stdout).inserted, 2);
    const again = await runCli(['ingest', join(dir, 'one.json'), join(dir, 'overlap.json'), '--db', db, '--json']);
    assert.deepEqual([JSON.parse(again.stdout).inserted, JSON.parse(again.stdout).duplicates], [0, 3]);
    assert.deepEqual((await queryDb(db, 'SELECT count(*)::INTEGER AS n FROM signins'))[0]?.n, 2);
  });
});

describe('progress', () => {
  test('a bar on a terminal; none in pipes, under CI or with --quiet', async () => {
    const dir = tempDir();
    const { spawnSync } = await import('node:child_process');
    const command = `${JSON.stringify(process.execPath)} dist/cli.js ingest sample-logs --db ${JSON.stringify(join(dir, 'tty.duckdb'))}`;
    const env = { ...process.env, CI: '' };
    const tty = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', env });
    assert.equal(tty.status, 0, tty.stderr);
    assert.match(tty.stdout, /\r\x1b\[2K[█░]+ +\d+% file \d+\/62 /);
    // The bar crosses the whole run: reading, then each step of storing, never backwards.
    const steps = [...tty.stdout.matchAll(/(\d+)% (file|storing the records|keeping the original records|computing the requests)/g)];
    assert.deepEqual([...new Set(steps.map((m) => m[2]))], ['file', 'storing the records', 'keeping the original records', 'computing the requests']);
    const percents = steps.map((m) => Number(m[1]));
    assert.deepEqual(percents, [...percents].sort((a, b) => a - b));
    assert.match(tty.stdout, /Read 298 records from 62 files/);
    const quiet = spawnSync('script', ['-qec', `${command.replace('tty.duckdb', 'quiet.duckdb')} --quiet`, '/dev/null'], { encoding: 'utf8', env });
    assert.equal(quiet.stdout, '');
    const piped = await runCli(['ingest', 'sample-logs', '--db', join(dir, 'piped.duckdb')]);
    assert.doesNotMatch(piped.stderr, /\r|%/);
  });
});
