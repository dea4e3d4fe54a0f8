-- DuckDB's threads as before queries/session/one-thread.sql (the instance's: SIGNIN_AUDIT_THREADS
-- or one per core; RESET would give one per core whatever was asked).
SET threads = getvariable('signin_audit_threads');
