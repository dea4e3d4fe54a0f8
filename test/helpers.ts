import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLI = join(ROOT, 'dist', 'cli.js');
export const SAMPLES = join(ROOT, 'sample-logs');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly stdoutBytes: Buffer;
}

/** Runs the built CLI as a user would, without a terminal. */
export function runCli(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, TZ: 'UTC', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const stdoutBytes = Buffer.concat(out);
      resolve({ code, stdout: stdoutBytes.toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), stdoutBytes });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** A temp folder removed after the test file. */
export function tempDir(prefix = 'signin-audit-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Rows of a query against a database file, opened read-only, as JSON-friendly objects. */
export async function queryDb(path: string, sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    await connection.run(`SET TimeZone = 'UTC'`);
    return (await connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Compares with test/golden/<file>; writes it when missing (not under CI) and <file>.actual on a mismatch. */
export async function assertGolden(actual: string, file: string): Promise<void> {
  const golden = new URL(`golden/${file}`, import.meta.url);
  const changed = new URL(`golden/${file}.actual`, import.meta.url);
  const expected = await readFile(golden, 'utf8').catch(() => null);
  if (expected === null && !process.env.CI) return writeFile(golden, actual);
  if (expected === actual) return rm(changed, { force: true });
  await writeFile(changed, actual);
  assert.fail(`${file} differs from its golden file: diff it with ${file}.actual`);
}

/** The one-line user error contract: one line on stderr, with the words expected, no stack trace. */
export function assertOneLineError(result: CliResult, code: number, ...fragments: (string | RegExp)[]): void {
  assert.equal(result.code, code, `exit code; stderr: ${result.stderr}`);
  const lines = result.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line on stderr, got: ${result.stderr}`);
  assert.match(lines[0]!, /^signin-audit: /);
  assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  for (const fragment of fragments) {
    if (typeof fragment === 'string') assert.ok(lines[0]!.includes(fragment), `stderr mentions ${fragment}: ${lines[0]}`);
    else assert.match(lines[0]!, fragment);
  }
}
