// Every export format: one hand-made sign-in of each log, rendered as that export writes it,
// ingested, and the stored row checked field by field.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { EXPORT_FORMATS, renderers, type ExportFormat } from '../scripts/export-formats.ts';
import type { SignIn } from '../scripts/sample-data.ts';
import { SAMPLES, assertOneLineError, queryDb, runCli, tempDir } from './helpers.ts';
import { openSources } from '../src/report/sources.ts';
import { openDatabase } from '../src/db.ts';
import { ingestFiles } from '../src/ingest/ingest.ts';
import { listInputFiles } from '../src/ingest/files.ts';

const base: SignIn = {
  id: '1f0e2d3c-4b5a-4978-8a6b-5c4d3e2f1a00',
  log: 'interactive',
  createdDateTime: '2026-11-20T13:05:09.1234567Z',
  timeGenerated: '2026-11-20T13:07:41.7654321Z',
  tenantId: '4f1c2a7e-5b7d-4c1e-9a53-2d8e6b0f9c31',
  userPrincipalName: 'Zoe.Angstrom@woodgrovebank.example',
  userId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  userDisplayName: 'Zoë Ångström',
  userType: 'Member',
  appDisplayName: 'Microsoft Outlook',
  appId: '5d661950-3475-41cd-a2c3-d671a3162bc1',
  resourceDisplayName: 'Office 365 Exchange Online',
  resourceId: '00000002-0000-0ff1-ce00-000000000000',
  clientAppUsed: 'Mobile Apps and Desktop clients',
  ipAddress: '203.0.113.7',
  userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
  correlationId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  originalRequestId: '1f0e2d3c-4b5a-4978-8a6b-5c4d3e2f1a00',
  device: { deviceId: 'd3e4f5a6-b7c8-4d9e-8f0a-1b2c3d4e5f6a', displayName: 'WGB-LT-0311', operatingSystem: 'Windows 11', browser: 'Rich Client 4.64.0.0', isCompliant: true, isManaged: false, trustType: 'Azure AD joined' },
  location: { city: 'Stockholm', state: '', countryOrRegion: 'SE' },
  status: { errorCode: 53003, failureReason: 'Access has been blocked by Conditional Access policies.' },
  conditionalAccessStatus: 'failure',
  policies: [
    { id: 'tp-1', displayName: 'CA100: Require token protection', enforcedGrantControls: [], enforcedSessionControls: ['SignInTokenProtection'], sessionControlsNotSatisfied: ['SignInTokenProtection'], result: 'reportOnlyFailure', conditionsSatisfied: 3, conditionsNotSatisfied: 0 },
    { id: 'sif-1', displayName: 'CA020: Sign-in frequency, "12h"', enforcedGrantControls: ['Mfa'], enforcedSessionControls: ['SignInFrequency'], result: 'success', conditionsSatisfied: 3, conditionsNotSatisfied: 0 },
  ],
  tokenProtection: { signInSessionStatus: 'unbound', signInSessionStatusCode: 1008 },
};

const interactive = base;
const noninteractive: SignIn = { ...base, id: '2f0e2d3c-4b5a-4978-8a6b-5c4d3e2f1a00', log: 'noninteractive', createdDateTime: '2026-11-20T14:00:00.5000000Z', timeGenerated: '2026-11-20T14:02:30.2500000Z' };

/** What each format's writer changes: Graph has whole seconds and lower-case names, and so on. */
interface Shape {
  readonly signIns: readonly SignIn[];
  readonly format: string;
  readonly time: 'exact' | 'millis' | 'seconds' | 'created-seconds';
  readonly graph: boolean;
}

const lists = { both: [interactive, noninteractive], interactive: [interactive], noninteractive: [noninteractive] };

