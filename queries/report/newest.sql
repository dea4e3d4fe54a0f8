-- Where the default window ends (the newest sign-in of the selected logs) and starts ($hours before).
SELECT strftime(max(TimeGenerated), '%Y-%m-%dT%H:%M:%S.%f') AS window_end,
       strftime(max(TimeGenerated) - to_hours($hours::BIGINT), '%Y-%m-%dT%H:%M:%S.%f') AS window_start
FROM query_table($sources)
WHERE list_contains($logs, Log);
