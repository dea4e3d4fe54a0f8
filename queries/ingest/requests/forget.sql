DELETE FROM requests r USING ingest_touched t WHERE r.Log = t.Log AND r.Id = t.Id;
