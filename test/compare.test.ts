// Issue 16 (part b): after the switch. report compare over two periods, audit --max-drop-pct
// against the previous recorded run and against a --before period, and the help desk's worklist,
// on a hand-made export with a week before enforcement and a week after.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { evaluateChecks } from '../src/report/audit.ts';
import type { AuditTotals } from '../src/result.ts';
import { COMPARE_COLUMNS, COMPARE_SUBJECTS, REPORT_COLUMNS } from '../src/vocabulary.ts';
import { ROOT, assertOneLineError, runCli, tempDir } from './helpers.ts';

const EXO = 'Office 365 Exchange Online';
const POLICY_ID = 't0000000-0000-4000-a000-00000000000t';
const BEFORE_DAY = '2026-11-10T08:00:00Z';
const AFTER_DAY = '2026-11-17T08:00:00Z';

interface Row {
  id: string;
  upn: string;
  app: string;
  time: string;
  os?: string;
  browser?: string;
  client?: string;
  code: number | null;
  blocked: boolean;
}

/**
 * Before (2026-11-10, the policy in report-only): a@x twice allowed in Outlook, b@x blocked there
 * (1002, no registration), c@x allowed in Teams, which nobody uses after. After (2026-11-17,
 * enforced, renamed): a@x blocked in Outlook (1008 on Windows) and allowed once, b@x blocked again
 * (1002), d@x blocked in Azure CLI (1008), e@x blocked in Outlook on an iPhone (1003: the
 * registration upgrade), f@x blocked in a Firefox browser without a status code (the blocker rules
 * decide).
 */
const ROWS: Row[] = [
  { id: 'b1', upn: 'a@x', app: 'Microsoft Outlook', time: BEFORE_DAY, code: 0, blocked: false },
  { id: 'b2', upn: 'a@x', app: 'Microsoft Outlook', time: BEFORE_DAY, code: 0, blocked: false },
  { id: 'b3', upn: 'b@x', app: 'Microsoft Outlook', time: BEFORE_DAY, os: 'MacOs', code: 1002, blocked: true },
  { id: 'b4', upn: 'c@x', app: 'Microsoft Teams', time: BEFORE_DAY, code: 0, blocked: false },
  { id: 'a1', upn: 'A@x', app: 'Microsoft Outlook', time: AFTER_DAY, code: 1008, blocked: true },
  { id: 'a2', upn: 'b@x', app: 'Microsoft Outlook', time: AFTER_DAY, os: 'MacOs', code: 1002, blocked: true },
  { id: 'a3', upn: 'a@x', app: 'Microsoft Outlook', time: AFTER_DAY, code: 0, blocked: false },
  { id: 'a4', upn: 'd@x', app: 'Microsoft Azure CLI', time: '2026-11-17T08:05:00Z', code: 1008, blocked: true },
  { id: 'a5', upn: 'e@x', app: 'Microsoft Outlook', time: '2026-11-17T08:10:00Z', os: 'Ios', code: 1003, blocked: true },
  { id: 'a6', upn: 'f@x', app: 'Outlook Web', time: AFTER_DAY, browser: 'Firefox 133.0', client: 'Browser', code: null, blocked: true },
];

function laExport(rows: readonly Row[]): string {
  return JSON.stringify(
    rows.map((r) => {
      const after = r.time >= AFTER_DAY;
      return {
        TimeGenerated: r.time,
        CreatedDateTime: r.time,
        Id: r.id,
        UserPrincipalName: r.upn,
        UserType: 'Member',
        AppDisplayName: r.app,
        ResourceDisplayName: EXO,
        ClientAppUsed: r.client ?? 'Mobile Apps and Desktop clients',
        Type: 'SigninLogs',
        DeviceDetail: JSON.stringify({ operatingSystem: r.os ?? 'Windows 10', browser: r.browser ?? 'Rich Client 4.64.0.0', trustType: 'Azure AD joined', deviceId: `device-${r.upn}` }),
        TokenProtectionStatusDetails: r.code === null ? '' : JSON.stringify({ signInSessionStatus: r.code === 0 ? 'bound' : 'unbound', signInSessionStatusCode: r.code }),
        ConditionalAccessPolicies: JSON.stringify([
          {
            id: POLICY_ID,
            displayName: after ? 'TP (enforced)' : 'TP (report-only)',
            enforcedGrantControls: [],
            enforcedSessionControls: ['SignInTokenProtection'],
            sessionControlsNotSatisfied: r.blocked ? ['SignInTokenProtection'] : [],
            result: after ? (r.blocked ? 'failure' : 'success') : r.blocked ? 'reportOnlyFailure' : 'reportOnlySuccess',
          },
        ]),
      };
    }),
  );
}

