-- Per-user token protection Block/Allow, kql semantics: Microsoft's "Per users query"
-- (../shared/seeds/004) to the letter. Quirks kept are those of apps.kql.sql (1-3, 5), and
-- requests are distinct (Id, UserPrincipalName, AppDisplayName, ResourceDisplayName, Result).
-- Added only where KQL leaves the order open: ties in UserPrincipalName are ordered by
-- AppDisplayName, then ResourceDisplayName; PctAllowed rounds halves away from zero.
WITH results AS (
  SELECT * FROM kql_policy_results($sources, $logs, $lo, $lo_incl, $hi, $hi_incl, $resources)
), distinct_results AS (
  SELECT DISTINCT Id, UserPrincipalName, AppDisplayName, ResourceDisplayName, Result FROM results
), users AS (
  SELECT UserPrincipalName, AppDisplayName, ResourceDisplayName,
         count(*)::INTEGER AS Requests,
         count(*) FILTER (WHERE Result = 'Block')::INTEGER AS Block,
         count(*) FILTER (WHERE Result = 'Allow')::INTEGER AS Allow
  FROM distinct_results
  GROUP BY UserPrincipalName, AppDisplayName, ResourceDisplayName
)
SELECT UserPrincipalName, AppDisplayName, ResourceDisplayName, Requests, Block, Allow,
       round(100.0::DOUBLE * Allow / (Allow + Block), 2) AS PctAllowed
FROM users
ORDER BY UserPrincipalName ASC, AppDisplayName ASC, ResourceDisplayName ASC;
