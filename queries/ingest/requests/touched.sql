-- The requests (Log, Id) whose records this run stored: their rows of the requests table
-- (schema/005-requests.sql) are computed again from all their records (compute.sql).
CREATE OR REPLACE TEMP TABLE ingest_touched AS
SELECT DISTINCT Log, Id, NULL::TIMESTAMP AS MinTime, NULL::TIMESTAMP AS MaxTime,
       NULL::VARCHAR AS ResourceName, NULL::VARCHAR AS ResourceAppId, NULL::STRUCT(Name VARCHAR, AppId VARCHAR)[] AS ResourceKeys
FROM signins WHERE IngestRun = $run;
