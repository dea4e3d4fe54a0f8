-- The run's good records that no table of $sources holds yet (by RecordKey), once each: the first
-- of the run by file, position and item. Decided on the keys alone, so that the wide rows
-- (policies) stream through the store's join instead of being held by a window.
-- $sources: the database's signins, or beside a database that a report only reads, the files'
-- table and the database's; so a record is in one of them at most, which requests_from_records
-- (queries/macros.sql) relies on, and a file read again beside its database adds nothing.
CREATE OR REPLACE TEMP TABLE ingest_new AS
WITH firsts AS (
  SELECT RecordKey, FileId, Position, coalesce(Item, 0) AS Item
  FROM ingest_records
  WHERE Disposition = 'ok'
  QUALIFY row_number() OVER (PARTITION BY RecordKey ORDER BY FileId, Position, coalesce(Item, 0)) = 1
)
SELECT * FROM firsts f
WHERE NOT EXISTS (SELECT 1 FROM query_table($sources) s WHERE s.RecordKey = f.RecordKey);
