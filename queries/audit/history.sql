-- The recorded audit runs, newest last.
SELECT Run, RanAt, WindowSince AS Since, WindowUntil AS Until, Semantics,
       (Totals ->> '$.requests')::INTEGER AS Requests, (Totals ->> '$.block')::INTEGER AS Block,
       (Totals ->> '$.allow')::INTEGER AS Allow, (Totals ->> '$.pctAllowed')::DOUBLE AS PctAllowed,
       (Totals ->> '$.blockedUsers')::INTEGER AS BlockedUsers,
       json_array_length(Checks)::INTEGER AS Checks,
       CASE WHEN Passed THEN 'passed' ELSE 'failed' END AS Verdict
FROM audit_runs
ORDER BY Run;
