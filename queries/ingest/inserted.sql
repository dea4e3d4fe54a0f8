-- What this run stored, by log.
SELECT
  count(*) FILTER (WHERE Log = 'interactive')::INTEGER AS interactive,
  count(*) FILTER (WHERE Log = 'noninteractive')::INTEGER AS noninteractive
FROM signins
WHERE IngestRun = $run;