const SHAPES: Record<ExportFormat, Shape> = {
  'la-json-interactive': { signIns: lists.interactive, format: 'json-array', time: 'exact', graph: false },
  'la-json-noninteractive': { signIns: lists.noninteractive, format: 'json-array', time: 'exact', graph: false },
  'az-cli': { signIns: lists.both, format: 'json-array', time: 'exact', graph: false },
  'la-rest-api': { signIns: lists.both, format: 'json', time: 'exact', graph: false },
  'la-portal-csv': { signIns: lists.both, format: 'csv+utf8-bom', time: 'millis', graph: false },
  'diagnostic-ndjson': { signIns: lists.both, format: 'ndjson', time: 'exact', graph: false },
  'diagnostic-ndjson-crlf': { signIns: lists.both, format: 'ndjson', time: 'exact', graph: false },
  'diagnostic-gzip': { signIns: lists.both, format: 'ndjson+gzip', time: 'exact', graph: false },
  'event-hub': { signIns: lists.both, format: 'json', time: 'seconds', graph: false },
  'graph-page': { signIns: lists.both, format: 'json', time: 'created-seconds', graph: true },
  'admin-center-json': { signIns: lists.both, format: 'json-array', time: 'created-seconds', graph: true },
  'extractor-suite': { signIns: lists.both, format: 'json+utf8-bom', time: 'created-seconds', graph: true },
  'goose-ndjson': { signIns: lists.both, format: 'ndjson', time: 'created-seconds', graph: true },
  'powershell-sdk-utf16le': { signIns: lists.both, format: 'json-array+utf16le', time: 'created-seconds', graph: true },
  'powershell-sdk-utf16be': { signIns: lists.both, format: 'json-array+utf16be', time: 'created-seconds', graph: true },
};

/** DuckDB's TIMESTAMP as JSON: microseconds, trailing zeros dropped. */
function stored(iso: string, precision: 'exact' | 'millis' | 'seconds'): string {
  const [whole, fraction = ''] = iso.replace('Z', '').split('.');
  const digits = precision === 'exact' ? fraction.slice(0, 6) : precision === 'millis' ? fraction.slice(0, 3) : '';
  const trimmed = digits.replace(/0+$/, '');
  return `${whole!.replace('T', ' ')}${trimmed ? `.${trimmed}` : ''}`;
}

function expectedRow(s: SignIn, shape: Shape) {
  const graph = shape.graph;
  const created = stored(s.createdDateTime, graph ? 'seconds' : shape.time === 'millis' ? 'millis' : 'exact');
  const generated = shape.time === 'created-seconds' ? created : stored(s.timeGenerated, shape.time);
  return {
    Log: s.log,
    TimeGenerated: generated,
    CreatedDateTime: created,
    Id: s.id,
    UserPrincipalName: graph ? s.userPrincipalName.toLowerCase() : s.userPrincipalName,
    UserDisplayName: s.userDisplayName,
    UserType: graph ? s.userType.toLowerCase() : s.userType,
    AppDisplayName: s.appDisplayName,
    AppId: s.appId,
    ResourceDisplayName: s.resourceDisplayName,
    ResourceId: s.resourceId,
    ClientAppUsed: s.clientAppUsed,
    IPAddress: s.ipAddress,
    UserAgent: s.userAgent,
    DeviceId: s.device.deviceId,
    OperatingSystem: s.device.operatingSystem,
    TrustType: s.device.trustType,
    IsCompliant: s.device.isCompliant,
    IsManaged: s.device.isManaged,
    ErrorCode: s.status.errorCode,
    ConditionalAccessStatus: s.conditionalAccessStatus,
    TokenProtectionStatus: s.tokenProtection?.signInSessionStatus ?? null,
    TokenProtectionStatusCode: s.tokenProtection?.signInSessionStatusCode ?? null,
    ConditionalAccessPolicies: s.policies.map((p) => ({
      id: p.id,
      displayName: p.displayName,
      result: p.result,
      enforcedGrantControls: p.enforcedGrantControls,
      enforcedSessionControls: p.enforcedSessionControls,
      sessionControlsNotSatisfied: p.sessionControlsNotSatisfied ?? (graph ? [] : null),
    })),
    SourceFormat: shape.format,
  };
}

const COLUMNS = Object.keys(expectedRow(base, SHAPES['la-json-interactive']));

