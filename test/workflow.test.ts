// Scheduled compatibility audits: readiness, blockers, trend, audit thresholds and history, each
// rule pinned on a hand-made SigninLogs export.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { SAMPLES, assertOneLineError, changeDb, queryDb, runCli, tempDir } from './helpers.ts';
import { SCHEMA_VERSION } from '../src/schema.ts';

interface SignInSpec {
  id: string;
  upn?: string;
  app?: string;
  day?: number; // day of November 2026
  hour?: number;
  blocked?: boolean;
  userType?: string;
  os?: string;
  deviceId?: string;
  trustType?: string;
  client?: string;
  tpCode?: number;
  resource?: string;
}

const windowsDevice = { os: 'Windows 10', deviceId: 'dev-1', trustType: 'Azure AD joined', client: 'Mobile Apps and Desktop clients' };

/** SigninLogs rows with one token protection policy each: reportOnlyFailure when blocked. */
function signinLogs(specs: SignInSpec[]): string {
  return JSON.stringify(
    specs.map((s) => {
      const time = `2026-11-${String(s.day ?? 20).padStart(2, '0')}T${String(s.hour ?? 10).padStart(2, '0')}:00:00.0000000Z`;
      const d = { ...windowsDevice, ...s };
      return {
        TimeGenerated: time,
        CreatedDateTime: time,
        Id: s.id,
        UserPrincipalName: s.upn ?? 'user@x',
        UserType: s.userType ?? 'Member',
        AppDisplayName: s.app ?? 'Microsoft Outlook',
        ResourceDisplayName: s.resource ?? 'Office 365 Exchange Online',
        ClientAppUsed: d.client,
        Type: 'SigninLogs',
        DeviceDetail: { deviceId: d.deviceId, operatingSystem: d.os, trustType: d.trustType, browser: 'Rich Client' },
        TokenProtectionStatusDetails: s.tpCode === undefined ? null : { signInSessionStatus: 'unbound', signInSessionStatusCode: s.tpCode },
        ConditionalAccessPolicies: [
          {
            id: 'tp',
            displayName: 'Require token protection',
            enforcedGrantControls: [],
            enforcedSessionControls: ['SignInTokenProtection'],
            sessionControlsNotSatisfied: s.blocked ? ['SignInTokenProtection'] : [],
            result: s.blocked ? 'reportOnlyFailure' : 'reportOnlySuccess',
          },
        ],
      };
    }),
  );
}

