// Real files from other projects (test/fixtures/realdata/README.md): each gives the outcome its
// README lists, alone and as part of a folder. Every expected number below was worked out from
// the files themselves (jq and Python over the JSON and CSV), not from signin-audit's output.
//
// Choices where the README leaves our CLI open:
// - A file whose records are all of other categories (service principal, managed identity, ADFS,
//   audit logs, AzureActivity) is not an error: exit 0, every record counted as skipped, no row.
// - A file refused as "not a sign-in log" is refused as a whole: without --skip-invalid the run
//   stops (exit 2) naming it; with --skip-invalid it counts as ONE rejected (one --rejects line
//   naming the file), and its records are not counted in `records`, so that
//   records = inserted + duplicates + skipped for the files that were read.
// - In a folder, "the first refused file" is the first in path order (code-point order of the
//   path), as the folder walk lists them.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { ROOT, assertOneLineError, queryDb, runCli, tempDir } from './helpers.ts';

const REALDATA = join(ROOT, 'test', 'fixtures', 'realdata');

/** As listed in shared/realdata/README.md: the copies must be these bytes. */
const SHA256: Record<string, string> = {
  'extractor-suite/20250502132320-servicePrincipal-SignInLogs.json': 'c284420e86f07bf7a2e5a9da5a512fb532766a9930cf1f6fb3e72240040e4205',
  'extractor-suite/20250502132321-managedIdentity-SignInLogs.json': '1c8adbb39c0e4d68ef58ba5d6247c6b1bf70b2fc58e44f5e9d40fa2520cb690f',
  'extractor-suite/20250502131826-AuditLogs.json': '3f6bb37372c017341e491d122d4854c4ca749304d340fa28596b472ec786de15',
  'elastic-integrations/test-signinlogs-raw.log': '49836583565fe6111f276245e714a1f5f4ef790f7c1bef734a953da77e1f26e3',
  'elastic-integrations/test-signinlogs.log': 'dec8a536d5b2a46b103b18d11824f0fd36aaa220b2b69699726576d8557ce420',
  'elastic-integrations/test-non-interactive-user.log': '72ae2d2a6d16a191a2035a25e6914652d750feb691544c07457c5f1f9cf58c6a',
  'elastic-integrations/test-non-interactive-user-signin.log': 'a7ab21caf90fb21da458c5625cce999891016cf27e00aeff1ce845dc06cbc211',
  'elastic-integrations/test-signinlogs-sample.log': 'ea06eb6c68af82700705c3607e0cc24f77fa555ccf843972bd8ddb35a42c0722',
  'elastic-integrations/test-created-datetime-timestamp.log': 'c175cf5d77514c9de68804a3da4bc3fba6d0e08d01a4338e5fe08b6f861315c7',
  'elastic-integrations/test-adfs-signin.log': 'c2d5a1d4f08fdd8358f9cb90b65a9827b994f97b6bbb00f5f5bef87668c1aa14',
  'elastic-integrations/test-alternative-time-and-duration-as-string.log': '570e7ee54145cdd28b82796681d3c42c5cbe14c6be7878c6efa6b732593e91a3',
  'elastic-integrations/test-invalid-time.log': 'a5bb0315df503f1f5af8ac3d12257da389a547fa3c35cbed3433d2cb9a1f2258',
  'elastic-integrations/test-time-formats-corner-cases.log': 'bc84d3512b0bc5255a2579ae3216d0c28f0ce8006af7af4a9d362345313d71e3',
  'elastic-beats/signin_log.json': 'e02cf9e317236ad9336c488d4cee76c9cf13b66865897421ad4c424b6b575741',
  'elastic-beats/signinlogs_ipv6.log': '83be6c702125449766e448387659cfe1fe858eea16c8bdaa8580e40882f205b6',
  'wazuh/log_analytics_events': '32733739df6916cf2090ff5e2819ea544f82d5748efce33093512d083ca2f9fd',
  'wazuh/graph_events': 'e066d389bb6e19c14f9a188b7268192332ea27a984e69fc21527c15a41033e06',
  'sentinel-training-lab/AuditLogs_Hunting.csv': 'dbf40ae64c8cb37c20bb40447f66ea39966f3ff7220992eeb885f342a11c3b6f',
  'sentinel-training-lab/signinLogs.csv': 'e658fc88e945713cd8b889f45dc64c0b7a1b0badf4de05158d5c730aa770e7e9',
};
const DATA_FILES = Object.keys(SHA256);
const NOT_EXPORTS = /(^|\/)(README\.md|NOTICE\.md|GPL-2\.0\.txt|\.gitattributes)$/;