describe('every export format is stored field by field', () => {
  for (const format of EXPORT_FORMATS) {
    test(format, async () => {
      const shape = SHAPES[format];
      const dir = tempDir();
      const file = join(dir, format.includes('csv') ? 'export.csv' : 'export.json');
      writeFileSync(file, renderers[format](shape.signIns));
      const db = join(dir, 'a.duckdb');
      const result = await runCli(['ingest', file, '--db', db, '--json']);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(JSON.parse(result.stdout).inserted, shape.signIns.length);
      const rows = await queryDb(db, `SELECT ${COLUMNS.join(', ')}, Record, SourceFile FROM signins JOIN signin_records USING (RecordKey) ORDER BY Id`);
      assert.equal(rows.length, shape.signIns.length);
      for (const [i, signIn] of shape.signIns.entries()) {
        const { Record: record, SourceFile: sourceFile, ...row } = rows[i]!;
        assert.deepEqual(row, expectedRow(signIn, shape), `${format}, ${signIn.log} sign-in`);
        assert.equal(sourceFile, file);
        assert.ok(JSON.stringify(record).includes(signIn.id), 'the original record is kept');
      }
    });
  }
});

describe('Log Analytics REST API responses keep each row as it was', () => {
  test('across several tables (one empty), each record is its row keyed by the columns, and its item counts on across the tables', async () => {
    type Table = { name: string; columns: { name: string; type: string }[]; rows: unknown[][] };
    const response = JSON.parse(readFileSync('sample-logs/log-analytics/rest-api-response.json', 'utf8')) as { tables: Table[] };
    const [table] = response.tables;
    const rows = table!.rows;
    const split = { tables: [{ ...table!, rows: rows.slice(0, 10) }, { ...table!, name: 'Empty', rows: [] }, { ...table!, name: 'Second', rows: rows.slice(10) }] };
    const dir = tempDir();
    const file = join(dir, 'response.json');
    writeFileSync(file, JSON.stringify(split));
    const db = join(dir, 'a.duckdb');
    const result = await runCli(['ingest', file, '--db', db, '--json']);
    assert.equal(result.code, 0, result.stderr);
    const stored = await queryDb(db, 'SELECT SourcePosition, Record::VARCHAR AS Record FROM signins JOIN signin_records USING (RecordKey)');
    assert.equal(stored.length, rows.length);
    for (const { SourcePosition, Record } of stored) {
      const item = Number(/^value 1, item (\d+)$/.exec(String(SourcePosition))?.[1]);
      const expected = Object.fromEntries(table!.columns.map((column, i) => [column.name, rows[item - 1]![i]]));
      assert.deepEqual(JSON.parse(String(Record)), expected, String(SourcePosition));
    }
  });

  test('two responses in one run: each row stored once with its own text, and a row without an Id goes to --rejects as its record', async () => {
    type Table = { name: string; columns: { name: string; type: string }[]; rows: unknown[][] };
    const response = JSON.parse(readFileSync('sample-logs/log-analytics/rest-api-response.json', 'utf8')) as { tables: Table[] };
    const [table] = response.tables;
    const idColumn = table!.columns.findIndex((column) => column.name === 'Id');
    const rows = table!.rows;
    const dir = tempDir();
    const exports = join(dir, 'responses');
    mkdirSync(exports);
    const bad = rows[2]!.map((value, i) => (i === idColumn ? null : value));
    writeFileSync(join(exports, 'a.json'), JSON.stringify({ tables: [{ ...table!, rows: [rows[0], rows[1], bad] }] }));
    writeFileSync(join(exports, 'b.json'), JSON.stringify({ tables: [{ ...table!, rows: rows.slice(3) }] }));
    const db = join(dir, 'a.duckdb');
    const rejects = join(dir, 'rejects.ndjson');
    const result = await runCli(['ingest', exports, '--db', db, '--skip-invalid', '--rejects', rejects, '--json']);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual([JSON.parse(result.stdout).inserted, JSON.parse(result.stdout).rejected], [rows.length - 1, 1]);
    const [reject, ...others] = readFileSync(rejects, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line));
    assert.equal(others.length, 0);
    assert.deepEqual([reject.file, reject.position], [join(exports, 'a.json'), 'value 1, item 3']);
    assert.deepEqual(reject.record, Object.fromEntries(table!.columns.map((column, i) => [column.name, bad[i]])));
    const stored = await queryDb(db, 'SELECT s.Id, r.Record::VARCHAR AS Record FROM signins s JOIN signin_records r USING (RecordKey)');
    assert.equal(stored.length, rows.length - 1);
    assert.equal((await queryDb(db, 'SELECT count(*)::INTEGER AS n FROM signin_records'))[0]?.n, rows.length - 1);
    for (const { Id, Record } of stored) assert.equal(JSON.parse(String(Record)).Id, Id);
  });
});

