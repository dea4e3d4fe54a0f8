// Issue 13: every bad input gets one clear line, exit code 2, and nothing lost — one test per hole
// an adversarial run found, each run as users run the CLI, and the command contracts around them.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import { CLI, NOBODY, ROOT, SAMPLES, assertGolden, assertOneLineError, queryDb, runCli, tempDir } from './helpers.ts';

/** SigninLogs rows (Log Analytics JSON), one token protection policy each, blocked when asked. */
function signinLogs(rows: readonly { id: string; app?: string; upn?: string; blocked?: boolean }[]): string {
  return JSON.stringify(
    rows.map((r) => ({
      TimeGenerated: '2026-11-20T10:00:00Z',
      CreatedDateTime: '2026-11-20T10:00:00Z',
      Id: r.id,
      UserPrincipalName: r.upn ?? 'user@x',
      AppDisplayName: r.app ?? 'Microsoft Outlook',
      ResourceDisplayName: 'Office 365 Exchange Online',
      Type: 'SigninLogs',
      ConditionalAccessPolicies: [
        {
          id: 'tp',
          displayName: 'Require token protection',
          enforcedSessionControls: ['SignInTokenProtection'],
          sessionControlsNotSatisfied: r.blocked ? ['SignInTokenProtection'] : [],
          result: r.blocked ? 'reportOnlyFailure' : 'reportOnlySuccess',
        },
      ],
    })),
  );
}

function exportFile(dir: string, rows: Parameters<typeof signinLogs>[0]): string {
  const file = join(dir, 'export.json');
  writeFileSync(file, signinLogs(rows));
  return file;
}

/** RFC 4180 records as a spreadsheet reads them: quoted fields may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), (i += 1);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') record.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      records.push([...record, field]);
      (record = []), (field = ''), (i += 1);
    } else if (c === '\n' || c === '\r') {
      // A bare line break outside quotes also ends a record for most spreadsheets.
      records.push([...record, field]);
      (record = []), (field = '');
    } else field += c;
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  return records;
}

describe('1. CSV: no cell parses to a formula', () => {
  test('names starting with a line break and a formula stay one quoted cell with a leading apostrophe', async () => {
    const dir = tempDir();
    const names = ['\n=1+1', '\r=2+2', '\r\n@SUM(A1)', 'two\nlines', ' =3+3', '\t-4', 'plain'];
    const file = exportFile(dir, names.map((app, i) => ({ id: `r${i}`, app })));
    const result = await runCli(['report', 'apps', file, '--all-time', '--format', 'csv', '-q']);
    assert.equal(result.code, 0, result.stderr);
    const records = parseCsv(result.stdout);
    assert.equal(records.length, 1 + names.length, `one record per app and the header: ${JSON.stringify(result.stdout)}`);
    for (const record of records) {
      assert.equal(record.length, 10, JSON.stringify(record));
      assert.doesNotMatch(record[0]!, /^\s*[=+\-@]|^[\t\r\n]/, `a cell a spreadsheet would run: ${JSON.stringify(record[0])}`);
    }
    const apps = records.slice(1).map((r) => r[0]!.replace(/^'/, ''));
    assert.deepEqual(new Set(apps), new Set(names), 'the names themselves are kept, after the apostrophe');
  });
});

/** A database holding one run, and a way to see that it did not change. */
async function storedOnce(dir: string): Promise<{ db: string; snapshot: () => Promise<unknown> }> {
  const db = join(dir, 'audit.duckdb');
  writeFileSync(join(dir, 'seed.json'), signinLogs([{ id: 'seed-1' }]));
  assert.equal((await runCli(['ingest', join(dir, 'seed.json'), '--db', db, '-q'])).code, 0);
  const snapshot = () => queryDb(db, 'SELECT (SELECT count(*) FROM signins) AS signins, (SELECT count(*) FROM ingest_runs) AS runs');
  return { db, snapshot };
}

