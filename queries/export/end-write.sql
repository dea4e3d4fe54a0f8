-- Back to DuckDB's default once the export has written its files.
RESET preserve_insertion_order;