function exportFile(specs: SignInSpec[], dir = tempDir()): string {
  const file = join(dir, `export-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, signinLogs(specs));
  return file;
}

async function json(args: string[], expectCode = 0): Promise<any> {
  const result = await runCli([...args, '--format', 'json', '--quiet']);
  assert.equal(result.code, expectCode, result.stderr);
  return JSON.parse(result.stdout);
}

/** n allowed requests of one user spread over the given days. */
const allowed = (upn: string, days: number[], perDay = 1): SignInSpec[] =>
  days.flatMap((day) => Array.from({ length: perDay }, (_, k) => ({ id: `${upn}-${day}-${k}`, upn, day, hour: 8 + k })));

describe('readiness', () => {
  const specs: SignInSpec[] = [
    ...allowed('ready@x', [14, 15, 16, 17, 18], 2), // 10 requests on 5 days: exactly the defaults
    ...allowed('few-requests@x', [14, 15, 16, 17, 18, 19, 20].slice(0, 5), 1).concat(allowed('few-requests@x', [19], 4)), // 9 requests, 6 days
    ...allowed('few-days@x', [17, 18, 19, 20], 3), // 12 requests on 4 days
    ...allowed('blocked@x', [14, 15, 16, 17, 18], 3),
    { id: 'blocked-1', upn: 'Blocked@x', day: 20, blocked: true },
  ];

  test('statuses at the default thresholds (10 requests, 5 days), sorted by user', async () => {
    const rows = await json(['report', 'readiness', exportFile(specs)]);
    assert.deepEqual(
      rows.map((r: any) => [r.UserPrincipalName, r.Requests, r.Block, r.ActiveDays, r.Status]),
      [
        ['blocked@x', 16, 1, 6, 'blocked'],
        ['few-days@x', 12, 0, 4, 'insufficient-data'],
        ['few-requests@x', 9, 0, 6, 'insufficient-data'],
        ['ready@x', 10, 0, 5, 'ready'],
      ],
    );
    const ready = rows.find((r: any) => r.UserPrincipalName === 'ready@x');
    assert.equal(ready.FirstSeen, '2026-11-14T08:00:00.000Z');
    assert.equal(ready.LastSeen, '2026-11-18T09:00:00.000Z');
  });

  test('--min-requests and --min-days move the boundaries; --status filters', async () => {
    const file = exportFile(specs);
    const ready = await json(['report', 'readiness', file, '--min-requests', '9', '--min-days', '4', '--status', 'ready']);
    assert.deepEqual(ready.map((r: any) => r.UserPrincipalName), ['few-days@x', 'few-requests@x', 'ready@x']);
    const stricter = await json(['report', 'readiness', file, '--min-requests', '11', '--status', 'ready']);
    assert.deepEqual(stricter, []);
  });

  test('the ready list as CSV for the enforcement group', async () => {
    const result = await runCli(['report', 'readiness', exportFile(specs), '--status', 'ready', '--format', 'csv', '-q']);
    assert.equal(result.stdout, 'UserPrincipalName,Requests,Block,Allow,ActiveDays,FirstSeen,LastSeen,Status,BlockSelfRemediable\r\nready@x,10,0,10,5,2026-11-14T08:00:00.000Z,2026-11-18T09:00:00.000Z,ready,0\r\n');
  });

  test('readiness has no kql form', async () => {
    assertOneLineError(await runCli(['report', 'readiness', exportFile(specs), '--semantics', 'kql']), 2, 'corrected semantics only');
  });
});

describe('blockers', () => {
  // Without a status code, the blocker rules of 2026 decide (queries/blocker-rules.csv); with
  // one, the status-code table (test/advice.test.ts has every code on every platform).
  const specs: SignInSpec[] = [
    { id: 'guest', upn: 'partner_x#EXT#@x', userType: 'Guest', blocked: true, os: 'MacOs' },
    { id: 'ps', app: 'Microsoft Exchange REST API Based Powershell', blocked: true },
    { id: 'pq', app: 'Microsoft Power Query for Excel', blocked: true },
    { id: 'vscode', app: 'Visual Studio Code', blocked: true },
    { id: 'broker', app: 'Some App', blocked: true, tpCode: 1008 },
    { id: 'mac-upgrade', os: 'MacOs', blocked: true, tpCode: 1004 },
    { id: 'android', os: 'Android', blocked: true },
    { id: 'old-windows', os: 'Windows 8.1', blocked: true },
    { id: 'mac', os: 'MacOs', blocked: true },
    { id: 'server', os: 'Windows Server 2019', blocked: true },
    { id: 'unreg', deviceId: '', trustType: '', blocked: true },
    { id: 'browser', client: 'Browser', blocked: true },
    { id: 'mystery', blocked: true },
    { id: 'fine', blocked: false, os: 'MacOs' },
  ];

  test('each blocked request gets one cause, status code first, then the first rule by rank, and the causes add up to Block', async () => {
    const file = exportFile(specs);
    const rows = await json(['report', 'blockers', file]);
    const byCause = Object.fromEntries(rows.map((r: any) => [r.Cause, r.Requests]));
    assert.deepEqual(byCause, {
      'external-user': 1,
      'app-update-required': 2,
      'unsupported-app': 1,
      'no-broker': 1,
      'registration-upgrade': 1,
      'unsupported-platform': 1,
      'unsupported-os': 1,
      'unregistered-device': 1,
      'browser-client': 1,
      // macOS and Windows Server 2019 are supported platforms: without a status code, nothing says why.
      unknown: 3,
    });
    const apps = await json(['report', 'apps', file]);
    assert.equal(rows.reduce((n: number, r: any) => n + r.Requests, 0), apps.reduce((n: number, r: any) => n + r.Block, 0));
    const platform = rows.find((r: any) => r.Cause === 'unsupported-platform');
    assert.match(platform.Explanation, /Windows, macOS and iOS\/iPadOS only/);
    assert.deepEqual(rows.map((r: any) => r.Cause).slice(0, 2), ['unknown', 'app-update-required'], 'by Requests, then by name');
    assert.deepEqual(rows.filter((r: any) => r.SelfRemediable).map((r: any) => r.Cause), ['registration-upgrade']);
    assert.ok(rows.every((r: any) => typeof r.Action === 'string' && r.Action.length > 0));
  });

  test('rules are data: a rules file of your own, checked', async () => {
    const dir = tempDir();
    const rules = join(dir, 'rules.csv');
    writeFileSync(rules, 'rank,cause,field,match,pattern,explanation\n1,mac-users,OperatingSystem,regex,^macos$,Macs\n');
    const rows = await json(['report', 'blockers', exportFile(specs, dir), '--rules', rules]);
    assert.deepEqual(rows.map((r: any) => [r.Cause, r.Requests]), [['unknown', 9], ['mac-users', 2], ['no-broker', 1], ['registration-upgrade', 1]]);
    writeFileSync(rules, 'rank,cause,field,match,pattern,explanation\n1,x,DeviceColour,regex,red,x\n');
    assertOneLineError(await runCli(['report', 'blockers', exportFile(specs, dir), '--rules', rules, '-q']), 2, 'rules.csv', 'line 2', 'unknown field DeviceColour');
  });
});

describe('trend', () => {
  const specs: SignInSpec[] = [
    { id: 'a', day: 14, blocked: true },
    { id: 'b', day: 14 },
    { id: 'c', day: 17, app: 'Microsoft Teams' },
    { id: 'd', day: 20, hour: 10, app: 'Microsoft Teams', blocked: true },
  ];

  test('every UTC day of the window, with zeros where there were no requests', async () => {
    const rows = await json(['report', 'trend', exportFile(specs)]);
    assert.deepEqual(
      rows.map((r: any) => [r.Date, r.Requests, r.Block, r.Allow, r.PctAllowed]),
      [
        ['2026-11-13', 0, 0, 0, null],
        ['2026-11-14', 2, 1, 1, 50],
        ['2026-11-15', 0, 0, 0, null],
        ['2026-11-16', 0, 0, 0, null],
        ['2026-11-17', 1, 0, 1, 100],
        ['2026-11-18', 0, 0, 0, null],
        ['2026-11-19', 0, 0, 0, null],
        ['2026-11-20', 1, 1, 0, 0],
      ],
    );
  });

  test('the default window ending at a newest sign-in of exactly midnight keeps that day', async () => {
    const rows = await json(['report', 'trend', exportFile([{ id: 'x', day: 13, hour: 12 }, { id: 'y', day: 20, hour: 0, blocked: true }])]);
    assert.deepEqual(rows.at(-1), { Date: '2026-11-20', Requests: 1, Block: 1, Allow: 0, PctAllowed: 0 });
    assert.equal(rows.length, 8, 'from 2026-11-13 (the window starts at 00:00 on the 13th, exclusive) to 2026-11-20');
  });

  test('--by app: every day for every app', async () => {
    const rows = await json(['report', 'trend', exportFile(specs), '--by', 'app', '--since', '2026-11-16', '--until', '2026-11-18']);
    assert.deepEqual(rows.map((r: any) => [r.Date, r.AppDisplayName, r.Requests]), [
      ['2026-11-16', 'Microsoft Teams', 0],
      ['2026-11-17', 'Microsoft Teams', 1],
    ]);
    const wider = await json(['report', 'trend', exportFile(specs), '--by', 'app', '--since', '2026-11-16', '--until', '2026-11-21']);
    assert.deepEqual(wider.filter((r: any) => r.Date === '2026-11-18').map((r: any) => [r.AppDisplayName, r.Requests]), [['Microsoft Teams', 0]]);
    assert.equal(wider.length, 5);
  });
});

describe('audit', () => {
  // 10 requests: 2 blocked (Teams 2 of 4 → 50 %, Outlook 0 of 6), by 2 users.
  const specs: SignInSpec[] = [
    ...allowed('a@x', [14, 15, 16, 17, 18, 19]),
    { id: 't1', upn: 'b@x', app: 'Microsoft Teams', day: 19, blocked: true },
    { id: 't2', upn: 'c@x', app: 'Microsoft Teams', day: 20, blocked: true },
    { id: 't3', upn: 'a@x', app: 'Microsoft Teams', day: 20 },
    { id: 't4', upn: 'a@x', app: 'Microsoft Teams', day: 20, hour: 11 },
  ];

  test('every threshold passes at its limit and fails past it, with exit codes 0 and 1', async () => {
    const file = exportFile(specs);
    const pass = await json(['audit', file, '--max-block-pct', '20', '--max-app-block-pct', '50', '--max-blocked-users', '2', '--min-requests', '10']);
    assert.equal(pass.passed, true);
    assert.deepEqual(pass.checks.map((c: any) => [c.name, c.limit, c.actual, c.passed]), [
      ['max-block-pct', 20, 20, true],
      ['max-app-block-pct', 50, 50, true],
      ['max-blocked-users', 2, 2, true],
      ['min-requests', 10, 10, true],
    ]);
    const fail = await json(['audit', file, '--max-block-pct', '19.99', '--max-app-block-pct', '49', '--max-blocked-users', '1', '--min-requests', '11'], 1);
    assert.equal(fail.passed, false);
    assert.deepEqual(fail.checks.map((c: any) => c.passed), [false, false, false, false]);
    assert.match(fail.checks[1].detail, /Microsoft Teams/);
  });

  test('the JSON verdict keeps its documented schema', async () => {
    const result = await json(['audit', exportFile(specs), '--max-block-pct', '50']);
    assert.deepEqual(Object.keys(result).sort(), [
      'changes', 'checks', 'coverage', 'groups', 'logs', 'mode', 'passed', 'policies', 'ranAt', 'resourceIds', 'resourcePreset', 'resources', 'run', 'schemaVersion', 'semantics', 'totals', 'window',
    ]);
    assert.equal(result.mode, 'all');
    assert.equal(result.schemaVersion, 1);
    assert.deepEqual(result.window, { since: '2026-11-13T11:00:00.000Z', until: '2026-11-20T11:00:00.000Z', sinceInclusive: false, untilInclusive: true });
    assert.deepEqual(result.totals, { requests: 10, block: 2, allow: 8, users: 3, blockedUsers: 2, pctAllowed: 80, blockSelfRemediable: 0, pctEnforceable: 80 });
    assert.deepEqual(result.coverage, { records: 10, withPolicies: 10, withStatus: 0 });
    assert.deepEqual([result.resourcePreset, result.resources, result.resourceIds], [
      'exo-spo',
      ['Office 365 Exchange Online', 'Office 365 SharePoint Online'],
      ['00000002-0000-0ff1-ce00-000000000000', '00000003-0000-0ff1-ce00-000000000000'],
    ]);
    assert.deepEqual(Object.keys(result.checks[0]).sort(), ['actual', 'detail', 'limit', 'name', 'passed']);
  });

  test('a failed audit says so on stderr in one line; stdout still has the verdict', async () => {
    const result = await runCli(['audit', exportFile(specs), '--max-blocked-users', '0', '-q']);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /FAIL +max-blocked-users: 2/);
    assert.equal(result.stderr, 'signin-audit: audit failed: max-blocked-users 2 (limit 0)\n');
  });

  test('history across two runs on a database, and what changed', async () => {
    const dir = tempDir();
    const db = join(dir, 'audit.duckdb');
    const first = exportFile(specs, dir);
    assert.equal((await runCli(['ingest', first, '--db', db, '-q'])).code, 0);
    const run1 = await json(['audit', '--db', db, '--max-block-pct', '50', '--compare-last']);
    assert.equal(run1.run, 1);
    assert.equal(run1.changes, null);
    // The next day: Outlook starts failing for a@x, Teams recovers for b@x and c@x.
    const second = exportFile([
      { id: 'o9', upn: 'a@x', day: 21, blocked: true },
      { id: 't9', upn: 'b@x', app: 'Microsoft Teams', day: 21 },
      { id: 't10', upn: 'c@x', app: 'Microsoft Teams', day: 21 },
    ], dir);
    assert.equal((await runCli(['ingest', second, '--db', db, '-q'])).code, 0);
    const run2 = await json(['audit', '--db', db, '--since', '2026-11-21', '--max-block-pct', '50', '--compare-last']);
    assert.equal(run2.run, 2);
    assert.deepEqual(run2.changes, {
      previousRun: 1,
      previousRanAt: run2.changes.previousRanAt,
      newlyBlockedApps: ['Microsoft Outlook'],
      newlyClearApps: ['Microsoft Teams'],
      newlyBlockedUsers: ['a@x'],
      newlyClearUsers: ['b@x', 'c@x'],
    });
    const history = await json(['history', '--db', db]);
    assert.deepEqual(history.map((r: any) => [r.Run, r.Requests, r.Block, r.Verdict]), [[1, 10, 2, 'passed'], [2, 3, 1, 'passed']]);
  });

  test('--compare-last needs a database', async () => {
    assertOneLineError(await runCli(['audit', exportFile(specs), '--compare-last']), 2, '--compare-last needs --db');
  });
});

/** Takes a database back to before schema 9: each request's resources in ResourceKeys alone, no StatusCode. */
const BEFORE_SCHEMA_9 = [
  "UPDATE requests SET ResourceKeys = [{'Name': ResourceName, 'AppId': ResourceAppId}] WHERE ResourceKeys IS NULL",
  'ALTER TABLE requests DROP COLUMN ResourceName',
  'ALTER TABLE requests DROP COLUMN ResourceAppId',
  'ALTER TABLE requests DROP COLUMN StatusCode',
  'ALTER TABLE requests ALTER COLUMN ResourceKeys SET NOT NULL',
];

describe('a database written by an older signin-audit', () => {
  test('schema version 2 (no per-record token protection outcome) is upgraded on first read, with the same report', async () => {
    const dir = tempDir();
    const db = join(dir, 'old.duckdb');
    assert.equal((await runCli(['ingest', SAMPLES, '--db', db, '--quiet'])).code, 0);
    const before = await runCli(['report', 'users', '--db', db, '--all-time', '--format', 'json', '--quiet']);
    // What version 2 looked like: the two columns of migration 003 absent, the original records
    // still in signins (migration 004 moved them to signin_records), no requests table (005), no
    // PolicyCount (006), no TokenProtectionPolicies (008).
    await changeDb(
      db,
      'ALTER TABLE signins DROP COLUMN TokenProtectionCounted',
      'ALTER TABLE signins DROP COLUMN TokenProtectionBlocked',
      'ALTER TABLE signins ADD COLUMN Record JSON',
      'UPDATE signins s SET Record = r.Record FROM signin_records r WHERE r.RecordKey = s.RecordKey',
      'DROP TABLE signin_records',
      'DROP TABLE requests',
      'ALTER TABLE signins DROP COLUMN PolicyCount',
      'ALTER TABLE signins DROP COLUMN TokenProtectionPolicies',
      'DELETE FROM signin_audit_schema WHERE Version > 2',
    );
    const after = await runCli(['report', 'users', '--db', db, '--all-time', '--format', 'json', '--quiet']);
    assert.equal(after.code, 0, after.stderr);
    assert.equal(after.stdout, before.stdout);
    const [version] = await queryDb(db, 'SELECT max(Version) AS v, count(*) FILTER (WHERE TokenProtectionCounted IS NULL) AS missing FROM signin_audit_schema, (SELECT TokenProtectionCounted FROM signins)');
    assert.deepEqual(version, { v: SCHEMA_VERSION, missing: '0' });
    const [kept] = await queryDb(db, 'SELECT count(*)::INTEGER AS n FROM signin_records r JOIN signins s USING (RecordKey)');
    assert.deepEqual(kept, { n: 291 }, 'every original record is kept, in signin_records');
  });

  test('schema version 6 (requests without their platform) is upgraded on first read, with the same status-code advice', async () => {
    const dir = tempDir();
    const db = join(dir, 'v6.duckdb');
    assert.equal((await runCli(['ingest', SAMPLES, '--db', db, '--quiet'])).code, 0);
    const before = await runCli(['report', 'blockers', '--db', db, '--all-time', '--format', 'json', '--quiet']);
    const platforms = await queryDb(db, 'SELECT Platform, count(*)::INTEGER AS n FROM requests GROUP BY ALL ORDER BY ALL');
    assert.ok(platforms.length > 1 && platforms.every((p) => p.Platform !== null), JSON.stringify(platforms));
    await changeDb(db, ...BEFORE_SCHEMA_9, 'ALTER TABLE requests DROP COLUMN Platform', 'ALTER TABLE signins DROP COLUMN TokenProtectionPolicies', 'DELETE FROM signin_audit_schema WHERE Version > 6');
    const after = await runCli(['report', 'blockers', '--db', db, '--all-time', '--format', 'json', '--quiet']);
    assert.equal(after.code, 0, after.stderr);
    assert.equal(after.stdout, before.stdout);
    assert.deepEqual(await queryDb(db, 'SELECT Platform, count(*)::INTEGER AS n FROM requests GROUP BY ALL ORDER BY ALL'), platforms);
  });

  test('schema version 7 (records without their token protection policies apart) is upgraded on first read, with the same per-policy reports', async () => {
    const dir = tempDir();
    const db = join(dir, 'v7.duckdb');
    assert.equal((await runCli(['ingest', SAMPLES, '--db', db, '--quiet'])).code, 0);
    // One after the other: the first upgrades the database, which needs it to itself.
    const reports = async () => [
      await runCli(['report', 'policies', '--db', db, '--all-time', '--format', 'json', '--quiet']),
      await runCli(['report', 'enforcement', '--db', db, '--all-time', '--format', 'json', '--quiet']),
    ];
    const before = await reports();
    const policies = 'SELECT count(*)::INTEGER AS records, sum(len(TokenProtectionPolicies))::INTEGER AS policies, count(*) FILTER (WHERE len(TokenProtectionPolicies) > 0)::INTEGER AS withSome FROM signins';
    const stored = await queryDb(db, policies);
    assert.ok(Number(stored[0]?.withSome) > 0 && Number(stored[0]?.policies) < Number(stored[0]?.records) * 3, JSON.stringify(stored));
    await changeDb(db, ...BEFORE_SCHEMA_9, 'ALTER TABLE signins DROP COLUMN TokenProtectionPolicies', 'DELETE FROM signin_audit_schema WHERE Version > 7');
    const after = await reports();
    for (const [i, result] of after.entries()) {
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout, before[i]?.stdout);
    }
    assert.deepEqual(await queryDb(db, policies), stored, 'the upgrade keeps what ingest keeps');
  });

  test('schema version 8 (requests whose one resource and status code are not apart) is upgraded on first read, with the same reports', async () => {
    const dir = tempDir();
    const db = join(dir, 'v8.duckdb');
    // The samples, and a request with records of two resources (ResourceKeys keeps those).
    const twoResources = exportFile([{ id: 'two-resources', hour: 9 }, { id: 'two-resources', hour: 10, resource: 'Microsoft Graph', blocked: true, tpCode: 1003 }], dir);
    assert.equal((await runCli(['ingest', SAMPLES, twoResources, '--db', db, '--quiet'])).code, 0);
    // Windows that cut requests (computed from their records) and resources that do, one after
    // the other: the first upgrades the database, which needs it to itself.
    const reports = async () => {
      const out = [];
      for (const args of [
        ['apps', '--since', '2026-11-12T10:00:00Z', '--until', '2026-11-18T07:30:00Z'],
        ['users', '--all-time', '--resource', 'Office 365 Exchange Online'],
        ['blockers', '--all-time'],
        ['apps', '--all-time', '--all-resources'],
      ]) out.push(await runCli(['report', ...args, '--db', db, '--format', 'json', '--quiet']));
      return out;
    };
    const before = await reports();
    const columns = 'SELECT Log, Id, ResourceName, ResourceAppId, ResourceKeys::VARCHAR AS ResourceKeys, StatusCode FROM requests ORDER BY Log, Id';
    const stored = await queryDb(db, columns);
    assert.ok(stored.some((r) => r.ResourceName === null) && stored.some((r) => r.ResourceName !== null), 'requests of one resource and of several');
    assert.ok(stored.some((r) => r.StatusCode !== null), 'status codes kept');
    await changeDb(db, ...BEFORE_SCHEMA_9, 'DELETE FROM signin_audit_schema WHERE Version > 8');
    const after = await reports();
    for (const [i, result] of after.entries()) {
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout, before[i]?.stdout);
    }
    assert.deepEqual(await queryDb(db, columns), stored, 'the upgrade keeps what ingest keeps');
  });
});
