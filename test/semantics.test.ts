// Pins each difference between --semantics corrected and --semantics kql, the window bounds,
// the resource filter and the order, each on a minimal hand-made Log Analytics export.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { assertOneLineError, runCli, tempDir } from './helpers.ts';

const EXO = 'Office 365 Exchange Online';
const SPO = 'Office 365 SharePoint Online';
const NEWEST = '2026-11-20T12:00:00.0000000Z';

interface Policy {
  enforcedSessionControls: string[];
  sessionControlsNotSatisfied?: string[];
  result: string;
}

interface RowSpec {
  id: string;
  upn?: string;
  app?: string;
  resource?: string;
  time?: string;
  type?: string;
  policies: Policy[];
}

const tp = (result: string, notSatisfied?: string[], controls = ['SignInTokenProtection']): Policy =>
  notSatisfied === undefined ? { enforcedSessionControls: controls, result } : { enforcedSessionControls: controls, sessionControlsNotSatisfied: notSatisfied, result };

/** AADNonInteractiveUserSignInLogs rows as Log Analytics returns them: nested columns as JSON text. */
function laExport(rows: RowSpec[]): string {
  const anchor: RowSpec = { id: 'anchor', upn: 'anchor@x', app: 'Anchor', resource: 'Other', time: NEWEST, policies: [] };
  return JSON.stringify(
    [...rows, anchor].map((r) => ({
      TimeGenerated: r.time ?? '2026-11-19T08:00:00.0000000Z',
      CreatedDateTime: r.time ?? '2026-11-19T08:00:00.0000000Z',
      Id: r.id,
      UserPrincipalName: r.upn ?? 'user@x',
      AppDisplayName: r.app ?? 'Outlook',
      ResourceDisplayName: r.resource ?? EXO,
      Type: r.type ?? 'AADNonInteractiveUserSignInLogs',
      ConditionalAccessPolicies: JSON.stringify(r.policies.map((p, i) => ({ id: `p${i}`, displayName: `TP ${i}`, enforcedGrantControls: [], ...p }))),
    })),
  );
}

async function report(rows: RowSpec[], args: string[]): Promise<Record<string, unknown>[]> {
  const dir = tempDir();
  const file = join(dir, 'export.json');
  writeFileSync(file, laExport(rows));
  const result = await runCli(['report', ...args, file, '--format', 'json', '--quiet']);
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout) as Record<string, unknown>[];
}

const apps = (rows: RowSpec[], semantics: 'corrected' | 'kql', ...extra: string[]) => report(rows, ['apps', '--semantics', semantics, ...extra]);