// DuckDB reads a large file of records in parallel, in pieces: positions and original texts must
// still follow the file. (Until this test, a join in the reads let the rows of an NDJSON file over
// 16 MB or a CSV over about 25 MB reach the staging table out of order: every stored text was
// another record's, and every position and error line wrong.) 3,000 records of about 9 KB: 27 MB.
describe('a file read in parallel keeps each record in its place, with its own original text', () => {
  const BIG = 16 * 1024 * 1024;
  const signIns: SignIn[] = Array.from({ length: 3000 }, (_, k) => ({
    ...noninteractive,
    id: `3f0e2d3c-4b5a-4978-8a6b-${String(k).padStart(12, '0')}`,
    // Long user agents make records of about 9 KB, as real ones with 15-30 policies are.
    userAgent: `${noninteractive.userAgent} ${'x'.repeat(8000 + (k % 7) * 100)}`,
  }));
  const unit = { 'diagnostic-ndjson': 'line', 'la-portal-csv': 'row', 'la-json-noninteractive': 'record' } as const;
  for (const format of Object.keys(unit) as (keyof typeof unit)[]) {
    test(format, async () => {
      const dir = tempDir();
      const file = join(dir, format === 'la-portal-csv' ? 'export.csv' : 'export.json');
      const bytes = renderers[format](signIns);
      assert.ok(bytes.length > BIG, `${bytes.length} bytes: more than DuckDB reads in one piece`);
      writeFileSync(file, bytes);
      const db = join(dir, 'a.duckdb');
      const result = await runCli(['ingest', file, '--db', db, '--json', '-q']);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(JSON.parse(result.stdout).inserted, signIns.length);
      const rows = await queryDb(db, `SELECT Id, SourcePosition, Record FROM signins JOIN signin_records USING (RecordKey) ORDER BY Id`);
      assert.equal(rows.length, signIns.length);
      const misplaced = rows.filter((row, k) => row.Id !== signIns[k]!.id || row.SourcePosition !== `${unit[format]} ${k + 1}`);
      assert.deepEqual(misplaced.slice(0, 3).map((row) => [row.Id, row.SourcePosition]), []);
      const otherTexts = rows.filter((row) => !JSON.stringify(row.Record).includes(String(row.Id)));
      assert.equal(otherTexts.length, 0, `records stored with another record's text, e.g. ${String(otherTexts[0]?.Id)}`);
    });
  }

  test('an error near the end of a large NDJSON file names its own line', async () => {
    const dir = tempDir();
    const file = join(dir, 'PT1H.json');
    const lines = renderers['diagnostic-ndjson'](signIns).toString('utf8').trimEnd().split('\n');
    const bad = lines.length - 5;
    lines[bad - 1] = lines[bad - 1]!.replace(`"id":"${signIns[bad - 1]!.id}",`, '');
    writeFileSync(file, `${lines.join('\n')}\n`);
    assert.ok(statSync(file).size > BIG);
    assertOneLineError(await runCli(['report', 'apps', file, '-q']), 2, `line ${bad}:`, 'without an Id');
  });
});