describe('2. Ctrl-C at any moment: either stored and said so, or not stored at all', () => {
  test('signals sent at many points of a run, through its commit, never leave a lie', async () => {
    const dir = tempDir();
    const big = join(dir, 'big.json');
    writeFileSync(big, signinLogs(Array.from({ length: 20_000 }, (_, i) => ({ id: `r-${i}`, blocked: i % 3 === 0 }))));
    // How long a whole run takes here, so that the signals spread over its reading and its commit.
    const probe = join(dir, 'probe.duckdb');
    const started = Date.now();
    assert.equal((await runCli(['ingest', big, '--db', probe, '-q'])).code, 0);
    const whole = Date.now() - started;
    const outcomes = new Set<string>();
    for (const fraction of [0.5, 0.8, 0.9, 0.95, 1.0, 1.05]) {
      const { db, snapshot } = await storedOnce(mkdirSync(join(dir, `run-${fraction}`), { recursive: true })!);
      const before = await snapshot();
      const child = spawn(process.execPath, [CLI, 'ingest', big, '--db', db], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      setTimeout(() => child.kill('SIGINT'), Math.round(whole * fraction));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      const after = (await snapshot()) as { signins: string; runs: string }[];
      const stored = [{ signins: '20001', runs: '2' }];
      if (code === 130) {
        assert.match(stderr, /interrupted; nothing from this run was stored/);
        assert.deepEqual(after, before, `exit 130 at ${fraction}: the database must be as before`);
        outcomes.add('stopped');
      } else if (code === 0) {
        assert.deepEqual(after, stored, `exit 0 at ${fraction}: the run is stored in full`);
        assert.doesNotMatch(stderr, /nothing from this run was stored/);
        outcomes.add('stored');
      } else {
        // Killed by the signal before signin-audit listens for it (starting) or after (exiting):
        // it said nothing, and the database holds all of the run or none of it.
        assert.equal(code, null, `at ${fraction}: ${stderr}`);
        assert.doesNotMatch(stderr, /nothing from this run was stored/);
        assert.ok([JSON.stringify(before), JSON.stringify(stored)].includes(JSON.stringify(after)), `killed at ${fraction}: all or nothing, not ${JSON.stringify(after)}`);
      }
    }
    assert.ok(outcomes.size > 0);
  });
});

describe('3. --rejects is checked before the run', () => {
  test('a --rejects that cannot be written: exit 2 before anything is read or stored', async () => {
    const dir = tempDir();
    const { db, snapshot } = await storedOnce(dir);
    const before = await snapshot();
    writeFileSync(join(dir, 'more.json'), signinLogs([{ id: 'more-1' }]));
    for (const rejects of [join(dir, 'no', 'such', 'folder', 'rejects.ndjson'), dir]) {
      const result = await runCli(['ingest', join(dir, 'more.json'), '--db', db, '--skip-invalid', '--rejects', rejects]);
      assertOneLineError(result, 2, '--rejects', 'cannot write there', 'nothing was read or stored');
      assert.deepEqual(await snapshot(), before, 'the run was not stored');
    }
  });

  test('nor a folder nobody may write to', async () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    const { db } = await storedOnce(dir);
    const locked = join(dir, 'locked');
    mkdirSync(locked, { mode: 0o555 });
    chownSync(db, NOBODY, NOBODY);
    chmodSync(dir, 0o777);
    writeFileSync(join(dir, 'more.json'), signinLogs([{ id: 'more-1' }]));
    const result = await runCli(['ingest', join(dir, 'more.json'), '--db', db, '--rejects', join(locked, 'r.ndjson')], { unprivileged: true });
    assertOneLineError(result, 2, '--rejects', /permission denied/i);
  });
});

