-- report compare: one row per app, user or token protection policy ($subject), its requests and
-- PctAllowed in two periods, corrected semantics (no published query compares periods).
-- Each period is counted exactly as a report over that window alone counts it: the requests of
-- token_protection_requests (apps, users: the request's app and user, as apps.corrected.sql and
-- users.corrected.sql take them) or of policy_requests (policies: each request under each policy
-- that applied to it, with that policy's outcome, as policies.corrected.sql), each over its own
-- window ($before_lo.., $after_lo..: the bounds of report_scope), the same logs, resources,
-- policy selection and members. So RequestsBefore is the Requests of `report apps` over the
-- before window, and a request cut by a period's end counts with its records in that period.
--   RequestsBefore, RequestsAfter      requests in each period; NULL when the row has none there
--   PctAllowedBefore, PctAllowedAfter  round(100 × Allow / Requests, 2) in each period; NULL likewise
--   DeltaPct     PctAllowedAfter − PctAllowedBefore (as shown, so the reader's subtraction agrees),
--                in percentage points; NULL unless the row is in both periods
--   NewlyBlocked the users with a blocked request of the row in the after period and none in the
--                before period (for a user row: 1 or 0); 0 for a row with no request after
-- The key columns of the other subjects are NULL; computeReport keeps the subject's own.
-- Sorted by the largest fall of PctAllowed first (DeltaPct ascending, NULL last), then by the
-- lower PctAllowedAfter, then the key.
-- The branches of the other subjects read nothing: each is filtered on $subject.
WITH keyed AS MATERIALIZED (
  SELECT 'before' AS Period,
         CASE WHEN $subject = 'apps' THEN AppDisplayName ELSE UserPrincipalName END AS KeyId,
         NULL::VARCHAR AS KeyName, NULL::TIMESTAMP AS SeenAt, UserPrincipalName, Blocked
  FROM token_protection_requests($sources, $requests, $logs, $before_lo, $before_lo_incl, $before_hi, $before_hi_incl, $resources, $selection, $members)
  WHERE $subject <> 'policies'
  UNION ALL
  SELECT 'after', CASE WHEN $subject = 'apps' THEN AppDisplayName ELSE UserPrincipalName END, NULL, NULL, UserPrincipalName, Blocked
  FROM token_protection_requests($sources, $requests, $logs, $after_lo, $after_lo_incl, $after_hi, $after_hi_incl, $resources, $selection, $members)
  WHERE $subject <> 'policies'
  UNION ALL
  SELECT 'before', PolicyId, PolicyName, LastTime, UserPrincipalName, Blocked
  FROM policy_requests($sources, $requests, $logs, $before_lo, $before_lo_incl, $before_hi, $before_hi_incl, $resources, $selection, $members)
  WHERE $subject = 'policies'
  UNION ALL
  SELECT 'after', PolicyId, PolicyName, LastTime, UserPrincipalName, Blocked
  FROM policy_requests($sources, $requests, $logs, $after_lo, $after_lo_incl, $after_hi, $after_hi_incl, $resources, $selection, $members)
  WHERE $subject = 'policies'
), counts AS (
  SELECT KeyId, Period,
         count(*)::INTEGER AS Requests,
         round(100.0::DOUBLE * count(*) FILTER (WHERE NOT coalesce(Blocked, false)) / count(*), 2) AS PctAllowed,
         coalesce(list(DISTINCT UserPrincipalName) FILTER (WHERE Blocked), []::VARCHAR[]) AS BlockedUsers
  FROM keyed
  GROUP BY KeyId, Period
), names AS (
  SELECT KeyId, arg_max(KeyName, SeenAt) AS KeyName FROM keyed GROUP BY KeyId
), compared AS (
  SELECT coalesce(a.KeyId, b.KeyId) AS KeyId,
         b.Requests AS RequestsBefore, a.Requests AS RequestsAfter,
         b.PctAllowed AS PctAllowedBefore, a.PctAllowed AS PctAllowedAfter,
         round(a.PctAllowed - b.PctAllowed, 2) AS DeltaPct,
         len(list_filter(coalesce(a.BlockedUsers, []::VARCHAR[]), u -> NOT list_contains(coalesce(b.BlockedUsers, []::VARCHAR[]), u)))::INTEGER AS NewlyBlocked
  FROM (SELECT * FROM counts WHERE Period = 'before') b
  FULL OUTER JOIN (SELECT * FROM counts WHERE Period = 'after') a USING (KeyId)
)
SELECT CASE WHEN $subject = 'apps' THEN c.KeyId END AS AppDisplayName,
       CASE WHEN $subject = 'users' THEN c.KeyId END AS UserPrincipalName,
       CASE WHEN $subject = 'policies' THEN c.KeyId END AS PolicyId,
       CASE WHEN $subject = 'policies' THEN coalesce(n.KeyName, '') END AS PolicyName,
       c.RequestsBefore, c.RequestsAfter, c.PctAllowedBefore, c.PctAllowedAfter, c.DeltaPct, c.NewlyBlocked
FROM compared c
JOIN names n USING (KeyId)
ORDER BY c.DeltaPct ASC NULLS LAST, c.PctAllowedAfter ASC NULLS LAST, coalesce(n.KeyName, '') ASC, c.KeyId ASC;
