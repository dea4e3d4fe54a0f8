-- The latest recorded run before $run (NULL when there is none).
SELECT Run, strftime(RanAt, '%Y-%m-%dT%H:%M:%S.%gZ') AS RanAt FROM audit_runs WHERE Run < $run ORDER BY Run DESC LIMIT 1;