/** A stored row as queryDb returns it: TIMESTAMPs as text in UTC, microseconds, trailing zeros dropped. */
interface Row {
  readonly Log: 'interactive' | 'noninteractive';
  readonly Id: string;
  readonly TimeGenerated: string;
  readonly CreatedDateTime: string | null;
  readonly UserPrincipalName: string;
  readonly AppDisplayName: string;
  /** Number of CA policies; 'absent' where the record has no appliedConditionalAccessPolicies key (stored as NULL or an empty list). */
  readonly Policies: number | 'absent';
}

interface Summary {
  readonly files: number;
  readonly records: number;
  readonly inserted: number;
  readonly duplicates: number;
  readonly rejected: number;
  readonly skipped: number;
  readonly logs: { readonly interactive: number; readonly noninteractive: number };
}

type Outcome = { readonly summary: Omit<Summary, 'files'>; readonly rows: readonly Row[] } | { readonly refused: 'not a sign-in log' };

const skippedOnly = (n: number): Outcome => ({
  summary: { records: n, inserted: 0, duplicates: 0, rejected: 0, skipped: n, logs: { interactive: 0, noninteractive: 0 } },
  rows: [],
});

const ELASTIC_8A4D = { Id: '8a4de8b5-095c-47d0-a96f-a75130c61d53', TimeGenerated: '2019-10-18 09:45:48.072989', CreatedDateTime: '2019-10-18 09:45:48.072989', AppDisplayName: 'Office 365', Policies: 'absent' } as const;

/**
 * Each file's outcome alone. Times: the envelope `time` (7 digits, truncated to DuckDB's
 * microseconds) is TimeGenerated; `createdDateTime` converted to UTC
 * (`2019-10-18T04:45:48.0729893-05:00` is 09:45:48.072989).
 */