describe('corrected and kql differ exactly where documented', () => {
  test('Binding in sessionControlsNotSatisfied is a Block only when corrected', async () => {
    const rows = [{ id: 'r1', policies: [tp('failure', ['Binding'], ['Binding'])] }];
    assert.deepEqual(await apps(rows, 'corrected'), [{ AppDisplayName: 'Outlook', Requests: 1, Users: 1, Block: 1, Allow: 0, BlockedUsers: 1, PctAllowed: 0, BlockSelfRemediable: 0, BlockedUsersSelfRemediable: 0, PctEnforceable: 0 }]);
    assert.deepEqual(await apps(rows, 'kql'), [{ AppDisplayName: 'Outlook', Requests: 1, Users: 1, Block: 0, Allow: 1, BlockedUsers: 0, PctAllowed: 100, BlockSelfRemediable: 0, BlockedUsersSelfRemediable: 0, PctEnforceable: 100 }]);
  });

  test('a token protection control among others counts only when corrected', async () => {
    const rows = [{ id: 'r1', policies: [tp('reportOnlyFailure', ['SignInTokenProtection'], ['SignInFrequency', 'SignInTokenProtection'])] }];
    assert.equal((await apps(rows, 'corrected'))[0]?.Block, 1);
    assert.deepEqual(await apps(rows, 'kql'), []);
  });

  test('a disabled policy (notEnabled) counts only in kql', async () => {
    const rows = [{ id: 'r1', policies: [tp('notEnabled', ['SignInTokenProtection'])] }];
    assert.deepEqual(await apps(rows, 'corrected'), []);
    assert.deepEqual(await apps(rows, 'kql'), [{ AppDisplayName: 'Outlook', Requests: 1, Users: 1, Block: 1, Allow: 0, BlockedUsers: 1, PctAllowed: 0, BlockSelfRemediable: 0, BlockedUsersSelfRemediable: 0, PctEnforceable: 0 }]);
  });

  test('notApplied and reportOnlyNotApplied are dropped by both', async () => {
    const rows = [
      { id: 'r1', policies: [tp('notApplied', ['SignInTokenProtection'])] },
      { id: 'r2', policies: [tp('reportOnlyNotApplied', [])] },
    ];
    assert.deepEqual(await apps(rows, 'corrected'), []);
    assert.deepEqual(await apps(rows, 'kql'), []);
  });

  test('two token protection policies on one sign-in: one Block request, or a Block and an Allow in kql', async () => {
    const rows = [{ id: 'r1', policies: [tp('reportOnlyFailure', ['SignInTokenProtection']), tp('success', [])] }];
    assert.deepEqual(await apps(rows, 'corrected'), [{ AppDisplayName: 'Outlook', Requests: 1, Users: 1, Block: 1, Allow: 0, BlockedUsers: 1, PctAllowed: 0, BlockSelfRemediable: 0, BlockedUsersSelfRemediable: 0, PctEnforceable: 0 }]);
    assert.deepEqual(await apps(rows, 'kql'), [{ AppDisplayName: 'Outlook', Requests: 2, Users: 1, Block: 1, Allow: 1, BlockedUsers: 1, PctAllowed: 50, BlockSelfRemediable: 0, BlockedUsersSelfRemediable: 0, PctEnforceable: 50 }]);
  });

  test('several records of one Id are one request when corrected', async () => {
    const rows = [
      { id: 'r1', time: '2026-11-19T08:00:00Z', policies: [tp('reportOnlyFailure', ['SignInTokenProtection'])] },
      { id: 'r1', time: '2026-11-19T08:00:05Z', policies: [tp('reportOnlySuccess', [])] },
    ];
    assert.deepEqual((await apps(rows, 'corrected')).map((r) => [r.Requests, r.Block, r.Allow]), [[1, 1, 0]]);
    assert.deepEqual((await apps(rows, 'kql')).map((r) => [r.Requests, r.Block, r.Allow]), [[2, 1, 1]]);
  });

  test('a policy entry without sessionControlsNotSatisfied falls back to its result when corrected', async () => {
    const rows = [
      { id: 'r1', policies: [tp('reportOnlyFailure')] },
      { id: 'r2', policies: [tp('failure')] },
      { id: 'r3', policies: [tp('reportOnlySuccess')] },
    ];
    assert.deepEqual((await apps(rows, 'corrected')).map((r) => [r.Requests, r.Block, r.Allow]), [[3, 2, 1]]);
    assert.deepEqual((await apps(rows, 'kql')).map((r) => [r.Requests, r.Block, r.Allow]), [[3, 0, 3]]);
  });

  test('lower-case control values match in both (KQL contains ignores ASCII case)', async () => {
    const rows = [{ id: 'r1', policies: [tp('reportOnlyFailure', ['signintokenprotection'], ['signintokenprotection'])] }];
    assert.equal((await apps(rows, 'corrected'))[0]?.Block, 1);
    assert.equal((await apps(rows, 'kql'))[0]?.Block, 1);
  });

  test('user names compare ignoring case and are reported in lower case when corrected', async () => {
    const rows = [
      { id: 'r1', upn: 'Jane.Doe@x', policies: [tp('success', [])] },
      { id: 'r2', upn: 'jane.doe@x', policies: [tp('success', [])] },
    ];
    assert.equal((await apps(rows, 'corrected'))[0]?.Users, 1);
    assert.equal((await apps(rows, 'kql'))[0]?.Users, 2);
    const users = await report(rows, ['users']);
    assert.deepEqual(users.map((r) => [r.UserPrincipalName, r.Requests]), [['jane.doe@x', 2]]);
    const kqlUsers = await report(rows, ['users', '--semantics', 'kql']);
    assert.deepEqual(kqlUsers.map((r) => [r.UserPrincipalName, r.Requests]), [['Jane.Doe@x', 1], ['jane.doe@x', 1]]);
  });

  test('app and resource of a request come from its earliest record when corrected', async () => {
    const rows = [
      { id: 'r1', app: 'Later App', time: '2026-11-19T09:00:00Z', policies: [tp('success', [])] },
      { id: 'r1', app: 'First App', time: '2026-11-19T08:00:00Z', policies: [tp('success', [])] },
    ];
    assert.deepEqual((await apps(rows, 'corrected')).map((r) => r.AppDisplayName), ['First App']);
  });
});

