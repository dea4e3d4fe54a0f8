-- Breakdown, corrected semantics: the requests of apps.corrected.sql (advised_requests) per
-- combination of the dimensions asked ($by: one to three of src/vocabulary.ts DIMENSIONS), each
-- from the request's earliest record: Platform (platform_of its operating system), OperatingSystem
-- (with its version, as logged), ClientAppUsed, Browser, TrustType, StatusCode (token protection
-- signInSessionStatusCode), AppDisplayName, ResourceDisplayName, UserType.
-- Every dimension column is given, NULL where it was not asked for; the report keeps those asked,
-- in the order asked (src/report/reports.ts). Then Requests, Users (exact), Block, Allow,
-- PctAllowed, and the enforceable columns as apps.corrected.sql: BlockSelfRemediable (the
-- status-code table, $status_codes) and PctEnforceable.
-- Sorted by Requests descending, then by the dimensions in the order asked (binary order, NULL first).
WITH requests AS (
  SELECT * FROM advised_requests($sources, $requests, $logs, $lo, $lo_incl, $hi, $hi_incl, $resources, $selection, $members, $status_codes)
), keyed AS (
  SELECT CASE WHEN list_contains($by, 'platform') THEN Platform END AS Platform,
         CASE WHEN list_contains($by, 'os') THEN Context.OperatingSystem END AS OperatingSystem,
         CASE WHEN list_contains($by, 'client') THEN Context.ClientAppUsed END AS ClientAppUsed,
         CASE WHEN list_contains($by, 'browser') THEN Context.Browser END AS Browser,
         CASE WHEN list_contains($by, 'trust') THEN Context.TrustType END AS TrustType,
         CASE WHEN list_contains($by, 'status') THEN StatusCode END AS StatusCode,
         CASE WHEN list_contains($by, 'app') THEN AppDisplayName END AS AppDisplayName,
         CASE WHEN list_contains($by, 'resource') THEN ResourceDisplayName END AS ResourceDisplayName,
         CASE WHEN list_contains($by, 'user-type') THEN Context.UserType END AS UserType,
         UserPrincipalName, coalesce(Blocked, false) AS Blocked, SelfRemediable
  FROM requests
), grouped AS (
  SELECT Platform, OperatingSystem, ClientAppUsed, Browser, TrustType, StatusCode, AppDisplayName, ResourceDisplayName, UserType,
         count(*)::INTEGER AS Requests,
         count(DISTINCT UserPrincipalName)::INTEGER AS Users,
         count(*) FILTER (WHERE Blocked)::INTEGER AS Block,
         count(*) FILTER (WHERE NOT Blocked)::INTEGER AS Allow,
         count(*) FILTER (WHERE SelfRemediable)::INTEGER AS BlockSelfRemediable
  FROM keyed
  GROUP BY ALL
)
SELECT * FROM breakdown_rows('grouped', $by);