const OUTCOMES: Record<string, Outcome> = {
  // Graph beta objects with signInEventTypes ["servicePrincipal"] and isInteractive false: a reader
  // that tried isInteractive first would store them as non-interactive user sign-ins.
  'extractor-suite/20250502132320-servicePrincipal-SignInLogs.json': skippedOnly(494),
  'extractor-suite/20250502132321-managedIdentity-SignInLogs.json': skippedOnly(28),
  // Graph directoryAudit objects: `category` is the audit category (UserManagement, …), no createdDateTime.
  'extractor-suite/20250502131826-AuditLogs.json': skippedOnly(123),
  // Keys sorted ("Level" first). Five records share one Id and times, one per category: SignInLogs
  // (isInteractive false, but the category says interactive), NonInteractiveUserSignInLogs, and
  // three service principal / managed identity categories.
  'elastic-integrations/test-signinlogs-raw.log': {
    summary: { records: 5, inserted: 2, duplicates: 0, rejected: 0, skipped: 3, logs: { interactive: 1, noninteractive: 1 } },
    rows: [
      { Log: 'interactive', ...ELASTIC_8A4D, UserPrincipalName: 'test@elastic.co' },
      { Log: 'noninteractive', ...ELASTIC_8A4D, UserPrincipalName: 'c3813493-bf92-5123-2717-8a8b2979c38b' },
    ],
  },
  // Two SignInLogs records with the same log, Id, times, error code (50140) and no policies: one
  // identity, whatever their user names. Which of the two is kept is not specified.
  'elastic-integrations/test-signinlogs.log': {
    summary: { records: 2, inserted: 1, duplicates: 1, rejected: 0, skipped: 0, logs: { interactive: 1, noninteractive: 0 } },
    rows: [{ Log: 'interactive', ...ELASTIC_8A4D, UserPrincipalName: '(either)' }],
  },
  'elastic-integrations/test-non-interactive-user.log': {
    summary: { records: 1, inserted: 1, duplicates: 0, rejected: 0, skipped: 0, logs: { interactive: 0, noninteractive: 1 } },
    rows: [{ Log: 'noninteractive', Id: '22222222-fb7b-4f83-bf74-3876f9ef3900', TimeGenerated: '2021-07-30 11:20:59.778916', CreatedDateTime: '2021-07-30 11:20:59.778916', UserPrincipalName: 'hello.world@company.de', AppDisplayName: 'Microsoft Teams', Policies: 9 }],
  },
  'elastic-integrations/test-non-interactive-user-signin.log': {
    summary: { records: 1, inserted: 1, duplicates: 0, rejected: 0, skipped: 0, logs: { interactive: 0, noninteractive: 1 } },
    rows: [{ Log: 'noninteractive', Id: '088b4409-9e63-425d-b777-2c8c6c380b00', TimeGenerated: '2022-03-17 09:44:46.309742', CreatedDateTime: '2022-03-17 09:44:46.309742', UserPrincipalName: 'nikhita.sethi@cyberfortgroup.com', AppDisplayName: 'Microsoft Edge Enterprise New Tab Page', Policies: 12 }],
  },
  // Azure's key order (`time` first).
  'elastic-integrations/test-signinlogs-sample.log': {
    summary: { records: 2, inserted: 2, duplicates: 0, rejected: 0, skipped: 0, logs: { interactive: 2, noninteractive: 0 } },
    rows: [
      { Log: 'interactive', Id: '933f20c0-efdf-477f-9586-e5cc566d2e00', TimeGenerated: '2022-01-24 05:10:08.681666', CreatedDateTime: '2022-01-24 05:10:08.681666', UserPrincipalName: 'mpliftrelastic20210901@outlook.com', AppDisplayName: 'Azure Portal', Policies: 0 },
      { Log: 'interactive', Id: '933f20c0-efdf-477f-9586-e5cc676f2e00', TimeGenerated: '2022-01-24 05:10:12.244422', CreatedDateTime: '2022-01-24 05:10:12.244422', UserPrincipalName: 'mpliftrelastic20210901@outlook.com', AppDisplayName: 'Azure Portal', Policies: 0 },
    ],
  },
  // The second record has no createdDateTime: stored, with CreatedDateTime NULL.
  'elastic-integrations/test-created-datetime-timestamp.log': {
    summary: { records: 2, inserted: 2, duplicates: 0, rejected: 0, skipped: 0, logs: { interactive: 2, noninteractive: 0 } },
    rows: [
      { Log: 'interactive', Id: 'aaaa1111-0000-0000-0000-000000000002', TimeGenerated: '2026-07-10 20:03:31.273742', CreatedDateTime: '2026-07-10 20:01:51.924876', UserPrincipalName: 'testuser@example.com', AppDisplayName: 'Test App', Policies: 'absent' },
      { Log: 'interactive', Id: 'bbbb2222-0000-0000-0000-000000000002', TimeGenerated: '2026-07-10 20:03:31.273742', CreatedDateTime: null, UserPrincipalName: 'testuser2@example.com', AppDisplayName: 'Test App', Policies: 'absent' },
    ],
  },
  // signInEventTypes ["interactiveUser"] and isInteractive true: only the envelope category
  // ADFSSignInLogs says it is another log. `time` is "12/12/2025 3:03:58 PM".
  'elastic-integrations/test-adfs-signin.log': skippedOnly(1),
  'elastic-integrations/test-alternative-time-and-duration-as-string.log': skippedOnly(1),
  // PascalCase envelope (`Category`: ServicePrincipalSignInLogs), no `properties`.
  'elastic-integrations/test-invalid-time.log': skippedOnly(1),
  // Eleven stubs with `time` and `category: SignInLogs` only: no Id, no user, no app.
  'elastic-integrations/test-time-formats-corner-cases.log': { refused: 'not a sign-in log' },
  // One pretty-printed record; isInteractive false, category SignInLogs.
  'elastic-beats/signin_log.json': {
    summary: { records: 1, inserted: 1, duplicates: 0, rejected: 0, skipped: 0, logs: { interactive: 1, noninteractive: 0 } },
    rows: [{ Log: 'interactive', Id: '2a7e2503-d7e2-405a-a84c-c333b9f7cb73', TimeGenerated: '2019-10-04 10:47:34.594965', CreatedDateTime: '2019-10-04 10:47:34.594965', UserPrincipalName: 'test_test@elastic.co', AppDisplayName: 'Microsoft Office Web Apps Service', Policies: 3 }],
  },
  'elastic-beats/signinlogs_ipv6.log': {
    summary: { records: 1, inserted: 1, duplicates: 0, rejected: 0, skipped: 0, logs: { interactive: 1, noninteractive: 0 } },
    rows: [{ Log: 'interactive', Id: 'd0d7fbc7-c57d-4081-8946-137c539c16cd', TimeGenerated: '2022-12-28 13:08:01.152918', CreatedDateTime: '2022-12-28 13:08:01.152918', UserPrincipalName: 'user@company.tld', AppDisplayName: 'Windows Sign In', Policies: 0 }],
  },
  // Log Analytics REST API response, no extension: two rows with Type AzureActivity.
  'wazuh/log_analytics_events': skippedOnly(2),
  // Graph directoryAudits page, no extension; the second record has createdDateTime instead of
  // activityDateTime (category Authorization).
  'wazuh/graph_events': skippedOnly(2),
  // Portal CSV, Type AuditLogs.
  'sentinel-training-lab/AuditLogs_Hunting.csv': skippedOnly(5),
  // Portal CSV of a summarize over SigninLogs: Type SigninLogs, but no Id and no TimeGenerated.
  'sentinel-training-lab/signinLogs.csv': { refused: 'not a sign-in log' },
};

