-- The tenants whose sign-ins are in scope (TenantId: AADTenantId, the diagnostic envelope's
-- tenantId or the home tenant), for the header of the HTML page.
SELECT DISTINCT TenantId
FROM report_scope($sources, $logs, $lo, $lo_incl, $hi, $hi_incl, $resources, $members)
WHERE TenantId IS NOT NULL
ORDER BY TenantId;
