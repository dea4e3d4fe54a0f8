-- Stores the records of ingest_new (new-keys.sql), with where each came from.
INSERT INTO signins BY NAME
SELECT r.* EXCLUDE (FileId, Ord, Item, Position, Disposition, Reason, RecordText),
       f.Path AS SourceFile, f.Format AS SourceFormat,
       source_position(f.PositionUnit, r.Position, r.Item) AS SourcePosition,
       $run AS IngestRun
FROM ingest_records r
SEMI JOIN ingest_new n ON n.FileId = r.FileId AND n.Position = r.Position AND n.Item = coalesce(r.Item, 0)
JOIN ingest_files f ON f.FileId = r.FileId
WHERE r.Disposition = 'ok';