const dir = tempDir();
const exportFile = join(dir, 'export.json');
writeFileSync(exportFile, laExport(ROWS));

const BEFORE = ['--before', '2026-11-10..2026-11-11'];
const AFTER = ['--after', '2026-11-17..2026-11-18'];

async function json(args: readonly string[]): Promise<Record<string, unknown>[]> {
  const result = await runCli([...args, '--format', 'json', '--quiet']);
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout) as Record<string, unknown>[];
}

describe('report compare', () => {
  test('apps: the largest fall first, rows of one period only with nulls, NewlyBlocked the users blocked after and not before', async () => {
    const rows = await json(['report', 'compare', 'apps', exportFile, ...BEFORE, ...AFTER]);
    assert.deepEqual(Object.keys(rows[0]!), [...COMPARE_SUBJECTS.apps, ...COMPARE_COLUMNS]);
    assert.deepEqual(rows, [
      // a@x newly blocked, b@x blocked in both periods, e@x newly blocked.
      { AppDisplayName: 'Microsoft Outlook', RequestsBefore: 3, RequestsAfter: 4, PctAllowedBefore: 66.67, PctAllowedAfter: 25, DeltaPct: -41.67, NewlyBlocked: 2 },
      { AppDisplayName: 'Microsoft Azure CLI', RequestsBefore: null, RequestsAfter: 1, PctAllowedBefore: null, PctAllowedAfter: 0, DeltaPct: null, NewlyBlocked: 1 },
      { AppDisplayName: 'Outlook Web', RequestsBefore: null, RequestsAfter: 1, PctAllowedBefore: null, PctAllowedAfter: 0, DeltaPct: null, NewlyBlocked: 1 },
      { AppDisplayName: 'Microsoft Teams', RequestsBefore: 1, RequestsAfter: null, PctAllowedBefore: 100, PctAllowedAfter: null, DeltaPct: null, NewlyBlocked: 0 },
    ]);
    // Each period is counted as the apps report counts that window alone.
    const apps = await json(['report', 'apps', exportFile, '--since', '2026-11-10', '--until', '2026-11-11']);
    assert.equal(apps.find((r) => r.AppDisplayName === 'Microsoft Outlook')!.Requests, 3);
  });

  test('--before-last and --after-last are the two periods ending at the newest sign-in; CSV leaves the missing period blank', async () => {
    const anchored = await json(['report', 'compare', 'users', exportFile, '--before-last', '7d', '--after-last', '7d']);
    assert.deepEqual(anchored, await json(['report', 'compare', 'users', exportFile, ...BEFORE, ...AFTER]));
    assert.deepEqual(
      anchored.map((r) => [r.UserPrincipalName, r.RequestsBefore, r.RequestsAfter, r.DeltaPct, r.NewlyBlocked]),
      [
        ['a@x', 2, 2, -50, 1],
        ['b@x', 1, 1, 0, 0],
        ['d@x', null, 1, null, 1],
        ['e@x', null, 1, null, 1],
        ['f@x', null, 1, null, 1],
        ['c@x', 1, null, null, 0],
      ],
    );
    const csv = await runCli(['report', 'compare', 'users', exportFile, '--before-last', '7d', '--after-last', '7d', '--format', 'csv', '-q']);
    assert.equal(csv.code, 0, csv.stderr);
    const lines = csv.stdout.trim().split(/\r?\n/);
    assert.equal(lines[0], ['UserPrincipalName', ...COMPARE_COLUMNS].join(','));
    assert.equal(lines.at(-1), 'c@x,1,,100,,,0');
  });

  test('policies: one row per policy under its newest name', async () => {
    const rows = await json(['report', 'compare', 'policies', exportFile, ...BEFORE, ...AFTER]);
    assert.deepEqual(rows, [
      { PolicyId: POLICY_ID, PolicyName: 'TP (enforced)', RequestsBefore: 4, RequestsAfter: 6, PctAllowedBefore: 75, PctAllowedAfter: 16.67, DeltaPct: -58.33, NewlyBlocked: 4 },
    ]);
  });

  test('bad periods are one line, exit 2', async () => {
    const compare = ['report', 'compare', 'apps', exportFile];
    assertOneLineError(await runCli([...compare, ...BEFORE]), 2, '--after is missing');
    assertOneLineError(await runCli([...compare, '--before', '2026-11-10..2026-11-18', ...AFTER]), 2, 'ends after --after');
    assertOneLineError(await runCli([...compare, '--before', '2026-11-11..2026-11-10', ...AFTER]), 2, 'ends before it starts');
    assertOneLineError(await runCli([...compare, '--before', '2026-11-10', ...AFTER]), 2, 'not a period START..END');
    assertOneLineError(await runCli([...compare, ...BEFORE, '--after-last', '7d']), 2, 'one way');
    assertOneLineError(await runCli([...compare, '--last', '7d', ...BEFORE, ...AFTER]), 2, '--last', 'report compare takes its windows');
    assertOneLineError(await runCli(['kql', 'compare']), 2, 'no KQL form');
  });
});

