// The pure parts on their own: window parsing, option values and their ranges, thresholds, the
// failure classifier and the error line, the transaction and interrupt helpers, path checks.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { openDatabase } from '../src/db.ts';
import { EXIT, Interrupted, UserError } from '../src/errors.ts';
import { LOCK_FILE, holderAlive, lockFolder } from '../src/export/lock.ts';
import { classifyFailure, describeFailure, escapeControls } from '../src/failures.ts';
import { interruptibly } from '../src/interrupt.ts';
import { checkDatabasePath, checkLocalPath, checkWriteTarget, makeFolder } from '../src/paths.ts';
import { evaluateChecks } from '../src/report/audit.ts';
import { gathersReads, isSmallRun, readBatches, readsOnOneThread, type FilePlan, type ReadGroup } from '../src/ingest/plan.ts';
import type { IngestProgress } from '../src/ingest/run-progress.ts';
import { readingProgress } from '../src/progress.ts';
import { parseDuration, parseTime, resolveWindow } from '../src/report/window.ts';
import { withTransaction } from '../src/transaction.ts';
import { MAX_BLOCK_PCT, MAX_BLOCKED_USERS, MIN_DAYS, MIN_REQUESTS, TOP_APPS, parseNumber } from '../src/vocabulary.ts';
import { tempDir } from './helpers.ts';

const refused = (fn: () => unknown, ...fragments: string[]) => {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof UserError, String(error));
    assert.equal(error.exitCode, EXIT.usageOrInput);
    for (const fragment of fragments) assert.ok(error.message.includes(fragment), `${error.message} mentions ${fragment}`);
    return true;
  });
};

describe('window parsing', () => {
  test('--since/--until: ISO dates and times, UTC unless a zone is given, to microseconds', () => {
    assert.equal(parseTime('--since', '2026-11-13'), '2026-11-13T00:00:00.000');
    assert.equal(parseTime('--since', '2026-11-13 08:00'), '2026-11-13T08:00:00.000');
    assert.equal(parseTime('--since', '2026-11-13T08:00:00Z'), '2026-11-13T08:00:00.000');
    assert.equal(parseTime('--since', '2026-11-13T08:00:00+0130'), '2026-11-13T06:30:00.000');
    assert.equal(parseTime('--since', '2026-03-01T00:30:00-01:00'), '2026-03-01T01:30:00.000');
    assert.equal(parseTime('--since', '2026-11-13T12:00:00.000001Z'), '2026-11-13T12:00:00.000001');
    assert.equal(parseTime('--since', ' 2028-02-29 '), '2028-02-29T00:00:00.000');
    assert.equal(parseTime('--since', '2000-02-29'), '2000-02-29T00:00:00.000');
  });

  test('a day, hour or offset that does not exist is refused, never rolled over', () => {
    refused(() => parseTime('--since', '2026-02-30'), '--since 2026-02-30', 'February 2026 has 28 days');
    refused(() => parseTime('--since', '2026-02-29'), 'February 2026 has 28 days');
    refused(() => parseTime('--since', '1900-02-29'), 'February 1900 has 28 days');
    refused(() => parseTime('--until', '2026-11-31T10:00:00Z'), 'November 2026 has 30 days');
    refused(() => parseTime('--until', '2026-13-01'), 'no month 13');
    refused(() => parseTime('--until', '2026-00-10'), 'no month 00');
    refused(() => parseTime('--until', '2026-11-13T24:00:00Z'), 'no hour 24');
    refused(() => parseTime('--until', '2026-11-13T23:60Z'), 'no minute 60');
    refused(() => parseTime('--until', '2026-11-13T23:59:60Z'), 'no second 60');
    refused(() => parseTime('--until', '2026-11-13T12:00+15:00'), '±14:00');
    for (const text of ['', 'abc', '20261113', '2026-11-13Z', '2026-11-13T8:00', 'yesterday']) refused(() => parseTime('--since', text), '--since');
  });

  test('--last: whole hours, days or weeks, from 1h to 36500d', () => {
    assert.equal(parseDuration('1h'), 1);
    assert.equal(parseDuration('7d'), 168);
    assert.equal(parseDuration(' 2W '), 336);
    assert.equal(parseDuration('36500d'), 876000);
    for (const text of ['0h', '36501d', '5215w', '99999999999999w', '1.5d', '-1d', '7', 'd', '', '7 days']) refused(() => parseDuration(text), '--last', 'from 1h to 36500d');
  });

  test('the window: --since inclusive, --until exclusive, and not empty', () => {
    assert.deepEqual(resolveWindow({ since: '2026-11-01', until: '2026-11-02' }, null), { lo: '2026-11-01T00:00:00.000', loInclusive: true, hi: '2026-11-02T00:00:00.000', hiInclusive: false });
    refused(() => resolveWindow({ since: '2026-11-02', until: '2026-11-01' }, null), 'is not before');
  });
});