// A month of diagnostic archives is 720 hourly PT1H.json files, each in its own folder. DuckDB
// reads each small file as a batch of its own; on several threads, its insert that keeps their
// order held a set of buffers per file: 700 files of 1.5 MB ran out of memory at the default 1 GB.
// Such reads now run on one thread (src/ingest/plan.ts, readsOnOneThread). Four threads and 300
// MB of DuckDB memory make the failure certain here: 360 files needed well over 1 GB.
describe('a month of hourly archives, many small files', () => {
  const dir = tempDir();
  const signIns: SignIn[] = [];
  for (let hour = 0; hour < 360; hour++) {
    const day = String(1 + Math.floor(hour / 24)).padStart(2, '0');
    const h = String(hour % 24).padStart(2, '0');
    const hourly = [0, 1].map((k) => ({
      ...noninteractive,
      id: `4f0e2d3c-4b5a-4978-8a6b-${String(hour * 2 + k).padStart(12, '0')}`,
      createdDateTime: `2026-11-${day}T${h}:0${k}:00.0000000Z`,
      timeGenerated: `2026-11-${day}T${h}:0${k}:30.0000000Z`,
    }));
    signIns.push(...hourly);
    const folder = join(dir, 'insights-logs-noninteractiveusersigninlogs', `y=2026/m=11/d=${day}/h=${h}/m=00`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'PT1H.json'), renderers['diagnostic-ndjson'](hourly));
  }
  const env = { SIGNIN_AUDIT_THREADS: '4', SIGNIN_AUDIT_MEMORY_LIMIT: '300MB' };

  test('read straight from the folder: every request counted', async () => {
    const result = await runCli(['report', 'apps', dir, '--all-time', '--all-resources', '--format', 'json', '-q'], { env });
    assert.equal(result.code, 0, result.stderr);
    const rows = JSON.parse(result.stdout) as { Requests: number }[];
    assert.equal(rows.reduce((sum, row) => sum + row.Requests, 0), signIns.length);
  });

  test('ingested: every record stored once, at its own line of its own file', async () => {
    const db = join(dir, 'a.duckdb');
    const result = await runCli(['ingest', dir, '--db', db, '--json', '-q'], { env });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).inserted, signIns.length);
    const rows = await queryDb(db, `SELECT Id, SourceFile, SourcePosition FROM signins ORDER BY Id`);
    const misplaced = rows.filter((row, k) => {
      const hour = Math.floor(k / 2);
      const place = `d=${String(1 + Math.floor(hour / 24)).padStart(2, '0')}/h=${String(hour % 24).padStart(2, '0')}/`;
      return row.Id !== signIns[k]!.id || !String(row.SourceFile).includes(place) || row.SourcePosition !== `line ${(k % 2) + 1}`;
    });
    assert.deepEqual(misplaced.slice(0, 3), []);
  });

  test('DuckDB has its threads back after the read, and after a read that failed', async () => {
    const archive = join(dir, 'insights-logs-noninteractiveusersigninlogs');
    // Two hourly files whose first records read well: the second fails in the read itself.
    const broken = tempDir();
    const good = renderers['diagnostic-ndjson'](signIns.slice(0, 1)).toString('utf8');
    writeFileSync(join(broken, 'PT1H-0.json'), good);
    writeFileSync(join(broken, 'PT1H-1.json'), `${good}{"time": "2026-11-20T11:00:00Z", "properties": \n`);
    // A database file: an in-memory one starts on one thread and keeps it for a small run (below).
    const database = await openDatabase(join(broken, 'threads.duckdb'));
    try {
      const threads = async () => (await database.connection.runAndReadAll("SELECT current_setting('threads') AS n")).getRowObjectsJS()[0]!.n;
      // Neither one (the read's) nor, on a CI machine, the number of cores.
      await database.connection.run('SET threads = 3');
      await ingestFiles(database, await listInputFiles([archive], async () => []), { keepRecords: false });
      assert.equal(await threads(), 3n);
      await assert.rejects(ingestFiles(database, await listInputFiles([broken], async () => []), { keepRecords: false }), /malformed JSON/);
      assert.equal(await threads(), 3n);
    } finally {
      database.close();
    }
  });
});