describe('4. a damaged gzip file is refused like any unreadable file', () => {
  const lines = Array.from({ length: 200 }, (_, i) => JSON.stringify({ time: '2026-11-20T10:00:00Z', category: 'SignInLogs', properties: { id: `g-${i}`, createdDateTime: '2026-11-20T09:59:00Z', userPrincipalName: 'a@x', appDisplayName: 'Outlook' } })).join('\n');
  const gz = gzipSync(Buffer.from(lines));
  const cases: Record<string, Buffer> = {
    'cut within its first bytes': gz.subarray(0, 300),
    'cut before its end': gz.subarray(0, gz.length - 4),
    'a wrong CRC only': Buffer.concat([gz.subarray(0, gz.length - 8), Buffer.from([gz[gz.length - 8]! ^ 0xff]), gz.subarray(gz.length - 7)]),
  };
  for (const [what, bytes] of Object.entries(cases)) {
    test(`${what}: exit 2, one line, nothing stored; --skip-invalid rejects it as a file`, async () => {
      const dir = tempDir();
      const { db, snapshot } = await storedOnce(dir);
      const before = await snapshot();
      writeFileSync(join(dir, 'PT1H.json.gz'), bytes);
      writeFileSync(join(dir, 'good.json'), signinLogs([{ id: 'good-1' }]));
      assertOneLineError(await runCli(['ingest', join(dir, 'PT1H.json.gz'), join(dir, 'good.json'), '--db', db]), 2, 'PT1H.json.gz', 'damaged gzip');
      assert.deepEqual(await snapshot(), before);
      const skipped = await runCli(['ingest', join(dir, 'PT1H.json.gz'), join(dir, 'good.json'), '--db', db, '--skip-invalid', '--json']);
      assert.equal(skipped.code, 0, skipped.stderr);
      assert.deepEqual([JSON.parse(skipped.stdout).inserted, JSON.parse(skipped.stdout).rejected], [1, 1]);
    });
  }
});

describe('5. a stale export lock is taken over', () => {
  for (const [what, content] of [
    ['empty (a run that hit a full disk while writing it)', ''],
    ['unreadable', 'garbage without a process id'],
  ] as const) {
    test(`a lock file that is ${what}`, async () => {
      const lake = join(tempDir(), 'lake');
      mkdirSync(lake);
      writeFileSync(join(lake, '.export.lock'), content);
      const result = await runCli(['export', SAMPLES, '--parquet', lake, '-q']);
      assert.equal(result.code, 0, result.stderr);
      assert.ok(!existsSync(join(lake, '.export.lock')), 'the lock is released after the run');
      assert.ok(existsSync(join(lake, 'signins')));
    });
  }
});

describe('6. a pseudo file system as an export target', () => {
  test('export --parquet /proc/… is refused in one line, at once', async () => {
    const target = join('/proc', `signin-audit-${process.pid}`, 'lake');
    const result = await runCli(['export', SAMPLES, '--parquet', target, '-q'], { timeout: 20_000 });
    assertOneLineError(result, 2, `--parquet ${target}`, '/proc');
  });

  test('and /sys', async () => {
    assertOneLineError(await runCli(['export', SAMPLES, '--parquet', '/sys/signin-audit-lake', '-q'], { timeout: 20_000 }), 2, '--parquet /sys/signin-audit-lake');
  });
});

