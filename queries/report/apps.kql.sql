-- Per-app token protection Block/Allow, kql semantics: Microsoft's "Per Apps query"
-- (../shared/seeds/004) to the letter, for reconciling with numbers from Log Analytics.
-- Faithful quirks kept on purpose (kql-semantics.md §7.3), each corrected in apps.corrected.sql:
--  1. Block only when the JSON text of sessionControlsNotSatisfied contains SignInTokenProtection
--     (case-insensitive); Binding is never a Block, and a missing key is empty text (Allow).
--  2. A policy counts only when the JSON text of enforcedSessionControls contains ["Binding"] or
--     ["SignInTokenProtection"] (ASCII case-insensitive), i.e. one-element arrays.
--  3. Only notApplied and reportOnlyNotApplied are dropped; notEnabled and every other result count.
--  4. Requests are distinct (Id, UserPrincipalName, AppDisplayName, Result): a sign-in with a
--     satisfied and an unsatisfied policy counts once as Block and once as Allow.
--  5. Names as they are: user names compare exactly (Jane.Doe@ and jane.doe@ are two users).
-- Appended after PctAllowed, the Apple and web-apps guides' formula (2026) to the letter:
-- IsSelfRemediable = Result == "Block" and signInSessionStatusCode is 1003 or 1004, on any
-- platform; BlockSelfRemediable and BlockedUsersSelfRemediable count the Block rows and users
-- with it; PctEnforceable = round(100 × (Allow + BlockSelfRemediable) / (Allow + Block), 2).
-- Their query also groups by IsSelfRemediable, which would count a request whose records carry a
-- 1003/1004 and another code as two Blocks; here the row is (Id, UPN, App, Result) as in the
-- per-app query above, self-remediable when any of its records is, so the columns before
-- PctAllowed stay the published per-app query's.
-- Differences that cannot be avoided or that only fix what KQL leaves open:
--  - Users/BlockedUsers are exact; KQL's dcount is an estimate above 1000 distinct values.
--  - PctAllowed rounds halves away from zero (KQL does not document its tie rule).
--  - Ties in Requests are ordered by AppDisplayName (KQL leaves them unordered).
--  - The window is the one chosen with --last/--since/--until (KQL: ago(7d) from now).
WITH results AS (
  SELECT * FROM kql_policy_results($sources, $logs, $lo, $lo_incl, $hi, $hi_incl, $resources, $selection, $members)
), distinct_results AS (
  SELECT Id, UserPrincipalName, AppDisplayName, Result,
         bool_or(Result = 'Block' AND StatusCode IN (1003, 1004)) AS SelfRemediable
  FROM results
  GROUP BY Id, UserPrincipalName, AppDisplayName, Result
), apps AS (
  SELECT AppDisplayName,
         count(*)::INTEGER AS Requests,
         count(DISTINCT UserPrincipalName)::INTEGER AS Users,
         count(*) FILTER (WHERE Result = 'Block')::INTEGER AS Block,
         count(*) FILTER (WHERE Result = 'Allow')::INTEGER AS Allow,
         count(DISTINCT UserPrincipalName) FILTER (WHERE Result = 'Block')::INTEGER AS BlockedUsers,
         count(*) FILTER (WHERE SelfRemediable)::INTEGER AS BlockSelfRemediable,
         count(DISTINCT UserPrincipalName) FILTER (WHERE SelfRemediable)::INTEGER AS BlockedUsersSelfRemediable
  FROM distinct_results
  GROUP BY AppDisplayName
)
SELECT AppDisplayName, Requests, Users, Block, Allow, BlockedUsers,
       round(100.0::DOUBLE * Allow / (Allow + Block), 2) AS PctAllowed,
       BlockSelfRemediable, BlockedUsersSelfRemediable,
       round(100.0::DOUBLE * (Allow + BlockSelfRemediable) / (Allow + Block), 2) AS PctEnforceable
FROM apps
ORDER BY Requests DESC, AppDisplayName ASC;