describe('option values', () => {
  test('counts are plain whole numbers within their range', () => {
    assert.equal(parseNumber(MIN_REQUESTS, '0'), 0);
    assert.equal(parseNumber(MIN_REQUESTS, '500'), 500);
    assert.equal(parseNumber(MAX_BLOCKED_USERS, ' 3 '), 3);
    for (const text of ['abc', '', ' ', '-1', '1.5', '1e3', '0x10', '+5', '1000000001', 'Infinity', 'NaN']) {
      refused(() => parseNumber(MIN_REQUESTS, text), '--min-requests', 'not a whole number from 0 to 1000000000');
    }
    refused(() => parseNumber(MIN_DAYS, '36501'), '--min-days 36501', 'from 0 to 36500');
    refused(() => parseNumber(TOP_APPS, '8'), '--top-apps 8', 'from 0 to 7');
  });

  test('percentages take decimals, from 0 to 100', () => {
    assert.equal(parseNumber(MAX_BLOCK_PCT, '19.99'), 19.99);
    assert.equal(parseNumber(MAX_BLOCK_PCT, '100'), 100);
    assert.equal(parseNumber(MAX_BLOCK_PCT, '0'), 0);
    for (const text of ['abc', '', '-1', '100.01', '5%', '1e1', '.5', '5.']) refused(() => parseNumber(MAX_BLOCK_PCT, text), '--max-block-pct', 'not a percentage from 0 to 100');
  });

  test('a value is shown as typed, quoted when it is empty or holds spaces', () => {
    refused(() => parseNumber(MIN_REQUESTS, ''), '--min-requests "":');
    refused(() => parseNumber(MIN_REQUESTS, 'ten requests'), '--min-requests "ten requests":');
    refused(() => parseNumber(MIN_REQUESTS, 'abc'), '--min-requests abc:');
  });
});

describe('thresholds', () => {
  const totals = { requests: 200, block: 10, allow: 190, users: 20, blockedUsers: 3, pctAllowed: 95, blockSelfRemediable: 4, pctEnforceable: 97 };
  const apps = [
    { AppDisplayName: 'Outlook', Requests: 100, Block: 1 },
    { AppDisplayName: 'Teams', Requests: 50, Block: 9 },
    { AppDisplayName: 'Aardvark', Requests: 50, Block: 9 },
  ];

  test('each threshold given is checked, passing at its limit', () => {
    const checks = evaluateChecks({ maxBlockPct: 5, maxAppBlockPct: 18, maxBlockedUsers: 3, minRequests: 200, minEnforceablePct: 97 }, totals, apps);
    assert.deepEqual(checks.map((c) => [c.name, c.limit, c.actual, c.passed]), [
      ['max-block-pct', 5, 5, true],
      ['max-app-block-pct', 18, 18, true],
      ['max-blocked-users', 3, 3, true],
      ['min-requests', 200, 200, true],
      ['min-enforceable-pct', 97, 97, true],
    ]);
    assert.equal(checks[4]!.detail, '190 allowed and 4 self-remediable of 200 requests');
    assert.match(checks[1]!.detail, /worst app: Aardvark \(9 of 50 blocked\)/, 'ties by name');
  });

  test('and failing past it; none given, none checked', () => {
    const checks = evaluateChecks({ maxBlockPct: 4.99, maxAppBlockPct: 17.99, maxBlockedUsers: 2, minRequests: 201, minEnforceablePct: 97.01 }, totals, apps);
    assert.deepEqual(checks.map((c) => c.passed), [false, false, false, false, false]);
    assert.deepEqual(evaluateChecks({}, totals, apps), []);
    assert.deepEqual(evaluateChecks({ maxBlockPct: 0, maxAppBlockPct: 0, minEnforceablePct: 0 }, { ...totals, requests: 0, block: 0, pctEnforceable: null }, []).map((c) => [c.actual, c.passed, c.detail]), [
      [0, true, '0 of 0 requests blocked'],
      [0, true, 'no apps'],
      [0, false, 'no requests in the window'],
    ]);
  });
});

