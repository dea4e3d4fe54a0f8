-- Records that cannot be stored, in file order: invalid ones and those of an unknown log.
SELECT f.Path AS file, r.SourcePosition AS position, r.Disposition AS disposition, r.Reason AS reason,
       r.Record::VARCHAR AS record
FROM ingest_records r JOIN ingest_files f USING (FileId)
WHERE r.Disposition IN ('invalid', 'unknown-log')
ORDER BY r.FileId, r.Pos, r.Item NULLS FIRST;
