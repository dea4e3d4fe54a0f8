-- Records that cannot be stored, in file order: invalid ones and those of an unknown log.
SELECT f.Path AS file, source_position(f.PositionUnit, r.Position, r.Item) AS position,
       r.Disposition AS disposition, r.Reason AS reason, r.FileId AS file_id, r.Position AS ord, coalesce(r.Item, 0) AS item
FROM ingest_records r JOIN ingest_files f USING (FileId)
WHERE r.Disposition IN ('invalid', 'unknown-log')
ORDER BY r.FileId, r.Position, r.Item NULLS FIRST;