const errno = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('failures', () => {
  test("the machine's and the user's failures are one-line user errors, exit 2, with a hint", () => {
    const cases: [unknown, RegExp][] = [
      [errno('ENOSPC', 'ENOSPC: no space left on device, write'), /disk is full/],
      [new Error('IO Error: Could not write file "x.parquet": No space left on device'), /disk is full/],
      [errno('EACCES', "EACCES: permission denied, open '/x'"), /permission denied/],
      [new Error('TransactionContext Error: Failed to commit: Cannot open file "/d/a.duckdb.wal": Permission denied'), /permission denied/],
      [errno('EROFS', 'EROFS: read-only file system, mkdir'), /read-only/],
      [new Error('Out of Memory Error: failed to allocate data of size 64.0 MiB (953.6 MiB/953.6 MiB used)'), /out of memory/],
      [new Error('Out of Range Error: Interval value 16799999999999832 hours out of range'), /out of range/],
      [new Error("Extension Autoloading Error: An error occurred while trying to automatically install the required extension 'httpfs':"), /extension/],
      [new Error('Missing Extension Error: File s3://b/x.json requires the extension httpfs to be loaded'), /extension/],
      [errno('EMFILE', 'EMFILE: too many open files'), /too many open files/],
    ];
    for (const [error, what] of cases) {
      const user = classifyFailure(error, { where: 'out.csv' });
      assert.ok(user, String(error));
      assert.equal(user.exitCode, EXIT.usageOrInput);
      assert.match(user.message, /^out\.csv: /);
      assert.match(user.message, what);
      assert.ok(user.hint);
      const report = describeFailure(error, { debug: false });
      assert.equal(report.exitCode, 2);
      assert.equal(report.text.split('\n').length, 2, 'one line and its line feed');
    }
  });

  test('anything else is a bug: exit 3, "internal error", and the stack with --debug', () => {
    for (const error of [new TypeError("Cannot read properties of undefined (reading 'rows')"), new Error('queries/x.sql uses $since but no option sets it'), 'a string']) {
      assert.equal(classifyFailure(error), null);
      const report = describeFailure(error, { debug: false });
      assert.equal(report.exitCode, EXIT.internal);
      assert.match(report.text, /^signin-audit: internal error: .*Rerun with --debug and report it\.\n$/);
    }
    const debug = describeFailure(new TypeError('boom'), { debug: true });
    assert.match(debug.text, /^signin-audit: internal error: boom\.\nTypeError: boom\n\s+at /);
  });

  test('a user error keeps its exit code; --debug adds its stack', () => {
    const error = new UserError('x.json: line 3: malformed JSON', { hint: 'fix it' });
    assert.deepEqual(describeFailure(error, { debug: false }), { text: 'signin-audit: x.json: line 3: malformed JSON. Hint: fix it\n', exitCode: 2 });
    assert.match(describeFailure(error, { debug: true }).text, /Hint: fix it\nUserError: x\.json.*\n\s+at /);
    assert.equal(describeFailure(new Interrupted(), { debug: false }).exitCode, 130);
  });

  test('control characters in a message are escaped, so it stays one line and cannot drive the terminal', () => {
    assert.equal(escapeControls('a\nb\r\tc\x1b[31md\x00\x7f\u0085\u2028'), 'a\\nb\\r\\tc\\x1b[31md\\x00\\x7f\\x85\\u2028');
    assert.equal(escapeControls('Größe ✓'), 'Größe ✓');
    const report = describeFailure(new UserError('bad\nname.json: not a sign-in log', { hint: 'is it\x1b]0;x\x07?' }), { debug: false });
    assert.equal(report.text, 'signin-audit: bad\\nname.json: not a sign-in log. Hint: is it\\x1b]0;x\\x07?\n');
  });
});

