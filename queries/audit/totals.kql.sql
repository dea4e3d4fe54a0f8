-- Audit totals over the window, kql semantics: the distinct (Id, UPN, App, Result) rows of
-- apps.kql.sql, so a sign-in can count once as Block and once as Allow.
WITH rows AS (
  SELECT DISTINCT Id, UserPrincipalName, AppDisplayName, Result
  FROM kql_policy_results($sources, $logs, $lo, $lo_incl, $hi, $hi_incl, $resources)
)
SELECT count(*)::INTEGER AS requests,
       count(*) FILTER (WHERE Result = 'Block')::INTEGER AS block,
       count(*) FILTER (WHERE Result = 'Allow')::INTEGER AS allow,
       count(DISTINCT UserPrincipalName)::INTEGER AS users,
       count(DISTINCT UserPrincipalName) FILTER (WHERE Result = 'Block')::INTEGER AS blockedUsers,
       round(100.0::DOUBLE * count(*) FILTER (WHERE Result = 'Allow') / nullif(count(*), 0), 2) AS pctAllowed
FROM rows;
