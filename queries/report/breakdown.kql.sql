-- Breakdown, kql semantics: the published per-app query's rows (kql_policy_results in
-- queries/macros.sql, the quirks of apps.kql.sql kept), distinct (Id, UserPrincipalName,
-- AppDisplayName, Result) extended by the dimensions asked ($by), each from the record's own
-- fields (Platform: platform_of its operating system; StatusCode: its signInSessionStatusCode),
-- counted per combination: Requests, Users (exact), Block, Allow, PctAllowed, and the published
-- enforceable formula (a Block row with status code 1003 or 1004 on any platform, as
-- apps.kql.sql): BlockSelfRemediable, PctEnforceable. Columns and order as breakdown.corrected.sql.
WITH results AS (
  SELECT * FROM kql_policy_results($sources, $logs, $lo, $lo_incl, $hi, $hi_incl, $resources, $selection, $members)
), keyed AS (
  SELECT Id, UserPrincipalName, AppDisplayName AS App, Result,
         Result = 'Block' AND StatusCode IN (1003, 1004) AS SelfRemediable,
         CASE WHEN list_contains($by, 'platform') THEN platform_of(OperatingSystem) END AS Platform,
         CASE WHEN list_contains($by, 'os') THEN OperatingSystem END AS OperatingSystem,
         CASE WHEN list_contains($by, 'client') THEN ClientAppUsed END AS ClientAppUsed,
         CASE WHEN list_contains($by, 'browser') THEN Browser END AS Browser,
         CASE WHEN list_contains($by, 'trust') THEN TrustType END AS TrustType,
         CASE WHEN list_contains($by, 'status') THEN StatusCode END AS StatusCode,
         CASE WHEN list_contains($by, 'app') THEN AppDisplayName END AS AppDisplayName,
         CASE WHEN list_contains($by, 'resource') THEN ResourceDisplayName END AS ResourceDisplayName,
         CASE WHEN list_contains($by, 'user-type') THEN UserType END AS UserType
  FROM results
), distinct_results AS (
  SELECT Platform, OperatingSystem, ClientAppUsed, Browser, TrustType, StatusCode, AppDisplayName, ResourceDisplayName, UserType,
         Id, UserPrincipalName, App, Result, bool_or(SelfRemediable) AS SelfRemediable
  FROM keyed
  GROUP BY ALL
), grouped AS (
  SELECT Platform, OperatingSystem, ClientAppUsed, Browser, TrustType, StatusCode, AppDisplayName, ResourceDisplayName, UserType,
         count(*)::INTEGER AS Requests,
         count(DISTINCT UserPrincipalName)::INTEGER AS Users,
         count(*) FILTER (WHERE Result = 'Block')::INTEGER AS Block,
         count(*) FILTER (WHERE Result = 'Allow')::INTEGER AS Allow,
         count(*) FILTER (WHERE SelfRemediable)::INTEGER AS BlockSelfRemediable
  FROM distinct_results
  GROUP BY Platform, OperatingSystem, ClientAppUsed, Browser, TrustType, StatusCode, AppDisplayName, ResourceDisplayName, UserType
)
SELECT * FROM breakdown_rows('grouped', $by);
