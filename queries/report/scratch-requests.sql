-- The requests of the files read beside a read-only database (see scratch-signins.sql).
CREATE TEMP TABLE requests AS SELECT * FROM query_table($stored) LIMIT 0;
