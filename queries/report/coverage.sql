-- Coverage: of the sign-in records in scope (logs, window, resources), how many carry a
-- Conditional Access policy array (even empty: PolicyCount, kept at ingest) and how many a token
-- protection status (tokenProtectionStatusDetails). Some pipelines strip the array to save cost;
-- without it no request can be counted, so few requests may mean missing data, not few blocks.
SELECT count(*)::INTEGER AS records,
       count(*) FILTER (WHERE PolicyCount IS NOT NULL)::INTEGER AS withPolicies,
       count(*) FILTER (WHERE TokenProtectionStatus IS NOT NULL OR TokenProtectionStatusCode IS NOT NULL)::INTEGER AS withStatus
FROM report_scope($sources, $logs, $lo, $lo_incl, $hi, $hi_incl, $resources, $members);
