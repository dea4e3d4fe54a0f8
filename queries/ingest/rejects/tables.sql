-- The original text of the run's records that cannot be stored, from REST API responses, for --rejects.
SELECT t.FileId, t.Position, t.Item, t.Record
FROM table_record_texts($read_paths, $maximum_object_size) t
SEMI JOIN ingest_records r ON r.FileId = t.FileId AND r.Position = t.Position AND coalesce(r.Item, 0) = t.Item
                          AND r.Disposition IN ('invalid', 'unknown-log');
