-- Enforcement: what enforced token protection policies actually blocked, per app, user or UTC day
-- ($by: 'app', 'user' or 'day'; the key columns of the other two are NULL, and computeReport keeps
-- the one asked). No published query to port: corrected semantics only.
--   Requests      the counted requests (token_protection_requests) as enforced policies decide
--                 them: $selection holds --mode enforced (results success and failure only),
--                 whatever --mode says, with the --policy ids or names if any.
--   Blocked       those an enforced token protection policy failed: SignInTokenProtection (or
--                 Binding) in sessionControlsNotSatisfied, or a failure where the record has no such
--                 key. The policy result decides, not the error code: Entra writes the first control
--                 that failed in Status, so a request another control (MFA, a blocked location)
--                 stopped first carries that control's code although token protection failed too.
--   BlockedUsers  distinct users (the request's, in lower case) with a blocked request.
--   PctBlocked    round(100 × Blocked / Requests, 2).
--   FirstBlocked, LastBlocked  the first and last counted record of the blocked requests.
--   ErrorCodes    the distinct Status.errorCode values the blocked requests' records in scope
--                 carried (530084 token protection, 53003 blocked by Conditional Access, or the
--                 code of a control that failed first), most frequent first, then by code; 0 when
--                 a blocked request's records carry none (the export wrote the block as a success).
-- The requests with 530084 or 53003 but no enforced token protection failure are not counted here:
-- queries/report/enforcement-unmatched.sql counts them, for a warning.
-- Sorted by Blocked descending, then Requests descending, then the key; per day, by day.
WITH requests AS (
  SELECT Log, Id, UserPrincipalName, AppDisplayName, FirstTime, LastTime, coalesce(Blocked, false) AS Blocked,
         CASE WHEN $by = 'app' THEN AppDisplayName END AS app_key,
         CASE WHEN $by = 'user' THEN UserPrincipalName END AS user_key,
         CASE WHEN $by = 'day' THEN FirstTime::DATE END AS day_key
  FROM token_protection_requests($sources, $requests, $logs, $lo, $lo_incl, $hi, $hi_incl, $resources, $selection, $members)
), request_codes AS (
  -- Each blocked request's error codes, from its records in scope: 0 only when it has no other.
  SELECT r.Log, r.Id,
         coalesce(nullif(list_distinct(list(s.ErrorCode) FILTER (WHERE coalesce(s.ErrorCode, 0) <> 0)), []), [0]) AS codes
  FROM report_scope($sources, $logs, $lo, $lo_incl, $hi, $hi_incl, $resources) s
  JOIN requests r ON r.Log = s.Log AND r.Id = s.Id
  WHERE r.Blocked
  GROUP BY r.Log, r.Id
), code_counts AS (
  SELECT r.app_key, r.user_key, r.day_key, code, count(*) AS n
  FROM (SELECT Log, Id, unnest(codes) AS code FROM request_codes) c
  JOIN requests r ON r.Log = c.Log AND r.Id = c.Id
  GROUP BY ALL
), codes AS (
  SELECT app_key, user_key, day_key, string_agg(code::VARCHAR, ', ' ORDER BY n DESC, code ASC) AS ErrorCodes
  FROM code_counts
  GROUP BY ALL
), counts AS (
  SELECT app_key, user_key, day_key,
         count(*)::INTEGER AS Requests,
         count(*) FILTER (WHERE Blocked)::INTEGER AS Blocked,
         count(DISTINCT UserPrincipalName) FILTER (WHERE Blocked)::INTEGER AS BlockedUsers,
         min(FirstTime) FILTER (WHERE Blocked) AS FirstBlocked,
         max(LastTime) FILTER (WHERE Blocked) AS LastBlocked
  FROM requests
  GROUP BY ALL
)
SELECT c.app_key AS AppDisplayName, c.user_key AS UserPrincipalName, c.day_key AS Day,
       c.Requests, c.Blocked, c.BlockedUsers,
       round(100.0::DOUBLE * c.Blocked / c.Requests, 2) AS PctBlocked,
       c.FirstBlocked, c.LastBlocked,
       coalesce(k.ErrorCodes, '') AS ErrorCodes
FROM counts c
LEFT JOIN codes k ON k.app_key IS NOT DISTINCT FROM c.app_key AND k.user_key IS NOT DISTINCT FROM c.user_key AND k.day_key IS NOT DISTINCT FROM c.day_key
ORDER BY CASE WHEN $by = 'day' THEN 0 ELSE -c.Blocked END, CASE WHEN $by = 'day' THEN 0 ELSE -c.Requests END,
         c.day_key ASC, c.app_key ASC, c.user_key ASC;
