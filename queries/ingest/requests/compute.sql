-- The touched requests from all their records in $sources: the database's signins, or beside a
-- read-only database the files' and the database's.
INSERT INTO requests BY NAME
SELECT * FROM requests_from_records($sources, 'ingest_touched', ['interactive', 'noninteractive'], NULL, false, NULL, false, NULL, false);