describe('transaction', () => {
  const connection = (failOn: string[] = []) => {
    const ran: string[] = [];
    return {
      ran,
      run: async (sql: string) => {
        ran.push(sql);
        if (failOn.includes(sql)) throw new Error(`${sql} failed`);
      },
    };
  };

  test('commits what succeeds', async () => {
    const c = connection();
    assert.equal(await withTransaction(c, async () => 42), 42);
    assert.deepEqual(c.ran, ['BEGIN TRANSACTION', 'COMMIT']);
  });

  test('rolls back what fails, and throws the first error, not the rollback\'s', async () => {
    const c = connection(['ROLLBACK']);
    await assert.rejects(withTransaction(c, async () => { throw new Error('the work failed'); }), /^Error: the work failed$/);
    assert.deepEqual(c.ran, ['BEGIN TRANSACTION', 'ROLLBACK']);
  });

  test('a failed COMMIT rolls back and is the error thrown', async () => {
    const c = connection(['COMMIT', 'ROLLBACK']);
    await assert.rejects(withTransaction(c, async () => 1), /COMMIT failed/);
    assert.deepEqual(c.ran, ['BEGIN TRANSACTION', 'COMMIT', 'ROLLBACK']);
  });
});

describe('interrupt', () => {
  test('an abort interrupts the connection and the work ends as Interrupted (exit 130)', async () => {
    const controller = new AbortController();
    let interrupted = 0;
    const connection = { interrupt: () => (interrupted += 1) };
    const work = interruptibly(connection, controller.signal, () => new Promise((_, reject) => setTimeout(() => reject(new Error('INTERRUPT Error: Interrupted!')), 20)), 'interrupted; the folder is as it was');
    controller.abort();
    await assert.rejects(work, (error: unknown) => error instanceof Interrupted && error.exitCode === 130 && error.message === 'interrupted; the folder is as it was');
    assert.equal(interrupted, 1);
  });

  test('work that ends before any abort keeps its result and its errors', async () => {
    const controller = new AbortController();
    assert.equal(await interruptibly({ interrupt: () => assert.fail() }, controller.signal, async () => 'done'), 'done');
    await assert.rejects(interruptibly({ interrupt: () => undefined }, controller.signal, async () => { throw new Error('disk'); }), /^Error: disk$/);
  });
});

describe('paths', () => {
  test('URLs are not local paths; Windows drives and odd names are', () => {
    for (const path of ['s3://b/*.json', 'https://x/y.json', 'http://x', 'az://c/x', 'abfss://c@a.dfs.core.windows.net/x', 'hf://datasets/x', 'gcs://b/x', 'file:///tmp/x']) {
      refused(() => checkLocalPath(path, '--output'), `--output ${path}: not a local path`);
    }
    for (const path of ['exports/x.json', 'C:\\exports\\x.json', 'md:notes.json', 'a:b', './s3:/x']) assert.equal(checkLocalPath(path), path);
  });

  test('--db: no URL, no MotherDuck, no SQLite file', () => {
    const dir = tempDir();
    for (const db of ['md:audit', 'MotherDuck:x', 'https://x/a.duckdb']) refused(() => checkDatabasePath(db), `--db ${db}`);
    const sqlite = join(dir, 'app.db');
    writeFileSync(sqlite, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(100)]));
    refused(() => checkDatabasePath(sqlite), 'a SQLite database');
    for (const db of [join(dir, 'new.duckdb'), dir, join(dir, 'short')]) assert.equal(checkDatabasePath(db), db);
    writeFileSync(join(dir, 'short'), 'SQL');
    assert.equal(checkDatabasePath(join(dir, 'short')), join(dir, 'short'));
  });

  test('pseudo file systems are no place to write; a disk is', () => {
    refused(() => checkWriteTarget('/proc/x/lake', '--parquet'), '--parquet /proc/x/lake', 'pseudo file system', 'proc');
    refused(() => checkWriteTarget('/sys/kernel/lake', '--parquet'), 'sys');
    refused(() => checkWriteTarget('/dev/lake', '--output'), 'dev');
    const dir = tempDir();
    assert.equal(checkWriteTarget(join(dir, 'a', 'b')), join(dir, 'a', 'b'));
  });

  test('makeFolder makes each missing folder, and stops at once where none can be made', () => {
    const dir = tempDir();
    makeFolder(join(dir, 'a', 'b', 'c'));
    assert.ok(statSync(join(dir, 'a', 'b', 'c')).isDirectory());
    makeFolder(join(dir, 'a', 'b', 'c'));
    assert.throws(() => makeFolder(`/proc/signin-audit-${process.pid}/x`), { code: 'ENOENT' });
  });
});

