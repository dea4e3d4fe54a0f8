-- Blockers: the requests the corrected reports count as Block (apps.corrected.sql), each given
-- exactly one likely cause, so the Requests of all causes add up to the Block total:
--  1. the status code and platform decide first: the status-code table ($status_codes,
--     queries/token-protection-status-codes.csv), through advised_requests in queries/macros.sql
--     (the most specific row for the request's signInSessionStatusCode and platform);
--  2. a Block the table has no row for (no status code) gets the cause of the first blocker rule
--     ($rules, queries/blocker-rules.csv) that matches its earliest record, by rank, then file
--     order; one no rule matches is 'unknown'.
-- Rule matches: regex / not-regex (case-insensitive, on '' when the field is missing), equals
-- (case-insensitive), empty (missing or ''), any. Platform is platform_of() of OperatingSystem.
-- SelfRemediable: every request of the cause is (the table's self_remediable). Action and
-- Explanation: a cause's first row, the status-code table's before the rules'.
WITH rules AS (
  SELECT line, rank, cause, field, match, pattern, explanation, action FROM blocker_rule_table($rules)
), codes AS (
  SELECT line, cause, explanation, action FROM status_code_table($status_codes)
), blocked AS (
  SELECT Log, Id, UserPrincipalName, AppDisplayName, ResourceDisplayName, Context, Platform, CodeCause, SelfRemediable
  FROM advised_requests($sources, $requests, $logs, $lo, $lo_incl, $hi, $hi_incl, $resources, $status_codes)
  WHERE Blocked
), candidates AS (
  SELECT b.Log, b.Id, r.rank, r.line, r.cause, r.match, r.pattern,
         coalesce(CASE r.field
           WHEN 'UserType' THEN b.Context.UserType
           WHEN 'UserPrincipalName' THEN b.UserPrincipalName
           WHEN 'AppDisplayName' THEN b.AppDisplayName
           WHEN 'ResourceDisplayName' THEN b.ResourceDisplayName
           WHEN 'OperatingSystem' THEN b.Context.OperatingSystem
           WHEN 'Platform' THEN b.Platform
           WHEN 'TrustType' THEN b.Context.TrustType
           WHEN 'DeviceId' THEN b.Context.DeviceId
           WHEN 'ClientAppUsed' THEN b.Context.ClientAppUsed
           WHEN 'Browser' THEN b.Context.Browser
           WHEN 'UserAgent' THEN b.Context.UserAgent
           WHEN 'TokenProtectionStatusCode' THEN b.Context.TokenProtectionStatusCode
         END, '') AS value
  FROM blocked b CROSS JOIN rules r
  WHERE b.CodeCause IS NULL
), causes AS (
  SELECT Log, Id, first(cause ORDER BY rank, line) AS cause
  FROM candidates
  WHERE CASE match
          WHEN 'regex' THEN regexp_matches(value, pattern, 'i')
          WHEN 'not-regex' THEN NOT regexp_matches(value, pattern, 'i')
          WHEN 'equals' THEN lower(value) = lower(pattern)
          WHEN 'empty' THEN value = ''
          WHEN 'any' THEN true
        END
  GROUP BY Log, Id
), classified AS (
  SELECT b.*, coalesce(b.CodeCause, c.cause, 'unknown') AS Cause
  FROM blocked b LEFT JOIN causes c USING (Log, Id)
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
