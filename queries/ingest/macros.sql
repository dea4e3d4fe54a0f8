-- Macros of ingest only: the shapes DuckDB's reader parses records into, and how each shape's
-- fields become one normalised sign-in row. Created when a run reads files (TEMP: never stored).
--
-- The same field has up to four names, by source (signin-log-formats.md §1.3): Log Analytics
-- rows (PascalCase), diagnostic records (camelCase under "properties", envelope "time" and
-- "category"), Graph objects (camelCase), Graph PowerShell SDK objects (PascalCase Graph names).
-- A file's spelling is decided once from its first record (src/ingest/detect.ts), so each record
-- is parsed once, by DuckDB's reader, straight into the structure of its spelling below.
-- Readers take a file's compression from its name (.gz): ingest reads a gzip file whose name says
-- otherwise, or a plain one named .gz, through a link named right (src/ingest/ingest.ts).
-- Every reader here is given hive_partitioning => false: diagnostic archives live under
-- tenantId=…/y=…/m=…/d=… folders, which DuckDB would otherwise add as columns (and number
-- WITH ORDINALITY wrongly: the ordinal is a column named after them).

-- The JSON text of a value that may be a string holding JSON (AADNonInteractiveUserSignInLogs
-- columns, every Log Analytics export path, CSV cells); NULL for missing, null, '', az CLI's 'None'
-- and text that is not JSON. Looks at the first character instead of json_type(), which would
-- parse the whole value.
CREATE OR REPLACE TEMP MACRO json_text(x) AS
  CASE
    WHEN x IS NULL THEN NULL
    WHEN starts_with(x::VARCHAR, '"') THEN CASE WHEN json_valid(x ->> '$') THEN x ->> '$' END
    WHEN x::VARCHAR IN ('null', '', 'None') THEN NULL
    ELSE x::VARCHAR
  END;

-- The first of several JSON values that is present, as JSON text.
CREATE OR REPLACE TEMP MACRO first_json_text(xs) AS list_filter(list_transform(xs, x -> json_text(x)), t -> t IS NOT NULL)[1];

-- A string value as text; NULL for null, '' and az CLI's 'None' in non-string columns.
CREATE OR REPLACE TEMP MACRO as_text(s) AS nullif(nullif(s, ''), 'None');

-- true/false from JSON booleans or the strings "True", "TRUE", "true" (az CLI, portal CSV).
CREATE OR REPLACE TEMP MACRO as_bool(s) AS
  CASE lower(s) WHEN 'true' THEN true WHEN 'false' THEN false ELSE NULL END;

-- A time in any form the exports write, as a naive UTC TIMESTAMP: ISO 8601 with Z, an offset or
-- no zone (taken as UTC), 7 to 9 fractional digits (truncated to microseconds), or US-locale forms
-- of the portal CSV ('11/20/2026, 1:05:09.000 PM'), of Event Hub ('11/20/2026 1:05:09 PM [+01:00]')
-- and of some pipelines ('11/20/2026 13:05:09', 24-hour). Each form is tried only where the
-- ones before it failed (coalesce stops at the first that parses).
CREATE OR REPLACE TEMP MACRO as_utc(s) AS
  coalesce(
    timezone('UTC', TRY_CAST(as_text(s) AS TIMESTAMPTZ)),
    timezone('UTC', TRY_CAST(regexp_replace(as_text(s), '(\.\d{6})\d+', '\1') AS TIMESTAMPTZ)),
    timezone('UTC', try_strptime(as_text(s), ['%m/%d/%Y %I:%M:%S %p %z', '%m/%d/%Y, %I:%M:%S.%g %p %z'])),
    try_strptime(as_text(s), ['%m/%d/%Y, %I:%M:%S.%g %p', '%m/%d/%Y, %I:%M:%S %p', '%m/%d/%Y %I:%M:%S %p',
                              '%m/%d/%Y %I:%M:%S.%g %p', '%m/%d/%Y %H:%M:%S', '%m/%d/%Y %H:%M:%S.%f'])
  );

