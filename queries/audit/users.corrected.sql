-- Per user, the requests and Blocks of apps.corrected.sql: what the next audit compares against.
SELECT UserPrincipalName, count(*)::INTEGER AS Requests, count(*) FILTER (WHERE Blocked)::INTEGER AS Block
FROM token_protection_requests($sources, $requests, $logs, $lo, $lo_incl, $hi, $hi_incl, $resources, $selection, $members)
GROUP BY UserPrincipalName
ORDER BY UserPrincipalName;