// A report or an export straight from files opens an in-memory database on one thread (src/db.ts):
// a small run keeps it throughout, any other run gets every thread before its read, and
// SIGNIN_AUDIT_THREADS, when set, is the number from the start.
describe('the threads of a throw-away database', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'small.json'), renderers['diagnostic-ndjson']([noninteractive]));
  // 4,000 records of over 8 KB: a file of more than 32 MB, which is not small.
  const large = Array.from({ length: 4000 }, (_, k): SignIn => ({
    ...noninteractive,
    id: `7f0e2d3c-4b5a-4978-8a6b-${String(k).padStart(12, '0')}`,
    userAgent: `${noninteractive.userAgent} ${'x'.repeat(8000)}`,
  }));
  writeFileSync(join(dir, 'large.json'), renderers['diagnostic-ndjson'](large));
  /** Runs fn with SIGNIN_AUDIT_THREADS as given (unset: undefined), whatever the tests run with. */
  const withThreadsSetting = async <T>(value: string | undefined, fn: () => Promise<T>): Promise<T> => {
    const before = process.env.SIGNIN_AUDIT_THREADS;
    const set = (v: string | undefined) => {
      if (v === undefined) delete process.env.SIGNIN_AUDIT_THREADS;
      else process.env.SIGNIN_AUDIT_THREADS = v;
    };
    set(value);
    try {
      return await fn();
    } finally {
      set(before);
    }
  };
  const threadsAfter = (file: string, setting?: string) =>
    withThreadsSetting(setting, async () => {
      const database = await openDatabase(':memory:');
      try {
        await ingestFiles(database, await listInputFiles([join(dir, file)], async () => []), { keepRecords: false });
        const [row] = (await database.connection.runAndReadAll("SELECT current_setting('threads') AS n, count(*) AS records FROM signins")).getRowObjectsJS();
        return { oneThread: database.oneThread, threads: Number(row!.n), records: Number(row!.records) };
      } finally {
        database.close();
      }
    });
  /** DuckDB's own number of threads on this machine (one per core), as a database file opens with it. */
  const everyThread = () =>
    withThreadsSetting(undefined, async () => {
      const database = await openDatabase(join(tempDir(), 'default.duckdb'));
      try {
        return Number((await database.connection.runAndReadAll("SELECT current_setting('threads')")).getRowsJS()[0]![0]);
      } finally {
        database.close();
      }
    });

  test('a small run stays on one thread', async () => {
    assert.deepEqual(await threadsAfter('small.json'), { oneThread: true, threads: 1, records: 1 });
  });

  test('a large file gets every thread', async () => {
    assert.ok(statSync(join(dir, 'large.json')).size > 32 * 1024 * 1024);
    assert.deepEqual(await threadsAfter('large.json'), { oneThread: true, threads: await everyThread(), records: 4000 });
  });

  test('SIGNIN_AUDIT_THREADS is the number from the start', async () => {
    assert.deepEqual(await threadsAfter('small.json', '3'), { oneThread: false, threads: 3, records: 1 });
  });
});

