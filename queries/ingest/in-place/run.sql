-- The run that the files' staged records belong to, for the signins view (signins.sql).
UPDATE ingest_files SET Run = $run;
