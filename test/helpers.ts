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

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly input?: string;
  /** Kill the run (SIGKILL) after this many milliseconds; its code is then null. */
  readonly timeout?: number;
  /** Run as an unprivileged user (nobody), so that file permissions apply even when the tests run as root. */
  readonly unprivileged?: boolean;
}

/** The uid and gid of `nobody`, as tests that need file permissions to apply run the CLI. */
export const NOBODY = 65534;

/** How to start the CLI as nobody: through setpriv when the tests run as root, else as we are. */
function command(args: readonly string[], unprivileged: boolean): [string, string[]] {
  const node: [string, string[]] = [process.execPath, [CLI, ...args]];
  if (!unprivileged || process.getuid?.() !== 0) return node;
  return ['setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', node[0], ...node[1]]];
}

/** Runs the built CLI as a user would, without a terminal. */
export function runCli(args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const [file, argv] = command(args, Boolean(options.unprivileged));
    const child = spawn(file, argv, {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, TZ: 'UTC', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const timer = options.timeout === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), options.timeout);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
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

/** Runs statements against a database file, opened for writing: to make it as another program or version would. */
export async function changeDb(path: string, ...statements: string[]): Promise<void> {
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  try {
    for (const statement of statements) await connection.run(statement);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/**
 * Compares with test/golden/<file>. A test run never writes a golden file: a mismatch or a missing
 * golden file fails and writes <file>.actual beside it, to diff and, when the change is intended,
 * accept with `npm run golden:accept`.
 */
export async function assertGolden(actual: string, file: string): Promise<void> {
  const golden = new URL(`golden/${file}`, import.meta.url);
  const changed = new URL(`golden/${file}.actual`, import.meta.url);
  const expected = await readFile(golden, 'utf8').catch(() => null);
  if (expected === actual) return rm(changed, { force: true });
  await writeFile(changed, actual);
  if (expected === null) assert.fail(`${file}: no golden file; review test/golden/${file}.actual and accept it with npm run golden:accept`);
  assert.fail(`${file} differs from its golden file: diff it with ${file}.actual; accept an intended change with npm run golden:accept`);
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
