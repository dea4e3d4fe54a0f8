import { readdirSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { IN_MEMORY } from './db.js';
import { listValue } from './duckdb.js';
import { UserError } from './errors.js';
import { readQuery, runScript } from './queries.js';
import { queriesPath } from './project-path.js';
import { withTransaction } from './transaction.js';

/** queries/schema/NNN-*.sql, in order; the highest NNN is the version this build writes. */
function migrations(): { version: number; name: string }[] {
  return readdirSync(queriesPath('schema/'))
    .filter((file) => /^\d{3}-.*\.sql$/.test(file))
    .sort()
    .map((file) => ({ version: Number(file.slice(0, 3)), name: `schema/${file.slice(0, -4)}` }));
}

export const SCHEMA_VERSION = Math.max(...migrations().map((m) => m.version));

async function scalar(connection: DuckDBConnection, name: string): Promise<number | null> {
  const value = (await connection.runAndReadAll(readQuery(name))).getRowsJS()[0]?.[0];
  return value === null || value === undefined ? null : Number(value);
}

/** 0 for a new database; the recorded version; or an error for a database that is not ours. */
async function currentVersion(connection: DuckDBConnection, path: string): Promise<number> {
  const state = await scalar(connection, 'schema/version');
  if (state === null) {
    throw new UserError(`${path}: not a signin-audit database (it holds other tables)`, {
      hint: 'choose a new file name for --db',
    });
  }
  return state === -1 ? ((await scalar(connection, 'schema/recorded-version')) ?? 0) : state;
}

/**
 * Brings the database to SCHEMA_VERSION, each step in a transaction of its own (DuckDB cannot
 * commit a transaction that alters a table it also updated: migration 003 fills columns, 004
 * drops one), and refuses one written by a newer signin-audit. Call it outside a transaction: an
 * upgrade is lossless, so it stands even when the work after it fails. Returns the version found
 * before migrating.
 */
export async function migrate(connection: DuckDBConnection, path: string): Promise<number> {
  // A new in-memory database holds nothing to look at.
  const found = path === IN_MEMORY ? 0 : await currentVersion(connection, path);
  if (found > SCHEMA_VERSION) {
    throw new UserError(`${path}: database schema version ${found} is newer than this signin-audit understands (${SCHEMA_VERSION})`, {
      hint: 'upgrade signin-audit (npm install signin-audit@latest)',
    });
  }
  const steps = migrations().filter((m) => m.version > found);
  if (found === 0) {
    // A new database (every direct report's): all steps at once, as one script and one
    // transaction; the tables are empty, so no step alters a table another updated.
    await withTransaction(connection, async () => {
      await connection.run(steps.map((step) => readQuery(step.name)).join('\n'));
      await connection.run(readQuery('schema/record-versions'), { versions: listValue(steps.map((step) => step.version)) });
    });
    return found;
  }
  for (const step of steps) {
    await withTransaction(connection, async () => {
      await runScript(connection, step.name);
      await connection.run(readQuery('schema/record-version'), { version: step.version });
    });
  }
  return found;
}

/** For readers: the database must exist and be of a version this build can read. Returns that version. */
export async function checkReadable(connection: DuckDBConnection, path: string): Promise<number> {
  const found = await currentVersion(connection, path);
  if (found === 0) {
    throw new UserError(`${path}: not a signin-audit database (no sign-ins were ingested into it)`, {
      hint: 'create it with "signin-audit ingest <files> --db ' + path + '"',
    });
  }
  if (found > SCHEMA_VERSION) {
    throw new UserError(`${path}: database schema version ${found} is newer than this signin-audit understands (${SCHEMA_VERSION})`, {
      hint: 'upgrade signin-audit (npm install signin-audit@latest)',
    });
  }
  return found;
}
