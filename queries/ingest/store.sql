-- Stores the run's good records that the database does not hold yet (by RecordKey), once each:
-- the first of the run by file, position and item. The choice is made on the keys alone, so
-- that the wide rows (policies, original record) stream through joins instead of being held by
-- a window: a gigabyte of records stays within the memory limit.
INSERT INTO signins BY NAME
WITH firsts AS (
  SELECT RecordKey, FileId, Pos, coalesce(Item, 0) AS Item
  FROM ingest_records
  WHERE Disposition = 'ok'
  QUALIFY row_number() OVER (PARTITION BY RecordKey ORDER BY FileId, Pos, coalesce(Item, 0)) = 1
), new_firsts AS (
  SELECT * FROM firsts f
  WHERE NOT EXISTS (SELECT 1 FROM signins s WHERE s.RecordKey = f.RecordKey)
)
SELECT r.* EXCLUDE (FileId, Pos, Item, Disposition, Reason)
FROM ingest_records r
SEMI JOIN new_firsts n ON n.FileId = r.FileId AND n.Pos = r.Pos AND n.Item = coalesce(r.Item, 0)
WHERE r.Disposition = 'ok';
