INSERT INTO ingest_runs VALUES ($run, now() AT TIME ZONE 'UTC', $summary::JSON);
