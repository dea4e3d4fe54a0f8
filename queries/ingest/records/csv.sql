-- The original text of each record stored by this run, from portal CSV files (see csv_record_texts).
INSERT INTO signin_records
SELECT n.RecordKey, t.Record
FROM csv_record_texts($read_paths) t
JOIN ingest_new n USING (FileId, Position, Item);
