-- The stored row of each staged record that is left (keep-new.sql), with where it came from and
-- the run that stored it (file-runs.sql), in the column order of the signins table
-- (queries/schema/): what store.sql inserts, and what signins is in a throw-away database
-- (in-place-signins.sql). A view of the run's staging tables, made once both exist.
CREATE OR REPLACE TEMP VIEW stored_signins AS
SELECT r.RecordKey, r.Log, r.TimeGenerated, r.CreatedDateTime, r.Id, r.OriginalRequestId, r.CorrelationId, r.TenantId,
       r.UserPrincipalName, r.UserId, r.UserDisplayName, r.UserType, r.AppDisplayName, r.AppId, r.ResourceDisplayName,
       r.ResourceId, r.ClientAppUsed, r.IPAddress, r.UserAgent, r.DeviceId, r.DeviceDisplayName, r.OperatingSystem,
       r.Browser, r.TrustType, r.IsCompliant, r.IsManaged, r.ErrorCode, r.FailureReason, r.ConditionalAccessStatus,
       r.TokenProtectionStatus, r.TokenProtectionStatusCode, r.ConditionalAccessPolicies,
       f.Path AS SourceFile, f.Format AS SourceFormat, source_position(f.PositionUnit, r.Position, r.Item) AS SourcePosition,
       f.Run AS IngestRun,
       r.TokenProtectionCounted, r.TokenProtectionBlocked, r.PolicyCount, r.TokenProtectionPolicies
FROM ingest_records r
JOIN ingest_files f ON f.FileId = r.FileId;