const ROW_SQL = `SELECT Log, Id, TimeGenerated, CreatedDateTime, UserPrincipalName, AppDisplayName,
  len(ConditionalAccessPolicies)::INTEGER AS Policies FROM signins ORDER BY Log, Id, UserPrincipalName`;

async function storedRows(db: string): Promise<Record<string, unknown>[]> {
  return queryDb(db, ROW_SQL);
}

function assertRows(actual: Record<string, unknown>[], expected: readonly Row[], label: string): void {
  assert.equal(actual.length, expected.length, `${label}: rows stored: ${JSON.stringify(actual)}`);
  for (const [i, row] of expected.entries()) {
    const { UserPrincipalName, Policies, ...rest } = row;
    const { UserPrincipalName: actualUpn, Policies: actualPolicies, ...actualRest } = actual[i]!;
    assert.deepEqual(actualRest, rest, `${label}: row ${i + 1}`);
    if (Policies === 'absent') assert.ok(actualPolicies === null || actualPolicies === 0, `${label}: row ${i + 1} has no policies`);
    else assert.equal(actualPolicies, Policies, `${label}: row ${i + 1} policies`);
    if (UserPrincipalName !== '(either)') assert.equal(actualUpn, UserPrincipalName, `${label}: row ${i + 1} UserPrincipalName`);
    else assert.ok(['test@elastic.co', 'c3813493-bf92-5123-2717-8a8b2979c38b'].includes(String(actualUpn)), `${label}: one of the two records`);
  }
}

/** A database holding one hand-made sign-in, and a way to see that a run left it as it was. */
async function seededDb(dir: string): Promise<{ db: string; snapshot: () => Promise<unknown> }> {
  const db = join(dir, 'seed.duckdb');
  const seed = join(dir, 'seed.json');
  const record = {
    time: '2026-11-20T10:00:00.0000000Z',
    category: 'NonInteractiveUserSignInLogs',
    properties: { id: 'seed-1', createdDateTime: '2026-11-20T09:59:00.0000000+00:00', userPrincipalName: 'a@x', appDisplayName: 'Outlook', resourceDisplayName: 'Office 365 Exchange Online', appliedConditionalAccessPolicies: [] },
  };
  writeFileSync(seed, JSON.stringify(record) + '\n');
  const result = await runCli(['ingest', seed, '--db', db, '--quiet']);
  assert.equal(result.code, 0, result.stderr);
  const snapshot = () => queryDb(db, 'SELECT (SELECT count(*) FROM signins) AS signins, (SELECT count(*) FROM ingest_runs) AS runs, (SELECT list(Id ORDER BY Id) FROM signins) AS ids');
  return { db, snapshot };
}