describe('export lock', () => {
  test('a lock naming no live process of this host is stale; another host\'s is not', () => {
    assert.equal(holderAlive(`${process.pid}@${hostname()}\n`), true);
    assert.equal(holderAlive(`999999999@${hostname()}\n`), false);
    assert.equal(holderAlive('12@another-host\n'), true);
    assert.equal(holderAlive(''), false);
    assert.equal(holderAlive('garbage'), false);
  });

  test('an empty lock (a full disk while writing it) is taken over; the lock is written whole', () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK_FILE), '');
    mkdirSync(join(dir, '.export-left'));
    const release = lockFolder(dir);
    assert.equal(readFileSync(join(dir, LOCK_FILE), 'utf8'), `${process.pid}@${hostname()}\n`);
    assert.deepEqual(readdirSync(dir), [LOCK_FILE], 'no temp file or staging folder left');
    assert.throws(() => lockFolder(dir), /another export is writing to this folder/);
    release();
    assert.ok(!existsSync(join(dir, LOCK_FILE)));
  });
});

describe('database settings', () => {
  test('no extension is loaded or installed at run time', async () => {
    const db = await openDatabase(':memory:');
    try {
      const settings = await db.connection.runAndReadAll(
        "SELECT current_setting('autoload_known_extensions') AS autoload, current_setting('autoinstall_known_extensions') AS autoinstall, current_setting('allow_community_extensions') AS community",
      );
      assert.deepEqual(settings.getRowObjectsJS(), [{ autoload: false, autoinstall: false, community: false }]);
      await assert.rejects(db.connection.run("SELECT * FROM read_json('https://example.com/x.json')"), /httpfs/);
    } finally {
      db.close();
    }
  });
});