describe('7. user faults that were internal errors', () => {
  test('audit on a database whose folder is read-only: one line, exit 2, the database unchanged', async () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    const db = join(dir, 'audit.duckdb');
    assert.equal((await runCli(['ingest', SAMPLES, '--db', db, '-q'])).code, 0);
    assert.equal((await runCli(['audit', '--db', db, '--max-block-pct', '100', '-q'])).code, 0);
    // The file is nobody's, its folder is not: DuckDB can open the file but not create its .wal.
    chownSync(db, NOBODY, NOBODY);
    const runs = () => queryDb(db, 'SELECT count(*)::INTEGER AS n FROM audit_runs');
    const before = await runs();
    const result = await runCli(['audit', '--db', db, '--max-block-pct', '100', '-q'], { unprivileged: true });
    assertOneLineError(result, 2, 'audit.duckdb', /permission denied/i, '--no-record');
    assert.deepEqual(await runs(), before);
    assert.ok(!existsSync(`${db}.wal`));
    // --no-record reads only, which a read-only folder allows.
    assert.equal((await runCli(['audit', '--db', db, '--max-block-pct', '100', '--no-record', '-q'], { unprivileged: true })).code, 0);
  });

  test('a memory limit too low to read the exports: one line about memory, not about the file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'export.json'), signinLogs(Array.from({ length: 2000 }, (_, i) => ({ id: `m-${i}` }))));
    const result = await runCli(['report', 'apps', join(dir, 'export.json'), '-q'], { env: { SIGNIN_AUDIT_MEMORY_LIMIT: '20MB' } });
    assertOneLineError(result, 2, 'out of memory', 'SIGNIN_AUDIT_MEMORY_LIMIT');
    assert.doesNotMatch(result.stderr, /export\.json|complete, unmodified export/);
  });

  test('a memory limit that is not a size: one line naming it, whether the files are found or not (the database opens while they are listed)', async () => {
    const env = { SIGNIN_AUDIT_MEMORY_LIMIT: 'lots' };
    for (const args of [['report', 'apps', SAMPLES, '-q'], ['report', 'apps', SAMPLES, join(SAMPLES, 'no-such-file.json'), '-q'], ['ingest', SAMPLES, '--db', join(tempDir(), 'x.duckdb'), '-q']]) {
      const result = await runCli(args, { env });
      assert.equal(result.code, 2, result.stderr);
      assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
      assert.doesNotMatch(result.stderr, /\n\s+at |unhandled/i);
    }
    assertOneLineError(await runCli(['report', 'apps', SAMPLES, '-q'], { env }), 2, 'SIGNIN_AUDIT_MEMORY_LIMIT=lots is not a memory size');
  });

  test('a thread count that is not a whole number from 1: one line naming it, in reports and ingest; a good one gives the same answer', async () => {
    for (const value of ['many', '0', '-2', '1.5']) {
      const env = { SIGNIN_AUDIT_THREADS: value };
      assertOneLineError(await runCli(['report', 'apps', SAMPLES, '-q'], { env }), 2, `SIGNIN_AUDIT_THREADS=${value} is not a number of threads`, 'whole number');
      assertOneLineError(await runCli(['ingest', SAMPLES, '--db', join(tempDir(), 'x.duckdb'), '-q'], { env }), 2, `SIGNIN_AUDIT_THREADS=${value}`);
    }
    const args = ['report', 'apps', SAMPLES, '--all-time', '--format', 'csv', '-q'];
    const [one, all] = await Promise.all([runCli(args, { env: { SIGNIN_AUDIT_THREADS: '1' } }), runCli(args)]);
    assert.equal(one.code, 0, one.stderr);
    assert.match(one.stdout, /^AppDisplayName,/);
    assert.equal(one.stdout, all.stdout);
  });

  test('--last beyond the range of a window is a usage error, in every command', async () => {
    for (const args of [['report', 'apps', SAMPLES, '-q'], ['audit', SAMPLES, '-q'], ['kql', 'apps']]) {
      assertOneLineError(await runCli([...args, '--last', '99999999999999w']), 2, '--last 99999999999999w', '36500d');
    }
  });

  test("an input path that is a URL: one line, and DuckDB never sees it", async () => {
    const home = tempDir();
    for (const path of ['s3://b/*.json', 'https://example.com/export.json']) {
      assertOneLineError(await runCli(['report', 'apps', path, '-q'], { env: { HOME: home } }), 2, path, 'not a local path');
    }
    assert.ok(!existsSync(join(home, '.duckdb')), 'no extension was installed or looked for');
  });
});

