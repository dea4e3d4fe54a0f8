-- The run's good records that the database does not hold yet (by RecordKey), once each: the first
-- of the run by file, position and item. Decided on the keys alone, so that the wide rows
-- (policies) stream through the store's join instead of being held by a window.
CREATE OR REPLACE TEMP TABLE ingest_new AS
WITH firsts AS (
  SELECT RecordKey, FileId, Position, coalesce(Item, 0) AS Item
  FROM ingest_records
  WHERE Disposition = 'ok'
  QUALIFY row_number() OVER (PARTITION BY RecordKey ORDER BY FileId, Position, coalesce(Item, 0)) = 1
)
SELECT * FROM firsts f
WHERE NOT EXISTS (SELECT 1 FROM signins s WHERE s.RecordKey = f.RecordKey);
