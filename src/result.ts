/** The one contract between computing and formatting. */
export type Cell = string | number | boolean | null;

export interface Column {
  readonly name: string;
  /** DuckDB type name, e.g. 'VARCHAR', 'INTEGER', 'DOUBLE', 'TIMESTAMP'. */
  readonly type: string;
}

export interface ResultTable {
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly Cell[])[];
}