describe('7 and 10. folders: unreadable ones, links, and files that are not exports', () => {
  test('a subfolder nobody may read: one line naming it, exit 2', async () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    const exports = join(dir, 'exports');
    mkdirSync(join(exports, 'secret'), { recursive: true });
    writeFileSync(join(exports, 'a.json'), signinLogs([{ id: 'a-1' }]));
    chmodSync(join(exports, 'secret'), 0o700);
    chmodSync(dir, 0o777);
    const result = await runCli(['ingest', exports, '--db', join(dir, 'nobody.duckdb')], { unprivileged: true });
    assertOneLineError(result, 2, 'secret', 'cannot read the folder', 'permission denied');
  });

  test('a symbolic link to an export inside a folder is read', async () => {
    const dir = tempDir();
    const exports = join(dir, 'exports');
    mkdirSync(exports);
    writeFileSync(join(dir, 'elsewhere.json'), signinLogs([{ id: 'linked-1' }]));
    symlinkSync(join(dir, 'elsewhere.json'), join(exports, 'linked.json'));
    const result = await runCli(['ingest', exports, '--db', join(dir, 'a.duckdb'), '--json']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).inserted, 1);
  });

  test('linked folders are walked once each: a link back up does not loop, a link out is read', async () => {
    const dir = tempDir();
    const exports = join(dir, 'exports');
    mkdirSync(join(exports, 'a'), { recursive: true });
    mkdirSync(join(dir, 'other'));
    writeFileSync(join(exports, 'a', 'PT1H.json'), signinLogs([{ id: 'a-1' }]));
    writeFileSync(join(dir, 'other', 'PT1H.json'), signinLogs([{ id: 'b-1' }]));
    symlinkSync(exports, join(exports, 'a', 'back'));
    symlinkSync(join(dir, 'other'), join(exports, 'b'));
    symlinkSync(join(exports, 'a'), join(exports, 'c'));
    const result = await runCli(['ingest', exports, '--db', join(dir, 'a.duckdb'), '--json']);
    assert.equal(result.code, 0, result.stderr);
    const summary = JSON.parse(result.stdout);
    assert.deepEqual([summary.files, summary.inserted, summary.duplicates], [2, 2, 0]);
  });

  test('a symbolic link in a folder that leads nowhere is skipped with a warning naming it', async () => {
    const dir = tempDir();
    const exports = join(dir, 'exports');
    mkdirSync(exports);
    writeFileSync(join(exports, 'a.json'), signinLogs([{ id: 'here-1' }]));
    symlinkSync(join(dir, 'moved-away.json'), join(exports, 'b.json'));
    for (const args of [['ingest', exports, '--db', join(dir, 'a.duckdb'), '--json'], ['report', 'apps', exports, '--all-time', '--format', 'json']]) {
      const result = await runCli(args);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stderr, /b\.json: skipped, a symbolic link to .*moved-away\.json, which does not exist/);
    }
    const ingested = await runCli(['ingest', exports, '--db', join(dir, 'b.duckdb'), '--json', '-q']);
    assert.deepEqual([JSON.parse(ingested.stdout).files, JSON.parse(ingested.stdout).inserted], [1, 1]);
    const gone = join(dir, 'gone');
    mkdirSync(gone);
    symlinkSync(join(dir, 'moved-away.json'), join(gone, 'PT1H.json'));
    assertOneLineError(await runCli(['report', 'apps', gone]), 2, 'no sign-in log exports in this folder', '1 file, a symbolic link that leads nowhere');
  });

  test('with --skip-invalid, a file that is neither JSON nor CSV is rejected as a file; in a folder, skipped with a warning', async () => {
    const dir = tempDir();
    const exports = join(dir, 'exports');
    mkdirSync(exports);
    writeFileSync(join(exports, 'garbage.bin'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]));
    writeFileSync(join(exports, 'good.json'), signinLogs([{ id: 'good-1' }]));
    const rejects = join(dir, 'rejects.ndjson');
    const named = await runCli(['ingest', join(exports, 'garbage.bin'), join(exports, 'good.json'), '--db', join(dir, 'a.duckdb'), '--skip-invalid', '--rejects', rejects, '--json']);
    assert.equal(named.code, 0, named.stderr);
    assert.deepEqual([JSON.parse(named.stdout).inserted, JSON.parse(named.stdout).rejected], [1, 1]);
    assert.match(readFileSync(rejects, 'utf8'), /garbage\.bin.*neither JSON nor CSV/);
    const folder = await runCli(['ingest', exports, '--db', join(dir, 'b.duckdb'), '--json']);
    assert.equal(folder.code, 0, folder.stderr);
    assert.match(folder.stderr, /garbage\.bin: skipped, holds neither JSON nor CSV/);
  });
});

