// The advice of Microsoft's 2026 guides (issue 14): every token protection status code on every
// platform through report blockers, apps, users and readiness, in both semantics; the resource
// presets by display name and application id; coverage; the status-code table as data.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { renderers } from '../scripts/export-formats.ts';
import { MATRIX_CODES, MATRIX_PLATFORMS, matrixApp, matrixTime, matrixUser, statusCodeMatrix, type MatrixCode, type MatrixPlatform } from '../scripts/sample-data.ts';
import { computeReport, resolveScope } from '../src/report/reports.ts';
import { openSources, type Sources } from '../src/report/sources.ts';
import { ROOT, assertOneLineError, runCli, tempDir } from './helpers.ts';

const PLATFORMS = Object.keys(MATRIX_PLATFORMS) as MatrixPlatform[];

/**
 * What the status-code table (and, without a code, the blocker rules) says of a blocked request,
 * per status code and platform: [cause, self-remediable]. The guides: 1003 and 1004 are a one-time
 * registration upgrade on macOS and iOS (Apple guide, 2026-08-14), 1003 on Windows an unsupported
 * registration (Windows guide, 2026-09-21); token protection covers Windows, macOS and iOS only.
 */
const EXPECTED: Record<string, Record<MatrixPlatform, readonly [string, boolean]>> = {
  0: row(['other-request-unbound', false]),
  1002: row(['no-device-registration', false]),
  1003: {
    ...row(['unsupported-registration', false]),
    macos: ['registration-upgrade', true],
    ios: ['registration-upgrade', true],
  },
  1004: {
    ...row(['registration-not-hardware-backed', false]),
    macos: ['registration-upgrade', true],
    ios: ['registration-upgrade', true],
  },
  1005: row(['unspecified', false]),
  1006: row(['unsupported-os', false]),
  1007: row(['not-device-owner', false]),
  1008: row(['no-broker', false]),
  1009: row(['unlisted-status-code', false]),
  // No status code: the blocker rules decide.
  none: { ...row(['unknown', false]), unknown: ['unknown-platform', false] },
};

/** One cause on every platform, but Android and Linux, where token protection does not apply. */
function row(cell: readonly [string, boolean]): Record<MatrixPlatform, readonly [string, boolean]> {
  const unsupported = ['unsupported-platform', false] as const;
  return { windows: cell, macos: cell, ios: cell, android: unsupported, linux: unsupported, unknown: cell };
}

const expected = (code: MatrixCode, platform: MatrixPlatform) => EXPECTED[String(code ?? 'none')]![platform];
/** The published formula (Apple and web-apps guides): a Block with 1003 or 1004, on any platform. */
const kqlSelfRemediable = (code: MatrixCode) => code === 1003 || code === 1004;

const cells = PLATFORMS.flatMap((platform) => MATRIX_CODES.map((code) => ({ code, platform })));

const dir = tempDir();
const matrix = join(dir, 'matrix.json');
writeFileSync(matrix, renderers['la-json-noninteractive'](statusCodeMatrix()));

async function json(args: string[]): Promise<Record<string, unknown>[]> {
  const result = await runCli([...args, '--format', 'json', '--quiet']);
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout) as Record<string, unknown>[];
}

describe('report blockers: the status code and the platform decide the cause', () => {
  let sources: Sources;
  before(async () => {
    sources = await openSources({ paths: [matrix] });
  });
  after(() => sources?.close());

  test('each status code on each platform, one request at a time', async () => {
    const { connection } = sources.database;
    let k = 0;
    for (const platform of PLATFORMS) {
      for (const code of [...MATRIX_CODES, 'bound' as const]) {
        const start = new Date(matrixTime(k++)).toISOString();
        const until = new Date(Date.parse(start) + 10 * 60_000).toISOString();
        const scope = await resolveScope(connection, sources, { log: 'all', since: start, until });
        const rows = (await computeReport(connection, 'blockers', 'corrected', scope)).rows;
        if (code === 'bound') {
          assert.deepEqual(rows, [], `${platform} bound: nothing blocked`);
          continue;
        }
        const [cause, selfRemediable] = expected(code, platform);
        assert.equal(rows.length, 1, `${code} on ${platform}`);
        const [Cause, Requests, Users, , ExampleUsers, , , SelfRemediable, Action] = rows[0]!;
        assert.deepEqual([Cause, Requests, Users, ExampleUsers, SelfRemediable], [cause, 1, 1, matrixUser(code, platform), selfRemediable], `${code} on ${platform}`);
        assert.ok(String(Action).length > 0, `${cause} has an action`);
      }
    }
  });

  test('the causes add up to the Block total, with the columns SelfRemediable and Action', async () => {
    const rows = await json(['report', 'blockers', matrix, '--all-time']);
    assert.deepEqual(Object.keys(rows[0]!), ['Cause', 'Requests', 'Users', 'Apps', 'ExampleUsers', 'ExampleApps', 'Explanation', 'SelfRemediable', 'Action']);
    const tally = new Map<string, number>();
    for (const { code, platform } of cells) tally.set(expected(code, platform)[0], (tally.get(expected(code, platform)[0]) ?? 0) + 1);
    assert.deepEqual(Object.fromEntries(rows.map((r) => [r.Cause, r.Requests])), Object.fromEntries(tally));
    assert.deepEqual(rows.map((r) => [r.Cause, r.SelfRemediable]).filter(([, s]) => s).map(([c]) => c), ['registration-upgrade']);
    const upgrade = rows.find((r) => r.Cause === 'registration-upgrade')!;
    assert.match(String(upgrade.Action), /signs in once more/);
    assert.match(String(upgrade.Explanation), /Status 100[34]/);
  });
});

