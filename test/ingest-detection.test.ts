// What issue 12 asks of detection, on small hand-made exports: records in any key order, folders
// searched by content, non-exports skipped with a warning, an empty harvest refused, the two
// missing time forms, and a Log Analytics REST API response of many rows in any column order.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { renderers } from '../scripts/export-formats.ts';
import { iso7, type SignIn } from '../scripts/sample-data.ts';
import { CLI, ROOT, assertOneLineError, queryDb, runCli, tempDir, type CliResult } from './helpers.ts';

const base: SignIn = {
  id: '5a1e0000-0000-4000-8000-000000000000',
  log: 'interactive',
  createdDateTime: '2026-11-20T13:05:09.1234567Z',
  timeGenerated: '2026-11-20T13:07:41.7654321Z',
  tenantId: '4f1c2a7e-5b7d-4c1e-9a53-2d8e6b0f9c31',
  userPrincipalName: 'adele.vance@woodgrovebank.example',
  userId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  userDisplayName: 'Adele Vance',
  userType: 'Member',
  appDisplayName: 'Microsoft Outlook',
  appId: '5d661950-3475-41cd-a2c3-d671a3162bc1',
  resourceDisplayName: 'Office 365 Exchange Online',
  resourceId: '00000002-0000-0ff1-ce00-000000000000',
  clientAppUsed: 'Mobile Apps and Desktop clients',
  ipAddress: '203.0.113.7',
  userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
  correlationId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  originalRequestId: '5a1e0000-0000-4000-8000-000000000000',
  device: { deviceId: 'd3e4f5a6-b7c8-4d9e-8f0a-1b2c3d4e5f6a', displayName: 'WGB-LT-0142', operatingSystem: 'Windows 11', browser: 'Rich Client 4.64.0.0', isCompliant: true, isManaged: true, trustType: 'Azure AD joined' },
  location: { city: 'Seattle', state: 'Washington', countryOrRegion: 'US' },
  status: { errorCode: 0 },
  conditionalAccessStatus: 'success',
  policies: [
    { id: 'tp-1', displayName: 'CA100: Require token protection', enforcedGrantControls: [], enforcedSessionControls: ['SignInTokenProtection'], sessionControlsNotSatisfied: [], result: 'reportOnlySuccess', conditionsSatisfied: 3, conditionsNotSatisfied: 0 },
    { id: 'mfa-1', displayName: 'CA001: Require MFA', enforcedGrantControls: ['Mfa'], enforcedSessionControls: [], result: 'success', conditionsSatisfied: 3, conditionsNotSatisfied: 0 },
  ],
  tokenProtection: { signInSessionStatus: 'bound', signInSessionStatusCode: 0 },
};