describe('8. no extension is ever loaded or installed', () => {
  test('--db naming a URL or MotherDuck is refused in one line, by every command', async () => {
    const home = tempDir();
    for (const db of ['https://example.com/audit.duckdb', 'http://example.com/a.duckdb', 's3://bucket/audit.duckdb', 'md:audit', 'motherduck:audit']) {
      for (const args of [['report', 'apps'], ['audit'], ['history'], ['ingest', SAMPLES]]) {
        assertOneLineError(await runCli([...args, '--db', db, '-q'], { env: { HOME: home } }), 2, `--db ${db}`);
      }
    }
    assert.ok(!existsSync(join(home, '.duckdb')), 'no extension was installed or looked for');
  });

  test('--db naming a SQLite database is refused in one line', async () => {
    const dir = tempDir();
    const db = join(dir, 'app.db');
    writeFileSync(db, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(84)]));
    const before = readFileSync(db);
    assertOneLineError(await runCli(['report', 'apps', '--db', db, '-q'], { env: { HOME: dir } }), 2, `--db ${db}`, 'SQLite');
    assertOneLineError(await runCli(['ingest', SAMPLES, '--db', db, '-q'], { env: { HOME: dir } }), 2, 'SQLite');
    assert.deepEqual(readFileSync(db), before);
    assert.ok(!existsSync(join(dir, '.duckdb')));
  });

  test('other path options that are URLs', async () => {
    const dir = tempDir();
    assertOneLineError(await runCli(['report', 'apps', SAMPLES, '-o', 's3://b/apps.csv', '-q']), 2, '--output s3://b/apps.csv');
    assertOneLineError(await runCli(['export', SAMPLES, '--parquet', 'abfss://lake@acct.dfs.core.windows.net/x', '-q']), 2, '--parquet abfss://');
    assertOneLineError(await runCli(['report', 'blockers', SAMPLES, '--rules', 'https://example.com/r.csv', '-q']), 2, '--rules https://');
    assertOneLineError(await runCli(['ingest', SAMPLES, '--db', join(dir, 'a.duckdb'), '--skip-invalid', '--rejects', 'https://x/r.ndjson', '-q']), 2, '--rejects https://');
  });
});