describe('report apps and users: BlockSelfRemediable and PctEnforceable', () => {
  for (const semantics of ['corrected', 'kql'] as const) {
    test(`apps, ${semantics}: each code on each platform`, async () => {
      const rows = await json(['report', 'apps', matrix, '--all-time', '--semantics', semantics]);
      const byApp = new Map(rows.map((r) => [r.AppDisplayName, r]));
      for (const { code, platform } of cells) {
        const selfRemediable = semantics === 'kql' ? kqlSelfRemediable(code) : expected(code, platform)[1];
        const app = byApp.get(matrixApp(code, platform));
        assert.deepEqual(
          app && [app.Requests, app.Block, app.Allow, app.PctAllowed, app.BlockSelfRemediable, app.BlockedUsersSelfRemediable, app.PctEnforceable],
          [1, 1, 0, 0, selfRemediable ? 1 : 0, selfRemediable ? 1 : 0, selfRemediable ? 100 : 0],
          `${code} on ${platform}, ${semantics}`,
        );
      }
      for (const platform of PLATFORMS) {
        const bound = byApp.get(matrixApp('bound', platform))!;
        assert.deepEqual([bound.Allow, bound.Block, bound.BlockSelfRemediable, bound.PctEnforceable], [1, 0, 0, 100], `bound on ${platform}`);
      }
      assert.deepEqual(Object.keys(rows[0]!).slice(6), ['PctAllowed', 'BlockSelfRemediable', 'BlockedUsersSelfRemediable', 'PctEnforceable'], 'appended after PctAllowed');
    });

    test(`users, ${semantics}: each code on each platform`, async () => {
      const rows = await json(['report', 'users', matrix, '--all-time', '--semantics', semantics]);
      assert.deepEqual(Object.keys(rows[0]!).slice(6), ['PctAllowed', 'BlockSelfRemediable', 'PctEnforceable'], 'appended after PctAllowed');
      const byUser = new Map(rows.map((r) => [r.UserPrincipalName, r]));
      for (const { code, platform } of cells) {
        const selfRemediable = semantics === 'kql' ? kqlSelfRemediable(code) : expected(code, platform)[1];
        const user = byUser.get(matrixUser(code, platform))!;
        assert.deepEqual([user.Block, user.BlockSelfRemediable, user.PctEnforceable], [1, selfRemediable ? 1 : 0, selfRemediable ? 100 : 0], `${code} on ${platform}, ${semantics}`);
      }
    });
  }

  test('the totals line says the enforceable share', async () => {
    const result = await runCli(['report', 'apps', matrix, '--all-time', '--quiet']);
    // 66 requests: 6 allowed (bound), 4 self-remediable blocks (1003 and 1004 on macOS and iOS).
    assert.match(result.stdout, /Totals: +66 requests, 60 Block, 6 Allow \(9\.09% allowed, 15\.15% enforceable\)/);
  });
});