/** The data files under `prefix` (a folder of the fixtures, or '' for all), copied into a fresh tree. */
function copyTree(prefix: string): { dir: string; files: string[] } {
  const dir = join(tempDir(), 'exports');
  const files = DATA_FILES.filter((f) => f.startsWith(prefix)).sort();
  for (const file of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(REALDATA, file), join(dir, file));
  }
  return { dir, files };
}

describe('the copies', () => {
  test('are the files of the shared list, byte for byte, and nothing else', () => {
    for (const [file, sha] of Object.entries(SHA256)) {
      assert.equal(createHash('sha256').update(readFileSync(join(REALDATA, file))).digest('hex'), sha, file);
    }
    const present = readdirSync(REALDATA, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath ?? e.path, e.name).slice(REALDATA.length + 1))
      .filter((f) => !NOT_EXPORTS.test(f))
      .sort();
    assert.deepEqual(present, [...DATA_FILES].sort(), 'every data file has an expected outcome');
    assert.deepEqual(Object.keys(OUTCOMES).sort(), [...DATA_FILES].sort());
  });
});

describe('each real file alone', () => {
  for (const [file, outcome] of Object.entries(OUTCOMES)) {
    test(file, async () => {
      const path = join(REALDATA, file);
      if ('refused' in outcome) {
        const { db, snapshot } = await seededDb(tempDir());
        const before = await snapshot();
        assertOneLineError(await runCli(['ingest', path, '--db', db]), 2, file.split('/').pop()!, outcome.refused);
        assert.deepEqual(await snapshot(), before, 'the database is unchanged');
        return;
      }
      const db = join(tempDir(), 'a.duckdb');
      const result = await runCli(['ingest', path, '--db', db, '--json']);
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(JSON.parse(result.stdout), { files: 1, ...outcome.summary });
      assertRows(await storedRows(db), outcome.rows, file);
      if (outcome.rows.length > 0) {
        const sources = await queryDb(db, 'SELECT DISTINCT SourceFile FROM signins');
        assert.deepEqual(sources, [{ SourceFile: path }]);
      }
    });
  }
});

/** What each folder gives with --skip-invalid; `refused` is the first file a plain run refuses. */
interface FolderOutcome {
  readonly summary: Summary;
  readonly refused?: string;
  readonly rejectedFiles?: readonly string[];
}

const FOLDERS: Record<string, FolderOutcome> = {
  // 494 + 28 + 123 records, all of other categories.
  'extractor-suite/': { summary: { files: 3, records: 645, inserted: 0, duplicates: 0, rejected: 0, skipped: 645, logs: { interactive: 0, noninteractive: 0 } } },
  // Only *.log files. Read: raw 5 + test-signinlogs 2 + 1 + 1 + 2 + 2 + adfs 1 + service principal 1
  // + invalid-time 1 = 16 records. The SignInLogs record of test-signinlogs-raw and both records of
  // test-signinlogs are one identity: 1 stored, 2 duplicates. Stored: interactive 1 + 2 + 2 = 5,
  // non-interactive 1 + 1 + 1 = 3. Skipped: 3 + 1 + 1 + 1 = 6. Rejected: the time-formats stubs.
  'elastic-integrations/': {
    summary: { files: 10, records: 16, inserted: 8, duplicates: 2, rejected: 1, skipped: 6, logs: { interactive: 5, noninteractive: 3 } },
    refused: 'elastic-integrations/test-time-formats-corner-cases.log',
    rejectedFiles: ['elastic-integrations/test-time-formats-corner-cases.log'],
  },
  'elastic-beats/': { summary: { files: 2, records: 2, inserted: 2, duplicates: 0, rejected: 0, skipped: 0, logs: { interactive: 2, noninteractive: 0 } } },
  // Only files without an extension: still a folder of exports.
  'wazuh/': { summary: { files: 2, records: 4, inserted: 0, duplicates: 0, rejected: 0, skipped: 4, logs: { interactive: 0, noninteractive: 0 } } },
  'sentinel-training-lab/': {
    summary: { files: 2, records: 5, inserted: 0, duplicates: 0, rejected: 1, skipped: 5, logs: { interactive: 0, noninteractive: 0 } },
    refused: 'sentinel-training-lab/signinLogs.csv',
    rejectedFiles: ['sentinel-training-lab/signinLogs.csv'],
  },
  // Everything: 645 + 16 + 2 + 4 + 5 = 672 records read; 8 + 2 stored (interactive 5 + 2,
  // non-interactive 3); the 2 duplicates of elastic-integrations; 645 + 6 + 4 + 5 = 660 skipped.
  // No Id is shared across sources. First refused in path order: elastic-beats/ refuses nothing.
  '': {
    summary: { files: 19, records: 672, inserted: 10, duplicates: 2, rejected: 2, skipped: 660, logs: { interactive: 7, noninteractive: 3 } },
    refused: 'elastic-integrations/test-time-formats-corner-cases.log',
    rejectedFiles: ['elastic-integrations/test-time-formats-corner-cases.log', 'sentinel-training-lab/signinLogs.csv'],
  },
};

