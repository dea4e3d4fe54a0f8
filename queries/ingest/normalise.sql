-- Every record of the docs just read, as a typed signins row plus its disposition:
--   ok       a sign-in of the interactive or non-interactive log
--   skipped  a record of another category sharing the archive (service principal, managed
--            identity, ADFS sign-ins, audit logs): counted, not stored
--   invalid  not storable (Reason says why); an error unless --skip-invalid
--   unknown-log  nothing in the record says which log it is and --as was not given
--
-- The same field has up to four names, by source (signin-log-formats.md §1.3): Log Analytics
-- rows (PascalCase), diagnostic records (camelCase under "properties", envelope "time" and
-- "category"), Graph objects (camelCase), Graph PowerShell SDK objects (PascalCase Graph names).
-- Each record is parsed once, by from_json with the structure its spelling needs (queries/macros.sql);
-- nested values that Log Analytics writes as text holding JSON are parsed once more.
--
-- Record identity (RecordKey): md5 of log, Id, TimeGenerated, CreatedDateTime, error code and
-- each policy's id, result and sessionControlsNotSatisfied. Records of one sign-in that differ in
-- time, status or policy results are distinct; the same record read twice is one.
INSERT INTO ingest_records BY NAME
WITH docs AS (
  SELECT FileId, Pos, Doc, doc_kind(Doc) AS kind FROM ingest_docs
), recs AS (
  SELECT FileId, Pos, kind, unnest(records_of(Doc, kind)) AS r, unnest(range(1, len(records_of(Doc, kind)) + 1)) AS i FROM docs
), parsed AS (
  -- One parse of each record, by the structure its first key's case points to.
  SELECT FileId, Pos, CASE WHEN kind NOT IN ('record', 'malformed') THEN i END AS Item, r,
         regexp_matches(left(r::VARCHAR, 64), '^\s*\{\s*"[A-Z]') AS pascal,
         CASE WHEN NOT pascal THEN from_json(r, camel_record_structure()) END AS c,
         CASE WHEN pascal THEN from_json(r, pascal_record_structure()) END AS p
  FROM recs
), fields AS (
  SELECT FileId, Pos, Item, r,
    CASE WHEN pascal THEN coalesce(p.TimeGenerated, p."TimeGenerated [UTC]") ELSE c.time END AS time_text,
    CASE WHEN pascal THEN coalesce(p.CreatedDateTime, p."CreatedDateTime [UTC]") ELSE coalesce(c.properties.createdDateTime, c.createdDateTime) END AS created_text,
    CASE WHEN pascal THEN p.Id ELSE coalesce(c.properties.id, c.id) END AS id_text,
    CASE WHEN pascal THEN p.Type END AS type_text,
    CASE WHEN pascal THEN p.Category ELSE c.category END AS category_text,
    CASE WHEN pascal THEN p.SignInEventTypes ELSE coalesce(c.properties.signInEventTypes, c.signInEventTypes) END AS event_types_text,
    CASE WHEN pascal THEN p.IsInteractive ELSE coalesce(c.properties.isInteractive, c.isInteractive) END AS interactive_text,
    CASE WHEN pascal THEN p.UserPrincipalName ELSE coalesce(c.properties.userPrincipalName, c.userPrincipalName) END AS UserPrincipalName,
    CASE WHEN pascal THEN p.UserId ELSE coalesce(c.properties.userId, c.userId) END AS UserId,
    CASE WHEN pascal THEN p.UserDisplayName ELSE coalesce(c.properties.userDisplayName, c.userDisplayName) END AS UserDisplayName,
    CASE WHEN pascal THEN p.UserType ELSE coalesce(c.properties.userType, c.userType) END AS UserType,
    CASE WHEN pascal THEN p.AppDisplayName ELSE coalesce(c.properties.appDisplayName, c.appDisplayName) END AS AppDisplayName,
    CASE WHEN pascal THEN p.AppId ELSE coalesce(c.properties.appId, c.appId) END AS AppId,
    CASE WHEN pascal THEN p.ResourceDisplayName ELSE coalesce(c.properties.resourceDisplayName, c.resourceDisplayName) END AS ResourceDisplayName,
    -- LA ResourceId and the diagnostic envelope's resourceId are '/tenants/<id>/providers/...',
    -- not the resource application (LA ResourceIdentity; Graph and PowerShell resourceId).
    list_filter(CASE WHEN pascal THEN [p.ResourceIdentity, p.ResourceId] ELSE [c.properties.resourceId, c.resourceId] END,
                x -> as_text(x) IS NOT NULL AND NOT starts_with(x, '/'))[1] AS ResourceId,
    CASE WHEN pascal THEN p.ClientAppUsed ELSE coalesce(c.properties.clientAppUsed, c.clientAppUsed) END AS ClientAppUsed,
    CASE WHEN pascal THEN p.IPAddress ELSE coalesce(c.properties.ipAddress, c.ipAddress, c.callerIpAddress) END AS IPAddress,
    CASE WHEN pascal THEN p.UserAgent ELSE coalesce(c.properties.userAgent, c.userAgent) END AS UserAgent,
    CASE WHEN pascal THEN p.CorrelationId ELSE coalesce(c.properties.correlationId, c.correlationId) END AS CorrelationId,
    CASE WHEN pascal THEN p.OriginalRequestId ELSE coalesce(c.properties.originalRequestId, c.originalRequestId) END AS OriginalRequestId,
    CASE WHEN pascal THEN p.ConditionalAccessStatus ELSE coalesce(c.properties.conditionalAccessStatus, c.conditionalAccessStatus) END AS ConditionalAccessStatus,
    CASE WHEN pascal THEN p.ResultType ELSE c.resultType END AS result_type,
    CASE WHEN pascal THEN coalesce(p.AADTenantId, p.HomeTenantId) ELSE coalesce(c.tenantId, c.properties.homeTenantId, c.homeTenantId) END AS TenantId,
    CASE WHEN pascal THEN parse_policies(first_json_text(
           -- SigninLogs' legacy AppliedConditionalAccessPolicies column is not the policy array:
           -- only Graph PowerShell objects (no Type) use that name for it.
           CASE WHEN as_text(p.Type) IS NULL
                THEN [p.ConditionalAccessPolicies, p.ConditionalAccessPolicies_dynamic, p.ConditionalAccessPolicies_string, p.AppliedConditionalAccessPolicies]
                ELSE [p.ConditionalAccessPolicies, p.ConditionalAccessPolicies_dynamic, p.ConditionalAccessPolicies_string] END))
         ELSE coalesce(c.properties.appliedConditionalAccessPolicies, c.appliedConditionalAccessPolicies) END AS policies,
    CASE WHEN pascal THEN parse_device(first_json_text([p.DeviceDetail, p.DeviceDetail_dynamic, p.DeviceDetail_string]))
         ELSE coalesce(c.properties.deviceDetail, c.deviceDetail) END AS device,
    CASE WHEN pascal THEN parse_status(first_json_text([p.Status, p.Status_dynamic, p.Status_string]))
         ELSE coalesce(c.properties.status, c.status) END AS status,
    CASE WHEN pascal THEN parse_token_protection(json_text(p.TokenProtectionStatusDetails))
         ELSE coalesce(c.properties.tokenProtectionStatusDetails, c.tokenProtectionStatusDetails) END AS tp
  FROM parsed
), typed AS (
  SELECT FileId, Pos, Item, r,
    as_utc(time_text) AS TimeGenerated0,
    as_utc(created_text) AS CreatedDateTime,
    coalesce(as_text(time_text), as_text(created_text)) AS time_text,
    as_text(id_text) AS Id,
    as_text(type_text) AS type_name,
    as_text(category_text) AS category,
    lower(coalesce(as_text(event_types_text), '')) AS event_types,
    as_bool(interactive_text) AS is_interactive,
    as_text(UserPrincipalName) AS UserPrincipalName, as_text(UserId) AS UserId, as_text(UserDisplayName) AS UserDisplayName,
    as_text(UserType) AS UserType, as_text(AppDisplayName) AS AppDisplayName, as_text(AppId) AS AppId,
    as_text(ResourceDisplayName) AS ResourceDisplayName, ResourceId, as_text(ClientAppUsed) AS ClientAppUsed,
    as_text(IPAddress) AS IPAddress, as_text(UserAgent) AS UserAgent, as_text(CorrelationId) AS CorrelationId,
    as_text(OriginalRequestId) AS OriginalRequestId, as_text(ConditionalAccessStatus) AS ConditionalAccessStatus,
    result_type, as_text(TenantId) AS TenantId,
    policies, device, status, tp
  FROM fields
), shaped AS (
  SELECT *,
    coalesce(TimeGenerated0, CreatedDateTime) AS TimeGenerated,
    CASE
      WHEN type_name = 'SigninLogs' THEN 'interactive'
      WHEN type_name = 'AADNonInteractiveUserSignInLogs' THEN 'noninteractive'
      WHEN type_name IS NOT NULL THEN 'other'
      WHEN lower(category) = 'signinlogs' THEN 'interactive'
      WHEN lower(category) = 'noninteractiveusersigninlogs' THEN 'noninteractive'
      WHEN category IS NOT NULL THEN 'other'
      WHEN contains(event_types, 'noninteractiveuser') THEN 'noninteractive'
      WHEN contains(event_types, 'interactiveuser') THEN 'interactive'
      WHEN event_types NOT IN ('', '[]') THEN 'other'
      WHEN is_interactive THEN 'interactive'
      WHEN NOT is_interactive THEN 'noninteractive'
      ELSE $as
    END AS Log,
    TRY_CAST(coalesce(status.errorCode, result_type) AS INTEGER) AS ErrorCode,
    policies AS ConditionalAccessPolicies
  FROM typed
)
SELECT
  FileId, Pos, Item,
  CASE
    WHEN r IS NULL THEN 'invalid'
    WHEN Log = 'other' THEN 'skipped'
    WHEN Id IS NULL AND UserPrincipalName IS NULL AND UserId IS NULL AND AppDisplayName IS NULL AND AppId IS NULL THEN 'invalid'
    WHEN Id IS NULL OR TimeGenerated IS NULL THEN 'invalid'
    WHEN Log IS NULL THEN 'unknown-log'
    ELSE 'ok'
  END AS Disposition,
  CASE
    WHEN r IS NULL THEN 'malformed JSON'
    WHEN Log = 'other' THEN coalesce(type_name, category, event_types)
    WHEN Id IS NULL AND UserPrincipalName IS NULL AND UserId IS NULL AND AppDisplayName IS NULL AND AppId IS NULL
      THEN 'not a sign-in record (no Id, no user or app fields)'
    WHEN Id IS NULL THEN 'sign-in record without an Id'
    WHEN TimeGenerated IS NULL AND time_text IS NULL THEN 'sign-in record without a time (TimeGenerated, time or createdDateTime)'
    WHEN TimeGenerated IS NULL THEN 'unreadable time "' || time_text || '"'
  END AS Reason,
  md5_number(concat_ws(chr(31), Log, Id, strftime(TimeGenerated, '%Y-%m-%dT%H:%M:%S.%f'),
                       strftime(CreatedDateTime, '%Y-%m-%dT%H:%M:%S.%f'), ErrorCode::VARCHAR,
                       to_json(list_transform(ConditionalAccessPolicies, p -> [p.id, p.result, to_json(p.sessionControlsNotSatisfied)::VARCHAR]))::VARCHAR
  )) AS RecordKey,
  Log, TimeGenerated, CreatedDateTime, Id, OriginalRequestId, CorrelationId, TenantId,
  UserPrincipalName, UserId, UserDisplayName, UserType, AppDisplayName, AppId, ResourceDisplayName, ResourceId,
  ClientAppUsed, IPAddress, UserAgent,
  device.deviceId AS DeviceId,
  device.displayName AS DeviceDisplayName,
  device.operatingSystem AS OperatingSystem,
  device.browser AS Browser,
  device.trustType AS TrustType,
  as_bool(device.isCompliant) AS IsCompliant,
  as_bool(device.isManaged) AS IsManaged,
  ErrorCode,
  status.failureReason AS FailureReason,
  ConditionalAccessStatus,
  tp.signInSessionStatus AS TokenProtectionStatus,
  TRY_CAST(tp.signInSessionStatusCode AS INTEGER) AS TokenProtectionStatusCode,
  ConditionalAccessPolicies,
  len(counted_token_protection(ConditionalAccessPolicies)) > 0 AS TokenProtectionCounted,
  token_protection_blocks(counted_token_protection(ConditionalAccessPolicies)) AS TokenProtectionBlocked,
  f.Path AS SourceFile,
  f.Format AS SourceFormat,
  f.PositionUnit || ' ' || Pos || CASE WHEN Item IS NOT NULL THEN ', item ' || Item ELSE '' END AS SourcePosition,
  $run AS IngestRun,
  -- Reports straight from files read into memory need no copy of the original records.
  CASE WHEN $keep_records THEN r ELSE 'null'::JSON END AS Record
FROM shaped JOIN ingest_files f USING (FileId);
