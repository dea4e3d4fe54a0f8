-- The scan alone: DuckDB reading the columns the per-app table needs and counting the records,
-- with nothing computed or built. Context for the reference, which is this plus the table.
SELECT count(*)::INTEGER AS Records FROM records($path);
