-- The fields (f) of camelCase records (diagnostic, Event Hub and Graph exports): camel_fields of
-- queries/ingest/macros.sql over every camelCase read of the run (`camel_reads`, the reads of
-- queries/ingest/read/*.camel.sql put together by stageStatement() in src/ingest/plan.ts), so that
-- DuckDB plans it once however many reads there are. What else a read gives passes through.
SELECT * EXCLUDE (r), camel_fields(r) AS f
FROM camel_reads
