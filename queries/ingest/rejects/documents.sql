-- The original text of the run's records that cannot be stored, from documents, for --rejects.
SELECT t.FileId, t.Ord, t.Item, t.Record
FROM document_record_texts($read_paths, $compression, $maximum_object_size) t
SEMI JOIN ingest_records r ON r.FileId = t.FileId AND r.Ord = t.Ord AND coalesce(r.Item, 0) = t.Item
                          AND r.Disposition IN ('invalid', 'unknown-log');
