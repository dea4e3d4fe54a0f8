-- The touched requests from all their records in $sources: the database's signins, or beside a
-- read-only database the files' and the database's. A request of one resource keeps it in
-- ResourceName and ResourceAppId only (schema/009-request-resource.sql).
INSERT INTO requests BY NAME
SELECT * REPLACE (CASE WHEN ResourceName IS NULL THEN ResourceKeys END AS ResourceKeys)
FROM requests_from_records($sources, 'ingest_touched', ['interactive', 'noninteractive'], NULL, false, NULL, false, NULL, false);
