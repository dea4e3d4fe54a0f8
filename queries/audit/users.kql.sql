-- Per user, the rows and Blocks of apps.kql.sql.
WITH rows AS (
  SELECT DISTINCT Id, UserPrincipalName, AppDisplayName, Result
  FROM kql_policy_results($sources, $logs, $lo, $lo_incl, $hi, $hi_incl, $resources, $selection, $members)
)
SELECT UserPrincipalName, count(*)::INTEGER AS Requests, count(*) FILTER (WHERE Result = 'Block')::INTEGER AS Block
FROM rows GROUP BY UserPrincipalName ORDER BY UserPrincipalName;
