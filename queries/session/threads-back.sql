-- DuckDB's threads as before queries/session/one-thread.sql (the instance's: SIGNIN_AUDIT_THREADS
-- or one per core; RESET would give one per core whatever was asked). Never NULL: DuckDB 1.5.6 fails
-- for good on SET threads = NULL, so an unset variable leaves the threads as they are.
SET threads = coalesce(getvariable('signin_audit_threads'), current_setting('threads'));
