// Issue 15: planning the rollout per policy, per group, and by device and client. A hand-made
// export with two token protection policies (one enabled, one report-only, and a disabled one),
// three groups in the three membership shapes, and the shipped samples with sample-groups/.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { DIMENSIONS, DIMENSION_NAMES, NOT_IN_ANY_GROUP, REPORT_COLUMNS } from '../src/vocabulary.ts';
import { ROOT, SAMPLES, assertGolden, assertOneLineError, runCli, tempDir } from './helpers.ts';

const GROUPS = join(ROOT, 'sample-groups');
const EXO = 'Office 365 Exchange Online';
const ENFORCED = { id: 'e0000000-0000-4000-a000-00000000000e', displayName: 'TP enforced' };
const REPORT_ONLY = { id: 'r0000000-0000-4000-a000-00000000000r', displayName: 'TP report-only' };
const DISABLED = { id: 'd0000000-0000-4000-a000-00000000000d', displayName: 'TP disabled' };

type PolicyRef = { id: string; displayName: string };
const entry = (policy: PolicyRef, result: string, blocked: boolean, controls = ['SignInTokenProtection']) => ({
  ...policy,
  enforcedGrantControls: [],
  enforcedSessionControls: controls,
  sessionControlsNotSatisfied: blocked ? ['SignInTokenProtection'] : [],
  result,
});

interface Row {
  id: string;
  upn: string;
  time?: string;
  os: string;
  browser?: string;
  client?: string;
  trust?: string;
  userType?: string;
  code: number | null;
  policies: ReturnType<typeof entry>[];
}

/**
 * a@x: r1 allowed by both, r2 blocked by both (1008 on Windows); b@x: r3 blocked by the
 * report-only policy alone (1004 on macOS: self-remediable); c@x: r4 allowed by the enforced
 * policy and blocked by the report-only one (1003 on iOS, self-remediable), with a second record
 * both allow; d@x: r5 blocked by the report-only policy among other controls (kql semantics does
 * not count it; Android); e@x: r6 allowed by the enforced policy, in a browser. The disabled
 * policy fails on r1: counted by kql semantics only.
 */
const ROWS: Row[] = [
  { id: 'r1', upn: 'a@x', os: 'Windows 10', code: 0, policies: [entry(ENFORCED, 'success', false), entry(REPORT_ONLY, 'reportOnlySuccess', false), entry(DISABLED, 'notEnabled', true)] },
  { id: 'r2', upn: 'A@x', os: 'Windows 10', code: 1008, policies: [entry(ENFORCED, 'failure', true), entry(REPORT_ONLY, 'reportOnlyFailure', true)] },
  { id: 'r3', upn: 'b@x', os: 'MacOs', code: 1004, trust: 'Azure AD registered', policies: [entry(ENFORCED, 'notApplied', false), entry(REPORT_ONLY, 'reportOnlyFailure', true)] },
  { id: 'r4', upn: 'c@x', os: 'Ios', code: 1003, trust: 'Azure AD registered', policies: [entry(ENFORCED, 'success', false), entry(REPORT_ONLY, 'reportOnlyFailure', true)] },
  { id: 'r4', upn: 'c@x', os: 'Ios', code: 0, trust: 'Azure AD registered', time: '2026-11-19T08:05:00Z', policies: [entry(ENFORCED, 'success', false), entry(REPORT_ONLY, 'reportOnlySuccess', false)] },
  { id: 'r5', upn: 'd@x', os: 'Android', code: 1006, trust: 'Azure AD registered', policies: [entry(REPORT_ONLY, 'reportOnlyFailure', true, ['SignInFrequency', 'SignInTokenProtection'])] },
  { id: 'r6', upn: 'e@x', os: 'Windows 10', code: 0, client: 'Browser', browser: 'Chrome 131.0.0', userType: 'Guest', policies: [entry(ENFORCED, 'success', false)] },
];