describe('numbers and order', () => {
  test('PctAllowed rounds halves away from zero: 1 of 32 allowed is 3.13', async () => {
    const rows: RowSpec[] = Array.from({ length: 32 }, (_, i) => ({ id: `r${i}`, upn: `u${i}@x`, policies: [tp(i === 0 ? 'success' : 'failure', i === 0 ? [] : ['SignInTokenProtection'])] }));
    for (const semantics of ['corrected', 'kql'] as const) {
      assert.deepEqual((await apps(rows, semantics)).map((r) => [r.Requests, r.Allow, r.PctAllowed]), [[32, 1, 3.13]]);
    }
  });

  test('apps sort by Requests descending, ties by name in binary order', async () => {
    const rows: RowSpec[] = [
      { id: 'a1', app: 'alpha', policies: [tp('success', [])] },
      { id: 'z1', app: 'Zeta', policies: [tp('success', [])] },
      { id: 'b1', app: 'beta', policies: [tp('success', [])] },
      { id: 'b2', app: 'beta', policies: [tp('success', [])] },
    ];
    assert.deepEqual((await apps(rows, 'corrected')).map((r) => r.AppDisplayName), ['beta', 'Zeta', 'alpha']);
  });

  test('users sort by user, app, resource', async () => {
    const rows: RowSpec[] = [
      { id: 'r1', upn: 'b@x', app: 'Teams', resource: SPO, policies: [tp('success', [])] },
      { id: 'r2', upn: 'a@x', app: 'Teams', resource: SPO, policies: [tp('success', [])] },
      { id: 'r3', upn: 'a@x', app: 'Teams', resource: EXO, policies: [tp('success', [])] },
      { id: 'r4', upn: 'a@x', app: 'Outlook', resource: EXO, policies: [tp('success', [])] },
    ];
    const users = await report(rows, ['users']);
    assert.deepEqual(users.map((r) => [r.UserPrincipalName, r.AppDisplayName, r.ResourceDisplayName]), [
      ['a@x', 'Outlook', EXO],
      ['a@x', 'Teams', EXO],
      ['a@x', 'Teams', SPO],
      ['b@x', 'Teams', SPO],
    ]);
  });
});

describe('window', () => {
  const at = (id: string, time: string): RowSpec => ({ id, time, policies: [tp('success', [])] });
  const rows = [
    at('exactly-7d-before', '2026-11-13T12:00:00.000000Z'),
    at('just-inside', '2026-11-13T12:00:00.000001Z'),
    at('middle', '2026-11-16T00:00:00Z'),
    at('newest-tp', NEWEST),
  ];
  const requests = async (...args: string[]) => (await apps(rows, 'corrected', ...args))[0]?.Requests ?? 0;

  test('the default is the 7 days ending at the newest sign-in, open at the start, closed at the end', async () => {
    assert.equal(await requests(), 3);
  });

  test('--last takes hours, days and weeks', async () => {
    assert.equal(await requests('--last', '1d'), 1);
    assert.equal(await requests('--last', '108h'), 1);
    assert.equal(await requests('--last', '109h'), 2);
    assert.equal(await requests('--last', '2w'), 4);
  });

  test('--since is inclusive and --until exclusive', async () => {
    assert.equal(await requests('--since', '2026-11-13T12:00:00Z'), 4);
    assert.equal(await requests('--since', '2026-11-13T12:00:00Z', '--until', '2026-11-16T00:00:00Z'), 2);
    assert.equal(await requests('--until', '2026-11-16'), 2);
  });

  test('--all-time counts everything', async () => {
    assert.equal(await requests('--all-time'), 4);
  });
});