describe('9. one validation for every command', () => {
  const lineOf = async (args: string[]) => {
    const result = await runCli(args[0] === 'kql' ? args : [...args, '-q']);
    assertOneLineError(result, 2);
    return result.stderr;
  };

  for (const [option, values] of [
    ['--max-block-pct', ['abc', '', '-1', '101', '5%', '1e1']],
    ['--max-app-block-pct', ['abc', '100.5']],
    ['--max-blocked-users', ['1.5', '-2', 'x']],
    ['--min-requests', ['abc', '', '2.5', '-1']],
    ['--min-enforceable-pct', ['abc', '', '-0.5', '100.01', '95%']],
  ] as const) {
    for (const value of values) {
      test(`audit ${option} ${JSON.stringify(value)} is a usage error, not a failed audit`, async () => {
        assertOneLineError(await runCli(['audit', SAMPLES, option, value, '-q']), 2, option);
      });
    }
  }

  test('the same bad value gets the same line from report, audit, html and kql', async () => {
    const html = join(tempDir(), 'a.html');
    const lines = [
      await lineOf(['report', 'readiness', SAMPLES, '--min-requests', 'abc']),
      await lineOf(['audit', SAMPLES, '--min-requests', 'abc']),
      await lineOf(['html', SAMPLES, '--min-requests', 'abc', '-o', html]),
      await lineOf(['kql', 'readiness', '--min-requests', 'abc']),
    ];
    assert.equal(new Set(lines).size, 1, lines.join(''));
    assert.match(lines[0]!, /--min-requests abc: not a whole number from 0 to/);
    assert.ok(!existsSync(html));
    const days = [await lineOf(['report', 'readiness', SAMPLES, '--min-days', '2.5']), await lineOf(['kql', 'readiness', '--min-days', '2.5'])];
    assert.equal(new Set(days).size, 1, days.join(''));
  });

  test('an unknown --resources preset gets the same line from report, audit, html and kql', async () => {
    const html = join(tempDir(), 'a.html');
    const lines = [
      await lineOf(['report', 'apps', SAMPLES, '--resources', 'exchange']),
      await lineOf(['audit', SAMPLES, '--resources', 'exchange']),
      await lineOf(['html', SAMPLES, '--resources', 'exchange', '-o', html]),
      await lineOf(['kql', 'apps', '--resources', 'exchange']),
    ];
    assert.equal(new Set(lines).size, 1, lines.join(''));
    assert.match(lines[0]!, /resources.*"exchange".*"exo-spo", "native", "arm", "all-protected"/);
    assert.ok(!existsSync(html));
  });

  test('a day that does not exist is refused, not moved to the next month', async () => {
    for (const args of [['report', 'apps', SAMPLES], ['audit', SAMPLES], ['kql', 'apps']]) {
      assertOneLineError(await runCli([...args, '--since', '2026-02-30']), 2, '--since 2026-02-30');
      assertOneLineError(await runCli([...args, '--until', '2026-11-31T10:00:00Z']), 2, '--until 2026-11-31T10:00:00Z');
    }
  });

  test('valid values still pass: fractional percentages, zero counts, a leap day', async () => {
    const result = await runCli(['audit', SAMPLES, '--max-block-pct', '99.99', '--max-blocked-users', '1000', '--min-requests', '0', '--since', '2024-02-29', '-q']);
    assert.equal(result.code, 0, result.stderr);
  });
});

describe('10. names with control characters keep the error on one line', () => {
  test('a file name with a line feed and an escape sequence is printed escaped', async () => {
    const dir = tempDir();
    const file = join(dir, 'bad\nname\x1b[31m.json');
    writeFileSync(file, 'this is not a sign-in export\n');
    for (const args of [['report', 'apps', file], ['ingest', file, '--db', join(dir, 'a.duckdb')]]) {
      const result = await runCli(args);
      assertOneLineError(result, 2, 'bad\\nname\\x1b[31m.json');
      assert.doesNotMatch(result.stderr, /\x1b/, 'no raw escape character reaches the terminal');
    }
  });
});