function laExport(rows: readonly Row[]): string {
  return JSON.stringify(
    rows.map((r) => ({
      TimeGenerated: r.time ?? '2026-11-19T08:00:00Z',
      CreatedDateTime: r.time ?? '2026-11-19T08:00:00Z',
      Id: r.id,
      UserPrincipalName: r.upn,
      UserType: r.userType ?? 'Member',
      AppDisplayName: 'Outlook',
      ResourceDisplayName: EXO,
      ClientAppUsed: r.client ?? 'Mobile Apps and Desktop clients',
      Type: 'AADNonInteractiveUserSignInLogs',
      DeviceDetail: JSON.stringify({ operatingSystem: r.os, browser: r.browser ?? 'Rich Client 4.64.0.0', trustType: r.trust ?? 'Azure AD joined', deviceId: `device-${r.upn}` }),
      TokenProtectionStatusDetails: r.code === null ? '' : JSON.stringify({ signInSessionStatus: r.code === 0 ? 'bound' : 'unbound', signInSessionStatusCode: r.code }),
      ConditionalAccessPolicies: JSON.stringify(r.policies),
    })),
  );
}

const dir = tempDir();
const exportFile = join(dir, 'export.json');
writeFileSync(exportFile, laExport(ROWS));

/** Alpha (a, b) as a group/UPN CSV, Beta (b, c and a device) as a Graph members page, Gamma (d and z, who never signed in) as the admin center's download. */
const groups = join(dir, 'groups');
mkdirSync(groups);
writeFileSync(join(groups, 'alpha.csv'), 'GroupName,UserPrincipalName\r\nAlpha,A@X\r\nAlpha,b@x\r\n');
writeFileSync(
  join(groups, 'Beta.json'),
  JSON.stringify({
    '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#directoryObjects',
    value: [
      { '@odata.type': '#microsoft.graph.user', id: '1', displayName: 'B', userPrincipalName: 'B@x' },
      { '@odata.type': '#microsoft.graph.user', id: '2', displayName: 'C', userPrincipalName: 'c@x' },
      { '@odata.type': '#microsoft.graph.device', id: '3', displayName: 'a laptop' },
    ],
  }),
);
writeFileSync(join(groups, 'Gamma.csv'), '\ufeffObject ID,User principal name,Display name,Member type\r\n4,d@x,D,User\r\n5,z@x,Z,User\r\n');

async function json(args: readonly string[]): Promise<Record<string, unknown>[]> {
  const result = await runCli([...args, '--format', 'json', '--quiet']);
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout) as Record<string, unknown>[];
}

const pick = (rows: readonly Record<string, unknown>[], ...keys: string[]) => rows.map((r) => Object.fromEntries(keys.map((k) => [k, r[k]])));
const ALL = ['--all-time'];