describe('report readiness: ready-after-upgrade', () => {
  test('each code on each platform: ready after upgrade when every Block is self-remediable, in corrected semantics', async () => {
    const rows = await json(['report', 'readiness', matrix, '--all-time', '--min-requests', '1', '--min-days', '1']);
    const byUser = new Map(rows.map((r) => [r.UserPrincipalName, r]));
    for (const { code, platform } of cells) {
      const selfRemediable = expected(code, platform)[1];
      const user = byUser.get(matrixUser(code, platform))!;
      assert.deepEqual([user.Status, user.BlockSelfRemediable], [selfRemediable ? 'ready-after-upgrade' : 'blocked', selfRemediable ? 1 : 0], `${code} on ${platform}`);
    }
    for (const platform of PLATFORMS) assert.equal(byUser.get(matrixUser('bound', platform))!.Status, 'ready');
    assert.deepEqual(Object.keys(rows[0]!), ['UserPrincipalName', 'Requests', 'Block', 'Allow', 'ActiveDays', 'FirstSeen', 'LastSeen', 'Status', 'BlockSelfRemediable']);
  });

  test('the thresholds still apply, and --status picks the users ready after an upgrade', async () => {
    const few = await json(['report', 'readiness', matrix, '--all-time', '--status', 'ready-after-upgrade']);
    assert.deepEqual(few, [], 'one request on one day is not enough by default');
    const ready = await json(['report', 'readiness', matrix, '--all-time', '--min-requests', '1', '--min-days', '1', '--status', 'ready-after-upgrade']);
    assert.deepEqual(ready.map((r) => r.UserPrincipalName).sort(), [matrixUser(1003, 'ios'), matrixUser(1003, 'macos'), matrixUser(1004, 'ios'), matrixUser(1004, 'macos')].sort());
  });

  test('readiness and blockers have no kql semantics: the published formula is per app and user only', async () => {
    for (const report of ['readiness', 'blockers']) {
      assertOneLineError(await runCli(['report', report, matrix, '--semantics', 'kql', '-q']), 2, 'corrected semantics only');
    }
  });
});

describe('the shipped samples', () => {
  test("a self-remediable macOS block counts in PctEnforceable: Isaiah's Mac (1004)", async () => {
    const users = await json(['report', 'users', 'sample-logs', '--all-time']);
    const isaiah = users.filter((r) => r.UserPrincipalName === 'isaiah.langer@woodgrovebank.example');
    assert.ok(isaiah.length > 0);
    for (const r of isaiah) assert.deepEqual([r.Block, r.BlockSelfRemediable, r.PctEnforceable], [r.Requests, r.Requests, 100]);
    const apps = await json(['report', 'apps', 'sample-logs', '--all-time']);
    const outlook = apps.find((r) => r.AppDisplayName === 'Microsoft Outlook')!;
    assert.ok(Number(outlook.PctEnforceable) > Number(outlook.PctAllowed));
    const blockers = await json(['report', 'blockers', 'sample-logs', '--all-time']);
    const upgrade = blockers.find((r) => r.Cause === 'registration-upgrade')!;
    assert.match(String(upgrade.ExampleUsers), /isaiah\.langer/);
    assert.equal(upgrade.SelfRemediable, true);
  });
});

