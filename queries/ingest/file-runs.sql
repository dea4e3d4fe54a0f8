-- The run that stores the files' records (IngestRun of the view of stored-signins.sql).
UPDATE ingest_files SET Run = $run;