describe('report policies', () => {
  test('corrected: a row per token protection policy, each request under each policy that applied, with its own outcome', async () => {
    const rows = await json(['report', 'policies', exportFile, ...ALL]);
    assert.deepEqual(Object.keys(rows[0]!), [...REPORT_COLUMNS.policies]);
    assert.deepEqual(pick(rows, 'PolicyId', 'PolicyName', 'Mode', 'Requests', 'Users', 'Block', 'Allow', 'BlockedUsers', 'PctAllowed', 'BlockSelfRemediable', 'BlockedUsersSelfRemediable', 'PctEnforceable'), [
      { PolicyId: REPORT_ONLY.id, PolicyName: 'TP report-only', Mode: 'report-only', Requests: 5, Users: 4, Block: 4, Allow: 1, BlockedUsers: 4, PctAllowed: 20, BlockSelfRemediable: 2, BlockedUsersSelfRemediable: 2, PctEnforceable: 60 },
      { PolicyId: ENFORCED.id, PolicyName: 'TP enforced', Mode: 'enabled', Requests: 4, Users: 3, Block: 1, Allow: 3, BlockedUsers: 1, PctAllowed: 75, BlockSelfRemediable: 0, BlockedUsersSelfRemediable: 0, PctEnforceable: 75 },
      { PolicyId: DISABLED.id, PolicyName: 'TP disabled', Mode: 'disabled', Requests: 0, Users: 0, Block: 0, Allow: 0, BlockedUsers: 0, PctAllowed: null, BlockSelfRemediable: 0, BlockedUsersSelfRemediable: 0, PctEnforceable: null },
    ]);
    assert.deepEqual(pick(rows, 'FirstSeen', 'LastSeen')[0], { FirstSeen: '2026-11-19T08:00:00.000Z', LastSeen: '2026-11-19T08:05:00.000Z' });
  });

  test('kql: the published rows per policy; a policy among other controls is not one, a disabled one counts', async () => {
    const rows = await json(['report', 'policies', exportFile, ...ALL, '--semantics', 'kql']);
    assert.deepEqual(pick(rows, 'PolicyName', 'Mode', 'Requests', 'Users', 'Block', 'Allow', 'BlockSelfRemediable'), [
      // Users as logged: a@x and A@x are two.
      { PolicyName: 'TP report-only', Mode: 'report-only', Requests: 5, Users: 4, Block: 3, Allow: 2, BlockSelfRemediable: 2 },
      { PolicyName: 'TP enforced', Mode: 'enabled', Requests: 4, Users: 4, Block: 1, Allow: 3, BlockSelfRemediable: 0 },
      { PolicyName: 'TP disabled', Mode: 'disabled', Requests: 1, Users: 1, Block: 1, Allow: 0, BlockSelfRemediable: 0 },
    ]);
  });

  test('mixed: a policy switched from report-only to enabled within the window', async () => {
    const file = join(tempDir(), 'mixed.json');
    writeFileSync(file, laExport([ROWS[0]!, { ...ROWS[1]!, policies: [entry(REPORT_ONLY, 'failure', true)] }]));
    const rows = await json(['report', 'policies', file, ...ALL]);
    assert.equal(rows.find((r) => r.PolicyId === REPORT_ONLY.id)?.Mode, 'mixed');
  });

  test('the totals line says a request may count under several policies', async () => {
    const result = await runCli(['report', 'policies', exportFile, ...ALL, '--quiet']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^Totals: +9 requests over 3 policies \(a request may count under several\)$/m);
  });

  test('names read from files are the names a database holds (reading keeps displayName for this report)', async () => {
    const db = join(tempDir(), 'fixture.duckdb');
    assert.equal((await runCli(['ingest', exportFile, '--db', db, '--quiet'])).code, 0);
    assert.deepEqual(await json(['report', 'policies', exportFile, ...ALL]), await json(['report', 'policies', '--db', db, ...ALL]));
  });
});