/** The (Log, Id) pairs a folder stores: those of its files' expected rows, once each. */
function expectedKeys(files: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const file of files) {
    const outcome = OUTCOMES[file]!;
    if (!('refused' in outcome)) for (const row of outcome.rows) keys.add(`${row.Log} ${row.Id}`);
  }
  return [...keys].sort();
}

describe('the real files as folders', () => {
  for (const [prefix, expected] of Object.entries(FOLDERS)) {
    const name = prefix || 'all five sources in one tree';

    if (expected.refused) {
      test(`${name}: refused without --skip-invalid, naming the first refused file; the database unchanged`, async () => {
        const { dir } = copyTree(prefix);
        const { db, snapshot } = await seededDb(tempDir());
        const before = await snapshot();
        assertOneLineError(await runCli(['ingest', dir, '--db', db]), 2, join(dir, expected.refused!), 'not a sign-in log');
        assert.deepEqual(await snapshot(), before, 'the database is unchanged');
      });
    }

    test(`${name}: ${expected.refused ? 'with --skip-invalid, ' : ''}the good files stored, totals worked out from the data`, async () => {
      const { dir, files } = copyTree(prefix);
      const db = join(tempDir(), 'a.duckdb');
      const rejects = join(tempDir(), 'rejects.ndjson');
      const args = ['ingest', dir, '--db', db, '--json', ...(expected.refused ? ['--skip-invalid', '--rejects', rejects] : [])];
      const result = await runCli(args);
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(JSON.parse(result.stdout), expected.summary);
      const keys = await queryDb(db, `SELECT Log || ' ' || Id AS key FROM signins ORDER BY key`);
      assert.deepEqual(keys.map((k) => k.key), expectedKeys(files), 'one row per stored identity, none of other categories');
      if (expected.rejectedFiles) {
        const lines = readFileSync(rejects, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line));
        assert.deepEqual(lines.map((l) => l.file), expected.rejectedFiles.map((f) => join(dir, f)), 'one --rejects line per refused file');
        for (const line of lines) assert.match(line.reason, /not a sign-in log/);
      }
      const again = await runCli(['ingest', dir, '--db', db, '--json', ...(expected.refused ? ['--skip-invalid'] : [])]);
      assert.equal(again.code, 0, again.stderr);
      const second = JSON.parse(again.stdout);
      assert.deepEqual([second.inserted, second.duplicates], [0, expected.summary.inserted + expected.summary.duplicates], 'a second run stores nothing new');
    });
  }
});

describe('reports over real files', () => {
  // None of the files holds a token protection policy, so there is nothing to count: an empty
  // table. The note on stderr says the sign-in was read (today's wording: "(1 sign-ins, …").
  test('report apps on a file of sorted-key records', async () => {
    const result = await runCli(['report', 'apps', join(REALDATA, 'elastic-integrations/test-non-interactive-user-signin.log'), '--all-time', '--all-resources', '-f', 'json']);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), []);
    assert.match(result.stderr, /\b1 sign-ins?\b/);
  });

  test('report apps from a database holding the whole tree', async () => {
    const { dir } = copyTree('');
    const db = join(tempDir(), 'a.duckdb');
    const ingest = await runCli(['ingest', dir, '--db', db, '--skip-invalid', '--quiet']);
    assert.equal(ingest.code, 0, ingest.stderr);
    assert.deepEqual(await queryDb(db, 'SELECT count(*)::INTEGER AS n FROM signins'), [{ n: 10 }]);
    const result = await runCli(['report', 'apps', '--db', db, '--all-time', '--all-resources', '-f', 'json']);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), []);
  });
});
