-- One row per (sign-in record, token protection policy) of one log on the given UTC days
-- ($dates), written under $target as log=<log>/date=<day>/part-<uuid>.parquet (zstd).
--
-- A token protection policy is one whose enforcedSessionControls holds Binding or
-- SignInTokenProtection, in any case (is_token_protection_policy): each record's
-- TokenProtectionPolicies (schema 008). Counted and Blocked are the corrected
-- semantics for that one policy, from the same macros as ingest and the reports
-- (queries/macros.sql): Counted = its result is not notApplied, reportOnlyNotApplied or
-- notEnabled; Blocked = counted and it lists either value in sessionControlsNotSatisfied or,
-- where the record has no such key (NULL), its result is failure or reportOnlyFailure.
-- A request (log, Id) is counted when any of its rows is Counted and blocked when any is Blocked.
--
-- Log, RecordKey and the COPY options as in queries/export/signins.sql.
COPY (
  SELECT RecordKey, Id, TimeGenerated, UserPrincipalName, AppDisplayName, ResourceDisplayName,
         p.id AS PolicyId,
         p.displayName AS PolicyName,
         p.result AS PolicyResult,
         p.enforcedSessionControls AS EnforcedSessionControls,
         p.sessionControlsNotSatisfied AS SessionControlsNotSatisfied,
         len(counted_token_protection([p])) > 0 AS Counted,
         token_protection_blocks(counted_token_protection([p])) AS Blocked,
         Log AS log,
         TimeGenerated::DATE AS date
  FROM (
    SELECT RecordKey, Log, Id, TimeGenerated, UserPrincipalName, AppDisplayName, ResourceDisplayName,
           unnest(TokenProtectionPolicies) AS p
    FROM export_scope($sources, $log, $dates)
  )
) TO $target (
  FORMAT parquet, COMPRESSION zstd, PARTITION_BY (log, date), FILENAME_PATTERN 'part-{uuid}', APPEND,
  ROW_GROUP_SIZE_BYTES '32MB'
);
