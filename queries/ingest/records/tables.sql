-- The original text of each record stored by this run, from REST API responses (see table_record_texts).
INSERT INTO signin_records
SELECT n.RecordKey, t.Record
FROM table_record_texts($read_paths, $maximum_object_size) t
JOIN ingest_new n USING (FileId, Position, Item);
