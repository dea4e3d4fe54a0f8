-- Stages the run's records, every group of files in one statement: `reads` is the reads of
-- queries/ingest/read/ (one per group, each giving FileId, Ord, Item and the record's fields f),
-- put together by stageStatement() in src/ingest/plan.ts as
--   WITH reads AS NOT MATERIALIZED (<read 1> UNION ALL BY NAME <read 2> …) <this statement>
-- with each read's parameters numbered ($read_paths_1, $format_1, …). DuckDB plans the steps of
-- queries/ingest/macros.sql once for all the groups (planning, not reading, is most of the time of
-- a run over small files) and keeps the order of the reads and of each read's rows. Each step is
-- in a projection of its own so that each is computed once per record.
INSERT INTO ingest_records BY NAME
SELECT FileId, Ord, Item, row.*
FROM (
  SELECT FileId, Ord, Item, signin_row(s, $all_policies) AS row
  FROM (
    SELECT FileId, Ord, Item, typed_signin(f, $as) AS s
    FROM reads
  )
);
