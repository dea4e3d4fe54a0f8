// Issue 16, after the switch: --mode (which policy results count) in every command, report
// enforcement (what enforced token protection actually blocked, and the error codes the records
// carried), audit --max-enforced-blocks, on a hand-made export and on the shipped samples, whose
// CA100 is enforced from 18 November 2026.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { selectionOf } from '../src/report/scope.ts';
import { REPORT_COLUMNS } from '../src/vocabulary.ts';
import { SAMPLES, assertOneLineError, runCli, tempDir } from './helpers.ts';

const EXO = 'Office 365 Exchange Online';
const ENFORCED = { id: 'e0000000-0000-4000-a000-00000000000e', displayName: 'TP enforced' };
const REPORT_ONLY = { id: 'r0000000-0000-4000-a000-00000000000r', displayName: 'TP report-only' };
const MFA = { id: 'm0000000-0000-4000-a000-00000000000m', displayName: 'Require MFA' };

type PolicyRef = { id: string; displayName: string };
const tp = (policy: PolicyRef, result: string, blocked: boolean) => ({
  ...policy,
  enforcedGrantControls: [],
  enforcedSessionControls: ['SignInTokenProtection'],
  sessionControlsNotSatisfied: blocked ? ['SignInTokenProtection'] : [],
  result,
});
const mfa = (result: string) => ({ ...MFA, enforcedGrantControls: ['Mfa'], enforcedSessionControls: [], sessionControlsNotSatisfied: [], result });

interface Row {
  id: string;
  upn: string;
  app: string;
  time: string;
  errorCode: number;
  policies: object[];
}

/**
 * e1 a@x Outlook 18 Nov: the enforced policy blocks (530084), the report-only one would too;
 * e2 b@x Teams 18 Nov: the enforced policy blocks, written as 53003;
 * e3 b@x Outlook 19 Nov: the enforced policy allows, the report-only one would block;
 * e4 c@x Outlook 19 Nov: the enforced policy fails, but MFA failed first: 50074 in Status;
 * e5 d@x Outlook 19 Nov: 53003 from the MFA policy, token protection report-only alone;
 * e7 e@x Teams 20 Nov: the enforced policy allows.
 */
const ROWS: Row[] = [
  { id: 'e1', upn: 'a@x', app: 'Outlook', time: '2026-11-18T08:00:00Z', errorCode: 530084, policies: [tp(ENFORCED, 'failure', true), tp(REPORT_ONLY, 'reportOnlyFailure', true)] },
  { id: 'e2', upn: 'b@x', app: 'Teams', time: '2026-11-18T09:00:00Z', errorCode: 53003, policies: [tp(ENFORCED, 'failure', true)] },
  { id: 'e3', upn: 'b@x', app: 'Outlook', time: '2026-11-19T08:00:00Z', errorCode: 0, policies: [tp(ENFORCED, 'success', false), tp(REPORT_ONLY, 'reportOnlyFailure', true)] },
  { id: 'e4', upn: 'c@x', app: 'Outlook', time: '2026-11-19T09:00:00Z', errorCode: 50074, policies: [mfa('failure'), tp(ENFORCED, 'failure', true)] },
  { id: 'e5', upn: 'd@x', app: 'Outlook', time: '2026-11-19T10:00:00Z', errorCode: 53003, policies: [mfa('failure'), tp(REPORT_ONLY, 'reportOnlyFailure', true)] },
  { id: 'e7', upn: 'e@x', app: 'Teams', time: '2026-11-20T08:00:00Z', errorCode: 0, policies: [tp(ENFORCED, 'success', false)] },
];