describe('which reads run on one thread', () => {
  const MB = 1024 * 1024;
  const group = (...sizes: number[]) => ({ files: sizes.map((bytes) => ({ bytes })) }) as unknown as ReadGroup;
  test('many small files do, in one group or across groups', () => {
    assert.equal(readsOnOneThread([group(...Array<number>(720).fill(1.5 * MB))]), true);
    assert.equal(readsOnOneThread([group(60_000, 20_000), group(4 * MB)]), true);
  });
  test('a large file among small ones is read in a statement of its own, on every thread', () => {
    assert.equal(readsOnOneThread([group(1024 * MB, ...Array<number>(62).fill(20_000))]), false);
    let id = 0;
    const plan = (bytes: number, reader: 'plain' | 'csv' | 'values' = 'plain') =>
      ({ id: id++, bytes, reader, casing: 'camel', format: reader === 'plain' ? 'newline_delimited' : 'unstructured', ignoreErrors: false, sniffed: { gzip: false } }) as unknown as FilePlan;
    const ids = (batches: ReadGroup[][]) => batches.map((batch) => batch.map((g) => g.files.map((f) => f.id)));
    const hourly = Array.from({ length: 5 }, () => plan(1.5 * MB));
    const large = [plan(1024 * MB), plan(40 * MB)];
    const csv = plan(2 * MB, 'csv');
    const batches = readBatches([hourly[0]!, large[0]!, csv, ...hourly.slice(1), large[1]!]);
    assert.deepEqual(ids(batches), [[[0, 1, 2, 3, 4], [7]], [[5, 6]]], 'the small files (two groups), then the large ones');
    assert.deepEqual(batches.map(readsOnOneThread), [true, false]);
    // A reader that holds whole values sizes its buffer by each batch's own files.
    const streams = readBatches([plan(2 * MB, 'values'), plan(3 * MB, 'values'), plan(100 * MB, 'values')]);
    assert.deepEqual(streams.map((batch) => batch.map((g) => g.maximumObjectSize)), [[16 * MB], [128 * MB]]);
    assert.deepEqual(ids(readBatches([hourly[0]!, ...large])), [[[0, 5, 6]]], 'one small file is no reason for a second statement');
    assert.deepEqual(ids(readBatches(hourly)), [[[0, 1, 2, 3, 4]]]);
    assert.deepEqual(readBatches([]), []);
  });
  test('small runs read on one thread are gathered first, larger ones not', () => {
    assert.equal(gathersReads([group(60_000, 20_000), group(4 * MB)]), true);
    assert.equal(gathersReads([group(...Array<number>(720).fill(1.5 * MB))]), false);
    assert.equal(gathersReads([group(2 * MB)]), false, 'one file is one chunk already, and reads on every thread');
  });
  test('a small run is a few MB in small files, one file or many', () => {
    const files = (...sizes: number[]) => sizes.map((bytes) => ({ bytes }));
    assert.equal(isSmallRun(files(10_000)), true);
    assert.equal(isSmallRun(files(...Array<number>(62).fill(26_000))), true, "README's first command");
    assert.equal(isSmallRun(files(16 * MB)), true);
    assert.equal(isSmallRun(files(16 * MB, 1)), false, 'over 16 MB in all');
    assert.equal(isSmallRun(files(...Array<number>(720).fill(1.5 * MB))), false, 'a month of hourly archives');
    assert.equal(isSmallRun(files(1024 * MB)), false);
    assert.equal(isSmallRun([]), true);
  });
  test('one file, or large files, keep every thread', () => {
    assert.equal(readsOnOneThread([group(1024 * MB)]), false);
    assert.equal(readsOnOneThread([group(10_000)]), false);
    assert.equal(readsOnOneThread([group(64 * MB, 64 * MB), group(40 * MB)]), false);
  });
});

// The bar crosses the whole run, reading and storing (src/ingest/run-progress.ts); its time left
// is the run's, from how much of it is done.
describe('what the progress bar says', () => {
  const at = (done: number, step: IngestProgress['step'], extra: Partial<IngestProgress> = {}): IngestProgress => ({
    step, done, bytesDone: 0, bytesTotal: 0, file: '', fileIndex: 0, fileCount: 1, ...extra,
  });
  test('reading: the file, then on long runs the rate and the time left of the whole run', () => {
    const file = { bytesTotal: 1024 ** 3, file: 'PT1H.json', fileIndex: 1, fileCount: 3 };
    assert.deepEqual(readingProgress(at(0.1, 'reading', { ...file, bytesDone: 300 * 1024 ** 2 }), Date.now()), { label: 'file 2/3 PT1H.json', fraction: 0.1 });
    const long = readingProgress(at(0.25, 'reading', { ...file, bytesDone: 600 * 1024 ** 2 }), Date.now() - 10_000, 'reading file');
    assert.deepEqual(long, { label: 'reading file 2/3 PT1H.json, 60 MB/s, 0:30 left', fraction: 0.25 });
  });
  test('storing: the step, and the time left', () => {
    assert.equal(readingProgress(at(0.4, 'records'), Date.now()).label, 'storing the records…');
    assert.equal(readingProgress(at(0.5, 'texts', { file: 'a.json', fileIndex: 0, fileCount: 2 }), Date.now() - 20_000).label, 'keeping the original records, file 1/2 a.json, 0:20 left');
    assert.deepEqual(readingProgress(at(0.96, 'requests'), Date.now() - 96_000), { label: 'computing the requests, 0:04 left', fraction: 0.96 });
  });
});
