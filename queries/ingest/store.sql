-- Stores the run's good records that the database does not hold yet (by RecordKey), once each.
INSERT INTO signins BY NAME
SELECT * EXCLUDE (FileId, Pos, Item, Disposition, Reason, rn)
FROM (
  SELECT *, row_number() OVER (PARTITION BY RecordKey ORDER BY FileId, Pos, Item) AS rn
  FROM ingest_records
  WHERE Disposition = 'ok'
) incoming
WHERE rn = 1
  AND NOT EXISTS (SELECT 1 FROM signins s WHERE s.RecordKey = incoming.RecordKey);
