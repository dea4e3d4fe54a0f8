-- One log's sign-ins on the given UTC days ($dates, 'YYYY-MM-DD'), written under $target as
-- log=<log>/date=<day>/part-<uuid>.parquet (zstd).
--
-- Every column of signins (the original JSON of each record, in signin_records, stays in the
-- database: all a lake needs of it is already in the typed columns), but TokenProtectionPolicies,
-- the token protection policies of ConditionalAccessPolicies again (schema 008, for the reports).
-- Log is written as the partition column `log` only: a `Log` column in the files as well would
-- clash with it in readers that fold the case of names (DuckDB, Spark).
-- RecordKey is a UHUGEINT, which Parquet has no type for (DuckDB would write a lossy DOUBLE): it
-- is written as 32 lower-case hex digits, zero-padded so that text order is number order (hex,
-- not decimal text: DuckDB turns a UHUGEINT into decimal text some 400 times slower).
--
-- Platform: the device platform the reports use (platform_of in queries/macros.sql: windows, macos,
-- ios, android, linux or unknown), beside TokenProtectionStatusCode, so that a lake can tell a
-- self-remediable block (queries/token-protection-status-codes.csv) from the others.
-- Only records whose RecordKey the day's folder does not hold yet are written (export_scope in
-- queries/macros.sql).
-- APPEND: $target may already hold this run's other batches; files are added, nothing is
-- removed or overwritten. ROW_GROUP_SIZE_BYTES bounds the rows each open file buffers.
COPY (
  SELECT * EXCLUDE (Log, TokenProtectionPolicies), platform_of(OperatingSystem) AS Platform, Log AS log, TimeGenerated::DATE AS date
  FROM export_scope($sources, $log, $dates)
) TO $target (
  FORMAT parquet, COMPRESSION zstd, PARTITION_BY (log, date), FILENAME_PATTERN 'part-{uuid}', APPEND,
  ROW_GROUP_SIZE_BYTES '32MB'
);
