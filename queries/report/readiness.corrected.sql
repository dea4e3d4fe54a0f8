-- Readiness: one row per user over the requests the corrected reports count (apps.corrected.sql):
-- blocked when any request was a Block; ready when none was, with at least $min_requests requests
-- on at least $min_days distinct UTC dates (ActiveDays); insufficient-data otherwise.
-- FirstSeen/LastSeen: TimeGenerated of the user's first and last counted record. $status filters.
WITH requests AS (
  SELECT * FROM token_protection_requests($sources, $requests, $logs, $lo, $lo_incl, $hi, $hi_incl, $resources)
), users AS (
  SELECT UserPrincipalName,
         count(*)::INTEGER AS Requests,
         count(*) FILTER (WHERE Blocked)::INTEGER AS Block,
         count(*) FILTER (WHERE NOT coalesce(Blocked, false))::INTEGER AS Allow,
         len(list_distinct(flatten(list(Dates))))::INTEGER AS ActiveDays,
         min(FirstTime) AS FirstSeen,
         max(LastTime) AS LastSeen
  FROM requests
  GROUP BY UserPrincipalName
), rated AS (
  SELECT *,
         CASE WHEN Block > 0 THEN 'blocked'
              WHEN Requests >= $min_requests AND ActiveDays >= $min_days THEN 'ready'
              ELSE 'insufficient-data' END AS Status
  FROM users
)
SELECT UserPrincipalName, Requests, Block, Allow, ActiveDays, FirstSeen, LastSeen, Status
FROM rated
WHERE $status IS NULL OR Status = $status
ORDER BY UserPrincipalName ASC;
