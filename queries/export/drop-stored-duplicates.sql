-- With --db and files, the files are read into the private scratch table beside the stored one,
-- and ingest only skips records already in the scratch table. A record that is in both (the same
-- record, same RecordKey) is dropped from the scratch copy, so that the export writes it once.
DELETE FROM temp.main.signins
WHERE RecordKey IN (SELECT RecordKey FROM query_table($stored));