describe('--resources presets: by display name or application id', () => {
  const resources: [string, string][] = [
    ['Office 365 Exchange Online', '00000002-0000-0ff1-ce00-000000000000'],
    ['Exchange under another name', '00000002-0000-0ff1-ce00-000000000000'],
    ['Office 365 SharePoint Online', '00000003-0000-0ff1-ce00-000000000000'],
    ['Microsoft Teams Services', 'cc15fd57-2c6c-4117-a88c-83b1d56b4bbe'],
    ['Windows Virtual Desktop', ''],
    ['Windows 365', '0af06dc6-e4b5-4f28-818e-e78e62d137a5'],
    ['Cloud Login', '270EFC09-CD0D-444B-A71F-39AF4910EC45'],
    ['Azure Resource Manager', '797f4846-ba00-4fd7-ba43-dac1f8f63013'],
    ['Microsoft Graph', '00000003-0000-0000-c000-000000000000'],
  ];
  const file = join(dir, 'resources.json');
  writeFileSync(
    file,
    JSON.stringify(
      resources.map(([name, id], i) => ({
        TimeGenerated: '2026-11-20T08:00:00.0000000Z',
        Id: `r${i}`,
        UserPrincipalName: 'u@x',
        AppDisplayName: 'App',
        ResourceDisplayName: name,
        ResourceIdentity: id,
        Type: 'AADNonInteractiveUserSignInLogs',
        ConditionalAccessPolicies: JSON.stringify([{ id: 'tp', enforcedSessionControls: ['SignInTokenProtection'], sessionControlsNotSatisfied: [], result: 'reportOnlySuccess' }]),
      })),
    ),
  );
  const count = async (...args: string[]) => ((await json(['report', 'apps', file, '--all-time', ...args]))[0]?.Requests as number | undefined) ?? 0;

  test('exo-spo by default, as the published queries; an application id matches whatever the name', async () => {
    assert.equal(await count(), 3);
    assert.equal(await count('--resources', 'exo-spo'), 3);
  });

  test('native, arm and all-protected', async () => {
    assert.equal(await count('--resources', 'native'), 7, 'Exchange ×2, SharePoint, Teams Services, Windows Virtual Desktop, Windows 365, Windows Cloud Login by its id');
    assert.equal(await count('--resources', 'arm'), 1);
    assert.equal(await count('--resources', 'all-protected'), 8);
    assert.equal(await count('--all-resources'), 9);
  });

  test('--resource still takes a display name, or an application id in lower case', async () => {
    assert.equal(await count('--resource', 'Microsoft Graph'), 1);
    assert.equal(await count('--resource', '00000003-0000-0000-c000-000000000000'), 1);
  });

  test('the header names the preset; the audit JSON its names and ids', async () => {
    const table = await runCli(['report', 'apps', file, '--all-time', '--resources', 'arm', '-q']);
    assert.match(table.stdout, /^Resources: arm \(Windows Azure Service Management API\)$/m);
    const audit = await runCli(['audit', file, '--all-time', '--resources', 'arm', '-f', 'json', '-q']);
    const result = JSON.parse(audit.stdout);
    assert.deepEqual([result.resourcePreset, result.resources, result.resourceIds], ['arm', ['Windows Azure Service Management API', 'Azure Resource Manager'], ['797f4846-ba00-4fd7-ba43-dac1f8f63013']]);
  });

  test('an unknown preset, or a preset with --resource, is one line, exit 2', async () => {
    assertOneLineError(await runCli(['report', 'apps', file, '--resources', 'teams']), 2, 'resources', 'exo-spo');
    assertOneLineError(await runCli(['kql', 'apps', '--resources', 'everything']), 2, 'resources');
    assertOneLineError(await runCli(['report', 'apps', file, '--resources', 'arm', '--resource', 'X']), 2, 'mutually exclusive');
  });
});

describe('coverage: how many sign-ins carry the Conditional Access array', () => {
  const file = join(dir, 'stripped.json');
  const record = (i: number, policies: boolean) => ({
    TimeGenerated: '2026-11-20T08:00:00.0000000Z',
    Id: `c${i}`,
    UserPrincipalName: 'u@x',
    AppDisplayName: 'Outlook',
    ResourceDisplayName: 'Office 365 Exchange Online',
    Type: 'AADNonInteractiveUserSignInLogs',
    ...(policies && { ConditionalAccessPolicies: JSON.stringify([{ id: 'tp', enforcedSessionControls: ['SignInTokenProtection'], sessionControlsNotSatisfied: [], result: 'reportOnlySuccess' }]) }),
    ...(i === 0 && { TokenProtectionStatusDetails: JSON.stringify({ signInSessionStatus: 'bound', signInSessionStatusCode: 0 }) }),
  });
  writeFileSync(file, JSON.stringify([record(0, true), record(1, false), record(2, false)]));

  test('the header says it, and a warning when most records lack the array: few requests is not good news', async () => {
    const result = await runCli(['report', 'apps', file, '--all-time']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^Coverage: +3 sign-ins, 1 with CA policies, 1 with token protection status$/m);
    assert.match(result.stdout, /^Warning: +2 of 3 sign-ins in scope carry no Conditional Access policies/m);
    const warning = result.stderr.split('\n').filter((line) => line.includes('warning'));
    assert.equal(warning.length, 1);
    assert.match(warning[0]!, /^signin-audit: warning: 2 of 3 sign-ins in scope carry no Conditional Access policies/);
    assert.doesNotMatch((await runCli(['report', 'apps', file, '--all-time', '-q'])).stderr, /warning/, '--quiet drops it');
  });

  test('in the audit JSON', async () => {
    const result = await runCli(['audit', file, '--all-time', '-f', 'json', '-q']);
    assert.deepEqual(JSON.parse(result.stdout).coverage, { records: 3, withPolicies: 1, withStatus: 1 });
  });

  test('no warning when most records carry the array', async () => {
    const result = await runCli(['report', 'apps', matrix, '--all-time']);
    assert.doesNotMatch(result.stderr, /warning/);
    assert.match(result.stdout, /^Coverage: +66 sign-ins, 66 with CA policies, 60 with token protection status$/m);
  });
});

