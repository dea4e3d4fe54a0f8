// Golden outputs on sample-logs/: both reports, both semantics, every format; the workflow reports
// too. A changed output fails and writes test/golden/<name>.actual to diff against.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { tableFromIPC } from 'apache-arrow';
import { assertGolden, runCli, tempDir } from './helpers.ts';

const EXTENSIONS = { table: 'txt', csv: 'csv', json: 'json', ndjson: 'ndjson', markdown: 'md' } as const;

const db = join(tempDir(), 'samples.duckdb');
before(async () => {
  const result = await runCli(['ingest', 'sample-logs', '--db', db, '--quiet']);
  assert.equal(result.code, 0, result.stderr);
});

async function output(args: string[]): Promise<string> {
  const result = await runCli([...args, '--db', db, '--quiet']);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stderr, '');
  return result.stdout;
}

describe('apps and users on sample-logs', () => {
  for (const report of ['apps', 'users'] as const) {
    for (const semantics of ['corrected', 'kql'] as const) {
      for (const [format, extension] of Object.entries(EXTENSIONS)) {
        test(`${report} ${semantics} ${format}`, async () => {
          await assertGolden(await output(['report', report, '--semantics', semantics, '--format', format]), `${report}.${semantics}.${extension}`);
        });
      }
      test(`${report} ${semantics} arrow reads back as the json rows`, async () => {
        const file = join(tempDir(), `${report}.arrow`);
        await output(['report', report, '--semantics', semantics, '--output', file]);
        const table = tableFromIPC(readFileSync(file));
        const rows = JSON.parse(await output(['report', report, '--semantics', semantics, '--format', 'json'])) as Record<string, unknown>[];
        assert.equal(table.numRows, rows.length);
        assert.deepEqual(table.schema.fields.map((f) => f.name), Object.keys(rows[0]!));
        assert.deepEqual(table.toArray().map((row) => row.toJSON()), rows);
      });
    }
  }

  test('reading the files directly gives what the database gives', async () => {
    const result = await runCli(['report', 'apps', 'sample-logs', '--format', 'json', '--quiet']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, await output(['report', 'apps', '--format', 'json']));
  });

  test('the main command shows the expected apps', async () => {
    const rows = JSON.parse(await output(['report', 'apps', '--format', 'json'])) as { AppDisplayName: string }[];
    assert.ok(rows.length >= 6);
    assert.ok(rows.some((r) => r.AppDisplayName === 'Microsoft Outlook'));
    assert.ok(!rows.some((r) => r.AppDisplayName === 'Azure Portal'), 'not an Exchange or SharePoint resource');
  });
});

describe('workflow reports on sample-logs', () => {
  const cases: [string, string[]][] = [
    ['readiness.txt', ['report', 'readiness', '--last', '2w']],
    ['blockers.txt', ['report', 'blockers']],
    ['trend.csv', ['report', 'trend', '--format', 'csv']],
    ['audit.txt', ['audit', '--max-block-pct', '100', '--min-requests', '1', '--no-record']],
  ];
  for (const [name, args] of cases) {
    test(name, async () => {
      await assertGolden(await output(args), name);
    });
  }
});