const laExport = (rows: readonly Row[]): string =>
  JSON.stringify(
    rows.map((r) => ({
      TimeGenerated: r.time,
      CreatedDateTime: r.time,
      Id: r.id,
      UserPrincipalName: r.upn,
      UserType: 'Member',
      AppDisplayName: r.app,
      ResourceDisplayName: EXO,
      ClientAppUsed: 'Mobile Apps and Desktop clients',
      Type: 'AADNonInteractiveUserSignInLogs',
      ResultType: String(r.errorCode),
      Status: JSON.stringify(r.errorCode === 0 ? { errorCode: 0 } : { errorCode: r.errorCode, failureReason: 'as Entra writes it' }),
      DeviceDetail: JSON.stringify({ operatingSystem: 'Windows 10', browser: 'Rich Client 4.64.0.0', trustType: 'Azure AD joined', deviceId: `device-${r.upn}` }),
      TokenProtectionStatusDetails: JSON.stringify({ signInSessionStatus: 'unbound', signInSessionStatusCode: 1008 }),
      ConditionalAccessPolicies: JSON.stringify(r.policies),
    })),
  );

const dir = tempDir();
const exportFile = join(dir, 'export.json');
writeFileSync(exportFile, laExport(ROWS));
const ALL = ['--all-time'];

async function json(args: readonly string[]): Promise<Record<string, unknown>[]> {
  const result = await runCli([...args, '--format', 'json', '--quiet']);
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout) as Record<string, unknown>[];
}

const pick = (rows: readonly Record<string, unknown>[], ...keys: string[]) => rows.map((r) => Object.fromEntries(keys.map((k) => [k, r[k]])));

describe('--mode', () => {
  test('all keeps the selection NULL (the stored requests table serves); report-only and enforced name their results', () => {
    assert.equal(selectionOf({}), null);
    assert.equal(selectionOf({ mode: 'all' }), null);
    assert.deepEqual(selectionOf({ mode: 'enforced' }), { policies: null, mode: ['success', 'failure'] });
    assert.deepEqual(selectionOf({ mode: 'report-only', policy: ['TP X'] }), { policies: ['tp x'], mode: ['reportOnlySuccess', 'reportOnlyFailure', 'reportOnlyInterrupted'] });
  });

  test('corrected: each mode counts the requests its policies decided, with their outcome', async () => {
    const count = async (mode: string) => pick(await json(['report', 'apps', exportFile, ...ALL, '--mode', mode]), 'AppDisplayName', 'Requests', 'Block', 'Allow');
    assert.deepEqual(await count('all'), [
      { AppDisplayName: 'Outlook', Requests: 4, Block: 4, Allow: 0 },
      { AppDisplayName: 'Teams', Requests: 2, Block: 1, Allow: 1 },
    ]);
    // e3 is a Block for the report-only policy, an Allow for the enforced one.
    assert.deepEqual(await count('report-only'), [{ AppDisplayName: 'Outlook', Requests: 3, Block: 3, Allow: 0 }]);
    assert.deepEqual(await count('enforced'), [
      { AppDisplayName: 'Outlook', Requests: 3, Block: 2, Allow: 1 },
      { AppDisplayName: 'Teams', Requests: 2, Block: 1, Allow: 1 },
    ]);
  });

  test('kql semantics keeps the rows of the mode\'s results only', async () => {
    const rows = await json(['report', 'users', exportFile, ...ALL, '--semantics', 'kql', '--mode', 'enforced']);
    assert.deepEqual(
      pick(rows, 'UserPrincipalName', 'AppDisplayName', 'Requests', 'Block').sort((a, b) => String(a.UserPrincipalName).localeCompare(String(b.UserPrincipalName))),
      [
        { UserPrincipalName: 'a@x', AppDisplayName: 'Outlook', Requests: 1, Block: 1 },
        { UserPrincipalName: 'b@x', AppDisplayName: 'Outlook', Requests: 1, Block: 0 },
        { UserPrincipalName: 'b@x', AppDisplayName: 'Teams', Requests: 1, Block: 1 },
        { UserPrincipalName: 'c@x', AppDisplayName: 'Outlook', Requests: 1, Block: 1 },
        { UserPrincipalName: 'e@x', AppDisplayName: 'Teams', Requests: 1, Block: 0 },
      ],
    );
  });

  test('from a database: the stored requests are evaluated again, as from the files', async () => {
    const db = join(tempDir(), 'mode.duckdb');
    const ingest = await runCli(['ingest', exportFile, '--db', db, '--quiet']);
    assert.equal(ingest.code, 0, ingest.stderr);
    const fromDb = await json(['report', 'apps', '--db', db, ...ALL, '--mode', 'report-only']);
    assert.deepEqual(pick(fromDb, 'AppDisplayName', 'Requests', 'Block'), [{ AppDisplayName: 'Outlook', Requests: 3, Block: 3 }]);
  });

  test('the KQL filters the same results, in both semantics', async () => {
    const corrected = await runCli(['kql', 'apps', '--mode', 'enforced']);
    assert.equal(corrected.code, 0, corrected.stderr);
    assert.match(corrected.stdout, /\| where tostring\(Policy\.result\) in \("success", "failure"\)/);
    const kql = await runCli(['kql', 'apps', '--semantics', 'kql', '--mode', 'report-only']);
    assert.match(kql.stdout, /\| where tostring\(ConditionalAccessPolicies\.result\) in \("reportOnlySuccess", "reportOnlyFailure", "reportOnlyInterrupted"\)/);
    const all = await runCli(['kql', 'apps']);
    assert.doesNotMatch(all.stdout, /\.result\) in \("(success|reportOnlySuccess)"/);
  });

  test('audit and html say the mode and count by it', async () => {
    const audit = await runCli(['audit', exportFile, ...ALL, '--mode', 'enforced', '--format', 'json', '--quiet']);
    assert.equal(audit.code, 0, audit.stderr);
    const result = JSON.parse(audit.stdout) as { mode: string; totals: { requests: number; block: number } };
    assert.deepEqual({ mode: result.mode, requests: result.totals.requests, block: result.totals.block }, { mode: 'enforced', requests: 5, block: 3 });
    const page = join(dir, 'page.html');
    const html = await runCli(['html', exportFile, ...ALL, '--mode', 'report-only', '-o', page, '--quiet']);
    assert.equal(html.code, 0, html.stderr);
    const { readFileSync } = await import('node:fs');
    assert.match(readFileSync(page, 'utf8'), /report-only \(reportOnlySuccess, reportOnlyFailure, reportOnlyInterrupted\)/);
  });

  test('a mode that is not one is refused in one line, exit 2, by every command', async () => {
    for (const args of [['report', 'apps', exportFile], ['audit', exportFile], ['kql', 'apps']]) {
      assertOneLineError(await runCli([...args, '--mode', 'enforcing']), 2, 'mode', '"enforcing"', 'report-only');
    }
  });
});

