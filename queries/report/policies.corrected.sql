-- Per token protection policy, corrected semantics: one row per Conditional Access policy with a
-- token protection session control (Binding or SignInTokenProtection, any case, any position) on
-- a sign-in in scope, for planning the rollout policy by policy. A request (log, Id) counts under
-- each such policy that applied to it (its result on one of the request's records is not
-- notApplied, reportOnlyNotApplied or notEnabled), with that policy's own outcome: Block when the
-- policy lists either value in sessionControlsNotSatisfied (or, where the record has no such key,
-- its result is failure or reportOnlyFailure) on one of the records. So a request may count under
-- several policies, and the rows do not add up to the requests of the apps report.
--   User (Users, BlockedUsers): the request's, as apps.corrected.sql has it (earliest record, lower
--   case). BlockSelfRemediable: the policy's Blocks the status-code table ($status_codes) calls
--   self-remediable for the request's status code and platform (advised_requests).
--   Mode: from every result of the policy in scope, counted or not: report-only (reportOnly*),
--   enabled (success, failure, notApplied), mixed (both: switched within the window), disabled
--   (notEnabled only). PolicyName: the newest name the logs give the id.
--   FirstSeen, LastSeen: the first and last sign-in in scope the policy was evaluated on (any result).
-- A policy selection ($selection, --policy) keeps the selected policies; the rows then count the
-- requests those policies decide. Policies that applied to no request have zero counts.
-- Sorted by Requests descending, then PolicyName and PolicyId.
WITH evaluations AS (
  -- TokenProtectionPolicies: each record's token protection policies only (schema 008).
  SELECT Log, Id, TimeGenerated, p
  FROM (SELECT Log, Id, TimeGenerated, unnest(TokenProtectionPolicies) AS p
        FROM report_scope($sources, $logs, $lo, $lo_incl, $hi, $hi_incl, $resources, $members))
  WHERE policy_selected(p, $selection)
), policies AS (
  SELECT coalesce(p.id, '') AS PolicyId,
         arg_max(p.displayName, TimeGenerated) AS PolicyName,
         bool_or(starts_with(coalesce(p.result, ''), 'reportOnly')) AS reportOnly,
         bool_or(p.result IN ('success', 'failure', 'notApplied')) AS enabled,
         min(TimeGenerated) AS FirstSeen,
         max(TimeGenerated) AS LastSeen
  FROM evaluations
  GROUP BY ALL
), outcomes AS (
  SELECT Log, Id, coalesce(p.id, '') AS PolicyId,
         bool_or(token_protection_blocks(counted_token_protection([p]))) AS Blocked
  FROM evaluations
  WHERE len(counted_token_protection([p])) > 0
  GROUP BY ALL
), requests AS (
  SELECT o.PolicyId, r.UserPrincipalName, o.Blocked, o.Blocked AND r.SelfRemediable AS SelfRemediable
  FROM outcomes o
  JOIN advised_requests($sources, $requests, $logs, $lo, $lo_incl, $hi, $hi_incl, $resources, $selection, $members, $status_codes) r
    ON r.Log = o.Log AND r.Id = o.Id
), counts AS (
  SELECT PolicyId,
         count(*)::INTEGER AS Requests,
         count(DISTINCT UserPrincipalName)::INTEGER AS Users,
         count(*) FILTER (WHERE Blocked)::INTEGER AS Block,
         count(*) FILTER (WHERE NOT Blocked)::INTEGER AS Allow,
         count(DISTINCT UserPrincipalName) FILTER (WHERE Blocked)::INTEGER AS BlockedUsers,
         count(*) FILTER (WHERE SelfRemediable)::INTEGER AS BlockSelfRemediable,
         count(DISTINCT UserPrincipalName) FILTER (WHERE SelfRemediable)::INTEGER AS BlockedUsersSelfRemediable
  FROM requests
  GROUP BY PolicyId
)
SELECT p.PolicyId, coalesce(p.PolicyName, '') AS PolicyName,
       CASE WHEN p.reportOnly AND p.enabled THEN 'mixed'
            WHEN p.reportOnly THEN 'report-only'
            WHEN p.enabled THEN 'enabled'
            ELSE 'disabled' END AS Mode,
       coalesce(c.Requests, 0) AS Requests, coalesce(c.Users, 0) AS Users,
       coalesce(c.Block, 0) AS Block, coalesce(c.Allow, 0) AS Allow, coalesce(c.BlockedUsers, 0) AS BlockedUsers,
       round(100.0::DOUBLE * c.Allow / nullif(c.Allow + c.Block, 0), 2) AS PctAllowed,
       coalesce(c.BlockSelfRemediable, 0) AS BlockSelfRemediable,
       coalesce(c.BlockedUsersSelfRemediable, 0) AS BlockedUsersSelfRemediable,
       round(100.0::DOUBLE * (c.Allow + c.BlockSelfRemediable) / nullif(c.Allow + c.Block, 0), 2) AS PctEnforceable,
       p.FirstSeen, p.LastSeen
FROM policies p
LEFT JOIN counts c USING (PolicyId)
ORDER BY Requests DESC, PolicyName ASC, p.PolicyId ASC;