// Hourly archives beside a large export: the small files are read on one thread in one statement,
// the large file on every thread in another (src/ingest/plan.ts, readBatches). Both reads must
// keep each record at its own place, with its own original text. 4,000 records of about 9 KB: 36 MB.
describe('small files beside a large one', () => {
  const dir = tempDir();
  const named = (prefix: string, n: number, pad = 0) =>
    Array.from({ length: n }, (_, k): SignIn => ({
      ...noninteractive,
      id: `6f0e2d3c-4b5a-4978-8a6b-${prefix}${String(k).padStart(11, '0')}`,
      userAgent: `${noninteractive.userAgent} ${'x'.repeat(pad + (k % 7) * 100)}`,
    }));
  const large = named('l', 4000, 8000);
  const bytes = renderers['diagnostic-ndjson'](large);
  writeFileSync(join(dir, 'large.json'), bytes);
  const small = ['a', 'b', 'c', 'd', 'e'].map((prefix) => named(prefix, 2));
  small.forEach((signIns, k) => writeFileSync(join(dir, `hour-${k}.json`), renderers['diagnostic-ndjson'](signIns)));
  writeFileSync(join(dir, 'portal.csv'), renderers['la-portal-csv'](named('f', 3)));

  test('every record stored once, at its own place of its own file, with its own text', async () => {
    assert.ok(bytes.length > 32 * 1024 * 1024, `${bytes.length} bytes: a large file`);
    const db = join(dir, 'a.duckdb');
    const result = await runCli(['ingest', dir, '--db', db, '--json', '-q']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).inserted, 4013);
    const rows = await queryDb(
      db,
      `SELECT parse_filename(SourceFile) AS file, SourcePosition AS position, right(Id, 12) AS id, contains(Record, Id) AS own
       FROM signins JOIN signin_records USING (RecordKey) ORDER BY Id`,
    );
    const expected = [
      ...small.flatMap((_, k) => [0, 1].map((n) => ({ file: `hour-${k}.json`, position: `line ${n + 1}`, id: `${'abcde'[k]}${String(n).padStart(11, '0')}`, own: true }))),
      ...[0, 1, 2].map((n) => ({ file: 'portal.csv', position: `row ${n + 1}`, id: `f${String(n).padStart(11, '0')}`, own: true })),
      ...large.map((_, n) => ({ file: 'large.json', position: `line ${n + 1}`, id: `l${String(n).padStart(11, '0')}`, own: true })),
    ].sort((a, b) => (a.id < b.id ? -1 : 1));
    const wrong = rows.filter((row, k) => JSON.stringify(row) !== JSON.stringify(expected[k]));
    assert.deepEqual(wrong.slice(0, 3), []);
    assert.equal(rows.length, expected.length);
  });

  // The small files' statement fails on a malformed line: their groups are read one by one to
  // find it (before the large file is read), and the rest of the run is stored once.
  test('a malformed line in a small file: rejected with its own line, the rest stored once', async () => {
    const broken = tempDir();
    symlinkSync(join(dir, 'large.json'), join(broken, 'large.json'));
    symlinkSync(join(dir, 'portal.csv'), join(broken, 'portal.csv'));
    small.forEach((_, k) => symlinkSync(join(dir, `hour-${k}.json`), join(broken, `hour-${k}.json`)));
    const lines = renderers['diagnostic-ndjson'](named('g', 3)).toString('utf8').trimEnd().split('\n');
    writeFileSync(join(broken, 'hour-9.json'), `${lines[0]}\n{"time": "2026-11-20T11:00:00Z", "properties": \n${lines[2]}\n`);
    const db = join(broken, 'a.duckdb');
    const rejects = join(broken, 'rejects.ndjson');
    const result = await runCli(['ingest', broken, '--db', db, '--skip-invalid', '--rejects', rejects, '--json', '-q']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).inserted, 4015);
    assert.match(readFileSync(rejects, 'utf8'), /hour-9\.json.*line 2/);
    const rows = await queryDb(db, `SELECT right(Id, 12) AS id, SourcePosition AS position, (count(*) OVER (PARTITION BY Id))::INTEGER AS n FROM signins WHERE SourceFile LIKE '%hour-9.json' OR Id LIKE '%l00000003999' ORDER BY Id`);
    assert.deepEqual(rows, [
      { id: 'g00000000000', position: 'line 1', n: 1 },
      { id: 'g00000000002', position: 'line 3', n: 1 },
      { id: 'l00000003999', position: 'line 4000', n: 1 },
    ]);
    const [counts] = await queryDb(db, 'SELECT count(*)::INTEGER AS n, count(DISTINCT RecordKey)::INTEGER AS keys FROM signins');
    assert.deepEqual(counts, { n: 4015, keys: 4015 });
  });
});

// A small run gathers what it read before taking the fields (src/ingest/plan.ts, gathersReads):
// several reads, of several files each, must still keep each record at its own line.
describe('a small run of several reads keeps each record in its place', () => {
  test('two NDJSON files around an Event Hub body: every record at its own line of its own file', async () => {
    const dir = tempDir();
    const named = (prefix: string, n: number) =>
      Array.from({ length: n }, (_, k): SignIn => ({ ...noninteractive, id: `5f0e2d3c-4b5a-4978-8a6b-${prefix}${String(k).padStart(11, '0')}` }));
    writeFileSync(join(dir, 'a.json'), renderers['diagnostic-ndjson'](named('a', 2)));
    writeFileSync(join(dir, 'b.json'), renderers['event-hub'](named('b', 2)));
    writeFileSync(join(dir, 'c.json'), renderers['diagnostic-ndjson'](named('c', 3)));
    const db = join(dir, 'a.duckdb');
    const result = await runCli(['ingest', dir, '--db', db, '--json', '-q']);
    assert.equal(result.code, 0, result.stderr);
    const rows = await queryDb(db, `SELECT parse_filename(SourceFile) AS file, SourcePosition AS position, right(Id, 12) AS id FROM signins WHERE SourceFile NOT LIKE '%b.json' ORDER BY Id`);
    assert.deepEqual(rows, [
      { file: 'a.json', position: 'line 1', id: 'a00000000000' },
      { file: 'a.json', position: 'line 2', id: 'a00000000001' },
      { file: 'c.json', position: 'line 1', id: 'c00000000000' },
      { file: 'c.json', position: 'line 2', id: 'c00000000001' },
      { file: 'c.json', position: 'line 3', id: 'c00000000002' },
    ]);
    assert.equal(JSON.parse(result.stdout).inserted, 7);
  });
});