describe('audit --min-enforceable-pct', () => {
  test('passes at its limit and fails below it; no requests fails', async () => {
    const pass = await runCli(['audit', matrix, '--all-time', '--min-enforceable-pct', '15.15', '-f', 'json', '-q']);
    assert.equal(pass.code, 0, pass.stderr);
    const result = JSON.parse(pass.stdout);
    assert.deepEqual(result.checks, [{ name: 'min-enforceable-pct', limit: 15.15, actual: 15.15, passed: true, detail: '6 allowed and 4 self-remediable of 66 requests' }]);
    assert.deepEqual([result.totals.blockSelfRemediable, result.totals.pctEnforceable], [4, 15.15]);
    const fail = await runCli(['audit', matrix, '--all-time', '--min-enforceable-pct', '15.16', '-q']);
    assert.equal(fail.code, 1);
    assert.equal(fail.stderr, 'signin-audit: audit failed: min-enforceable-pct 15.15 (limit 15.16)\n');
    const kql = JSON.parse((await runCli(['audit', matrix, '--all-time', '--semantics', 'kql', '--min-enforceable-pct', '0', '-f', 'json', '-q'])).stdout);
    assert.deepEqual([kql.totals.blockSelfRemediable, kql.totals.pctEnforceable], [12, 27.27], 'the published formula: 1003 and 1004 on all six platforms');
    const empty = await runCli(['audit', matrix, '--since', '2020-01-01', '--until', '2020-01-02', '--min-enforceable-pct', '0', '-q']);
    assert.equal(empty.code, 1);
  });

  test('a value that is not a percentage is one line, exit 2', async () => {
    for (const value of ['abc', '-1', '101', '']) {
      assertOneLineError(await runCli(['audit', matrix, '--min-enforceable-pct', value]), 2, '--min-enforceable-pct', 'a percentage from 0 to 100');
    }
  });
});

describe('the status-code table is data, checked', () => {
  const shipped = readFileSync(join(ROOT, 'queries', 'token-protection-status-codes.csv'), 'utf8');
  const header = shipped.split('\n')[0]!;
  const cases: [string, string, RegExp][] = [
    ['a code that is no number', `${header}\nabc,any,x,false,a,e,concept,2026-08-14\n`, /line 2: code must be a whole number or any, not abc/],
    ['an unknown platform', `${header}\n1003,windows-phone,x,false,a,e,concept,2026-08-14\n`, /line 2: unknown platform windows-phone/],
    ['self_remediable neither true nor false', `${header}\n1003,macos,x,maybe,a,e,concept,2026-08-14\n`, /line 2: self_remediable must be true or false/],
    ['an unknown source', `${header}\n1003,macos,x,true,a,e,blog,2026-08-14\n`, /line 2: unknown source blog/],
    ['a date that is no day', `${header}\n1003,macos,x,true,a,e,concept,2026-02-30\n`, /line 2: date must be a day/],
    ['a row for a code and platform twice', `${header}\n1003,macos,x,true,a,e,concept,2026-08-14\n1003,macos,y,true,a,e,concept,2026-08-14\n`, /line 3: code 1003 on macos is already on line 2/],
    ['one cause both self-remediable and not', `${header}\n1003,macos,x,true,a,e,concept,2026-08-14\n1004,macos,x,false,a,e,concept,2026-08-14\n`, /line 3: cause x has self_remediable false here but true on line 2/],
    ['a header without a column', 'code,platform,cause\n1003,macos,x\n', /line 2: the header must name code, platform, cause, self_remediable/],
  ];
  for (const [what, csv, message] of cases) {
    test(`${what} is one line, exit 2`, async () => {
      const file = join(tempDir(), 'codes.csv');
      writeFileSync(file, csv);
      for (const args of [['report', 'apps', matrix, '-q'], ['kql', 'readiness'], ['audit', matrix, '-q']]) {
        assertOneLineError(await runCli([...args, '--status-codes', file]), 2, 'codes.csv', message, 'Hint: a CSV with the header code,platform');
      }
    });
  }

  test('a table of your own changes the advice: self-remediable on Windows too', async () => {
    const file = join(tempDir(), 'codes.csv');
    writeFileSync(file, `${header}\n1003,any,my-upgrade,true,Upgrade,Mine,concept,2026-08-14\n`);
    const rows = await json(['report', 'apps', matrix, '--all-time', '--status-codes', file]);
    assert.equal(rows.find((r) => r.AppDisplayName === matrixApp(1003, 'windows'))!.BlockSelfRemediable, 1);
    assert.equal(rows.find((r) => r.AppDisplayName === matrixApp(1004, 'macos'))!.BlockSelfRemediable, 0);
    const blockers = await json(['report', 'blockers', matrix, '--all-time', '--status-codes', file]);
    assert.equal(blockers.find((r) => r.Cause === 'my-upgrade')!.Requests, 6);
  });

  test('every row of the shipped table and rules names its guide and date', () => {
    const rules = readFileSync(join(ROOT, 'queries', 'blocker-rules.csv'), 'utf8');
    for (const text of [shipped, rules]) {
      for (const line of text.trim().split('\n').slice(1)) assert.match(line, /,(concept|windows-guide|apple-guide|web-guide),2026-\d\d-\d\d$/, line);
    }
  });

  test('a missing file is named', async () => {
    assertOneLineError(await runCli(['report', 'blockers', matrix, '--status-codes', 'no-such-codes.csv']), 2, 'no-such-codes.csv');
  });
});

