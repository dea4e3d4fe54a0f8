-- Audit totals over the window, corrected semantics: the requests of apps.corrected.sql.
WITH requests AS (
  SELECT * FROM token_protection_requests($sources, $requests, $logs, $lo, $lo_incl, $hi, $hi_incl, $resources)
)
SELECT count(*)::INTEGER AS requests,
       count(*) FILTER (WHERE Blocked)::INTEGER AS block,
       count(*) FILTER (WHERE NOT coalesce(Blocked, false))::INTEGER AS allow,
       count(DISTINCT UserPrincipalName)::INTEGER AS users,
       count(DISTINCT UserPrincipalName) FILTER (WHERE Blocked)::INTEGER AS blockedUsers,
       round(100.0::DOUBLE * count(*) FILTER (WHERE NOT coalesce(Blocked, false)) / nullif(count(*), 0), 2) AS pctAllowed
FROM requests;
