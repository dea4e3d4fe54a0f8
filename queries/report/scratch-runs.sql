CREATE TEMP TABLE ingest_runs AS SELECT * FROM query_table($stored) LIMIT 0;
