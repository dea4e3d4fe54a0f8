-- Takes files out of the run's staged records: a file read alone to find which of its group
-- failed, or one refused as a whole (not a sign-in log) under --skip-invalid.
DELETE FROM ingest_records WHERE list_contains($file_ids::INTEGER[], FileId);
