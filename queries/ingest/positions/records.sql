-- Each staged row's place in its file, from 1: for files of records, its place among the file's
-- rows (the staging table keeps their order: rowid); for documents, its document's among the
-- file's documents (Ord, the read's ordinality, over a list of files in order).
UPDATE ingest_records r
SET Position = CASE WHEN r.Ord IS NULL THEN r.rowid - m.FirstRow ELSE r.Ord - m.FirstOrd END + 1
FROM (SELECT FileId, min(rowid) AS FirstRow, min(Ord) AS FirstOrd FROM ingest_records GROUP BY FileId) m
WHERE r.FileId = m.FileId;
