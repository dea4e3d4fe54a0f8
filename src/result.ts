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

/** What a formatter may say about a report besides its rows. */
export interface ReportMeta {
  readonly title: string;
  readonly semantics: string;
  readonly logs: readonly string[];
  /** null: every resource. */
  readonly resources: readonly string[] | null;
  readonly window: string;
  readonly totals: { readonly requests: number; readonly block: number; readonly allow: number };
}
