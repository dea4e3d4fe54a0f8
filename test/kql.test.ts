// signin-audit kql: every emitted query is parsed and checked by Microsoft's analyser against the
// Log Analytics schema of both tables (zero diagnostics), yields the columns and types of the SQL
// report, keeps user-given names inside string literals, and one query per report is pinned.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { computeReport, type ReportOptions } from '../src/report/reports.ts';
import { resolveScope } from '../src/report/reports.ts';
import { openSources, type Sources } from '../src/report/sources.ts';
import type { ReportName, Semantics } from '../src/vocabulary.ts';
import { SAMPLES, assertGolden, assertOneLineError, runCli } from './helpers.ts';
import { analyse, kqlTypeOf } from './kusto.ts';

interface Case {
  readonly report: ReportName;
  readonly semantics: Semantics;
  readonly args: readonly string[];
  readonly options?: ReportOptions;
}

const CASES: readonly Case[] = [
  { report: 'apps', semantics: 'corrected', args: [] },
  { report: 'apps', semantics: 'kql', args: ['--semantics', 'kql'] },
  { report: 'users', semantics: 'corrected', args: ['--log', 'noninteractive', '--since', '2026-11-01', '--until', '2026-11-15T12:00:00Z'] },
  { report: 'users', semantics: 'kql', args: ['--semantics', 'kql', '--log', 'interactive', '--last', '30d'] },
  { report: 'readiness', semantics: 'corrected', args: ['--min-requests', '3', '--min-days', '2', '--status', 'ready', '--all-resources'], options: { minRequests: 3, minDays: 2, status: 'ready' } },
  { report: 'trend', semantics: 'corrected', args: ['--last', '36h'] },
  { report: 'trend', semantics: 'corrected', args: ['--by', 'app', '--all-time'], options: { by: 'app' } },
  { report: 'blockers', semantics: 'corrected', args: ['--since', '2026-11-10'] },
  { report: 'apps', semantics: 'corrected', args: ['--resources', 'all-protected', '--log', 'interactive'] },
  { report: 'apps', semantics: 'kql', args: ['--semantics', 'kql', '--resources', 'native'] },
  { report: 'users', semantics: 'kql', args: ['--semantics', 'kql', '--resources', 'arm', '--all-time'] },
  { report: 'readiness', semantics: 'corrected', args: ['--status', 'ready-after-upgrade', '--resources', 'native'], options: { status: 'ready-after-upgrade' } },
  { report: 'blockers', semantics: 'corrected', args: ['--resources', 'arm', '--all-time'] },
];

async function kql(args: readonly string[]): Promise<string> {
  const result = await runCli(['kql', ...args]);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stderr, '');
  return result.stdout;
}

let sources: Sources;
before(async () => {
  sources = await openSources({ paths: [SAMPLES] });
});
after(() => sources?.close());

/** The SQL report's columns, as the same report computes them on the samples. */
async function sqlColumns(c: Case): Promise<{ name: string; type: string }[]> {
  const { connection } = sources.database;
  const scope = await resolveScope(connection, sources, { log: 'all', allTime: true });
  const table = await computeReport(connection, c.report, c.semantics, scope, c.options);
  return table.columns.map((column) => ({ name: column.name, type: kqlTypeOf(column.type) }));
}

