-- Per-user token protection Block/Allow, corrected semantics (the default).
-- Ports Microsoft's "Per users query" (Conditional Access: Token protection, Log Analytics
-- section; ../shared/seeds/004) with the corrections listed in apps.corrected.sql (1-6): Binding
-- is a Block, policies are found by element ignoring case, notEnabled is not counted, one outcome
-- per (log, Id) request, a missing sessionControlsNotSatisfied falls back to the policy result,
-- user names compare ignoring case and are reported in lower case.
-- Kept: columns, resource filter, window on TimeGenerated, PctAllowed rounding (halves away from
-- zero). The published sort is by UserPrincipalName only; ties are ordered here by
-- AppDisplayName, then ResourceDisplayName (binary order), so output is the same on every machine.
-- Appended after PctAllowed: BlockSelfRemediable and PctEnforceable, as in apps.corrected.sql.
WITH requests AS (
  SELECT * FROM advised_requests($sources, $requests, $logs, $lo, $lo_incl, $hi, $hi_incl, $resources, $selection, $members, $status_codes)
), users AS (
  SELECT UserPrincipalName, AppDisplayName, ResourceDisplayName,
         count(*)::INTEGER AS Requests,
         count(*) FILTER (WHERE Blocked)::INTEGER AS Block,
         count(*) FILTER (WHERE NOT coalesce(Blocked, false))::INTEGER AS Allow,
         count(*) FILTER (WHERE SelfRemediable)::INTEGER AS BlockSelfRemediable
  FROM requests
  GROUP BY UserPrincipalName, AppDisplayName, ResourceDisplayName
)
SELECT UserPrincipalName, AppDisplayName, ResourceDisplayName, Requests, Block, Allow,
       round(100.0::DOUBLE * Allow / (Allow + Block), 2) AS PctAllowed,
       BlockSelfRemediable,
       round(100.0::DOUBLE * (Allow + BlockSelfRemediable) / (Allow + Block), 2) AS PctEnforceable
FROM users
ORDER BY UserPrincipalName ASC, AppDisplayName ASC, ResourceDisplayName ASC;
