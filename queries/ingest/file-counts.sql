-- Per file: records read, and how many of them look like sign-ins at all (a file with records of
-- which none does is not a sign-in log).
SELECT f.FileId AS file_id, f.Path AS file, count(r.FileId)::INTEGER AS records,
       count(*) FILTER (WHERE r.Disposition IN ('ok', 'skipped', 'unknown-log')
                           OR (r.Disposition = 'invalid' AND r.Reason NOT IN ('not a sign-in record (no Id, no user or app fields)', 'malformed JSON')))::INTEGER AS signInLike
FROM ingest_files f LEFT JOIN ingest_records r USING (FileId)
GROUP BY f.FileId, f.Path
ORDER BY f.FileId;