describe('report enforcement', () => {
  test('per app: enforced requests, the blocked ones by policy result, and the codes their records carried', async () => {
    const rows = await json(['report', 'enforcement', exportFile, ...ALL]);
    assert.deepEqual(Object.keys(rows[0]!), ['AppDisplayName', ...REPORT_COLUMNS.enforcement]);
    assert.deepEqual(rows, [
      // e4 counts: the enforced policy failed it, though its Status holds MFA's 50074.
      { AppDisplayName: 'Outlook', Requests: 3, Blocked: 2, BlockedUsers: 2, PctBlocked: 66.67, FirstBlocked: '2026-11-18T08:00:00.000Z', LastBlocked: '2026-11-19T09:00:00.000Z', ErrorCodes: '50074, 530084' },
      { AppDisplayName: 'Teams', Requests: 2, Blocked: 1, BlockedUsers: 1, PctBlocked: 50, FirstBlocked: '2026-11-18T09:00:00.000Z', LastBlocked: '2026-11-18T09:00:00.000Z', ErrorCodes: '53003' },
    ]);
  });

  test('per user and per day', async () => {
    const users = await json(['report', 'enforcement', exportFile, ...ALL, '--by', 'user']);
    assert.deepEqual(pick(users, 'UserPrincipalName', 'Requests', 'Blocked'), [
      { UserPrincipalName: 'b@x', Requests: 2, Blocked: 1 },
      { UserPrincipalName: 'a@x', Requests: 1, Blocked: 1 },
      { UserPrincipalName: 'c@x', Requests: 1, Blocked: 1 },
      { UserPrincipalName: 'e@x', Requests: 1, Blocked: 0 },
    ]);
    const days = await json(['report', 'enforcement', exportFile, ...ALL, '--by', 'day']);
    assert.deepEqual(pick(days, 'Day', 'Requests', 'Blocked', 'BlockedUsers', 'ErrorCodes'), [
      { Day: '2026-11-18', Requests: 2, Blocked: 2, BlockedUsers: 2, ErrorCodes: '53003, 530084' },
      { Day: '2026-11-19', Requests: 2, Blocked: 1, BlockedUsers: 1, ErrorCodes: '50074' },
      { Day: '2026-11-20', Requests: 1, Blocked: 0, BlockedUsers: 0, ErrorCodes: '' },
    ]);
  });

  test('a 53003 without an enforced token protection failure is not counted, but said on stderr', async () => {
    const result = await runCli(['report', 'enforcement', exportFile, ...ALL, '--format', 'csv']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /1 request carried error code 53003 without an enforced token protection policy failing them: not counted as Blocked/);
    assert.doesNotMatch(result.stdout, /d@x/);
  });

  test('refused in one line, exit 2: kql semantics, --mode report-only, a --by it has not or twice, the kql command', async () => {
    assertOneLineError(await runCli(['report', 'enforcement', exportFile, '--semantics', 'kql']), 2, 'corrected semantics only');
    assertOneLineError(await runCli(['report', 'enforcement', exportFile, '--mode', 'report-only']), 2, '--mode report-only');
    assertOneLineError(await runCli(['report', 'enforcement', exportFile, '--by', 'platform']), 2, '--by platform', 'per app, user or day');
    assertOneLineError(await runCli(['report', 'enforcement', exportFile, '--by', 'app', '--by', 'user']), 2, '--by: given 2 times');
    assertOneLineError(await runCli(['kql', 'enforcement']), 2, 'no KQL form');
  });

  test('the samples tell a before and an after: CA100 enforced from 18 November, blocks with 530084 and 53003', async () => {
    const days = await json(['report', 'enforcement', SAMPLES, '--by', 'day']);
    const blocked = (before: boolean) => days.filter((d) => (String(d.Day) < '2026-11-18') === before).reduce((n, d) => n + Number(d.Blocked), 0);
    // Before: the pilot's few blocks; after: CA100's too.
    assert.ok(blocked(false) > 5 * blocked(true), JSON.stringify(days));
    const codes = new Set(days.flatMap((d) => String(d.ErrorCodes).split(', ').filter(Boolean)));
    assert.deepEqual([...codes].sort(), ['53003', '530084']);
  });
});