-- The run's id of the file a read's row came from (ingest_files.FileId): the id at the place of its
-- path in the read's list of paths, which the reads of queries/ingest/read/ are given beside it. A
-- join to ingest_files on the path would give the same; in DuckDB 1.5.6 it made a read of a 1 GB
-- archive hold far more in memory (out of memory at the default 1 GB limit with 8 threads).
CREATE OR REPLACE TEMP MACRO file_of(file_ids, read_paths, filename) AS
  file_ids[list_position(read_paths, filename)]::INTEGER;

-- The structures records are read into, as JSON structure strings (from_json's form; the reader
-- takes the same as a type: typeof(from_json('null', ...))). JSON keys match by case and struct
-- fields do not, so camelCase and PascalCase spellings get a structure each.
CREATE OR REPLACE TEMP MACRO policies_structure() AS
  '[{"id":"VARCHAR","displayName":"VARCHAR","result":"VARCHAR","enforcedGrantControls":["VARCHAR"],
     "enforcedSessionControls":["VARCHAR"],"sessionControlsNotSatisfied":["VARCHAR"]}]';
CREATE OR REPLACE TEMP MACRO pascal_policies_structure() AS
  '[{"Id":"VARCHAR","DisplayName":"VARCHAR","Result":"VARCHAR","EnforcedGrantControls":["VARCHAR"],
     "EnforcedSessionControls":["VARCHAR"],"SessionControlsNotSatisfied":["VARCHAR"]}]';
CREATE OR REPLACE TEMP MACRO device_structure() AS
  '{"deviceId":"VARCHAR","displayName":"VARCHAR","operatingSystem":"VARCHAR","browser":"VARCHAR",
    "trustType":"VARCHAR","isCompliant":"VARCHAR","isManaged":"VARCHAR"}';
CREATE OR REPLACE TEMP MACRO pascal_device_structure() AS
  '{"DeviceId":"VARCHAR","DisplayName":"VARCHAR","OperatingSystem":"VARCHAR","Browser":"VARCHAR",
    "TrustType":"VARCHAR","IsCompliant":"VARCHAR","IsManaged":"VARCHAR"}';

