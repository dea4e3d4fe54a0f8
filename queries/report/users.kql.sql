-- Per-user token protection Block/Allow, kql semantics: Microsoft's "Per users query"
-- (../shared/seeds/004) to the letter. Quirks kept are those of apps.kql.sql (1-3, 5), and
-- requests are distinct (Id, UserPrincipalName, AppDisplayName, ResourceDisplayName, Result).
-- Added only where KQL leaves the order open: ties in UserPrincipalName are ordered by
-- AppDisplayName, then ResourceDisplayName; PctAllowed rounds halves away from zero.
-- Appended after PctAllowed: BlockSelfRemediable and PctEnforceable, the Apple and web-apps
-- guides' formula to the letter (1003 or 1004 on any platform), as in apps.kql.sql.
WITH results AS (
  SELECT * FROM kql_policy_results($sources, $logs, $lo, $lo_incl, $hi, $hi_incl, $resources, $selection, $members)
), distinct_results AS (
  SELECT Id, UserPrincipalName, AppDisplayName, ResourceDisplayName, Result,
         bool_or(Result = 'Block' AND StatusCode IN (1003, 1004)) AS SelfRemediable
  FROM results
  GROUP BY Id, UserPrincipalName, AppDisplayName, ResourceDisplayName, Result
), users AS (
  SELECT UserPrincipalName, AppDisplayName, ResourceDisplayName,
         count(*)::INTEGER AS Requests,
         count(*) FILTER (WHERE Result = 'Block')::INTEGER AS Block,
         count(*) FILTER (WHERE Result = 'Allow')::INTEGER AS Allow,
         count(*) FILTER (WHERE SelfRemediable)::INTEGER AS BlockSelfRemediable
  FROM distinct_results
  GROUP BY UserPrincipalName, AppDisplayName, ResourceDisplayName
)
SELECT UserPrincipalName, AppDisplayName, ResourceDisplayName, Requests, Block, Allow,
       round(100.0::DOUBLE * Allow / (Allow + Block), 2) AS PctAllowed,
       BlockSelfRemediable,
       round(100.0::DOUBLE * (Allow + BlockSelfRemediable) / (Allow + Block), 2) AS PctEnforceable
FROM users
ORDER BY UserPrincipalName ASC, AppDisplayName ASC, ResourceDisplayName ASC;