describe('the blocker rules, 2026', () => {
  test('a rules file without action, source and date still reads; a bad source or date is refused', async () => {
    const file = join(tempDir(), 'rules.csv');
    writeFileSync(file, 'rank,cause,field,match,pattern,explanation\n1,everyone,UserPrincipalName,any,,All\n');
    const rows = await json(['report', 'blockers', matrix, '--all-time', '--rules', file]);
    assert.equal(rows.find((r) => r.Cause === 'everyone')!.Requests, 6, 'the requests without a status code');
    writeFileSync(file, 'rank,cause,field,match,pattern,explanation,action,source,date\n1,x,Platform,equals,macos,e,a,somewhere,2026-01-01\n');
    assertOneLineError(await runCli(['report', 'blockers', matrix, '--rules', file, '-q']), 2, 'rules.csv', 'line 2', 'unknown source somewhere');
    writeFileSync(file, 'rank,cause,field,match,pattern,explanation,action,source,date\n1,x,Platform,equals,macos,e,a,concept,yesterday\n');
    assertOneLineError(await runCli(['kql', 'blockers', '--rules', file]), 2, 'rules.csv', 'line 2', 'date must be a day');
  });
});

describe('platforms', () => {
  test('platform_of in SQL and PlatformOf in KQL use the same patterns in the same order', () => {
    const sql = readFileSync(join(ROOT, 'queries', 'macros.sql'), 'utf8');
    const kql = readFileSync(join(ROOT, 'queries', 'kql', 'platform.kql'), 'utf8');
    const fromSql = [...sql.matchAll(/regexp_matches\(coalesce\(os, ''\), '([^']+)', 'i'\) THEN '(\w+)'/g)].map((m) => [m[1], m[2]]);
    const fromKql = [...kql.matchAll(/os matches regex @"\(\?i\)([^"]+)", "(\w+)"/g)].map((m) => [m[1], m[2]]);
    assert.equal(fromSql.length, 5);
    assert.deepEqual(fromKql, fromSql);
  });

  test('export --parquet writes each sign-in with its Platform', async () => {
    const lake = join(tempDir(), 'lake');
    const result = await runCli(['export', matrix, '--parquet', lake, '-q']);
    assert.equal(result.code, 0, result.stderr);
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const reader = await connection.runAndReadAll(
        `SELECT Platform, count(*)::INTEGER AS n, count(TokenProtectionStatusCode)::INTEGER AS coded FROM read_parquet('${lake}/signins/*/*/*.parquet') GROUP BY ALL ORDER BY ALL`,
      );
      assert.deepEqual(reader.getRowObjectsJson(), PLATFORMS.slice().sort().map((Platform) => ({ Platform, n: 11, coded: 10 })));
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});

describe('the shipped tables', () => {
  // Reports trust them without checking them on every run: these are the checks a user's own
  // --status-codes and --rules files get.
  test('the status-code table and the blocker rules pass their own row-by-row checks', async () => {
    const { IN_MEMORY, withDatabase } = await import('../src/db.ts');
    const { DEFAULT_BLOCKER_RULES, DEFAULT_STATUS_CODES, checkBlockerRules, checkStatusCodes } = await import('../src/report/reports.ts');
    await withDatabase(IN_MEMORY, {}, async ({ connection }) => {
      assert.ok((await checkStatusCodes(connection, DEFAULT_STATUS_CODES)).rows.length > 10);
      assert.ok((await checkBlockerRules(connection, DEFAULT_BLOCKER_RULES)).rows.length > 5);
    });
  });
});