describe('kql: every report, checked by the Kusto analyser', () => {
  for (const c of CASES) {
    test(`${c.report} ${c.args.join(' ')}`.trim(), async () => {
      const text = await kql([c.report, ...c.args]);
      const analysis = analyse(text);
      assert.deepEqual(analysis.diagnostics, [], text);
      assert.deepEqual(analysis.columns, await sqlColumns(c), 'the same columns and types as the SQL report');
    });
  }

  test('--log all unions both tables; one log queries its table alone', async () => {
    const all = await kql(['apps']);
    assert.match(all, /\(SigninLogs\n/);
    assert.match(all, /\(AADNonInteractiveUserSignInLogs\n/);
    const one = await kql(['apps', '--log', 'noninteractive']);
    assert.doesNotMatch(one, /SigninLogs\n/);
    assert.deepEqual(analyse(one).diagnostics, []);
  });

  test('the window: ago() by default and for --last, datetime literals for --since/--until, none for --all-time', async () => {
    assert.match(await kql(['apps']), /\| where TimeGenerated > ago\(7d\)/);
    assert.match(await kql(['apps', '--last', '36h']), /\| where TimeGenerated > ago\(36h\)/);
    const fixed = await kql(['apps', '--since', '2026-11-01', '--until', '2026-11-15T08:00:00+01:00']);
    assert.match(fixed, /\| where TimeGenerated >= datetime\(2026-11-01T00:00:00\.000Z\)/);
    assert.match(fixed, /\| where TimeGenerated < datetime\(2026-11-15T07:00:00\.000Z\)/);
    assert.doesNotMatch(await kql(['apps', '--all-time']), /TimeGenerated >|ago\(/);
  });

  test('resources: a display name or an application id, as report_scope matches them', async () => {
    const text = await kql(['apps', '--resources', 'arm']);
    assert.ok(
      text.includes('| where ResourceDisplayName in ("Windows Azure Service Management API", "Azure Resource Manager", "797f4846-ba00-4fd7-ba43-dac1f8f63013") or tolower(ResourceIdentity) in ('),
      text,
    );
  });

  test('the status-code table becomes the most specific case first; kql semantics keeps the published formula', async () => {
    const text = await kql(['blockers']);
    const at = (needle: string) => text.indexOf(needle);
    assert.ok(at('StatusCode == "1003" and Platform == "macos", "registration-upgrade"') > 0, text);
    assert.ok(at('Platform == "android", "unsupported-platform"') > at('StatusCode == "1004" and Platform == "ios"'));
    assert.ok(at('StatusCode == "1003", "unsupported-registration"') > at('Platform == "linux", "unsupported-platform"'));
    assert.ok(at('true, "unlisted-status-code"') > at('StatusCode == "1008", "no-broker"'));
    assert.match(await kql(['apps', '--semantics', 'kql']), /IsSelfRemediable = Result == "Block" and \(bindingStatusCode == "1003" or bindingStatusCode == "1004"\)/);
  });

  test('corrected semantics: both values, any case, as array members; notEnabled not counted', async () => {
    const text = await kql(['apps']);
    assert.match(text, /set_has_element\(Controls, "binding"\) or set_has_element\(Controls, "signintokenprotection"\)/);
    assert.match(text, /!in \("notApplied", "reportOnlyNotApplied", "notEnabled"\)/);
    assert.match(text, /by Log, Id/);
  });
});

describe('kql: names are literals, never code', () => {
  const nasty = ['Contoso "HR" app', 'back\\slash', 'two\nlines', '") | take 1 //', "it's | where 1 == 1"];

  test('resources with quotes, backslashes, new lines and pipes stay inside their string literals', async () => {
    const args = nasty.flatMap((name) => ['--resource', name]);
    const text = await kql(['apps', ...args]);
    const analysis = analyse(text);
    assert.deepEqual(analysis.diagnostics, [], text);
    assert.deepEqual(analysis.columns?.map((c) => c.name), [
      'AppDisplayName', 'Requests', 'Users', 'Block', 'Allow', 'BlockedUsers', 'PctAllowed', 'BlockSelfRemediable', 'BlockedUsersSelfRemediable', 'PctEnforceable',
    ]);
    assert.ok(text.includes('"Contoso \\"HR\\" app", "back\\\\slash", "two\\nlines", "\\") | take 1 //"'), text);
    // The list is one valid list of string literals on its own too.
    const listed = analyse(`print x = dynamic([${text.match(/ResourceDisplayName in \((.*)\) or tolower\(ResourceIdentity\)/)![1]}])`);
    assert.deepEqual(listed.diagnostics, []);
  });

  test('a control character in a name is refused with one line', async () => {
    assertOneLineError(await runCli(['kql', 'apps', '--resource', 'bell\u0007']), 2, '--resource', 'control character');
  });

  test('readiness and trend and blockers refuse kql semantics, as the SQL reports do', async () => {
    assertOneLineError(await runCli(['kql', 'trend', '--semantics', 'kql']), 2, 'corrected semantics only');
  });

  test('a bad blocker rules file is named', async () => {
    assertOneLineError(await runCli(['kql', 'blockers', '--rules', 'no-such.csv']), 2, 'no-such.csv');
  });

  test('a missing status-code file is named', async () => {
    assertOneLineError(await runCli(['kql', 'apps', '--status-codes', 'no-such-codes.csv']), 2, 'no-such-codes.csv');
  });
});

describe('kql: the text of one query per report is pinned', () => {
  for (const report of ['apps', 'users', 'readiness', 'trend', 'blockers'] as const) {
    test(report, async () => assertGolden(await kql([report]), `kql-${report}.kql`));
  }
});