describe('--policy: only those policies decide', () => {
  test('by id, or by name in any case; a request counts when a selected policy applied to it', async () => {
    const enforced = await json(['report', 'apps', exportFile, ...ALL, '--policy', ENFORCED.id]);
    assert.deepEqual(pick(enforced, 'Requests', 'Block', 'Allow', 'Users'), [{ Requests: 4, Block: 1, Allow: 3, Users: 3 }]);
    const reportOnly = await json(['report', 'apps', exportFile, ...ALL, '--policy', 'tp REPORT-only']);
    assert.deepEqual(pick(reportOnly, 'Requests', 'Block', 'Allow', 'BlockSelfRemediable'), [{ Requests: 5, Block: 4, Allow: 1, BlockSelfRemediable: 2 }]);
    const readiness = await json(['report', 'readiness', exportFile, ...ALL, '--policy', ENFORCED.displayName, '--min-requests', '1', '--min-days', '1']);
    assert.deepEqual(pick(readiness, 'UserPrincipalName', 'Status'), [
      { UserPrincipalName: 'a@x', Status: 'blocked' },
      { UserPrincipalName: 'c@x', Status: 'ready' },
      { UserPrincipalName: 'e@x', Status: 'ready' },
    ]);
  });

  test('kql semantics: the selected policies\' rows only', async () => {
    const rows = await json(['report', 'apps', exportFile, ...ALL, '--semantics', 'kql', '--policy', REPORT_ONLY.id]);
    assert.deepEqual(pick(rows, 'Requests', 'Block', 'Allow'), [{ Requests: 5, Block: 3, Allow: 2 }]);
  });

  test('every policy selected gives what no selection gives (records evaluated again, or the requests table), from files and from a database', async () => {
    const db = join(tempDir(), 'samples.duckdb');
    assert.equal((await runCli(['ingest', SAMPLES, '--db', db, '--quiet'])).code, 0);
    const every = (await json(['report', 'policies', '--db', db, ...ALL])).flatMap((p) => ['--policy', String(p.PolicyId)]);
    assert.equal(every.length, 8, 'the samples have four token protection policies');
    const reports: string[][] = [
      ['apps'], ['users'], ['readiness', '--min-requests', '3'], ['trend'], ['blockers'], ['breakdown', '--by', 'platform', '--by', 'client'],
      ['policies'], ['groups', '--groups', GROUPS], ['waves', '--groups', GROUPS, '--min-days', '2'], ['apps', '--semantics', 'kql'],
    ];
    // Every report from the database (the requests table against the records evaluated again), in a
    // window that cuts requests; from files, where both paths evaluate the records, a few reports.
    const runs = [
      ...reports.map((report) => [...report, '--db', db, '--since', '2026-11-12T13:00:00Z', '--until', '2026-11-19T13:00:00Z']),
      ...[['apps'], ['readiness', '--min-requests', '3'], ['policies']].map((report) => [...report, SAMPLES, '--all-time']),
      ['users', '--db', db, '--all-time'],
    ];
    for (const run of runs) {
      const args = ['report', ...run];
      assert.deepEqual(await json([...args, ...every]), await json(args), args.join(' '));
    }
  });

  test('a --policy that names no token protection policy in scope, or an empty one, is refused the same way by every command', async () => {
    for (const command of [['report', 'apps', exportFile], ['audit', exportFile], ['html', exportFile, '-o', join(tempDir(), 'p.html')]]) {
      assertOneLineError(await runCli([...command, ...ALL, '--policy', 'CA999', '-q']), 2, '--policy "CA999": no token protection policy of the sign-ins in scope has this id or name', 'TP enforced');
    }
    for (const command of [['report', 'apps', exportFile, '-q'], ['audit', exportFile, '-q'], ['html', exportFile, '-q'], ['kql', 'apps']]) {
      assertOneLineError(await runCli([...command, '--policy', ' ']), 2, '--policy " ": an empty policy id or name');
    }
  });

  test('the header names the policies', async () => {
    const result = await runCli(['report', 'apps', exportFile, ...ALL, '--policy', 'TP enforced', '--quiet']);
    assert.match(result.stdout, /^Policies: +TP enforced$/m);
  });
});

