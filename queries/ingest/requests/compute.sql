-- The touched requests from all their records in $sources: the database's signins, or beside a
-- read-only database the files' and the database's; with the platform of each (schema 007).
INSERT INTO requests BY NAME
SELECT *, platform_of(Context.OperatingSystem) AS Platform
FROM requests_from_records($sources, 'ingest_touched', ['interactive', 'noninteractive'], NULL, false, NULL, false, NULL, false);