describe('the shipped samples', () => {
  test('every file of sample-logs is read, overlaps counted once, other categories skipped', async () => {
    const dir = tempDir();
    const db = join(dir, 'a.duckdb');
    const result = await runCli(['ingest', 'sample-logs', '--db', db, '--json']);
    assert.equal(result.code, 0, result.stderr);
    const summary = JSON.parse(result.stdout);
    assert.deepEqual(
      { ...summary, logs: undefined },
      { files: 62, records: 298, inserted: 291, duplicates: 3, rejected: 0, skipped: 4, logs: undefined },
    );
    assert.equal(summary.logs.interactive + summary.logs.noninteractive, 291);
    const formats = await queryDb(db, 'SELECT SourceFormat, count(*)::INTEGER AS n FROM signins GROUP BY ALL ORDER BY ALL');
    assert.deepEqual(formats.map((f) => f.SourceFormat), ['csv+utf8-bom', 'json', 'json+utf8-bom', 'json-array', 'json-array+utf16le', 'ndjson', 'ndjson+gzip']);
    const [kept] = await queryDb(db, 'SELECT count(*)::INTEGER AS n, count(r.RecordKey)::INTEGER AS texts FROM signins s LEFT JOIN signin_records r USING (RecordKey)');
    assert.deepEqual(kept, { n: 291, texts: 291 }, 'every stored sign-in keeps its original record');
    const again = await runCli(['ingest', 'sample-logs', '--db', db, '--json']);
    assert.deepEqual([JSON.parse(again.stdout).inserted, JSON.parse(again.stdout).duplicates], [0, 294]);
  });

  // Straight from files, the records stay where they were staged and signins is a view of them
  // (queries/ingest/in-place-signins.sql): it must be what a database stores, column for column.
  test('read straight from files, signins has the stored columns in their order and the same rows', async () => {
    const db = join(tempDir(), 'a.duckdb');
    assert.equal((await runCli(['ingest', SAMPLES, '--db', db, '-q'])).code, 0);
    const columnsSql = `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'signins' ORDER BY ordinal_position`;
    const rowsSql = `SELECT * EXCLUDE (IngestRun) FROM signins ORDER BY RecordKey`;
    const sources = await openSources({ paths: [SAMPLES], allPolicies: true });
    try {
      const read = async (sql: string) => (await sources.database.connection.runAndReadAll(sql)).getRowObjectsJson();
      const columns = await read(columnsSql);
      assert.equal(columns.length, 40);
      assert.deepEqual(columns, await queryDb(db, columnsSql));
      const rows = await read(rowsSql);
      assert.equal(rows.length, 291);
      assert.deepEqual(rows, await queryDb(db, rowsSql));
      // TokenProtectionPolicies: the policies with Binding or SignInTokenProtection, in any case.
      const tokenProtection = `list_filter(ConditionalAccessPolicies, p -> list_bool_or(list_transform(p.enforcedSessionControls, c -> lower(c) IN ('binding', 'signintokenprotection'))))`;
      assert.deepEqual(
        await queryDb(db, `SELECT sum(len(TokenProtectionPolicies))::INTEGER AS kept, sum(len(ConditionalAccessPolicies))::INTEGER AS policies,
                                  count(*) FILTER (WHERE TokenProtectionPolicies IS DISTINCT FROM ${tokenProtection})::INTEGER AS wrong FROM signins`),
        [{ kept: 445, policies: 1643, wrong: 0 }],
      );
    } finally {
      sources.close();
    }
  });
});

describe('the sample generator', () => {
  test('writes exactly the committed sample-logs/, byte for byte', async () => {
    const dir = join(tempDir(), 'sample-logs');
    const { spawnSync } = await import('node:child_process');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/write-sample-logs.ts', dir], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const diff = spawnSync('diff', ['-r', dir, 'sample-logs'], { encoding: 'utf8' });
    assert.equal(diff.status, 0, `sample-logs/ differs from what npm run samples writes:\n${diff.stdout}`);
  });
});
