-- Per token protection policy, kql semantics: the published per-app query's rows (kql_policy_results
-- in queries/macros.sql, the quirks of apps.kql.sql kept), counted per policy: for each policy, the
-- distinct (Id, UserPrincipalName, AppDisplayName, Result) of its own evaluations, so a sign-in
-- may count as a Block and an Allow of one policy, and under several policies. A policy is one the
-- published query counts: ["Binding"] or ["SignInTokenProtection"] as the whole of
-- enforcedSessionControls (one-element arrays), results other than notApplied and
-- reportOnlyNotApplied (notEnabled counts). BlockSelfRemediable: Block rows with status code 1003
-- or 1004 on any platform (the Apple and web-apps guides' formula), as apps.kql.sql.
-- Mode, PolicyName, FirstSeen and LastSeen as policies.corrected.sql, over the evaluations the
-- published query keeps (so a policy seen only as notApplied has no row). Users are exact counts.
WITH results AS (
  SELECT * FROM kql_policy_results($sources, $logs, $lo, $lo_incl, $hi, $hi_incl, $resources, $selection, $members)
), policies AS (
  SELECT coalesce(PolicyId, '') AS PolicyId,
         arg_max(PolicyName, TimeGenerated) AS PolicyName,
         bool_or(starts_with(coalesce(PolicyResult, ''), 'reportOnly')) AS reportOnly,
         bool_or(PolicyResult IN ('success', 'failure', 'notApplied')) AS enabled,
         min(TimeGenerated) AS FirstSeen,
         max(TimeGenerated) AS LastSeen
  FROM results
  GROUP BY ALL
), distinct_results AS (
  SELECT coalesce(PolicyId, '') AS PolicyId, Id, UserPrincipalName, AppDisplayName, Result,
         bool_or(Result = 'Block' AND StatusCode IN (1003, 1004)) AS SelfRemediable
  FROM results
  GROUP BY ALL
), counts AS (
  SELECT PolicyId,
         count(*)::INTEGER AS Requests,
         count(DISTINCT UserPrincipalName)::INTEGER AS Users,
         count(*) FILTER (WHERE Result = 'Block')::INTEGER AS Block,
         count(*) FILTER (WHERE Result = 'Allow')::INTEGER AS Allow,
         count(DISTINCT UserPrincipalName) FILTER (WHERE Result = 'Block')::INTEGER AS BlockedUsers,
         count(*) FILTER (WHERE SelfRemediable)::INTEGER AS BlockSelfRemediable,
         count(DISTINCT UserPrincipalName) FILTER (WHERE SelfRemediable)::INTEGER AS BlockedUsersSelfRemediable
  FROM distinct_results
  GROUP BY PolicyId
)
SELECT p.PolicyId, coalesce(p.PolicyName, '') AS PolicyName,
       CASE WHEN p.reportOnly AND p.enabled THEN 'mixed'
            WHEN p.reportOnly THEN 'report-only'
            WHEN p.enabled THEN 'enabled'
            ELSE 'disabled' END AS Mode,
       c.Requests, c.Users, c.Block, c.Allow, c.BlockedUsers,
       round(100.0::DOUBLE * c.Allow / (c.Allow + c.Block), 2) AS PctAllowed,
       c.BlockSelfRemediable, c.BlockedUsersSelfRemediable,
       round(100.0::DOUBLE * (c.Allow + c.BlockSelfRemediable) / (c.Allow + c.Block), 2) AS PctEnforceable,
       p.FirstSeen, p.LastSeen
FROM policies p
JOIN counts c USING (PolicyId)
ORDER BY c.Requests DESC, PolicyName ASC, p.PolicyId ASC;
