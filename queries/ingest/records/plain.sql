-- The original text of each record stored by this run, from plain files (see plain_record_texts).
INSERT INTO signin_records
SELECT n.RecordKey, t.Record
FROM plain_record_texts($read_paths, $format, $ignore_errors, $maximum_object_size) t
JOIN ingest_new n USING (FileId, Position, Item);
