-- Back to DuckDB's default once the bulk writes of queries/session/unordered-writes.sql are done.
RESET preserve_insertion_order;
