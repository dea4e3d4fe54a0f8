// npm run screenshot: the HTML audit page of sample-logs/, rendered by Debian's Chromium into
// docs/report.png for README. Needs /usr/bin/chromium (or CHROMIUM_PATH).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = new URL('..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'signin-audit-screenshot-'));
try {
  const page = join(dir, 'report.html');
  execFileSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'html', join(ROOT, 'sample-logs'), '--output', page, '--quiet'], { stdio: 'inherit' });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const tab = await browser.newPage({ viewport: { width: 1200, height: 1500 }, colorScheme: 'light' });
  await tab.goto(pathToFileURL(page).href);
  await tab.screenshot({ path: join(ROOT, 'docs', 'report.png') });
  await browser.close();
  process.stderr.write('wrote docs/report.png\n');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
