import { createRequire } from 'node:module';

/**
 * DuckDB's Node client, loaded with require: the package is CommonJS, and importing it from ESM
 * first makes Node scan each of its modules for named exports, about 0.1 s of every run that
 * opens a database (measured: 240 ms by import, 135 ms by require). Types come from the package
 * as usual; values from here.
 */
const duckdb = createRequire(import.meta.url)('@duckdb/node-api') as typeof import('@duckdb/node-api');

export const { DuckDBInstance, LIST, STRUCT, VARCHAR, listValue, structValue } = duckdb;