describe('audit --max-drop-pct', () => {
  const db = join(dir, 'audit.duckdb');
  const beforeWindow = ['--since', '2026-11-10', '--until', '2026-11-11'];
  const afterWindow = ['--since', '2026-11-17', '--until', '2026-11-18'];

  test('against the previous recorded run: no run yet is a warning and a pass; then a fall of 58.33 points passes at 60 and fails at 5', async () => {
    const ingest = await runCli(['ingest', exportFile, '--db', db, '--quiet']);
    assert.equal(ingest.code, 0, ingest.stderr);
    const first = await runCli(['audit', '--db', db, ...beforeWindow, '--max-drop-pct', '5']);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /warning: --max-drop-pct: no previous recorded run to compare with/);
    const loose = await runCli(['audit', '--db', db, ...afterWindow, '--max-drop-pct', '60', '--no-record', '--format', 'json']);
    assert.equal(loose.code, 0, loose.stderr);
    const check = (JSON.parse(loose.stdout) as { checks: { name: string; actual: number; passed: boolean; detail: string }[] }).checks[0]!;
    assert.deepEqual([check.name, check.actual, check.passed], ['max-drop-pct', 58.33, true]);
    assert.match(check.detail, /PctAllowed 16\.67% against 75% in run 1 /);
    const strict = await runCli(['audit', '--db', db, ...afterWindow, '--max-drop-pct', '5', '--no-record']);
    assertOneLineError(strict, 1, 'audit failed: max-drop-pct 58.33 (limit 5)');
  });

  test('against --before, from files; bad values are one line, exit 2', async () => {
    const failed = await runCli(['audit', exportFile, ...afterWindow, '--max-drop-pct', '5', '--before', '2026-11-10..2026-11-11', '-q']);
    assertOneLineError(failed, 1, 'max-drop-pct 58.33 (limit 5)');
    const passed = await runCli(['audit', exportFile, ...beforeWindow, '--max-drop-pct', '0', '--before', '2026-11-17..2026-11-18', '-q']);
    assert.equal(passed.code, 0, 'PctAllowed rose: no fall');
    assertOneLineError(await runCli(['audit', exportFile, '--max-drop-pct', '101']), 2, '--max-drop-pct 101', 'a percentage from 0 to 100');
    assertOneLineError(await runCli(['audit', exportFile, '--before', '2026-11-10..2026-11-11']), 2, '--before needs --max-drop-pct');
    assertOneLineError(await runCli(['audit', exportFile, '--max-drop-pct', '5', '--before', '2026-11-11..2026-11-10']), 2, 'ends before it starts');
  });
});

