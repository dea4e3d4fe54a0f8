-- The run's counts, before storing: records read, by disposition and log.
SELECT
  count(*)::INTEGER AS records,
  count(*) FILTER (WHERE Disposition = 'ok')::INTEGER AS ok,
  count(*) FILTER (WHERE Disposition = 'skipped')::INTEGER AS skipped,
  count(*) FILTER (WHERE Disposition = 'invalid')::INTEGER AS invalid,
  count(*) FILTER (WHERE Disposition = 'unknown-log')::INTEGER AS unknownLog
FROM ingest_records;
