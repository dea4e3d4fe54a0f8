-- For report enforcement's warning: the requests (log, Id) with a record in scope whose
-- Status.errorCode is one of $codes (530084, 53003: src/vocabulary.ts ENFORCEMENT_ERROR_CODES) that
-- enforcement.corrected.sql does not count as Blocked: no enforced token protection policy
-- ($selection, with --mode enforced) failed them. A 53003 of another blocking policy is one; so is
-- a token protection block of a policy that --policy leaves out.
WITH blocked AS (
  SELECT Log, Id
  FROM token_protection_requests($sources, $requests, $logs, $lo, $lo_incl, $hi, $hi_incl, $resources, $selection, $members)
  WHERE Blocked
)
SELECT count(DISTINCT (s.Log, s.Id))::INTEGER AS Requests,
       coalesce(string_agg(DISTINCT s.ErrorCode::VARCHAR, ', ' ORDER BY s.ErrorCode::VARCHAR DESC), '') AS ErrorCodes
FROM report_scope($sources, $logs, $lo, $lo_incl, $hi, $hi_incl, $resources, $members) s
ANTI JOIN blocked b ON b.Log = s.Log AND b.Id = s.Id
WHERE list_contains($codes::INTEGER[], s.ErrorCode);