describe('report breakdown', () => {
  test('one column per dimension, named as declared, for each dimension alone, in both semantics', async () => {
    for (const semantics of ['corrected', 'kql']) {
      for (const dimension of DIMENSION_NAMES) {
        const rows = await json(['report', 'breakdown', exportFile, ...ALL, '--by', dimension, '--semantics', semantics]);
        assert.deepEqual(Object.keys(rows[0]!), [DIMENSIONS[dimension], ...REPORT_COLUMNS.breakdown], `${dimension}, ${semantics}`);
      }
    }
  });

  test('corrected: per platform from the request\'s earliest record, most requests first, ties by the dimension', async () => {
    const rows = await json(['report', 'breakdown', exportFile, ...ALL, '--by', 'platform']);
    assert.deepEqual(pick(rows, 'Platform', 'Requests', 'Users', 'Block', 'Allow', 'PctAllowed', 'BlockSelfRemediable', 'PctEnforceable'), [
      { Platform: 'windows', Requests: 3, Users: 2, Block: 1, Allow: 2, PctAllowed: 66.67, BlockSelfRemediable: 0, PctEnforceable: 66.67 },
      { Platform: 'android', Requests: 1, Users: 1, Block: 1, Allow: 0, PctAllowed: 0, BlockSelfRemediable: 0, PctEnforceable: 0 },
      { Platform: 'ios', Requests: 1, Users: 1, Block: 1, Allow: 0, PctAllowed: 0, BlockSelfRemediable: 1, PctEnforceable: 100 },
      { Platform: 'macos', Requests: 1, Users: 1, Block: 1, Allow: 0, PctAllowed: 0, BlockSelfRemediable: 1, PctEnforceable: 100 },
    ]);
  });

  test('kql: the published rows by each record\'s platform (a sign-in can be a Block and an Allow)', async () => {
    const rows = await json(['report', 'breakdown', exportFile, ...ALL, '--by', 'platform', '--semantics', 'kql']);
    assert.deepEqual(pick(rows, 'Platform', 'Requests', 'Block', 'Allow'), [
      { Platform: 'windows', Requests: 4, Block: 2, Allow: 2 },
      { Platform: 'ios', Requests: 2, Block: 1, Allow: 1 },
      { Platform: 'macos', Requests: 1, Block: 1, Allow: 0 },
    ]);
  });

  test('three dimensions, in the order given; status codes are numbers', async () => {
    const rows = await json(['report', 'breakdown', exportFile, ...ALL, '--by', 'status', '--by', 'client', '--by', 'user-type']);
    assert.deepEqual(Object.keys(rows[0]!).slice(0, 3), ['StatusCode', 'ClientAppUsed', 'UserType']);
    assert.deepEqual(pick(rows, 'StatusCode', 'ClientAppUsed', 'UserType', 'Requests'), [
      { StatusCode: 0, ClientAppUsed: 'Browser', UserType: 'Guest', Requests: 1 },
      { StatusCode: 0, ClientAppUsed: 'Mobile Apps and Desktop clients', UserType: 'Member', Requests: 1 },
      { StatusCode: 1003, ClientAppUsed: 'Mobile Apps and Desktop clients', UserType: 'Member', Requests: 1 },
      { StatusCode: 1004, ClientAppUsed: 'Mobile Apps and Desktop clients', UserType: 'Member', Requests: 1 },
      { StatusCode: 1006, ClientAppUsed: 'Mobile Apps and Desktop clients', UserType: 'Member', Requests: 1 },
      { StatusCode: 1008, ClientAppUsed: 'Mobile Apps and Desktop clients', UserType: 'Member', Requests: 1 },
    ]);
  });

  test('a bad --by is refused the same way by report and kql', async () => {
    const cases: [string[], string][] = [
      [['--by', 'device'], '--by device: not a breakdown dimension'],
      [['--by', 'os', '--by', 'os'], 'a dimension given twice'],
      [['--by', 'os', '--by', 'app', '--by', 'client', '--by', 'trust'], '--by: 4 dimensions, at most 3'],
      [[], 'report breakdown needs --by'],
    ];
    for (const [by, message] of cases) {
      assertOneLineError(await runCli(['report', 'breakdown', exportFile, ...by, '-q']), 2, message, 'platform, os, client');
      assertOneLineError(await runCli(['kql', 'breakdown', ...by]), 2, message, 'platform, os, client');
    }
    assertOneLineError(await runCli(['kql', 'apps', '--by', 'platform']), 2, '--by: the apps report has no --by');
  });
});

