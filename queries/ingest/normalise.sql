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
-- Nested values may be JSON or text holding JSON (json_text) in every source; each is parsed
-- once, by from_json.
--
-- Record identity (RecordKey): md5 of log, Id, TimeGenerated, CreatedDateTime, error code and
-- each policy's id, result and sessionControlsNotSatisfied. Records of one sign-in that differ in
-- time, status or policy results are distinct; the same record read twice is one.
INSERT INTO ingest_records BY NAME
WITH docs AS (
  SELECT FileId, Pos, Doc, doc_kind(Doc) AS kind FROM ingest_docs
), recs AS (
  SELECT FileId, Pos, kind, unnest(records_of(Doc, kind)) AS r, unnest(range(1, len(records_of(Doc, kind)) + 1)) AS i FROM docs
), fields AS (
  SELECT FileId, Pos, CASE WHEN kind NOT IN ('record', 'malformed') THEN i END AS Item, r,
    json_extract_string(r, [
      '$.TimeGenerated', '$."TimeGenerated [UTC]"', '$.time',                                    -- 1-3
      '$.CreatedDateTime', '$."CreatedDateTime [UTC]"', '$.properties.createdDateTime', '$.createdDateTime', -- 4-7
      '$.Id', '$.properties.id', '$.id',                                                          -- 8-10
      '$.Type', '$.Category', '$.category',                                                       -- 11-13
      '$.SignInEventTypes', '$.properties.signInEventTypes', '$.signInEventTypes',                -- 14-16
      '$.IsInteractive', '$.properties.isInteractive', '$.isInteractive',                         -- 17-19
      '$.UserPrincipalName', '$.properties.userPrincipalName', '$.userPrincipalName',             -- 20-22
      '$.UserId', '$.properties.userId', '$.userId',                                              -- 23-25
      '$.UserDisplayName', '$.properties.userDisplayName', '$.userDisplayName',                   -- 26-28
      '$.UserType', '$.properties.userType', '$.userType',                                        -- 29-31
      '$.AppDisplayName', '$.properties.appDisplayName', '$.appDisplayName',                      -- 32-34
      '$.AppId', '$.properties.appId', '$.appId',                                                 -- 35-37
      '$.ResourceDisplayName', '$.properties.resourceDisplayName', '$.resourceDisplayName',       -- 38-40
      '$.ResourceIdentity', '$.properties.resourceId', '$.ResourceId', '$.resourceId',            -- 41-44
      '$.ClientAppUsed', '$.properties.clientAppUsed', '$.clientAppUsed',                         -- 45-47
      '$.IPAddress', '$.properties.ipAddress', '$.ipAddress', '$.callerIpAddress',                -- 48-51
      '$.UserAgent', '$.properties.userAgent', '$.userAgent',                                     -- 52-54
      '$.CorrelationId', '$.properties.correlationId', '$.correlationId',                         -- 55-57
      '$.OriginalRequestId', '$.properties.originalRequestId', '$.originalRequestId',             -- 58-60
      '$.ConditionalAccessStatus', '$.properties.conditionalAccessStatus', '$.conditionalAccessStatus', -- 61-63
      '$.ResultType', '$.resultType',                                                             -- 64-65
      '$.AADTenantId', '$.tenantId', '$.properties.homeTenantId', '$.HomeTenantId', '$.homeTenantId' -- 66-70
    ]) AS s,
    json_extract(r, [
      '$.ConditionalAccessPolicies', '$.ConditionalAccessPolicies_dynamic', '$.ConditionalAccessPolicies_string',
      '$.properties.appliedConditionalAccessPolicies', '$.appliedConditionalAccessPolicies',
      '$.AppliedConditionalAccessPolicies',                                                       -- 1-6
      '$.DeviceDetail', '$.DeviceDetail_dynamic', '$.DeviceDetail_string',
      '$.properties.deviceDetail', '$.deviceDetail',                                              -- 7-11
      '$.Status', '$.Status_dynamic', '$.Status_string', '$.properties.status', '$.status',       -- 12-16
      '$.TokenProtectionStatusDetails', '$.properties.tokenProtectionStatusDetails',
      '$.tokenProtectionStatusDetails'                                                            -- 17-19
    ]) AS j
  FROM recs
), texts AS (
  SELECT FileId, Pos, Item, r, s,
    -- SigninLogs' legacy AppliedConditionalAccessPolicies column is not the policy array: only
    -- Graph PowerShell objects (no Type) use that name for it.
    CASE WHEN as_text(s[11]) IS NULL THEN first_json_text(j[1:6]) ELSE first_json_text(j[1:5]) END AS policies_text,
    first_json_text(j[7:11]) AS device_text,
    first_json_text(j[12:16]) AS status_text,
    first_json_text(j[17:19]) AS tp_text
  FROM fields
), nested AS (
  -- Graph PowerShell objects spell nested keys in PascalCase. DuckDB matches JSON keys by case but
  -- struct fields without it, so each spelling gets its own from_json, renamed to camelCase.
  SELECT FileId, Pos, Item, r, s,
    CASE WHEN contains(policies_text, '"EnforcedSessionControls"') THEN list_transform(
        from_json(policies_text, '[{"Id":"VARCHAR","DisplayName":"VARCHAR","Result":"VARCHAR","EnforcedGrantControls":["VARCHAR"],
                                   "EnforcedSessionControls":["VARCHAR"],"SessionControlsNotSatisfied":["VARCHAR"]}]'),
        p -> {'id': p.Id, 'displayName': p.DisplayName, 'result': p.Result, 'enforcedGrantControls': p.EnforcedGrantControls,
              'enforcedSessionControls': p.EnforcedSessionControls, 'sessionControlsNotSatisfied': p.SessionControlsNotSatisfied})
      ELSE from_json(policies_text, '[{"id":"VARCHAR","displayName":"VARCHAR","result":"VARCHAR","enforcedGrantControls":["VARCHAR"],
                                      "enforcedSessionControls":["VARCHAR"],"sessionControlsNotSatisfied":["VARCHAR"]}]')
    END AS policies,
    CASE WHEN contains(device_text, '"OperatingSystem"') OR contains(device_text, '"DeviceId"') THEN list_transform(
        [from_json(device_text, '{"DeviceId":"VARCHAR","DisplayName":"VARCHAR","OperatingSystem":"VARCHAR","Browser":"VARCHAR",
                                  "TrustType":"VARCHAR","IsCompliant":"VARCHAR","IsManaged":"VARCHAR"}')],
        d -> {'deviceId': d.DeviceId, 'displayName': d.DisplayName, 'operatingSystem': d.OperatingSystem, 'browser': d.Browser,
              'trustType': d.TrustType, 'isCompliant': d.IsCompliant, 'isManaged': d.IsManaged})[1]
      ELSE from_json(device_text, '{"deviceId":"VARCHAR","displayName":"VARCHAR","operatingSystem":"VARCHAR","browser":"VARCHAR",
                                    "trustType":"VARCHAR","isCompliant":"VARCHAR","isManaged":"VARCHAR"}')
    END AS device,
    CASE WHEN contains(status_text, '"ErrorCode"') THEN list_transform(
        [from_json(status_text, '{"ErrorCode":"VARCHAR","FailureReason":"VARCHAR"}')],
        x -> {'errorCode': x.ErrorCode, 'failureReason': x.FailureReason})[1]
      ELSE from_json(status_text, '{"errorCode":"VARCHAR","failureReason":"VARCHAR"}')
    END AS status,
    CASE WHEN contains(tp_text, '"SignInSessionStatus"') THEN list_transform(
        [from_json(tp_text, '{"SignInSessionStatus":"VARCHAR","SignInSessionStatusCode":"VARCHAR"}')],
        x -> {'signInSessionStatus': x.SignInSessionStatus, 'signInSessionStatusCode': x.SignInSessionStatusCode})[1]
      ELSE from_json(tp_text, '{"signInSessionStatus":"VARCHAR","signInSessionStatusCode":"VARCHAR"}')
    END AS tp
  FROM texts
), typed AS (
  SELECT FileId, Pos, Item, r,
    as_utc(first_text(s[1:3])) AS TimeGenerated0,
    as_utc(first_text(s[4:7])) AS CreatedDateTime,
    first_text(s[1:3]) AS time_text,
    as_text(first_text(s[8:10])) AS Id,
    as_text(s[11]) AS type_name,
    as_text(coalesce(s[12], s[13])) AS category,
    lower(coalesce(first_text(s[14:16]), '')) AS event_types,
    as_bool(first_text(s[17:19])) AS is_interactive,
    first_text(s[20:22]) AS UserPrincipalName,
    first_text(s[23:25]) AS UserId,
    first_text(s[26:28]) AS UserDisplayName,
    first_text(s[29:31]) AS UserType,
    first_text(s[32:34]) AS AppDisplayName,
    first_text(s[35:37]) AS AppId,
    first_text(s[38:40]) AS ResourceDisplayName,
    -- LA ResourceId and the diagnostic envelope's resourceId are '/tenants/<id>/providers/...',
    -- not the resource application.
    list_filter(s[41:44], x -> as_text(x) IS NOT NULL AND NOT starts_with(x, '/'))[1] AS ResourceId,
    first_text(s[45:47]) AS ClientAppUsed,
    first_text(s[48:51]) AS IPAddress,
    first_text(s[52:54]) AS UserAgent,
    first_text(s[55:57]) AS CorrelationId,
    first_text(s[58:60]) AS OriginalRequestId,
    first_text(s[61:63]) AS ConditionalAccessStatus,
    first_text(s[64:65]) AS result_type,
    first_text(s[66:70]) AS TenantId,
    policies, device, status, tp
  FROM nested
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
  f.Path AS SourceFile,
  f.Format AS SourceFormat,
  f.PositionUnit || ' ' || Pos || CASE WHEN Item IS NOT NULL THEN ', item ' || Item ELSE '' END AS SourcePosition,
  $run AS IngestRun,
  -- Reports straight from files read into memory need no copy of the original records.
  CASE WHEN $keep_records THEN r ELSE 'null'::JSON END AS Record
FROM shaped JOIN ingest_files f USING (FileId);