/** The n-th hand-made sign-in: its own Id, user and times. */
function signIn(n: number, log: SignIn['log'], overrides: Partial<SignIn> = {}): SignIn {
  const id = `5a1e0000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  return { ...base, id, originalRequestId: id, log, userPrincipalName: `user${n}@woodgrovebank.example`, userDisplayName: `User ${n}`, ...overrides };
}

/** DuckDB's TIMESTAMP as queryDb gives it: UTC, microseconds (further digits dropped), trailing zeros dropped. */
function stored(iso: string, precision: 'micros' | 'seconds' = 'micros'): string {
  const [whole, fraction = ''] = iso.replace('Z', '').split('.');
  const digits = precision === 'micros' ? fraction.slice(0, 6).replace(/0+$/, '') : '';
  return `${whole!.replace('T', ' ')}${digits ? `.${digits}` : ''}`;
}

/** Object keys sorted alphabetically at every depth, as Elastic's and other pipelines write records. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}

const ndjsonLines = (buffer: Buffer): unknown[] =>
  buffer
    .toString('utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line));

const ROW_SQL = `SELECT Log, Id, TimeGenerated, CreatedDateTime, UserPrincipalName, AppDisplayName, ResourceDisplayName,
  ErrorCode, TokenProtectionStatusCode, list_sort([p.id FOR p IN ConditionalAccessPolicies]) AS PolicyIds
  FROM signins ORDER BY Id`;

function expectedRow(s: SignIn, time: 'micros' | 'seconds') {
  return {
    Log: s.log,
    Id: s.id,
    TimeGenerated: stored(s.timeGenerated, time),
    CreatedDateTime: stored(s.createdDateTime),
    UserPrincipalName: s.userPrincipalName,
    AppDisplayName: s.appDisplayName,
    ResourceDisplayName: s.resourceDisplayName,
    ErrorCode: s.status.errorCode,
    TokenProtectionStatusCode: s.tokenProtection?.signInSessionStatusCode ?? null,
    PolicyIds: s.policies.map((p) => p.id).sort(),
  };
}

/** A database holding one hand-made sign-in, and a way to see that a run left it as it was. */
async function seededDb(dir: string): Promise<{ db: string; snapshot: () => Promise<unknown> }> {
  const db = join(dir, 'seed.duckdb');
  const seed = join(dir, 'seed.json');
  writeFileSync(seed, renderers['diagnostic-ndjson']([signIn(9999, 'noninteractive')]));
  const result = await runCli(['ingest', seed, '--db', db, '--quiet']);
  assert.equal(result.code, 0, result.stderr);
  const snapshot = () => queryDb(db, 'SELECT (SELECT count(*) FROM signins) AS signins, (SELECT count(*) FROM ingest_runs) AS runs, (SELECT list(Id ORDER BY Id) FROM signins) AS ids');
  return { db, snapshot };
}

async function ingestJson(args: readonly string[]): Promise<{ result: CliResult; summary: Record<string, unknown> }> {
  const result = await runCli(['ingest', ...args, '--json']);
  assert.equal(result.code, 0, result.stderr);
  return { result, summary: JSON.parse(result.stdout) };
}

describe('records whose keys are sorted alphabetically', () => {
  const pair = [signIn(1, 'interactive'), signIn(2, 'noninteractive', { appDisplayName: 'Microsoft Teams', status: { errorCode: 50074 } })];

  test('diagnostic settings NDJSON: "Level" first, properties in the middle', async () => {
    const dir = tempDir();
    const records = ndjsonLines(renderers['diagnostic-ndjson'](pair)).map(sortKeys);
    const keys = Object.keys(records[0] as object);
    assert.equal(keys[0], 'Level', 'the fixture is what Elastic writes');
    assert.ok(keys.indexOf('properties') > 0 && keys.indexOf('properties') < keys.length - 1);
    const file = join(dir, 'PT1H.json');
    writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const db = join(dir, 'a.duckdb');
    const { summary } = await ingestJson([file, '--db', db]);
    assert.deepEqual(summary, { files: 1, records: 2, inserted: 2, duplicates: 0, rejected: 0, skipped: 0, logs: { interactive: 1, noninteractive: 1 } });
    assert.deepEqual(await queryDb(db, ROW_SQL), pair.map((s) => expectedRow(s, 'micros')));
  });

  test('Event Hub capture: {"records": [...]}, each record sorted', async () => {
    const dir = tempDir();
    const capture = JSON.parse(renderers['event-hub'](pair).toString('utf8')) as { records: unknown[] };
    const file = join(dir, 'capture-0001.json');
    writeFileSync(file, JSON.stringify({ records: capture.records.map(sortKeys) }, null, 2));
    const db = join(dir, 'a.duckdb');
    const { summary } = await ingestJson([file, '--db', db]);
    assert.deepEqual(summary, { files: 1, records: 2, inserted: 2, duplicates: 0, rejected: 0, skipped: 0, logs: { interactive: 1, noninteractive: 1 } });
    // Event Hub writes `time` as "11/20/2026 1:07:41 PM": whole seconds.
    assert.deepEqual(await queryDb(db, ROW_SQL), pair.map((s) => expectedRow(s, 'seconds')));
  });

  test('Log Analytics query results with sorted columns, "AADTenantId" first', async () => {
    const dir = tempDir();
    // Rows of both tables, nested columns as JSON values; Type says each row's log.
    const rows = (JSON.parse(renderers['la-json-interactive'](pair).toString('utf8')) as unknown[]).map(sortKeys);
    assert.equal(Object.keys(rows[0] as object)[0], 'AADTenantId');
    const file = join(dir, 'query.json');
    writeFileSync(file, JSON.stringify(rows, null, 2));
    const db = join(dir, 'a.duckdb');
    const { summary } = await ingestJson([file, '--db', db]);
    assert.deepEqual(summary, { files: 1, records: 2, inserted: 2, duplicates: 0, rejected: 0, skipped: 0, logs: { interactive: 1, noninteractive: 1 } });
    assert.deepEqual(await queryDb(db, ROW_SQL), pair.map((s) => expectedRow(s, 'micros')));
  });
});

describe('folders are searched by content', () => {
  test('*.log files and files without an extension that hold JSON are read', async () => {
    const dir = join(tempDir(), 'exports');
    const archive = join(dir, 'archive', 'y=2026', 'm=11', 'd=20', 'h=13', 'm=00');
    mkdirSync(archive, { recursive: true });
    const files = {
      [join(dir, 'signins.log')]: renderers['diagnostic-ndjson']([signIn(1, 'interactive')]),
      [join(dir, 'capture')]: renderers['event-hub']([signIn(2, 'noninteractive')]),
      [join(dir, 'rest-response')]: renderers['la-rest-api']([signIn(3, 'interactive')]),
      [join(archive, 'PT1H')]: renderers['diagnostic-ndjson']([signIn(4, 'noninteractive')]),
    };
    for (const [path, bytes] of Object.entries(files)) writeFileSync(path, bytes);
    const db = join(tempDir(), 'a.duckdb');
    const { summary } = await ingestJson([dir, '--db', db]);
    assert.deepEqual(summary, { files: 4, records: 4, inserted: 4, duplicates: 0, rejected: 0, skipped: 0, logs: { interactive: 2, noninteractive: 2 } });
    const sources = await queryDb(db, 'SELECT Id, SourceFile FROM signins ORDER BY Id');
    assert.deepEqual(
      sources.map((s) => s.SourceFile),
      Object.keys(files),
    );
  });

  test('a file that holds neither JSON nor CSV is skipped with a warning naming it', async () => {
    const dir = join(tempDir(), 'exports');
    mkdirSync(dir);
    writeFileSync(join(dir, 'PT1H.json'), renderers['diagnostic-ndjson']([signIn(1, 'interactive')]));
    writeFileSync(join(dir, 'logo.png'), Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'));
    writeFileSync(join(dir, 'notes.txt'), 'hello world\nthis is not an export\n');
    writeFileSync(join(dir, 'README'), 'Sign-in exports of 20 November\n');
    const db = join(tempDir(), 'a.duckdb');
    const { result, summary } = await ingestJson([dir, '--db', db]);
    assert.deepEqual([summary.records, summary.inserted, summary.rejected], [1, 1, 0]);
    for (const name of ['logo.png', 'notes.txt', 'README']) {
      assert.match(result.stderr, new RegExp(`warning: .*${join(dir, name).replaceAll(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`), `a warning names ${name}; stderr: ${result.stderr}`);
    }
    assert.doesNotMatch(result.stderr, /warning: .*PT1H\.json/);
    assert.deepEqual(await queryDb(db, 'SELECT Id FROM signins'), [{ Id: signIn(1, 'interactive').id }]);
  });

  test('a folder that yields no export at all is an error, and stores nothing', async () => {
    const { db, snapshot } = await seededDb(tempDir());
    const before = await snapshot();
    const dir = join(tempDir(), 'not-exports');
    mkdirSync(dir);
    writeFileSync(join(dir, 'logo.png'), Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'));
    writeFileSync(join(dir, 'notes.txt'), 'hello world\nthis is not an export\n');
    assertOneLineError(await runCli(['ingest', dir, '--db', db]), 2, dir);
    assert.deepEqual(await snapshot(), before, 'the database is unchanged');
  });

  test('an empty folder is an error too', async () => {
    const { db, snapshot } = await seededDb(tempDir());
    const before = await snapshot();
    const dir = join(tempDir(), 'empty');
    mkdirSync(dir);
    assertOneLineError(await runCli(['ingest', dir, '--db', db]), 2, dir);
    assert.deepEqual(await snapshot(), before, 'the database is unchanged');
  });
});

describe('envelope times', () => {
  // [container, `time` as written, TimeGenerated stored]. M/D/YYYY is month first, as the
  // Event Hub's "11/20/2026 1:05:09 PM". Digits beyond the microsecond are dropped, as for the
  // 7-digit times of every other export (test/ingest-formats.test.ts).
  const CASES: readonly [string, string, string][] = [
    ['diagnostic', '11/20/2026 13:07:41', '2026-11-20 13:07:41'],
    ['diagnostic', '1/9/2027 09:41:00', '2027-01-09 09:41:00'],
    ['diagnostic', '12/31/2026 00:00:01', '2026-12-31 00:00:01'],
    ['event-hub', '11/20/2026 18:30:05', '2026-11-20 18:30:05'],
    ['diagnostic', '2026-11-20T13:07:41.123456789Z', '2026-11-20 13:07:41.123456'],
    ['diagnostic', '2026-11-20T14:07:41.987654321+01:00', '2026-11-20 13:07:41.987654'],
    ['event-hub', '2026-11-20T13:07:41.250000000Z', '2026-11-20 13:07:41.25'],
  ];

  for (const [container, time, expected] of CASES) {
    test(`${container} time "${time}"`, async () => {
      const dir = tempDir();
      const s = signIn(1, 'noninteractive');
      const record = { ...(ndjsonLines(renderers['diagnostic-ndjson']([s]))[0] as object), time };
      const file = join(dir, 'export.json');
      writeFileSync(file, container === 'event-hub' ? JSON.stringify({ records: [record] }, null, 2) : JSON.stringify(record) + '\n');
      const db = join(dir, 'a.duckdb');
      const { summary } = await ingestJson([file, '--db', db]);
      assert.equal(summary.inserted, 1);
      assert.deepEqual(await queryDb(db, 'SELECT TimeGenerated, CreatedDateTime FROM signins'), [{ TimeGenerated: expected, CreatedDateTime: stored(s.createdDateTime) }]);
    });
  }
});

/** runCli with a deadline: an engine that is quadratic in the rows must fail the test, not hang the suite. */
function runCliWithin(args: readonly string[], ms: number): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, TZ: 'UTC' }, stdio: ['ignore', 'pipe', 'pipe'], timeout: ms, killSignal: 'SIGKILL' });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const stdoutBytes = Buffer.concat(out);
      const stderr = Buffer.concat(err).toString('utf8') + (signal ? `\n(killed by ${signal} after ${ms / 1000} s)` : '');
      resolve({ code, stdout: stdoutBytes.toString('utf8'), stderr, stdoutBytes });
    });
  });
}

describe('a Log Analytics REST API response of many rows', () => {
  test('2,000 rows, columns in another order: every row stored, each column by its name', async () => {
    const start = Date.UTC(2026, 10, 14, 8, 0, 0);
    const apps = ['Microsoft Outlook', 'Microsoft Teams', 'OneDrive SyncEngine', 'Microsoft Office'];
    const signIns = Array.from({ length: 2000 }, (_, i) =>
      signIn(i + 1, i % 2 === 0 ? 'interactive' : 'noninteractive', {
        createdDateTime: iso7(start + i * 61_001, i % 10_000),
        timeGenerated: iso7(start + i * 61_001 + 95_500, (i * 7) % 10_000),
        appDisplayName: apps[i % apps.length]!,
        resourceDisplayName: i % 3 === 0 ? 'Office 365 SharePoint Online' : 'Office 365 Exchange Online',
        status: { errorCode: i % 5 === 0 ? 50074 : 0 },
      }),
    );
    const response = JSON.parse(renderers['la-rest-api'](signIns).toString('utf8')) as { tables: { name: string; columns: { name: string; type: string }[]; rows: unknown[][] }[] };
    const table = response.tables[0]!;
    const names = table.columns.map((c) => c.name);
    const reversedName = (name: string) => [...name].reverse().join('');
    const order = names.map((_, i) => i).sort((a, b) => (reversedName(names[a]!) < reversedName(names[b]!) ? -1 : 1));
    assert.notDeepEqual(
      order.map((i) => names[i]),
      names,
      'the columns are reordered',
    );
    const shuffled = { tables: [{ name: table.name, columns: order.map((i) => table.columns[i]!), rows: table.rows.map((row) => order.map((i) => row[i])) }] };
    const dir = tempDir();
    const file = join(dir, 'rest-api-response.json');
    writeFileSync(file, JSON.stringify(shuffled));
    const db = join(dir, 'a.duckdb');
    const result = await runCliWithin(['ingest', file, '--db', db, '--json'], 120_000);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { files: 1, records: 2000, inserted: 2000, duplicates: 0, rejected: 0, skipped: 0, logs: { interactive: 1000, noninteractive: 1000 } });
    const rows = await queryDb(db, `SELECT Log, Id, TimeGenerated, CreatedDateTime, UserPrincipalName, UserDisplayName, AppDisplayName, ResourceDisplayName, ErrorCode FROM signins ORDER BY Id`);
    assert.deepEqual(
      rows,
      signIns.map((s) => ({
        Log: s.log,
        Id: s.id,
        TimeGenerated: stored(s.timeGenerated),
        CreatedDateTime: stored(s.createdDateTime),
        UserPrincipalName: s.userPrincipalName,
        UserDisplayName: s.userDisplayName,
        AppDisplayName: s.appDisplayName,
        ResourceDisplayName: s.resourceDisplayName,
        ErrorCode: s.status.errorCode,
      })),
    );
  });
});