describe('a request cut by the window or the resources', () => {
  // Requests whose records all fall in scope come from the requests table kept at ingest; those
  // cut by the window's ends or by the resources are counted from their records in scope only.
  // Each case gives the same rows from files, from a database, and from both.
  const rows: RowSpec[] = [
    // Blocked only by its record before the window: an Allow in it.
    { id: 'cut-by-window', app: 'A', time: '2026-11-19T08:00:00Z', policies: [tp('reportOnlySuccess', [])] },
    { id: 'cut-by-window', app: 'Z', time: '2026-11-01T08:00:00Z', policies: [tp('reportOnlyFailure', ['SignInTokenProtection'])] },
    // Blocked only by its record of another resource: an Allow with the default resources.
    { id: 'cut-by-resource', app: 'B', time: '2026-11-19T09:00:00Z', policies: [tp('reportOnlySuccess', [])] },
    { id: 'cut-by-resource', app: 'B', resource: 'Microsoft Graph', time: '2026-11-19T09:00:01Z', policies: [tp('reportOnlyFailure', ['SignInTokenProtection'])] },
    // Whole in scope: blocked.
    { id: 'whole', app: 'C', time: '2026-11-19T10:00:00Z', policies: [tp('reportOnlyFailure', ['SignInTokenProtection'])] },
  ];
  const enforceable = (blocked: boolean) => ({ BlockSelfRemediable: 0, BlockedUsersSelfRemediable: 0, PctEnforceable: blocked ? 0 : 100 });
  const expected = [
    { AppDisplayName: 'A', Requests: 1, Users: 1, Block: 0, Allow: 1, BlockedUsers: 0, PctAllowed: 100, ...enforceable(false) },
    { AppDisplayName: 'B', Requests: 1, Users: 1, Block: 0, Allow: 1, BlockedUsers: 0, PctAllowed: 100, ...enforceable(false) },
    { AppDisplayName: 'C', Requests: 1, Users: 1, Block: 1, Allow: 0, BlockedUsers: 1, PctAllowed: 0, ...enforceable(true) },
  ];

  test('from files, from a database, and from both', async () => {
    assert.deepEqual(await apps(rows, 'corrected', '--last', '7d'), expected);
    const dir = tempDir();
    const file = join(dir, 'export.json');
    writeFileSync(file, laExport(rows));
    const db = join(dir, 'a.duckdb');
    assert.equal((await runCli(['ingest', file, '--db', db, '--quiet'])).code, 0);
    const fromDb = await runCli(['report', 'apps', '--db', db, '--last', '7d', '--format', 'json', '--quiet']);
    assert.deepEqual(JSON.parse(fromDb.stdout), expected);
    // Over all time and resources the cut requests are whole again: their Blocks count, and the
    // first request's app is its earliest record's.
    const allTime = await runCli(['report', 'apps', '--db', db, '--all-time', '--all-resources', '--format', 'json', '--quiet']);
    assert.deepEqual(JSON.parse(allTime.stdout).map((r: Record<string, unknown>) => [r.AppDisplayName, r.Block]), [['B', 1], ['C', 1], ['Z', 1]]);
    // The same file read again beside the database: nothing counts twice.
    const both = await runCli(['report', 'apps', '--db', db, file, '--last', '7d', '--format', 'json']);
    assert.deepEqual(JSON.parse(both.stdout), expected);
    // Its records are the database's: none is read into the files' table a second time.
    assert.match(both.stderr, /read (\d+) records from 1 files \(0 sign-ins, \1 duplicates,/, both.stderr);
  });
});

describe('resources and logs', () => {
  const rows: RowSpec[] = [
    { id: 'r1', resource: EXO, policies: [tp('success', [])] },
    { id: 'r2', resource: 'office 365 exchange online', policies: [tp('success', [])] },
    { id: 'r3', resource: 'Microsoft Graph', policies: [tp('success', [])] },
    { id: 'r4', resource: SPO, type: 'SigninLogs', policies: [tp('success', [])] },
  ];
  const count = async (...args: string[]) => (await apps(rows, 'corrected', ...args))[0]?.Requests ?? 0;

  test('the default resources match exactly', async () => {
    assert.equal(await count(), 2);
  });

  test('--resource replaces them and repeats; --all-resources takes every one', async () => {
    assert.equal(await count('--resource', 'Microsoft Graph'), 1);
    assert.equal(await count('--resource', 'Microsoft Graph', '--resource', EXO), 2);
    assert.equal(await count('--all-resources'), 4);
  });

  test('--log picks one log', async () => {
    assert.equal(await count('--log', 'interactive'), 1);
    assert.equal(await count('--log', 'noninteractive'), 1);
  });
});

describe('outputs end to end', () => {
  test('CSV is safe to open in a spreadsheet, whatever the app is called', async () => {
    const dir = tempDir();
    const file = join(dir, 'export.json');
    writeFileSync(file, laExport([{ id: 'r1', app: '=HYPERLINK("http://x.example","click")', upn: '@evil', policies: [tp('success', [])] }]));
    const result = await runCli(['report', 'users', file, '--format', 'csv', '--quiet']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(
      result.stdout,
      'UserPrincipalName,AppDisplayName,ResourceDisplayName,Requests,Block,Allow,PctAllowed,BlockSelfRemediable,PctEnforceable\r\n' +
        `'@evil,"'=HYPERLINK(""http://x.example"",""click"")",Office 365 Exchange Online,1,0,1,100,0,100\r\n`,
    );
  });

  test('--output writes atomically, with the format from the extension', async () => {
    const dir = tempDir();
    const file = join(dir, 'export.json');
    writeFileSync(file, laExport([{ id: 'r1', policies: [tp('success', [])] }]));
    const out = join(dir, 'apps.csv');
    const result = await runCli(['report', 'apps', file, '--output', out, '--quiet']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, '');
    assert.match(readFileSync(out, 'utf8'), /^AppDisplayName,Requests,Users,Block,Allow,BlockedUsers,PctAllowed,BlockSelfRemediable,BlockedUsersSelfRemediable,PctEnforceable\r\nOutlook,1,1,0,1,0,100,0,0,100\r\n$/);
    assert.deepEqual(readdirSync(dir).sort(), ['apps.csv', 'export.json'], 'no temp file left behind');
    const bad = await runCli(['report', 'apps', file, '--output', join(dir, 'missing', 'apps.csv'), '--quiet']);
    assertOneLineError(bad, 2, 'apps.csv', 'cannot write');
  });

  test('a database and files together: the report counts both', async () => {
    const dir = tempDir();
    const stored = join(dir, 'stored.json');
    const extra = join(dir, 'extra.json');
    writeFileSync(stored, laExport([{ id: 'r1', policies: [tp('success', [])] }]));
    writeFileSync(extra, laExport([{ id: 'r2', policies: [tp('failure', ['SignInTokenProtection'])] }]));
    const db = join(dir, 'a.duckdb');
    assert.equal((await runCli(['ingest', stored, '--db', db, '-q'])).code, 0);
    const both = await runCli(['report', 'apps', extra, '--db', db, '--format', 'json', '-q']);
    assert.equal(both.code, 0, both.stderr);
    assert.deepEqual(JSON.parse(both.stdout).map((r: Record<string, unknown>) => [r.Requests, r.Block, r.Allow]), [[2, 1, 1]]);
    const dbOnly = await runCli(['report', 'apps', '--db', db, '--format', 'json', '-q']);
    assert.deepEqual(JSON.parse(dbOnly.stdout).map((r: Record<string, unknown>) => r.Requests), [1], 'the database was not changed');
  });
});
