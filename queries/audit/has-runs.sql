-- Whether this database has the audit tables (schema version 2 or later).
SELECT EXISTS (SELECT 1 FROM duckdb_tables() WHERE database_name = current_database() AND table_name = 'audit_runs') AS recorded;
