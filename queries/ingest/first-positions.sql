-- Each file's first Ord, from which its records' positions count (see stage-tables.sql).
UPDATE ingest_files f SET FirstOrd = m.FirstOrd
FROM (SELECT FileId, min(Ord) AS FirstOrd FROM ingest_records GROUP BY FileId) m
WHERE f.FileId = m.FileId;
