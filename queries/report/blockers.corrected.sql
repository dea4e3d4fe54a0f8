-- Blockers: the requests the corrected reports count as Block (apps.corrected.sql), each given
-- exactly one likely cause, so the Requests of all causes add up to the Block total:
--  1. the status code and platform decide first: the status-code table ($status_codes,
--     queries/token-protection-status-codes.csv), through advised_requests in queries/macros.sql
--     (the most specific row for the request's signInSessionStatusCode and platform);
--  2. a Block the table has no row for (no status code) gets the cause of the first blocker rule
--     ($rules, queries/blocker-rules.csv) that matches its earliest record, by rank, then file
--     order; one no rule matches is 'unknown'.
-- (blocked_requests in queries/macros.sql, shared with the waves report.)
-- SelfRemediable: every request of the cause is (the table's self_remediable). Action and
-- Explanation: a cause's first row, the status-code table's before the rules'.
WITH rules AS (
  SELECT line, rank, cause, explanation, action FROM blocker_rule_table($rules)
), codes AS (
  SELECT line, cause, explanation, action FROM status_code_table($status_codes)
), classified AS (
  SELECT * FROM blocked_requests($sources, $requests, $logs, $lo, $lo_incl, $hi, $hi_incl, $resources, $selection, $members, $status_codes, $rules)
), described AS (
  -- Each cause's explanation and action: the status-code table's rows first, then the rules'.
  SELECT cause,
         first(explanation ORDER BY source_order, rank, line) AS Explanation,
         first(action ORDER BY source_order, rank, line) AS Action
  FROM (SELECT cause, explanation, action, 0 AS source_order, 0 AS rank, line FROM codes
        UNION ALL
        SELECT cause, explanation, action, 1, rank, line FROM rules)
  GROUP BY cause
), grouped AS (
  SELECT Cause,
         count(*)::INTEGER AS Requests,
         count(DISTINCT UserPrincipalName)::INTEGER AS Users,
         count(DISTINCT AppDisplayName)::INTEGER AS Apps,
         array_to_string(list_sort(list_distinct(list(UserPrincipalName)))[1:3], ', ') AS ExampleUsers,
         array_to_string(list_sort(list_distinct(list(AppDisplayName)))[1:3], ', ') AS ExampleApps,
         bool_and(SelfRemediable) AS SelfRemediable
  FROM classified GROUP BY Cause
)
SELECT g.Cause, g.Requests, g.Users, g.Apps, g.ExampleUsers, g.ExampleApps,
       coalesce(d.Explanation, 'No rule matched') AS Explanation,
       g.SelfRemediable,
       coalesce(d.Action, '') AS Action
FROM grouped g LEFT JOIN described d ON d.cause = g.Cause
ORDER BY g.Requests DESC, g.Cause ASC;
