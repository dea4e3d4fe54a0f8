/**
 * DuckDB's Node client: types from the package as usual, values from here. The build bundles its
 * JavaScript (181 modules, 0.1 s to load one by one; scripts/build.ts) and leaves its native part,
 * @duckdb/node-bindings, a package required at run time. Only the commands that open a database
 * import this module, lazily, so that --help never loads DuckDB.
 */
export { DuckDBInstance, LIST, STRUCT, VARCHAR, listValue, structValue } from '@duckdb/node-api';
