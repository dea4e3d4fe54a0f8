-- Which read (a statement over a list of files) took each file, and where in its list.
UPDATE ingest_files f SET GroupId = g.GroupId, ListIndex = g.ListIndex
FROM (SELECT unnest($file_ids)::INTEGER AS FileId, unnest($group_ids)::INTEGER AS GroupId,
             unnest($list_indexes)::INTEGER AS ListIndex) g
WHERE f.FileId = g.FileId;
