-- The original text of each record stored by this run, from REST API responses: the row as its
-- record, kept by the stage (RecordText, read/tables.sql), for the group's files.
INSERT INTO signin_records
SELECT n.RecordKey, r.RecordText
FROM ingest_records r
JOIN ingest_files f ON f.FileId = r.FileId
JOIN ingest_new n ON n.FileId = r.FileId AND n.Position = r.Position AND n.Item = r.Item
WHERE list_contains($read_paths, f.ReadPath);