-- A record's top-level fields and their types, as DuckDB's reader takes them for records it parses
-- straight into columns (read_json's `columns`, with records => true: queries/ingest/read/plain.*.sql),
-- and the same as a JSON structure string (to_json of them), as from_json takes it for records
-- read any other way. Read into columns, every small file costs the reader about half as much as
-- into one STRUCT column of the same fields (720 hourly archives: 0.15 s instead of 0.27-0.34 s;
-- a 1 GB archive's read and fields about a tenth less, within the noise of a whole report).

-- The sign-in fields of Graph signIn objects (top level) and diagnostic records ("properties").
-- Their nested values are always JSON objects, so they are typed here and parsed once.
CREATE OR REPLACE TEMP MACRO camel_signin_columns() AS {
  id: 'VARCHAR', createdDateTime: 'VARCHAR', userPrincipalName: 'VARCHAR', userId: 'VARCHAR', userDisplayName: 'VARCHAR',
  userType: 'VARCHAR', appDisplayName: 'VARCHAR', appId: 'VARCHAR', resourceDisplayName: 'VARCHAR', resourceId: 'VARCHAR',
  clientAppUsed: 'VARCHAR', ipAddress: 'VARCHAR', userAgent: 'VARCHAR', correlationId: 'VARCHAR', originalRequestId: 'VARCHAR',
  conditionalAccessStatus: 'VARCHAR', isInteractive: 'VARCHAR', signInEventTypes: 'VARCHAR', homeTenantId: 'VARCHAR',
  status: 'STRUCT(errorCode VARCHAR, failureReason VARCHAR)',
  tokenProtectionStatusDetails: 'STRUCT(signInSessionStatus VARCHAR, signInSessionStatusCode VARCHAR)',
  deviceDetail: typeof(from_json('null', device_structure())),
  appliedConditionalAccessPolicies: typeof(from_json('null', policies_structure()))
};

-- Graph signIn objects, and diagnostic records: the envelope and the sign-in under "properties".
CREATE OR REPLACE TEMP MACRO camel_record_columns() AS struct_concat(
  {time: 'VARCHAR', category: 'VARCHAR', tenantId: 'VARCHAR', resultType: 'VARCHAR', callerIpAddress: 'VARCHAR'},
  camel_signin_columns(),
  {properties: typeof(from_json('null', to_json(camel_signin_columns())::VARCHAR))}
);
CREATE OR REPLACE TEMP MACRO camel_record_structure() AS to_json(camel_record_columns())::VARCHAR;

-- Log Analytics rows (JSON, az CLI, REST API, portal CSV with its "[UTC]" and _dynamic/_string
-- columns) and Graph PowerShell SDK objects. Nested columns are read as text: Log Analytics
-- writes them as JSON or as strings holding JSON, and either becomes the JSON text.
CREATE OR REPLACE TEMP MACRO pascal_record_columns() AS {
  TimeGenerated: 'VARCHAR', "TimeGenerated [UTC]": 'VARCHAR', CreatedDateTime: 'VARCHAR', "CreatedDateTime [UTC]": 'VARCHAR',
  Id: 'VARCHAR', Type: 'VARCHAR', Category: 'VARCHAR', SignInEventTypes: 'VARCHAR', IsInteractive: 'VARCHAR',
  UserPrincipalName: 'VARCHAR', UserId: 'VARCHAR', UserDisplayName: 'VARCHAR', UserType: 'VARCHAR',
  AppDisplayName: 'VARCHAR', AppId: 'VARCHAR', ResourceDisplayName: 'VARCHAR', ResourceIdentity: 'VARCHAR',
  ResourceId: 'VARCHAR', ClientAppUsed: 'VARCHAR', IPAddress: 'VARCHAR', UserAgent: 'VARCHAR', CorrelationId: 'VARCHAR',
  OriginalRequestId: 'VARCHAR', ConditionalAccessStatus: 'VARCHAR', ResultType: 'VARCHAR', AADTenantId: 'VARCHAR',
  HomeTenantId: 'VARCHAR',
  ConditionalAccessPolicies: 'VARCHAR', ConditionalAccessPolicies_dynamic: 'VARCHAR', ConditionalAccessPolicies_string: 'VARCHAR',
  AppliedConditionalAccessPolicies: 'VARCHAR',
  DeviceDetail: 'VARCHAR', DeviceDetail_dynamic: 'VARCHAR', DeviceDetail_string: 'VARCHAR',
  Status: 'VARCHAR', Status_dynamic: 'VARCHAR', Status_string: 'VARCHAR', TokenProtectionStatusDetails: 'VARCHAR'
};
CREATE OR REPLACE TEMP MACRO pascal_record_structure() AS to_json(pascal_record_columns())::VARCHAR;

-- Policies from JSON text in either spelling, as LIST(STRUCT(id, displayName, result, ...)).
CREATE OR REPLACE TEMP MACRO parse_policies(t) AS
  CASE WHEN contains(t, '"EnforcedSessionControls"') THEN list_transform(TRY(from_json(t, pascal_policies_structure())),
         p -> {'id': p.Id, 'displayName': p.DisplayName, 'result': p.Result, 'enforcedGrantControls': p.EnforcedGrantControls,
               'enforcedSessionControls': p.EnforcedSessionControls, 'sessionControlsNotSatisfied': p.SessionControlsNotSatisfied})
       ELSE TRY(from_json(t, policies_structure())) END;

-- A device from JSON text in either spelling.
CREATE OR REPLACE TEMP MACRO parse_device(t) AS
  CASE WHEN contains(t, '"OperatingSystem"') OR contains(t, '"DeviceId"') THEN list_transform([TRY(from_json(t, pascal_device_structure()))],
         d -> {'deviceId': d.DeviceId, 'displayName': d.DisplayName, 'operatingSystem': d.OperatingSystem, 'browser': d.Browser,
               'trustType': d.TrustType, 'isCompliant': d.IsCompliant, 'isManaged': d.IsManaged})[1]
       ELSE TRY(from_json(t, device_structure())) END;

-- The error code and failure reason of a status, and the token protection state, in either spelling.
CREATE OR REPLACE TEMP MACRO parse_status(t) AS
  CASE WHEN contains(t, '"ErrorCode"') THEN list_transform([TRY(from_json(t, '{"ErrorCode":"VARCHAR","FailureReason":"VARCHAR"}'))],
         x -> {'errorCode': x.ErrorCode, 'failureReason': x.FailureReason})[1]
       ELSE TRY(from_json(t, '{"errorCode":"VARCHAR","failureReason":"VARCHAR"}')) END;
CREATE OR REPLACE TEMP MACRO parse_token_protection(t) AS
  CASE WHEN contains(t, '"SignInSessionStatus"') THEN list_transform([TRY(from_json(t, '{"SignInSessionStatus":"VARCHAR","SignInSessionStatusCode":"VARCHAR"}'))],
         x -> {'signInSessionStatus': x.SignInSessionStatus, 'signInSessionStatusCode': x.SignInSessionStatusCode})[1]
       ELSE TRY(from_json(t, '{"signInSessionStatus":"VARCHAR","signInSessionStatusCode":"VARCHAR"}')) END;

-- Step 1 of normalising, by spelling: the fields of one record, as text and nested values.
-- A diagnostic record holds the sign-in under "properties"; a Graph object at the top.
CREATE OR REPLACE TEMP MACRO camel_fields(r) AS {
  -- A line that is not JSON, read with --skip-invalid (ignore_errors): the whole record is NULL.
  'Malformed': r IS NULL,
  'TypeName': NULL::VARCHAR,
  'Category': r.category,
  'EventTypes': coalesce(r.properties.signInEventTypes, r.signInEventTypes),
  'Interactive': coalesce(r.properties.isInteractive, r.isInteractive),
  'TimeText': r.time,
  'CreatedText': coalesce(r.properties.createdDateTime, r.createdDateTime),
  'Id': coalesce(r.properties.id, r.id),
  'UserPrincipalName': coalesce(r.properties.userPrincipalName, r.userPrincipalName),
  'UserId': coalesce(r.properties.userId, r.userId),
  'UserDisplayName': coalesce(r.properties.userDisplayName, r.userDisplayName),
  'UserType': coalesce(r.properties.userType, r.userType),
  'AppDisplayName': coalesce(r.properties.appDisplayName, r.appDisplayName),
  'AppId': coalesce(r.properties.appId, r.appId),
  'ResourceDisplayName': coalesce(r.properties.resourceDisplayName, r.resourceDisplayName),
  -- The diagnostic envelope's resourceId is '/tenants/<id>/providers/...', not the resource application.
  'ResourceId': list_filter([r.properties.resourceId, r.resourceId], x -> as_text(x) IS NOT NULL AND NOT starts_with(x, '/'))[1],
  'ClientAppUsed': coalesce(r.properties.clientAppUsed, r.clientAppUsed),
  'IPAddress': coalesce(r.properties.ipAddress, r.ipAddress, r.callerIpAddress),
  'UserAgent': coalesce(r.properties.userAgent, r.userAgent),
  'CorrelationId': coalesce(r.properties.correlationId, r.correlationId),
  'OriginalRequestId': coalesce(r.properties.originalRequestId, r.originalRequestId),
  'ConditionalAccessStatus': coalesce(r.properties.conditionalAccessStatus, r.conditionalAccessStatus),
  'ResultType': r.resultType,
  'TenantId': coalesce(r.tenantId, r.properties.homeTenantId, r.homeTenantId),
  'Policies': coalesce(r.properties.appliedConditionalAccessPolicies, r.appliedConditionalAccessPolicies),
  'Device': coalesce(r.properties.deviceDetail, r.deviceDetail),
  'Status': coalesce(r.properties.status, r.status),
  'TokenProtection': coalesce(r.properties.tokenProtectionStatusDetails, r.tokenProtectionStatusDetails)
};

-- Log Analytics rows and Graph PowerShell SDK objects, in two steps. First the JSON text of each
-- nested value, wherever the export put it (X, X_dynamic, X_string), in a projection of its own:
-- the parse_* macros use their argument more than once, and a macro repeats an argument's
-- expression at every use.
CREATE OR REPLACE TEMP MACRO pascal_texts(r) AS {
  'r': r,
  'PoliciesText': first_json_text(
     -- SigninLogs' legacy AppliedConditionalAccessPolicies column is not the policy array: only
     -- Graph PowerShell objects (no Type) use that name for it.
     CASE WHEN as_text(r.Type) IS NULL
          THEN [r.ConditionalAccessPolicies, r.ConditionalAccessPolicies_dynamic, r.ConditionalAccessPolicies_string, r.AppliedConditionalAccessPolicies]
          ELSE [r.ConditionalAccessPolicies, r.ConditionalAccessPolicies_dynamic, r.ConditionalAccessPolicies_string] END),
  'DeviceText': first_json_text([r.DeviceDetail, r.DeviceDetail_dynamic, r.DeviceDetail_string]),
  'StatusText': first_json_text([r.Status, r.Status_dynamic, r.Status_string]),
  'TokenProtectionText': json_text(r.TokenProtectionStatusDetails)
};

-- Then the fields, as camel_fields gives them.
CREATE OR REPLACE TEMP MACRO pascal_fields(x) AS {
  'Malformed': x.r IS NULL,
  'TypeName': x.r.Type,
  'Category': x.r.Category,
  'EventTypes': x.r.SignInEventTypes,
  'Interactive': x.r.IsInteractive,
  'TimeText': coalesce(x.r.TimeGenerated, x.r."TimeGenerated [UTC]"),
  'CreatedText': coalesce(x.r.CreatedDateTime, x.r."CreatedDateTime [UTC]"),
  'Id': x.r.Id,
  'UserPrincipalName': x.r.UserPrincipalName,
  'UserId': x.r.UserId,
  'UserDisplayName': x.r.UserDisplayName,
  'UserType': x.r.UserType,
  'AppDisplayName': x.r.AppDisplayName,
  'AppId': x.r.AppId,
  -- LA ResourceId is '/tenants/<id>/providers/...'; the resource application is ResourceIdentity
  -- (Graph PowerShell objects call it ResourceId).
  'ResourceId': list_filter([x.r.ResourceIdentity, x.r.ResourceId], v -> as_text(v) IS NOT NULL AND NOT starts_with(v, '/'))[1],
  'ResourceDisplayName': x.r.ResourceDisplayName,
  'ClientAppUsed': x.r.ClientAppUsed,
  'IPAddress': x.r.IPAddress,
  'UserAgent': x.r.UserAgent,
  'CorrelationId': x.r.CorrelationId,
  'OriginalRequestId': x.r.OriginalRequestId,
  'ConditionalAccessStatus': x.r.ConditionalAccessStatus,
  'ResultType': x.r.ResultType,
  'TenantId': coalesce(x.r.AADTenantId, x.r.HomeTenantId),
  'Policies': parse_policies(x.PoliciesText),
  'Device': parse_device(x.DeviceText),
  'Status': parse_status(x.StatusText),
  'TokenProtection': parse_token_protection(x.TokenProtectionText)
};

-- Step 2, the same for every shape: typed values and the record's log. The log comes from the
-- record: Log Analytics' Type, the diagnostic or CSV category, Graph's signInEventTypes, then
-- isInteractive (read after signInEventTypes: service principal and managed identity sign-ins
-- have isInteractive false too); as_log is --as, for records that carry none of these.
CREATE OR REPLACE TEMP MACRO typed_signin(f, as_log) AS {
  'Malformed': f.Malformed,
  'TimeGenerated': coalesce(as_utc(f.TimeText), as_utc(f.CreatedText)),
  'CreatedDateTime': as_utc(f.CreatedText),
  'TimeText': coalesce(as_text(f.TimeText), as_text(f.CreatedText)),
  'Log': CASE
      WHEN as_text(f.TypeName) = 'SigninLogs' THEN 'interactive'
      WHEN as_text(f.TypeName) = 'AADNonInteractiveUserSignInLogs' THEN 'noninteractive'
      WHEN as_text(f.TypeName) IS NOT NULL THEN 'other'
      WHEN lower(as_text(f.Category)) = 'signinlogs' THEN 'interactive'
      WHEN lower(as_text(f.Category)) = 'noninteractiveusersigninlogs' THEN 'noninteractive'
      WHEN as_text(f.Category) IS NOT NULL THEN 'other'
      WHEN contains(lower(coalesce(as_text(f.EventTypes), '')), 'noninteractiveuser') THEN 'noninteractive'
      WHEN contains(lower(coalesce(as_text(f.EventTypes), '')), 'interactiveuser') THEN 'interactive'
      WHEN lower(coalesce(as_text(f.EventTypes), '')) NOT IN ('', '[]') THEN 'other'
      WHEN as_bool(f.Interactive) THEN 'interactive'
      WHEN NOT as_bool(f.Interactive) THEN 'noninteractive'
      ELSE as_log
    END,
  'OtherLog': coalesce(as_text(f.TypeName), as_text(f.Category), lower(as_text(f.EventTypes))),
  'Id': as_text(f.Id),
  'OriginalRequestId': as_text(f.OriginalRequestId),
  'CorrelationId': as_text(f.CorrelationId),
  'TenantId': as_text(f.TenantId),
  'UserPrincipalName': as_text(f.UserPrincipalName),
  'UserId': as_text(f.UserId),
  'UserDisplayName': as_text(f.UserDisplayName),
  'UserType': as_text(f.UserType),
  'AppDisplayName': as_text(f.AppDisplayName),
  'AppId': as_text(f.AppId),
  'ResourceDisplayName': as_text(f.ResourceDisplayName),
  'ResourceId': f.ResourceId,
  'ClientAppUsed': as_text(f.ClientAppUsed),
  'IPAddress': as_text(f.IPAddress),
  'UserAgent': as_text(f.UserAgent),
  'DeviceId': f.Device.deviceId,
  'DeviceDisplayName': f.Device.displayName,
  'OperatingSystem': f.Device.operatingSystem,
  'Browser': f.Device.browser,
  'TrustType': f.Device.trustType,
  'IsCompliant': as_bool(f.Device.isCompliant),
  'IsManaged': as_bool(f.Device.isManaged),
  'ErrorCode': TRY_CAST(coalesce(f.Status.errorCode, f.ResultType) AS INTEGER),
  'FailureReason': f.Status.failureReason,
  'ConditionalAccessStatus': as_text(f.ConditionalAccessStatus),
  'TokenProtectionStatus': f.TokenProtection.signInSessionStatus,
  'TokenProtectionStatusCode': TRY_CAST(f.TokenProtection.signInSessionStatusCode AS INTEGER),
  'ConditionalAccessPolicies': f.Policies,
  -- Those with the token protection control, found once: all a report keeps, and the only ones
  -- whose outcome signin_row evaluates.
  'TokenProtectionPolicies': token_protection_policies(f.Policies)
};

-- Step 3, the stored row: what becomes of the record (Disposition, and Reason when it is not
-- stored), its identity, its token protection outcome, and its columns.
--   ok           a sign-in of the interactive or non-interactive log
--   skipped      a record of another category sharing the archive (service principal, managed
--                identity, ADFS sign-ins, audit logs): counted, not stored
--   invalid      not storable (Reason says why); an error unless --skip-invalid
--   unknown-log  nothing in the record says which log it is and --as was not given
-- Record identity (RecordKey): md5 of log, Id, TimeGenerated, CreatedDateTime, error code and
-- each policy's id, result and sessionControlsNotSatisfied. Records of one sign-in that differ in
-- time, status or policy results are distinct; the same record read twice is one.
CREATE OR REPLACE TEMP MACRO signin_row(s, all_policies) AS {
  'Disposition': CASE
      WHEN s.Malformed THEN 'invalid'
      WHEN s.Log = 'other' THEN 'skipped'
      WHEN s.Id IS NULL AND s.UserPrincipalName IS NULL AND s.UserId IS NULL AND s.AppDisplayName IS NULL AND s.AppId IS NULL THEN 'invalid'
      WHEN s.Id IS NULL OR s.TimeGenerated IS NULL THEN 'invalid'
      WHEN s.Log IS NULL THEN 'unknown-log'
      ELSE 'ok'
    END,
  'Reason': CASE
      WHEN s.Malformed THEN 'malformed JSON'
      WHEN s.Log = 'other' THEN s.OtherLog
      WHEN s.Id IS NULL AND s.UserPrincipalName IS NULL AND s.UserId IS NULL AND s.AppDisplayName IS NULL AND s.AppId IS NULL
        THEN 'not a sign-in record (no Id, no user or app fields)'
      WHEN s.Id IS NULL THEN 'sign-in record without an Id'
      WHEN s.TimeGenerated IS NULL AND s.TimeText IS NULL THEN 'sign-in record without a time (TimeGenerated, time or createdDateTime)'
      WHEN s.TimeGenerated IS NULL THEN 'unreadable time "' || s.TimeText || '"'
    END,
  'RecordKey': md5_number(concat_ws(chr(31), s.Log, s.Id, strftime(s.TimeGenerated, '%Y-%m-%dT%H:%M:%S.%f'),
      strftime(s.CreatedDateTime, '%Y-%m-%dT%H:%M:%S.%f'), s.ErrorCode::VARCHAR,
      to_json(list_transform(s.ConditionalAccessPolicies, p -> [p.id, p.result, to_json(p.sessionControlsNotSatisfied)::VARCHAR]))::VARCHAR)),
  'Log': s.Log, 'TimeGenerated': s.TimeGenerated, 'CreatedDateTime': s.CreatedDateTime, 'Id': s.Id,
  'OriginalRequestId': s.OriginalRequestId, 'CorrelationId': s.CorrelationId, 'TenantId': s.TenantId,
  'UserPrincipalName': s.UserPrincipalName, 'UserId': s.UserId, 'UserDisplayName': s.UserDisplayName, 'UserType': s.UserType,
  'AppDisplayName': s.AppDisplayName, 'AppId': s.AppId, 'ResourceDisplayName': s.ResourceDisplayName, 'ResourceId': s.ResourceId,
  'ClientAppUsed': s.ClientAppUsed, 'IPAddress': s.IPAddress, 'UserAgent': s.UserAgent,
  'DeviceId': s.DeviceId, 'DeviceDisplayName': s.DeviceDisplayName, 'OperatingSystem': s.OperatingSystem, 'Browser': s.Browser,
  'TrustType': s.TrustType, 'IsCompliant': s.IsCompliant, 'IsManaged': s.IsManaged,
  'ErrorCode': s.ErrorCode, 'FailureReason': s.FailureReason, 'ConditionalAccessStatus': s.ConditionalAccessStatus,
  'TokenProtectionStatus': s.TokenProtectionStatus, 'TokenProtectionStatusCode': s.TokenProtectionStatusCode,
  -- Without all_policies (a report straight from files) no query reads the full list: what a
  -- report counts is in TokenProtectionPolicies, so the list is not kept a second time.
  'ConditionalAccessPolicies': CASE WHEN all_policies THEN s.ConditionalAccessPolicies END,
  'PolicyCount': len(s.ConditionalAccessPolicies),
  'TokenProtectionCounted': len(counted_token_protection(s.TokenProtectionPolicies)) > 0,
  'TokenProtectionBlocked': token_protection_blocks(counted_token_protection(s.TokenProtectionPolicies)),
  'TokenProtectionPolicies': s.TokenProtectionPolicies
};

-- The records of a top-level value, as JSON text of a list: the value itself when it is an array
-- (arrays appended to one file), the array of an Event Hub body or a Graph page; NULL when the
-- value is one record. Cheap text tests first, so a record is parsed no extra time.
CREATE OR REPLACE TEMP MACRO json_items(v) AS
  CASE WHEN starts_with(ltrim(left(v::VARCHAR, 64)), '[') THEN v
       WHEN contains(v::VARCHAR, '"records"') AND json_type(v, '$.records') = 'ARRAY' THEN v -> '$.records'
       WHEN contains(v::VARCHAR, '"value"') AND json_type(v, '$.value') = 'ARRAY' THEN v -> '$.value'
  END;

-- Where a record was read: 'line 12', 'record 3', 'value 2, item 7', 'row 5'.
CREATE OR REPLACE TEMP MACRO source_position(unit, pos, item) AS
  unit || ' ' || pos || CASE WHEN item IS NOT NULL THEN ', item ' || item ELSE '' END;

-- The original text of each record, at its Position in its file (see stage-files.sql; Item 0: not
-- inside a document), for ingest to keep (signin_records) and --rejects to show. Files of one
-- record per line, one array, or a stream of records:
CREATE OR REPLACE TEMP MACRO plain_record_texts(read_paths, fmt, ignore_errors, max_size) AS TABLE
  SELECT i.FileId, t.Ord - i.FirstOrd + 1 AS Position, 0 AS Item, t.json AS Record
  FROM read_json_objects(read_paths, hive_partitioning => false, format => fmt, ignore_errors => ignore_errors,
                         maximum_object_size => max_size, filename => true) WITH ORDINALITY AS t(json, filename, Ord)
  JOIN ingest_files i ON i.ReadPath = t.filename;

-- Documents: appended arrays, Event Hub bodies and Graph pages (the items of json_items), records
-- between them, and REST API responses (each row as an object keyed by its table's columns).
CREATE OR REPLACE TEMP MACRO document_record_texts(read_paths, max_size) AS TABLE
  WITH docs AS (
    SELECT i.FileId, t.Ord - i.FirstOrd + 1 AS Ord, t.json AS v,
           CASE WHEN contains(left(t.json::VARCHAR, 4096), '"tables"') AND json_type(t.json, '$.tables') = 'ARRAY'
                THEN json_extract(t.json, '$.tables[*]') END AS tables
    FROM read_json_objects(read_paths, hive_partitioning => false, format => 'unstructured',
                           maximum_object_size => max_size, filename => true) WITH ORDINALITY AS t(json, filename, Ord)
    JOIN ingest_files i ON i.ReadPath = t.filename
  ), items AS (
    SELECT FileId, Ord, json_items(v) AS items, v FROM docs WHERE tables IS NULL
  ), item_texts AS (
    SELECT FileId, Ord, CASE WHEN items IS NULL THEN [0] ELSE range(1, json_array_length(items)::BIGINT + 1) END AS numbers,
           CASE WHEN items IS NULL THEN [v] ELSE json_extract(items, '$[*]') END AS texts
    FROM items
  ), tables AS (
    SELECT FileId, Ord, unnest(tables) AS tbl, unnest(range(len(tables))) AS k FROM docs WHERE tables IS NOT NULL
  ), table_rows AS (
    SELECT FileId, Ord, json_extract_string(tbl, '$.columns[*].name') AS names, json_extract(tbl, '$.rows[*]') AS rows,
           1 + coalesce(sum(json_array_length(tbl, '$.rows')::BIGINT) OVER (PARTITION BY FileId, Ord ORDER BY k ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS first_item
    FROM tables
  ), rest_rows AS (
    SELECT FileId, Ord, first_item + unnest(range(len(rows))) AS Item, names, unnest(rows) AS row FROM table_rows
  )
  SELECT FileId, Ord AS Position, unnest(numbers) AS Item, unnest(texts) AS Record FROM item_texts
  UNION ALL
  SELECT FileId, Ord, Item, to_json(map_from_entries(list_zip(names, json_extract(row, '$[*]')))) FROM rest_rows;

-- Portal CSV rows, as objects keyed by the header.
CREATE OR REPLACE TEMP MACRO csv_record_texts(read_paths) AS TABLE
  -- The merge patch takes the reader's own columns (file name, ordinality) out of the object.
  SELECT i.FileId, c.Ord - i.FirstOrd + 1 AS Position, 0 AS Item, json_merge_patch(c.row, '{"filename": null, "ordinality": null}') AS Record
  FROM (
    -- The row as an object: to_json of the whole row of a subquery (DuckDB 1.5 cannot bind a whole
    -- row of a table function WITH ORDINALITY).
    SELECT t.filename, t.ordinality AS Ord, to_json(t) AS row
    FROM (SELECT * FROM read_csv(read_paths, hive_partitioning => false, header => true, all_varchar => true, delim => ',', quote => '"', escape => '"',
                  strict_mode => false, union_by_name => true, filename => true) WITH ORDINALITY) t
  ) c
  JOIN ingest_files i ON i.ReadPath = c.filename;
