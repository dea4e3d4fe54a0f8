-- Per-app token protection Block/Allow, corrected semantics (the default).
-- Ports Microsoft's "Per Apps query" (Conditional Access: Token protection, Log Analytics section;
-- ../shared/seeds/004): same columns, same meaning of each column, with these corrections:
--  1. Binding (the value before late June 2023) is a Block like SignInTokenProtection; the published
--     case() tests SignInTokenProtection twice and never Binding, so old failures count as Allow.
--  2. A token protection policy is found by element, ignoring case, so
--     ["SignInFrequency","SignInTokenProtection"] counts; the published contains '["X"]' only
--     matches one-element arrays.
--  3. notEnabled (a disabled policy) is not counted, like notApplied and reportOnlyNotApplied.
--  4. One outcome per request, (log, Id) over all its records in the window: Block when any counted
--     policy was not satisfied. The published distinct (Id, UPN, App, Result) can count one sign-in
--     as both a Block and an Allow (two policies, or several records of one Id).
--  5. A policy entry without sessionControlsNotSatisfied (older diagnostic records omit it) is a
--     Block when its result is failure or reportOnlyFailure.
--  6. User names compare ignoring case (Jane.Doe@ and jane.doe@ are one user), reported in lower
--     case; app and resource come from the request's earliest record.
--  7. Users and BlockedUsers are exact distinct counts (KQL's dcount estimates above 1000).
-- Kept: the window on TimeGenerated, the resource filter, PctAllowed rounded to 2 places, halves
-- away from zero; sort by Requests descending, then AppDisplayName (binary order).
-- Appended after PctAllowed, the columns of the Apple and web-apps guides' query (2026):
-- BlockSelfRemediable (Blocks the user clears with a one-time registration upgrade),
-- BlockedUsersSelfRemediable (users with such a Block) and PctEnforceable =
-- round(100 × (Allow + BlockSelfRemediable) / (Allow + Block), 2). Corrected: a Block is
-- self-remediable when the status-code table ($status_codes) says so for its status code and
-- platform (advised_requests in queries/macros.sql): 1003 and 1004 on macOS and iOS, not 1003 on
-- Windows, which the published formula counts on any platform.
WITH requests AS (
  SELECT * FROM advised_requests($sources, $requests, $logs, $lo, $lo_incl, $hi, $hi_incl, $resources, $selection, $members, $status_codes)
), users AS (
  -- Each app's users first, then the app's counts from them: counting distinct users three times
  -- over a million requests took half of the report.
  SELECT AppDisplayName, UserPrincipalName,
         count(*) AS Requests,
         count(*) FILTER (WHERE Blocked) AS Block,
         count(*) FILTER (WHERE NOT coalesce(Blocked, false)) AS Allow,
         count(*) FILTER (WHERE SelfRemediable) AS BlockSelfRemediable
  FROM requests
  GROUP BY AppDisplayName, UserPrincipalName
), apps AS (
  SELECT AppDisplayName,
         sum(Requests)::INTEGER AS Requests,
         count(UserPrincipalName)::INTEGER AS Users,
         sum(Block)::INTEGER AS Block,
         sum(Allow)::INTEGER AS Allow,
         count(UserPrincipalName) FILTER (WHERE Block > 0)::INTEGER AS BlockedUsers,
         sum(BlockSelfRemediable)::INTEGER AS BlockSelfRemediable,
         count(UserPrincipalName) FILTER (WHERE BlockSelfRemediable > 0)::INTEGER AS BlockedUsersSelfRemediable
  FROM users
  GROUP BY AppDisplayName
)
SELECT AppDisplayName, Requests, Users, Block, Allow, BlockedUsers,
       round(100.0::DOUBLE * Allow / (Allow + Block), 2) AS PctAllowed,
       BlockSelfRemediable, BlockedUsersSelfRemediable,
       round(100.0::DOUBLE * (Allow + BlockSelfRemediable) / (Allow + Block), 2) AS PctEnforceable
FROM apps
ORDER BY Requests DESC, AppDisplayName ASC;
