-- The read that stored these files' records, and their order in its list of files.
UPDATE ingest_files SET GroupId = $group_id::INTEGER, ListIndex = list_position($file_ids::INTEGER[], FileId)
WHERE list_contains($file_ids::INTEGER[], FileId);
