-- Audit totals over the window, kql semantics: the distinct (Id, UPN, App, Result) rows of
-- apps.kql.sql, so a sign-in can count once as Block and once as Allow; a Block row is
-- self-remediable when a record of it has status code 1003 or 1004 (the published formula).
WITH rows AS (
  SELECT Id, UserPrincipalName, AppDisplayName, Result,
         bool_or(Result = 'Block' AND StatusCode IN (1003, 1004)) AS SelfRemediable
  FROM kql_policy_results($sources, $logs, $lo, $lo_incl, $hi, $hi_incl, $resources, $selection, $members)
  GROUP BY Id, UserPrincipalName, AppDisplayName, Result
)
SELECT count(*)::INTEGER AS requests,
       count(*) FILTER (WHERE Result = 'Block')::INTEGER AS block,
       count(*) FILTER (WHERE Result = 'Allow')::INTEGER AS allow,
       count(DISTINCT UserPrincipalName)::INTEGER AS users,
       count(DISTINCT UserPrincipalName) FILTER (WHERE Result = 'Block')::INTEGER AS blockedUsers,
       round(100.0::DOUBLE * count(*) FILTER (WHERE Result = 'Allow') / nullif(count(*), 0), 2) AS pctAllowed,
       count(*) FILTER (WHERE SelfRemediable)::INTEGER AS blockSelfRemediable,
       round(100.0::DOUBLE * count(*) FILTER (WHERE Result = 'Allow' OR SelfRemediable) / nullif(count(*), 0), 2) AS pctEnforceable
FROM rows;