describe('audit --max-enforced-blocks', () => {
  const audit = (...args: string[]) => runCli(['audit', exportFile, ...ALL, '--quiet', ...args]);

  test('passes at the count of actual blocks (exit 0), fails below it (exit 1)', async () => {
    const pass = await audit('--max-enforced-blocks', '3', '--format', 'json');
    assert.equal(pass.code, 0, pass.stderr);
    const check = (JSON.parse(pass.stdout) as { checks: { name: string; actual: number; passed: boolean; detail: string }[] }).checks[0]!;
    assert.deepEqual(check, { name: 'max-enforced-blocks', limit: 3, actual: 3, passed: true, detail: '3 of 5 requests blocked by enforced token protection, 3 users' });
    const fail = await audit('--max-enforced-blocks', '2');
    assert.equal(fail.code, 1);
    assert.match(fail.stdout, /^FAIL {2}max-enforced-blocks: 3 \(limit ≤ 2\)/m);
    assert.match(fail.stderr, /audit failed: max-enforced-blocks 3 \(limit 2\)/);
  });

  test('bad input is exit 2 in one line', async () => {
    assertOneLineError(await audit('--max-enforced-blocks', '-1'), 2, '--max-enforced-blocks');
    assertOneLineError(await audit('--max-enforced-blocks', '1.5'), 2, 'a whole number');
    assertOneLineError(await audit('--max-enforced-blocks', '0', '--mode', 'report-only'), 2, '--mode report-only');
  });
});
