-- A private, in-memory table of the stored table's shape, for export files read beside a
-- read-only database: ingest writes here and the reports read both.
CREATE TEMP TABLE signins AS SELECT * FROM query_table($stored) LIMIT 0;
