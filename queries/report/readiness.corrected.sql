-- Readiness: one row per user over the requests the corrected reports count (apps.corrected.sql):
--   blocked              a Block that is not self-remediable;
--   ready-after-upgrade  Blocks, all self-remediable (the status-code table, $status_codes: a
--                        one-time registration upgrade on macOS and iOS), with at least
--                        $min_requests requests on at least $min_days distinct UTC dates;
--   ready                no Block, with as many requests and days;
--   insufficient-data    otherwise.
-- ActiveDays counts the distinct UTC dates with a counted record; FirstSeen/LastSeen:
-- TimeGenerated of the user's first and last counted record. $status filters.
-- BlockSelfRemediable: the user's self-remediable Blocks (appended, after Status).
WITH requests AS (
  SELECT * FROM advised_requests($sources, $requests, $logs, $lo, $lo_incl, $hi, $hi_incl, $resources, $status_codes)
), users AS (
  SELECT UserPrincipalName,
         count(*)::INTEGER AS Requests,
         count(*) FILTER (WHERE Blocked)::INTEGER AS Block,
         count(*) FILTER (WHERE NOT coalesce(Blocked, false))::INTEGER AS Allow,
         len(list_distinct(flatten(list(Dates))))::INTEGER AS ActiveDays,
         min(FirstTime) AS FirstSeen,
         max(LastTime) AS LastSeen,
         count(*) FILTER (WHERE SelfRemediable)::INTEGER AS BlockSelfRemediable
  FROM requests
  GROUP BY UserPrincipalName
), rated AS (
  SELECT *,
         CASE WHEN Block > BlockSelfRemediable THEN 'blocked'
              WHEN Requests < $min_requests OR ActiveDays < $min_days THEN 'insufficient-data'
              WHEN Block > 0 THEN 'ready-after-upgrade'
              ELSE 'ready' END AS Status
  FROM users
)
SELECT UserPrincipalName, Requests, Block, Allow, ActiveDays, FirstSeen, LastSeen, Status, BlockSelfRemediable
FROM rated
WHERE $status IS NULL OR Status = $status
ORDER BY UserPrincipalName ASC;
