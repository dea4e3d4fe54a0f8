// The reference: DuckDB computing the per-app table straight from one file of one known export
// shape, in one hand-written SQL statement (bench/reference-apps.sql over the shape's
// bench/reference-<shape>.sql): no detection, only the fields the table needs, nothing stored.
// What signin-audit costs beyond this is the price of reading any export shape, every field, and
// record identity. Checked against signin-audit's output by bench/run.ts. With --scan, only the
// read and a count (bench/reference-scan.sql).
// Plain JavaScript, started like signin-audit (node, no TypeScript loader), for a fair race.
// Usage: node bench/report-limit.mjs ndjson|array FILE [--scan]
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [shape, path, scan] = process.argv.slice(2);
const sql = (name) => readFileSync(new URL(`reference-${name}.sql`, import.meta.url), 'utf8');
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
try {
  await connection.run(sql(shape));
  const result = await connection.runAndReadAll(sql(scan === '--scan' ? 'scan' : 'apps'), { path });
  process.stdout.write(`${JSON.stringify(result.getRowObjectsJson())}\n`);
} finally {
  connection.closeSync();
  instance.closeSync();
}
