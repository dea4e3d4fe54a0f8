-- Readiness: one row per user over the requests the corrected reports count (apps.corrected.sql),
-- as user_readiness in queries/macros.sql decides it:
--   blocked              a Block that is not self-remediable;
--   ready-after-upgrade  Blocks, all self-remediable (the status-code table, $status_codes: a
--                        one-time registration upgrade on macOS and iOS), with at least
--                        $min_requests requests on at least $min_days distinct UTC dates;
--   ready                no Block, with as many requests and days;
--   insufficient-data    otherwise.
-- ActiveDays counts the distinct UTC dates with a counted record; FirstSeen/LastSeen:
-- TimeGenerated of the user's first and last counted record. $status filters.
-- BlockSelfRemediable: the user's self-remediable Blocks (appended, after Status).
SELECT UserPrincipalName, Requests, Block, Allow, ActiveDays, FirstSeen, LastSeen, Status, BlockSelfRemediable
FROM user_readiness($sources, $requests, $logs, $lo, $lo_incl, $hi, $hi_incl, $resources, $selection, $members, $status_codes, $min_requests, $min_days)
WHERE $status IS NULL OR Status = $status
ORDER BY UserPrincipalName ASC;
