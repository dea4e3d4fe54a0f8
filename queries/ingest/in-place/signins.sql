-- In the throw-away in-memory database of a report or an export straight from files, the run's
-- records are not copied from the staging table into signins: signins becomes a view of the
-- staged rows that keep.sql left, with the columns store.sql would give them, in the table's order
-- (queries/schema/; test/ingest-formats.test.ts checks that the two agree). On a 1 GB export the
-- copy took about 1 s and held a second copy of every record.
DROP TABLE main.signins;
CREATE TEMP VIEW signins AS
SELECT r.RecordKey, r.Log, r.TimeGenerated, r.CreatedDateTime, r.Id, r.OriginalRequestId, r.CorrelationId, r.TenantId,
       r.UserPrincipalName, r.UserId, r.UserDisplayName, r.UserType, r.AppDisplayName, r.AppId, r.ResourceDisplayName,
       r.ResourceId, r.ClientAppUsed, r.IPAddress, r.UserAgent, r.DeviceId, r.DeviceDisplayName, r.OperatingSystem,
       r.Browser, r.TrustType, r.IsCompliant, r.IsManaged, r.ErrorCode, r.FailureReason, r.ConditionalAccessStatus,
       r.TokenProtectionStatus, r.TokenProtectionStatusCode, r.ConditionalAccessPolicies,
       f.Path AS SourceFile, f.Format AS SourceFormat, source_position(f.PositionUnit, r.Position, r.Item) AS SourcePosition,
       f.Run AS IngestRun,
       r.TokenProtectionCounted, r.TokenProtectionBlocked, r.PolicyCount
FROM ingest_records r
JOIN ingest_files f ON f.FileId = r.FileId;
