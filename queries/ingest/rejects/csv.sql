-- The original text of the run's records that cannot be stored, from portal CSV files, for --rejects.
SELECT t.FileId, t.Position, t.Item, t.Record
FROM csv_record_texts($read_paths) t
SEMI JOIN ingest_records r ON r.FileId = t.FileId AND r.Position = t.Position AND coalesce(r.Item, 0) = t.Item
                          AND r.Disposition IN ('invalid', 'unknown-log');
