-- Stages the run's records, every group of files in one statement. `reads` (FileId, Ord, Item and
-- each record's fields f) is put together by stageStatement() in src/ingest/plan.ts:
--   WITH camel_reads AS NOT MATERIALIZED (<read> UNION ALL BY NAME <read> …),
--        pascal_reads AS NOT MATERIALIZED (…),   (AS MATERIALIZED for a small run: gathersReads)
--        reads AS NOT MATERIALIZED ((<fields.camel.sql>) UNION ALL BY NAME (<fields.pascal.sql>))
--   <this statement>
-- from the reads of queries/ingest/read/ (one per group of files, each with its parameters
-- numbered: $read_paths_1, $format_1, …), for the spellings the run has. DuckDB plans the steps of
-- queries/ingest/macros.sql once for all the groups (planning, not reading, is most of the time
-- of a run over small files) and keeps the order of the reads and of each read's rows. Each step
-- is in a projection of its own so that each is computed once per record. Columns a read gives
-- besides its record (RecordText of read/tables.sql) go to ingest_records as they are.
INSERT INTO ingest_records BY NAME
SELECT * EXCLUDE (row), row.*
FROM (
  SELECT * EXCLUDE (s), signin_row(s, $all_policies) AS row
  FROM (
    SELECT * EXCLUDE (f), typed_signin(f, $as) AS s
    FROM reads
  )
);
