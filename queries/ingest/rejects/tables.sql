-- The original text of the run's records that cannot be stored, from REST API responses, for
-- --rejects: as kept by the stage (RecordText, read/tables.sql), for the group's files.
SELECT r.FileId, r.Position, r.Item, r.RecordText AS Record
FROM ingest_records r
JOIN ingest_files f ON f.FileId = r.FileId
WHERE r.Disposition IN ('invalid', 'unknown-log') AND list_contains($read_paths, f.ReadPath);
