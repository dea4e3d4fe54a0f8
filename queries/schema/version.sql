-- The schema version recorded in this database: 0 for a new, empty database,
-- NULL for a database that holds other tables but is not signin-audit's.
SELECT CASE
  WHEN EXISTS (SELECT 1 FROM duckdb_tables() WHERE database_name = current_database() AND table_name = 'signin_audit_schema')
    THEN -1  -- read the version with schema/recorded-version
  WHEN EXISTS (SELECT 1 FROM duckdb_tables() WHERE database_name = current_database() AND NOT temporary)
    THEN NULL
  ELSE 0
END AS Version;
