// The HTML page (signin-audit html, report/audit --format html), opened in headless Chromium:
// Debian's chromium driven by playwright-core. .ci/run installs it; where it is missing the tests
// are skipped locally and fail under CI, so CI can never pass without running them.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { SAMPLES, assertOneLineError, runCli, tempDir } from './helpers.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasBrowser = existsSync(CHROMIUM);
if (!hasBrowser && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium package`);
const skip = hasBrowser ? false : `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;

/**
 * A test that needs the browser. Skipped one by one, not as a suite, so that the runner's summary
 * counts them as skipped (a skipped suite counts as nothing).
 */
const browserTest = (name: string, fn: () => void | Promise<void>) => test(name, { skip }, fn);

interface Opened {
  readonly page: Page;
  readonly errors: string[];
  /** Every request but the page's own file. */
  readonly requests: string[];
}

let browser: Browser | undefined;

before(async () => {
  if (!hasBrowser) return;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    // As root in a container, with a closed network: no sandbox, no background connections.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});
after(async () => browser?.close());

async function open(file: string): Promise<Opened> {
  const page = await browser!.newPage({ viewport: { width: 1200, height: 900 } });
  const errors: string[] = [];
  const requests: string[] = [];
  const url = pathToFileURL(file).href;
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => {
    if (request.url() !== url) requests.push(request.url());
  });
  await page.goto(url);
  return { page, errors, requests };
}

const reports = new Map<string, Promise<Record<string, unknown>[]>>();

/** A report's rows as JSON, computed once per test file. */
function json(args: readonly string[]): Promise<Record<string, unknown>[]> {
  const key = args.join('\0');
  if (!reports.has(key)) {
    reports.set(
      key,
      runCli([...args, '--format', 'json', '--quiet']).then((result) => {
        assert.equal(result.code, 0, result.stderr);
        return JSON.parse(result.stdout) as Record<string, unknown>[];
      }),
    );
  }
  return reports.get(key)!;
}

const bodyRows = (page: Page, table: string) => page.locator(`table#${table} > tbody > tr`);

describe('signin-audit html on sample-logs/', () => {
  const dir = tempDir();
  const file = join(dir, 'report.html');
  let opened: Opened;
  let apps: Record<string, unknown>[];

  before(async () => {
    if (!hasBrowser) return;
    const result = await runCli(['html', SAMPLES, '--output', file, '--quiet']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, '', 'the page goes to the file, nothing to stdout');
    apps = await json(['report', 'apps', SAMPLES]);
    opened = await open(file);
  });

  browserTest('opens without console errors and without any network request', () => {
    assert.deepEqual(opened.errors, []);
    assert.deepEqual(opened.requests, []);
  });

  browserTest('is self-contained: no external URL in src or href, a policy forbidding network access', async () => {
    const html = await readFile(file, 'utf8');
    assert.doesNotMatch(html, /\s(src|href)="(https?:)?\/\//);
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  });

  browserTest('the header names tenant, window, logs, resources, semantics and coverage', async () => {
    const scope = await opened.page.locator('header dl.scope').innerText();
    for (const label of ['Tenant', 'Window', 'Logs', 'Resources', 'Semantics', 'Coverage']) assert.match(scope, new RegExp(label));
    assert.match(scope, /\d+ sign-ins, \d+ with CA policies, \d+ with token protection status/);
    assert.equal(await opened.page.locator('header p.warning').count(), 0, 'the samples carry the policies: no warning');
    assert.match(scope, /4f1c2a7e-5b7d-4c1e-9a53-2d8e6b0f9c31/);
    assert.match(scope, /Office 365 Exchange Online, Office 365 SharePoint Online/);
    assert.match(scope, /corrected/);
  });

  browserTest('the headline figures are the totals of the apps report and the readiness report', async () => {
    const readiness = await json(['report', 'readiness', SAMPLES]);
    const requests = apps.reduce((n, row) => n + Number(row.Requests), 0);
    const allow = apps.reduce((n, row) => n + Number(row.Allow), 0);
    const selfRemediable = apps.reduce((n, row) => n + Number(row.BlockSelfRemediable), 0);
    const figures = await opened.page.locator('ul.figures li .value').allInnerTexts();
    assert.equal(figures[0], String(requests));
    assert.equal(figures[1], `${((100 * allow) / requests).toFixed(2)}%`);
    assert.equal(figures[2], `${((100 * (allow + selfRemediable)) / requests).toFixed(2)}%`, 'enforceable, beside allowed');
    assert.ok(selfRemediable > 0, 'the samples have self-remediable blocks');
    const ready = readiness.filter((row) => row.Status === 'ready').length;
    const afterUpgrade = readiness.filter((row) => row.Status === 'ready-after-upgrade').length;
    assert.equal(figures[4], `${ready} of ${readiness.length}`);
    assert.equal(figures[5], `${afterUpgrade} of ${readiness.length}`);
    assert.equal(await bodyRows(opened.page, 'readiness').count(), readiness.length);
  });

  browserTest('the apps chart has one Allow and one Block bar per app that has any, in the report order', async () => {
    const expected = apps.reduce((n, row) => n + (Number(row.Allow) > 0 ? 1 : 0) + (Number(row.Block) > 0 ? 1 : 0), 0);
    const bars = opened.page.locator('#apps-chart g[aria-label="bar"] rect');
    assert.equal(await bars.count(), expected);
    const titles = await opened.page.locator('#apps-chart g[aria-label="bar"] rect title').allTextContents();
    const first = apps[0]!;
    assert.ok(titles.includes(`${String(first.AppDisplayName)}: ${String(first.Block)} Block of ${String(first.Requests)} requests`), titles.join('\n'));
    const labels = await opened.page.locator('#apps-chart g[aria-label="y-axis tick label"] text').allTextContents();
    assert.deepEqual(labels, apps.map((row) => String(row.AppDisplayName).replace(/^(.{33}).+$/, '$1…')));
    assert.equal(await opened.page.locator('#apps-chart svg[aria-label]').getAttribute('aria-label'), 'Allow and Block requests per app');
  });

  browserTest('the trend chart draws the overall line and one per top app, with the days of the trend report', async () => {
    const trend = await json(['report', 'trend', SAMPLES]);
    const lines = opened.page.locator('#trend-chart g[aria-label="line"] path');
    assert.equal(await lines.count(), 1 + Math.min(5, apps.length));
    assert.equal(await bodyRows(opened.page, 'trend').count(), trend.length);
    const dots = await opened.page.locator('#trend-chart g[aria-label="dot"] circle').count();
    assert.ok(dots >= trend.filter((row) => row.PctAllowed !== null).length, `${dots} dots`);
  });

  browserTest('the tables hold the rows of the apps, users and blockers reports', async () => {
    const users = await json(['report', 'users', SAMPLES]);
    const blockers = await json(['report', 'blockers', SAMPLES]);
    assert.equal(await bodyRows(opened.page, 'apps').count(), apps.length);
    assert.equal(await bodyRows(opened.page, 'users').count(), users.length);
    assert.equal(await bodyRows(opened.page, 'blockers').count(), blockers.length);
    const blockerHeads = await opened.page.locator('table#blockers thead th').allInnerTexts();
    assert.deepEqual(blockerHeads.map((h) => h.trim()).slice(-3), ['Explanation', 'SelfRemediable', 'Action'], 'blockers by cause and action');
    const appHeads = (await opened.page.locator('table#apps thead th').allInnerTexts()).map((h) => h.trim());
    assert.ok(appHeads.includes('PctEnforceable') && appHeads.includes('PctAllowed'));
    const firstApp = await bodyRows(opened.page, 'apps').first().locator('td').allInnerTexts();
    assert.deepEqual(firstApp.slice(0, 3), [String(apps[0]!.AppDisplayName), String(apps[0]!.Requests), String(apps[0]!.Users)]);
  });

  browserTest('the users table sorts by a column and filters by text', async () => {
    const page = opened.page;
    const users = await json(['report', 'users', SAMPLES]);
    await page.locator('table#users th button', { hasText: /^Requests$/ }).click();
    await page.locator('table#users th button', { hasText: /^Requests$/ }).click();
    const requestsAt = Object.keys(users[0]!).indexOf('Requests');
    const shown = await bodyRows(page, 'users').locator(`td:nth-child(${requestsAt + 1})`).allInnerTexts();
    assert.deepEqual(shown.map(Number), users.map((row) => Number(row.Requests)).sort((a, b) => b - a));
    assert.equal(await page.locator('table#users th[aria-sort="descending"]').innerText(), 'Requests');
    const someone = String(users[0]!.UserPrincipalName);
    await page.locator('label.filter input[aria-controls="users"]').fill(someone);
    const visible = await page.locator('table#users > tbody > tr:visible').count();
    assert.equal(visible, users.filter((row) => String(row.UserPrincipalName).includes(someone)).length);
    assert.match(await page.locator('table#users caption .count').innerText(), new RegExp(`\\(${visible} of ${users.length} rows\\)`));
  });

  browserTest('without script the tables are still plain, complete HTML', async () => {
    const context = await browser!.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(pathToFileURL(file).href);
    assert.equal(await bodyRows(page, 'apps').count(), apps.length);
    assert.equal(await page.locator('label.filter').count(), 0);
    await context.close();
  });
});

describe('names from the logs are text, never markup', () => {
  browserTest('an app and a user named with <script> and an <img onerror> show as text and run nothing', async () => {
    const dir = tempDir();
    const source = await readFile(join(SAMPLES, 'log-analytics', 'AADNonInteractiveUserSignInLogs.json'), 'utf8');
    const evilApp = '<script>window.__pwned = 1</script>';
    const evilUser = '<img src=x onerror="window.__pwned = 2">@woodgrovebank.example';
    const edited = source.replaceAll('"AppDisplayName": "Microsoft Teams"', `"AppDisplayName": ${JSON.stringify(evilApp)}`).replace(/"UserPrincipalName": "[^"]+"/, `"UserPrincipalName": ${JSON.stringify(evilUser)}`);
    assert.notEqual(edited, source);
    const input = join(dir, 'AADNonInteractiveUserSignInLogs.json');
    await writeFile(input, edited);
    const file = join(dir, 'evil.html');
    const result = await runCli(['html', input, '--output', file, '--all-time', '--quiet']);
    assert.equal(result.code, 0, result.stderr);
    const opened = await open(file);
    assert.equal(await opened.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.deepEqual(opened.requests, [], 'the <img> is not an image: nothing was fetched');
    assert.deepEqual(opened.errors, []);
    const appCells = await opened.page.locator('table#apps > tbody > tr > td:first-child').allInnerTexts();
    assert.ok(appCells.includes(evilApp), appCells.join('\n'));
    assert.ok((await opened.page.locator('table#users').innerText()).includes(evilUser.toLowerCase()), 'the user cell shows the name as text');
    assert.ok((await opened.page.locator('#apps-chart').textContent())?.includes(evilApp), 'the bar titles name the app in full');
  });
});

describe('coverage on the page', () => {
  browserTest('a warning under the header when most sign-ins carry no Conditional Access policies', async () => {
    const dir = tempDir();
    const input = join(dir, 'stripped.json');
    const record = (i: number) => ({ TimeGenerated: '2026-11-20T08:00:00Z', Id: `s${i}`, UserPrincipalName: 'u@x', AppDisplayName: 'Outlook', ResourceDisplayName: 'Office 365 Exchange Online', Type: 'SigninLogs' });
    await writeFile(input, JSON.stringify([record(1), record(2)]));
    const file = join(dir, 'stripped.html');
    const result = await runCli(['html', input, '--output', file, '--all-time']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /warning: 2 of 2 sign-ins in scope carry no Conditional Access policies/);
    const opened = await open(file);
    assert.match(await opened.page.locator('header p.warning').innerText(), /^Warning: 2 of 2 sign-ins in scope carry no Conditional Access policies/);
    assert.match(await opened.page.locator('header dl.scope').innerText(), /2 sign-ins, 0 with CA policies, 0 with token protection status/);
  });
});

describe('--format html for report and audit', () => {
  const dir = tempDir();

  browserTest('report apps -o apps.html: the format comes from the extension, with the chart and the table', async () => {
    const file = join(dir, 'apps.html');
    const result = await runCli(['report', 'apps', SAMPLES, '-o', file, '--quiet']);
    assert.equal(result.code, 0, result.stderr);
    const apps = await json(['report', 'apps', SAMPLES]);
    const opened = await open(file);
    assert.deepEqual(opened.errors, []);
    assert.equal(await bodyRows(opened.page, 'report').count(), apps.length);
    assert.equal(await opened.page.locator('#apps-chart g[aria-label="bar"] rect').count(), apps.filter((r) => Number(r.Allow) > 0).length + apps.filter((r) => Number(r.Block) > 0).length);
    assert.match(await opened.page.locator('h1').innerText(), /Token protection per app \(corrected semantics\)/);
  });

  browserTest('report users --format html to a pipe writes the page to stdout', async () => {
    const result = await runCli(['report', 'users', SAMPLES, '--format', 'html', '--quiet']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^<!doctype html>/);
    assert.match(result.stdout, /<table id="report" class="sortable" data-filter>/);
  });

  browserTest('audit --format html: the verdict, its checks and the whole page, and the exit code of a failed audit', async () => {
    const file = join(dir, 'audit.html');
    const result = await runCli(['audit', SAMPLES, '--max-block-pct', '5', '--max-blocked-users', '100', '--format', 'html', '-o', file, '--quiet']);
    assert.equal(result.code, 1, 'a failed audit still exits 1');
    const opened = await open(file);
    assert.deepEqual(opened.errors, []);
    assert.match(await opened.page.locator('p.verdict').innerText(), /^FAILED: 1 of 2 checks$/);
    const checks = await bodyRows(opened.page, 'checks').allInnerTexts();
    assert.equal(checks.length, 2);
    assert.match(checks[0]!, /max-block-pct.*FAIL/s);
    assert.match(checks[1]!, /max-blocked-users.*pass/s);
    assert.ok((await opened.page.locator('#apps-chart g[aria-label="bar"] rect').count()) > 0, 'the apps chart is on the audit page');
  });
});

describe('html command errors', () => {
  test('--top-apps must be a whole number from 0 to 7', async () => {
    assertOneLineError(await runCli(['html', SAMPLES, '--top-apps', '-1']), 2, '--top-apps', 'whole number');
    assertOneLineError(await runCli(['html', SAMPLES, '--top-apps', '8']), 2, '--top-apps 8', 'from 0 to 7');
  });

  test('a missing rules file is named before any file is read', async () => {
    assertOneLineError(await runCli(['html', SAMPLES, '--rules', 'no-such-rules.csv']), 2, 'no-such-rules.csv');
  });
});