describe('11. tests that cannot pass while a feature is broken', () => {
  test('without Chromium the browser tests are counted as skipped; under CI they fail', async () => {
    const run = (env: NodeJS.ProcessEnv) =>
      new Promise<{ code: number | null; stdout: string }>((resolve) => {
        const env2: NodeJS.ProcessEnv = { ...process.env, ...env, CHROMIUM_PATH: '/nonexistent/chromium' };
        delete env2.NODE_TEST_CONTEXT; // run as a test run of its own, not as a child of this one
        const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', 'test/html.test.ts'], { cwd: ROOT, env: env2, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.on('close', (code) => resolve({ code, stdout }));
      });
    const local = await run({ CI: '' });
    assert.equal(local.code, 0, local.stdout);
    assert.match(local.stdout, /^# skipped [1-9]\d*$/m, 'the summary says tests were skipped');
    assert.match(local.stdout, /# SKIP no Chromium/);
    const ci = await run({ CI: 'true' });
    assert.notEqual(ci.code, 0, 'CI fails without Chromium');
  });

  test('a missing golden file fails, writes <name>.actual, and is not created', async () => {
    const name = `missing-${process.pid}.txt`;
    const golden = join(ROOT, 'test', 'golden', name);
    try {
      await assert.rejects(assertGolden('new output\n', name), /no golden file.*golden:accept/);
      assert.ok(!existsSync(golden), 'the golden file is not written by a test run');
      assert.equal(readFileSync(`${golden}.actual`, 'utf8'), 'new output\n');
    } finally {
      for (const file of [golden, `${golden}.actual`]) rmSync(file, { force: true });
    }
  });
});

describe('12. the lock file installs on every platform', () => {
  test("package-lock.json lists every platform's DuckDB binding that @duckdb/node-bindings names", () => {
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { optional?: boolean; integrity?: string; optionalDependencies?: Record<string, string> }> };
    const bindings = lock.packages['node_modules/@duckdb/node-bindings'];
    assert.ok(bindings?.optionalDependencies, 'the bindings package and its optional dependencies are locked');
    const names = Object.keys(bindings.optionalDependencies);
    assert.ok(names.includes('@duckdb/node-bindings-win32-x64') && names.includes('@duckdb/node-bindings-darwin-arm64'));
    for (const name of names) {
      const entry = lock.packages[`node_modules/${name}`];
      assert.ok(entry?.integrity, `${name} is in the lock file, with its integrity`);
      assert.equal(entry.optional, true, name);
    }
  });
});

describe('command contracts', () => {
  test('stdout closed by its reader (| head): exit 0, nothing on stderr', async () => {
    const child = spawn(process.execPath, [CLI, 'report', 'users', SAMPLES, '--all-time', '--all-resources', '--format', 'ndjson', '-q'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    assert.equal(code, 0, stderr);
    assert.equal(stderr, '');
  });

  test('--debug adds the stack trace to a user error; without it, one line', async () => {
    const plain = await runCli(['report', 'apps', join(ROOT, 'no-such-folder')]);
    assertOneLineError(plain, 2, 'no-such-folder');
    const debug = await runCli(['report', 'apps', join(ROOT, 'no-such-folder'), '--debug']);
    assert.equal(debug.code, 2);
    assert.equal(debug.stderr.split('\n')[0], plain.stderr.trimEnd());
    assert.match(debug.stderr, /\n\s+at /, 'a stack trace');
    assert.match(debug.stderr, /\bsrc\/[\w/-]+\.ts:\d+/, 'naming lines of src/, through the source maps of the bundle');
  });

  test('--help answers without loading DuckDB or Arrow', async () => {
    const trace = pathToFileURL(join(ROOT, 'test', 'fixtures', 'trace-imports.mjs')).href;
    for (const args of [['--help'], ['report', 'apps', '--help'], ['audit', '-h'], ['export', '--help'], ['kql', 'apps', '-h']]) {
      const result = await runCli(args, { env: { NODE_OPTIONS: `--import ${trace}` } });
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /Options:/);
      assert.equal(result.stderr, '');
      // Wrapped to 100 columns (the help of the commands that run is laid out unwrapped).
      const widest = Math.max(...result.stdout.split('\n').map((line) => line.length));
      assert.ok(widest <= 100 && widest > 80, `${args.join(' ')}: lines of up to ${widest} characters`);
    }
    // The trace itself works: a command that does load DuckDB is stopped by it.
    assert.match((await runCli(['report', 'apps', SAMPLES], { env: { NODE_OPTIONS: `--import ${trace}` } })).stderr, /imported @duckdb/);
  });

  test('--version is the package version, from any working directory', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const result = await runCli(['--version'], { cwd: tempDir() });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, `${version}\n`);
  });
});

describe('report trend --by: once, and day or app', () => {
  test('given twice, or another value, it is refused in one line like every --by', async () => {
    assertOneLineError(await runCli(['report', 'trend', SAMPLES, '--by', 'day', '--by', 'app', '-q']), 2, '--by: given 2 times');
    assertOneLineError(await runCli(['report', 'trend', SAMPLES, '--by', 'week', '-q']), 2, '--by week: the trend report is per day or per day and app');
  });
});
