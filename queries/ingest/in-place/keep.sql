-- A throw-away database's records stay where they were staged (see signins.sql): of the staged
-- rows, only those store.sql would store are kept, the run's new records (ingest_new).
DELETE FROM ingest_records r
WHERE r.Disposition IS DISTINCT FROM 'ok'
   OR NOT EXISTS (SELECT 1 FROM ingest_new n WHERE n.FileId = r.FileId AND n.Position = r.Position AND n.Item = coalesce(r.Item, 0));
