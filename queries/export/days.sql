-- The (log, UTC day) partitions the sources hold: what an export may write.
SELECT DISTINCT Log AS log, strftime(TimeGenerated::DATE, '%Y-%m-%d') AS date
FROM query_table($sources)
ORDER BY ALL;