describe('--groups: the three membership shapes', () => {
  test('report groups: readiness per group as readiness decides it, UPNs in any case, and the users in no group', async () => {
    const rows = await json(['report', 'groups', exportFile, ...ALL, '--groups', groups, '--min-requests', '1', '--min-days', '1']);
    assert.deepEqual(Object.keys(rows[0]!), [...REPORT_COLUMNS.groups]);
    assert.deepEqual(rows, [
      { Group: 'Alpha', Members: 2, MembersSeen: 2, Ready: 0, ReadyAfterUpgrade: 1, Blocked: 1, InsufficientData: 0, Requests: 3, Block: 2, Allow: 1, PctAllowed: 33.33 },
      { Group: 'Beta', Members: 2, MembersSeen: 2, Ready: 0, ReadyAfterUpgrade: 2, Blocked: 0, InsufficientData: 0, Requests: 2, Block: 2, Allow: 0, PctAllowed: 0 },
      { Group: 'Gamma', Members: 2, MembersSeen: 1, Ready: 0, ReadyAfterUpgrade: 0, Blocked: 1, InsufficientData: 0, Requests: 1, Block: 1, Allow: 0, PctAllowed: 0 },
      { Group: NOT_IN_ANY_GROUP, Members: null, MembersSeen: 1, Ready: 1, ReadyAfterUpgrade: 0, Blocked: 0, InsufficientData: 0, Requests: 1, Block: 0, Allow: 1, PctAllowed: 100 },
    ]);
  });

  test('the default thresholds: members with too few requests have insufficient data', async () => {
    const rows = await json(['report', 'groups', exportFile, ...ALL, '--groups', groups]);
    assert.deepEqual(pick(rows, 'Group', 'Ready', 'ReadyAfterUpgrade', 'Blocked', 'InsufficientData'), [
      { Group: 'Alpha', Ready: 0, ReadyAfterUpgrade: 0, Blocked: 1, InsufficientData: 1 },
      { Group: 'Beta', Ready: 0, ReadyAfterUpgrade: 0, Blocked: 0, InsufficientData: 2 },
      { Group: 'Gamma', Ready: 0, ReadyAfterUpgrade: 0, Blocked: 1, InsufficientData: 0 },
      { Group: NOT_IN_ANY_GROUP, Ready: 0, ReadyAfterUpgrade: 0, Blocked: 0, InsufficientData: 1 },
    ]);
  });

  test('one file: a group CSV names its groups; a members file is named after itself, or --group-name', async () => {
    const one = await json(['report', 'groups', exportFile, ...ALL, '--groups', join(groups, 'Gamma.csv'), '--group-name', 'Android pilot']);
    assert.deepEqual(pick(one, 'Group', 'Members', 'MembersSeen'), [
      { Group: 'Android pilot', Members: 2, MembersSeen: 1 },
      { Group: NOT_IN_ANY_GROUP, Members: null, MembersSeen: 4 },
    ]);
  });

  test('--group limits every report, audit and the page to the members\' sign-ins, in any case', async () => {
    const apps = await json(['report', 'apps', exportFile, ...ALL, '--groups', groups, '--group', 'beta']);
    assert.deepEqual(pick(apps, 'Requests', 'Users', 'Block'), [{ Requests: 2, Users: 2, Block: 2 }]);
    const two = await json(['report', 'users', exportFile, ...ALL, '--groups', groups, '--group', 'Alpha', '--group', 'Gamma']);
    assert.deepEqual([...new Set(two.map((r) => r.UserPrincipalName))], ['a@x', 'b@x', 'd@x']);
    const kql = await json(['report', 'users', exportFile, ...ALL, '--groups', groups, '--group', 'Alpha', '--semantics', 'kql']);
    assert.deepEqual([...new Set(kql.map((r) => r.UserPrincipalName))], ['A@x', 'a@x', 'b@x'], 'kql semantics keeps the names as logged, matched in any case');
    const audit = await runCli(['audit', exportFile, ...ALL, '--groups', groups, '--group', 'Beta', '--format', 'json', '--quiet']);
    assert.equal(audit.code, 0, audit.stderr);
    const verdict = JSON.parse(audit.stdout) as { totals: { requests: number }; groups: string[]; policies: null };
    assert.deepEqual([verdict.totals.requests, verdict.groups, verdict.policies], [2, ['Beta'], null]);
    const text = await runCli(['report', 'apps', exportFile, ...ALL, '--groups', groups, '--group', 'beta', '--quiet']);
    assert.match(text.stdout, /^Groups: +Beta \(2 members\)$/m);
    assert.match(text.stdout, /^Coverage: +3 sign-ins,/m, 'coverage counts the members\' sign-ins (c@x has two records)');
  });

  test('--group names a group of --groups; --group and --group-name need --groups', async () => {
    assertOneLineError(await runCli(['report', 'apps', exportFile, '--groups', groups, '--group', 'Delta', '-q']), 2, '--group Delta: no such group', 'Alpha, Beta, Gamma');
    for (const command of [['report', 'apps', exportFile, '-q'], ['audit', exportFile, '-q'], ['html', exportFile, '-q'], ['kql', 'apps']]) {
      assertOneLineError(await runCli([...command, '--group', 'Alpha']), 2, '--group needs --groups');
      assertOneLineError(await runCli([...command, '--group-name', 'Alpha']), 2, '--group-name needs --groups');
    }
    for (const command of [['report', 'groups', exportFile, '-q'], ['report', 'waves', exportFile, '-q'], ['kql', 'groups'], ['kql', 'waves']]) {
      assertOneLineError(await runCli(command), 2, 'report needs --groups');
    }
  });
});

