-- Audit totals over the window, corrected semantics: the requests of apps.corrected.sql, and the
-- self-remediable Blocks of the status-code table ($status_codes) for PctEnforceable.
WITH requests AS (
  SELECT * FROM advised_requests($sources, $requests, $logs, $lo, $lo_incl, $hi, $hi_incl, $resources, $selection, $members, $status_codes)
)
SELECT count(*)::INTEGER AS requests,
       count(*) FILTER (WHERE Blocked)::INTEGER AS block,
       count(*) FILTER (WHERE NOT coalesce(Blocked, false))::INTEGER AS allow,
       count(DISTINCT UserPrincipalName)::INTEGER AS users,
       count(DISTINCT UserPrincipalName) FILTER (WHERE Blocked)::INTEGER AS blockedUsers,
       round(100.0::DOUBLE * count(*) FILTER (WHERE NOT coalesce(Blocked, false)) / nullif(count(*), 0), 2) AS pctAllowed,
       count(*) FILTER (WHERE SelfRemediable)::INTEGER AS blockSelfRemediable,
       round(100.0::DOUBLE * count(*) FILTER (WHERE NOT coalesce(Blocked, false) OR SelfRemediable) / nullif(count(*), 0), 2) AS pctEnforceable
FROM requests;
