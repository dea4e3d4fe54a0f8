-- What a read's ordinality numbers each file's first record or document: for documents, the
-- first Ord of the file; for files of records, one more than the records of the files before it
-- in the read's list (every record of them, bad ones included, has a row).
UPDATE ingest_files f SET FirstOrd = m.FirstOrd
FROM (
  SELECT f.FileId,
         coalesce(min(r.Ord), 1 + coalesce(sum(count(r.FileId)) OVER (PARTITION BY f.GroupId ORDER BY f.ListIndex
                                                                       ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)) AS FirstOrd
  FROM ingest_files f LEFT JOIN ingest_records r USING (FileId)
  GROUP BY f.FileId, f.GroupId, f.ListIndex
) m
WHERE f.FileId = m.FileId;
