-- Every thread, for a run that is not small in a database that started on one thread (an
-- in-memory one, when SIGNIN_AUDIT_THREADS is not set: src/db.ts): DuckDB's default, one per core.
RESET threads;
