-- A new database: every schema step recorded as done at once (record-version.sql records one).
INSERT INTO signin_audit_schema SELECT unnest($versions::INTEGER[]), now() AT TIME ZONE 'UTC';
