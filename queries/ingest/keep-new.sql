-- Of the staged rows, only the run's new records are kept (ingest_new: good, and not stored yet),
-- the rows the view of stored-signins.sql turns into signins rows.
DELETE FROM ingest_records r
WHERE r.Disposition IS DISTINCT FROM 'ok'
   OR NOT EXISTS (SELECT 1 FROM ingest_new n WHERE n.FileId = r.FileId AND n.Position = r.Position AND n.Item = coalesce(r.Item, 0));