describe('report waves', () => {
  const waves = (...extra: string[]) => json(['report', 'waves', exportFile, ...ALL, '--groups', groups, '--min-requests', '1', '--min-days', '1', ...extra]);

  test('wave 1 at or under the threshold; each group over it a wave of its own, fewest blocked first, ties by more members, then name; with its causes', async () => {
    const rows = await waves('--max-block-pct', '70');
    assert.deepEqual(Object.keys(rows[0]!), [...REPORT_COLUMNS.waves]);
    assert.deepEqual(rows, [
      { Wave: 1, Group: 'Alpha', Members: 2, MembersSeen: 2, Requests: 3, Block: 2, BlockPct: 66.67, Causes: 'no-broker (1), registration-upgrade (1)' },
      { Wave: 2, Group: 'Beta', Members: 2, MembersSeen: 2, Requests: 2, Block: 2, BlockPct: 100, Causes: 'registration-upgrade (2)' },
      { Wave: 3, Group: 'Gamma', Members: 2, MembersSeen: 1, Requests: 1, Block: 1, BlockPct: 100, Causes: 'unsupported-platform (1)' },
    ]);
  });

  test('the default threshold is 10%: no group is in wave 1 here', async () => {
    assert.deepEqual((await waves()).map((r) => r.Wave), [2, 3, 4]);
  });

  test('groups with too little data come last, without a wave', async () => {
    const rows = await json(['report', 'waves', exportFile, ...ALL, '--groups', groups]);
    assert.deepEqual(pick(rows, 'Wave', 'Group', 'Causes'), [
      { Wave: null, Group: 'Alpha', Causes: 'insufficient-data' },
      { Wave: null, Group: 'Beta', Causes: 'insufficient-data' },
      { Wave: null, Group: 'Gamma', Causes: 'insufficient-data' },
    ]);
    const result = await runCli(['report', 'waves', exportFile, ...ALL, '--groups', groups, '--min-requests', '2', '--min-days', '1', '--max-block-pct', '70', '--quiet']);
    assert.match(result.stdout, /Totals: +wave 1: Alpha; 1 later wave; too little data: Gamma/);
  });

  test('--max-block-pct is a percentage, refused the same way as the audit threshold', async () => {
    for (const command of [['report', 'waves', exportFile, '--groups', groups, '-q'], ['html', exportFile, '--groups', groups, '-q'], ['kql', 'waves', '--groups', groups], ['audit', exportFile, '-q']]) {
      assertOneLineError(await runCli([...command, '--max-block-pct', '101']), 2, '--max-block-pct 101: not a percentage from 0 to 100');
    }
  });
});

