-- Documents without records, once counted: they hold nothing to store.
DELETE FROM ingest_records WHERE Item = 0;
