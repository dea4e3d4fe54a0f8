-- The token protection policies of the sign-ins in scope (any result), for checking that each
-- --policy names one: id and the newest display name of each.
SELECT p.id AS PolicyId, arg_max(p.displayName, TimeGenerated) AS PolicyName
FROM (SELECT TimeGenerated, unnest(TokenProtectionPolicies) AS p
      FROM report_scope($sources, $logs, $lo, $lo_incl, $hi, $hi_incl, $resources, $members))
GROUP BY p.id
ORDER BY PolicyName, PolicyId;