describe('bad membership exports: one line, exit 2, or a documented warning', () => {
  const bad = tempDir();
  const run = (path: string, ...extra: string[]) => runCli(['report', 'groups', exportFile, '--groups', path, '-q', ...extra]);

  test('a CSV without a user principal name column', async () => {
    const file = join(bad, 'no-upn.csv');
    writeFileSync(file, 'group,displayName,objectId\nAlpha,A,1\n');
    assertOneLineError(await run(file), 2, 'no-upn.csv: no user principal name column (userPrincipalName, UPN or mail) among its columns: group, displayName, objectId');
  });

  test('a Graph page whose users carry no userPrincipalName', async () => {
    const file = join(bad, 'page.json');
    writeFileSync(file, JSON.stringify({ value: [{ '@odata.type': '#microsoft.graph.user', id: '1', displayName: 'A' }] }));
    assertOneLineError(await run(file), 2, 'page.json: users without a userPrincipalName or mail', '$select=userPrincipalName');
  });

  test('a group named twice with different members; twice with the same members is one group', async () => {
    const twice = join(bad, 'twice');
    mkdirSync(twice);
    writeFileSync(join(twice, 'a.csv'), 'group,upn\nPilot,a@x\n');
    writeFileSync(join(twice, 'pilot.csv'), 'userPrincipalName\nb@x\n');
    assertOneLineError(await run(twice), 2, 'group Pilot is named twice with different members', 'a.csv');
    writeFileSync(join(twice, 'pilot.csv'), 'userPrincipalName\nA@X\n');
    const same = await run(twice, '--all-time', '--format', 'json');
    assert.equal(same.code, 0, same.stderr);
    assert.deepEqual((JSON.parse(same.stdout) as { Group: string; Members: number }[]).map((r) => [r.Group, r.Members]), [['Pilot', 1], [NOT_IN_ANY_GROUP, null]]);
  });

  test('pages of one group: --group-name adds them up', async () => {
    const pages = join(bad, 'pages');
    mkdirSync(pages);
    writeFileSync(join(pages, 'page1.json'), JSON.stringify({ value: [{ userPrincipalName: 'a@x' }] }));
    writeFileSync(join(pages, 'page2.json'), JSON.stringify({ value: [{ userPrincipalName: 'c@x' }] }));
    const rows = await json(['report', 'groups', exportFile, ...ALL, '--groups', pages, '--group-name', 'Pilot']);
    assert.deepEqual(pick(rows, 'Group', 'Members'), [{ Group: 'Pilot', Members: 2 }, { Group: NOT_IN_ANY_GROUP, Members: null }]);
  });

  test('an empty group is a warning, and listed with no members', async () => {
    const file = join(bad, 'Nobody.csv');
    writeFileSync(file, 'User principal name\n');
    const result = await runCli(['report', 'groups', exportFile, '--groups', file, '--all-time', '--format', 'json']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /signin-audit: warning: .*Nobody\.csv: group Nobody has no user members; it is listed with none/);
    assert.deepEqual((JSON.parse(result.stdout) as { Group: string; Members: number }[])[0], { Group: 'Nobody', Members: 0, MembersSeen: 0, Ready: 0, ReadyAfterUpgrade: 0, Blocked: 0, InsufficientData: 0, Requests: 0, Block: 0, Allow: 0, PctAllowed: null });
  });

  test('a row without a group, a malformed file, a missing path, an empty folder', async () => {
    const noGroup = join(bad, 'blank.csv');
    writeFileSync(noGroup, 'group,upn\n,a@x\n');
    assertOneLineError(await run(noGroup), 2, 'blank.csv: line 2: a member without a group');
    const malformed = join(bad, 'broken.json');
    writeFileSync(malformed, '{"value": [ {"userPrincipalName": ');
    assertOneLineError(await run(malformed), 2, 'broken.json: cannot read the membership file');
    assertOneLineError(await run(join(bad, 'missing')), 2, '--groups', 'missing: no such file or folder');
    const empty = join(bad, 'empty-folder');
    mkdirSync(empty);
    assertOneLineError(await run(empty), 2, 'the folder holds no membership files');
  });
});

describe('the shipped samples with sample-groups/', () => {
  const db = join(tempDir(), 'samples.duckdb');
  before(async () => {
    const result = await runCli(['ingest', SAMPLES, '--db', db, '--quiet']);
    assert.equal(result.code, 0, result.stderr);
  });
  const output = async (args: string[]) => {
    const result = await runCli([...args, '--db', db, '--quiet']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '');
    return result.stdout;
  };

  test('token protection policies: one enabled, one report-only, one switched to enabled (mixed), and three groups', async () => {
    const policies = JSON.parse(await output(['report', 'policies', '--all-time', '--format', 'json'])) as { PolicyName: string; Mode: string }[];
    // CA100 is enforced from 18 November 2026 (scripts/sample-data.ts ENFORCEMENT).
    assert.deepEqual(policies.map((p) => p.Mode).sort(), ['disabled', 'enabled', 'mixed', 'report-only']);
    const groupRows = JSON.parse(await output(['report', 'groups', '--groups', GROUPS, '--format', 'json'])) as { Group: string; Members: number | null }[];
    assert.deepEqual(groupRows.map((g) => [g.Group, g.Members]), [['Apple devices', 5], ['TP Pilot', 5], ['Windows desktops', 5], [NOT_IN_ANY_GROUP, null]]);
  });

  const cases: [string, string[]][] = [
    ['policies.txt', ['report', 'policies']],
    ['breakdown.txt', ['report', 'breakdown', '--by', 'platform', '--by', 'status']],
    ['groups.txt', ['report', 'groups', '--groups', GROUPS]],
    ['waves.txt', ['report', 'waves', '--groups', GROUPS, '--all-time']],
  ];
  for (const [name, args] of cases) {
    test(`golden: ${name}`, async () => assertGolden(await output(args), name));
  }
});
