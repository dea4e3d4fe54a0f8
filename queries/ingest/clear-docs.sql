DELETE FROM ingest_docs;
