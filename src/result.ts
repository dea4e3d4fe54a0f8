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
  /** A line of totals, e.g. "120 requests, 30 Block, 90 Allow (75.00% allowed)". */
  readonly summary: string;
}
