import { readFileSync } from 'node:fs';
import type { DuckDBConnection, DuckDBType, DuckDBValue } from '@duckdb/node-api';
import { LIST, STRUCT, VARCHAR, listValue, structValue } from './duckdb.js';
import { queriesPath } from './project-path.js';
import type { Cell, Column, ResultTable } from './result.js';

/** A STRUCT of string lists, each NULL when not given: a report's policy selection. */
export interface StructParam {
  readonly [field: string]: readonly string[] | null;
}

/** A value an option can give a query: scalars, a list of strings, or a struct of such lists. */
export type Param = string | number | boolean | null | readonly string[] | StructParam;
export type Params = Readonly<Record<string, Param>>;

const cache = new Map<string, string>();

/** The text of queries/<name>.sql. */
export function readQuery(name: string): string {
  let sql = cache.get(name);
  if (sql === undefined) {
    sql = readFileSync(queriesPath(`${name}.sql`), 'utf8');
    cache.set(name, sql);
  }
  return sql;
}

const STRINGS = LIST(VARCHAR);

/** The value bound, and its type where DuckDB cannot tell it from the value (an empty list, a NULL field). */
function toDuckDB(value: Param): { value: DuckDBValue; type?: DuckDBType } {
  if (Array.isArray(value)) return { value: listValue([...(value as readonly string[])]), type: STRINGS };
  if (value !== null && typeof value === 'object') {
    const fields = Object.entries(value as StructParam);
    return {
      value: structValue(Object.fromEntries(fields.map(([name, list]) => [name, list === null ? null : listValue([...list])]))),
      type: STRUCT(Object.fromEntries(fields.map(([name]) => [name, STRINGS]))),
    };
  }
  return { value: value as DuckDBValue };
}

function toCell(value: unknown, type: string): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return type === 'DATE' ? value.toISOString().slice(0, 10) : value.toISOString();
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
}

/**
 * Runs queries/<name>.sql with exactly the $names it declares bound from params.
 * A $name that no option sets is our bug, reported with the file and the name.
 */
export async function runQuery(connection: DuckDBConnection, name: string, params: Params = {}): Promise<ResultTable> {
  return runStatement(connection, { sql: readQuery(name), from: `queries/${name}.sql` }, params);
}

/** A statement put together from queries/ files (see stageStatement), named by them in our bugs' messages. */
export interface Statement {
  readonly sql: string;
  readonly from: string;
}

/** Runs a statement with exactly the $names it declares bound from params (as runQuery does for one file). */
export async function runStatement(connection: DuckDBConnection, statement: Statement, params: Params = {}): Promise<ResultTable> {
  const prepared = await connection.prepare(statement.sql).catch((error: unknown) => {
    // The SQL itself is wrong: our bug, named by its file.
    throw new Error(`${statement.from}: ${error instanceof Error ? error.message : String(error)}`);
  });
  try {
    const names = Array.from({ length: prepared.parameterCount }, (_, i) => prepared.parameterName(i + 1));
    const missing = names.filter((n) => !(n in params));
    if (missing.length > 0) throw new Error(`${statement.from} uses $${missing.join(', $')} but no option sets it`);
    if (names.length > 0) {
      const bound = names.map((n) => [n, toDuckDB(params[n]!)] as const);
      prepared.bind(
        Object.fromEntries(bound.map(([n, b]) => [n, b.value])),
        Object.fromEntries(bound.map(([n, b]) => [n, b.type])),
      );
    }
    const reader = await prepared.runAndReadAll();
    const types = reader.columnTypes().map(String);
    const columns: Column[] = reader.columnNames().map((columnName, i) => ({ name: columnName, type: types[i]! }));
    return { columns, rows: reader.getRowsJS().map((row) => row.map((value, i) => toCell(value, types[i]!))) };
  } finally {
    prepared.destroySync();
  }
}

/** Runs a file of several statements that take no parameters (macros, schema steps). */
export async function runScript(connection: DuckDBConnection, name: string): Promise<void> {
  await connection.run(readQuery(name));
}