describe('the max-drop-pct check', () => {
  const totals = { requests: 200, block: 20, allow: 180, users: 50, blockedUsers: 5, pctAllowed: 90, blockSelfRemediable: 0, pctEnforceable: 90 } as AuditTotals;
  const baseline = { label: 'run 3', pctAllowed: 92.5 };
  test('a fall equal to the limit passes, one above fails; no baseline or no requests, no check', () => {
    assert.deepEqual(evaluateChecks({ maxDropPct: 2.5 }, totals, [], baseline).map((c) => [c.name, c.actual, c.passed]), [['max-drop-pct', 2.5, true]]);
    assert.deepEqual(evaluateChecks({ maxDropPct: 2.49 }, totals, [], baseline).map((c) => c.passed), [false]);
    assert.equal(evaluateChecks({ maxDropPct: 0 }, { ...totals, pctAllowed: 95 }, [], baseline)[0]!.actual, -2.5, 'a rise is a negative fall');
    assert.deepEqual(evaluateChecks({ maxDropPct: 2 }, totals, [], null), []);
    assert.deepEqual(evaluateChecks({ maxDropPct: 2 }, { ...totals, requests: 0, pctAllowed: null }, [], baseline), []);
  });
});

describe('report worklist', () => {
  test('one row per blocked user, with the actions in plain words', async () => {
    const rows = await json(['report', 'worklist', exportFile, '--all-time']);
    assert.deepEqual(Object.keys(rows[0]!), [...REPORT_COLUMNS.worklist]);
    assert.deepEqual(
      rows.map((r) => [r.UserPrincipalName, r.Apps, r.Platforms, r.Causes, r.Actions, r.Requests, r.Block, r.LastBlocked]),
      [
        ['b@x', 'Microsoft Outlook', 'macos', 'no-device-registration', 'register this device', 2, 2, '2026-11-17T08:00:00.000Z'],
        ['e@x', 'Microsoft Outlook', 'ios', 'registration-upgrade', 'sign in once to upgrade the registration', 1, 1, '2026-11-17T08:10:00.000Z'],
        ['d@x', 'Microsoft Azure CLI', 'windows', 'no-broker', 'use the Windows broker sign-in in Azure CLI', 1, 1, '2026-11-17T08:05:00.000Z'],
        ['a@x', 'Microsoft Outlook', 'windows', 'no-broker', 'update Outlook (on an iPhone or iPad: install Microsoft Authenticator)', 4, 1, '2026-11-17T08:00:00.000Z'],
        ['f@x', 'Outlook Web', 'windows', 'unsupported-browser', 'use Microsoft Edge or Google Chrome', 1, 1, '2026-11-17T08:00:00.000Z'],
      ],
    );
  });

  test('every cause of the shipped status-code table and blocker rules has plain words for any app', () => {
    const causes = (file: string, column: number) =>
      readFileSync(join(ROOT, 'queries', file), 'utf8').trim().split('\n').slice(1).map((line) => line.split(',')[column]!);
    const general = new Set(readFileSync(join(ROOT, 'queries', 'help-desk-actions.csv'), 'utf8').trim().split('\n').slice(1).filter((line) => line.split(',')[1] === '').map((line) => line.split(',')[0]));
    for (const cause of [...causes('token-protection-status-codes.csv', 2), ...causes('blocker-rules.csv', 1)]) assert.ok(general.has(cause), `${cause} has a row with no app pattern`);
  });
});
