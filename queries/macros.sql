-- Macros shared by ingest and the reports, created on every connection (TEMP: never stored).

-- The JSON text of a value that may be a string holding JSON (AADNonInteractiveUserSignInLogs
-- columns, every Log Analytics export path, CSV cells); NULL for missing, null, '', az CLI's 'None'
-- and text that is not JSON. Looks at the first character instead of json_type(), which would
-- parse the whole value.
CREATE OR REPLACE TEMP MACRO json_text(x) AS
  CASE
    WHEN x IS NULL THEN NULL
    WHEN starts_with(x::VARCHAR, '"') THEN CASE WHEN json_valid(x ->> '$') THEN x ->> '$' END
    WHEN x::VARCHAR = 'null' THEN NULL
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
-- no zone (taken as UTC), 7 fractional digits (truncated to microseconds), or US-locale forms of
-- the portal CSV ('11/20/2026, 1:05:09.000 PM') and Event Hub ('11/20/2026 1:05:09 PM [+01:00]').
CREATE OR REPLACE TEMP MACRO as_utc(s) AS
  coalesce(
    timezone('UTC', TRY_CAST(as_text(s) AS TIMESTAMPTZ)),
    timezone('UTC', try_strptime(as_text(s), ['%m/%d/%Y %I:%M:%S %p %z', '%m/%d/%Y, %I:%M:%S.%g %p %z'])),
    try_strptime(as_text(s), ['%m/%d/%Y, %I:%M:%S.%g %p', '%m/%d/%Y, %I:%M:%S %p', '%m/%d/%Y %I:%M:%S %p', '%m/%d/%Y %I:%M:%S.%g %p'])
  );

-- What a top-level JSON value holds: 'array' (a JSON array, or one of several appended), 'records'
-- (an Event Hub capture {"records": [...]}), 'value' (a Graph page {"value": [...]}), 'tables' (a
-- Log Analytics REST API response), 'record' (one record), or 'malformed' (a line that is not JSON,
-- read with --skip-invalid). Cheap text tests first, so a plain record is parsed no extra time.
CREATE OR REPLACE TEMP MACRO doc_kind(doc) AS
  CASE
    WHEN doc IS NULL THEN 'malformed'
    WHEN starts_with(ltrim(left(doc::VARCHAR, 64)), '[') THEN 'array'
    WHEN contains(doc::VARCHAR, '"records"') AND json_type(doc, '$.records') = 'ARRAY' THEN 'records'
    WHEN contains(doc::VARCHAR, '"value"') AND json_type(doc, '$.value') = 'ARRAY' THEN 'value'
    WHEN contains(doc::VARCHAR, '"tables"') AND json_type(doc, '$.tables') = 'ARRAY' THEN 'tables'
    ELSE 'record'
  END;

-- The records of a top-level JSON value of that kind; REST API rows become objects keyed by column.
CREATE OR REPLACE TEMP MACRO records_of(doc, kind) AS
  CASE kind
    WHEN 'malformed' THEN [NULL::JSON]
    WHEN 'array' THEN json_extract(doc, '$[*]')
    WHEN 'records' THEN json_extract(doc, '$.records[*]')
    WHEN 'value' THEN json_extract(doc, '$.value[*]')
    WHEN 'tables' THEN flatten(list_transform(
      json_extract(doc, '$.tables[*]'),
      t -> list_transform(
        json_extract(t, '$.rows[*]'),
        r -> to_json(map_from_entries(list_zip(json_extract_string(t, '$.columns[*].name'), json_extract(r, '$[*]')))))))
    ELSE [doc]
  END;

-- Kusto's case-insensitive string operators fold ASCII only (kql-semantics §1.1).
CREATE OR REPLACE TEMP MACRO kql_lower_ascii(s) AS
  translate(s, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz');

-- Kusto tostring() of a dynamic value that ingest stored as a list: compact JSON text, '' for null.
CREATE OR REPLACE TEMP MACRO kql_tostring(list) AS coalesce(to_json(list)::VARCHAR, '');

-- The two spellings of the token protection session control, before and after June 2023.
CREATE OR REPLACE TEMP MACRO is_token_protection(control) AS lower(control) IN ('binding', 'signintokenprotection');

-- corrected semantics, one record: its token protection policies that count (Binding or
-- SignInTokenProtection among enforcedSessionControls, any case; result not notApplied,
-- reportOnlyNotApplied or notEnabled), and whether one of them blocks (lists either value in
-- sessionControlsNotSatisfied or, where the record has no such key, failed). Evaluated once per
-- record, at ingest (signins.TokenProtectionCounted/Blocked), so reports only group.
CREATE OR REPLACE TEMP MACRO counted_token_protection(policies) AS
  list_filter(policies, p ->
    list_bool_or(list_transform(p.enforcedSessionControls, c -> is_token_protection(c)))
    AND coalesce(p.result, '') NOT IN ('notApplied', 'reportOnlyNotApplied', 'notEnabled'));
CREATE OR REPLACE TEMP MACRO token_protection_blocks(counted) AS
  coalesce(list_bool_or(list_transform(counted, p ->
    CASE WHEN p.sessionControlsNotSatisfied IS NULL THEN p.result IN ('failure', 'reportOnlyFailure')
         ELSE coalesce(list_bool_or(list_transform(p.sessionControlsNotSatisfied, c -> is_token_protection(c))), false)
    END)), false);

-- The records a report counts: the selected logs, the window and the resources.
--   sources      table names to read (query_table), e.g. ['signins']
--   logs         ['interactive', 'noninteractive'] or one of them
--   lo, lo_incl  lower bound of TimeGenerated (ISO text, NULL = none) and whether it is included
--   hi, hi_incl  upper bound and whether it is included
--   resources    exact ResourceDisplayName values, NULL = all
CREATE OR REPLACE TEMP MACRO report_scope(sources, logs, lo, lo_incl, hi, hi_incl, resources) AS TABLE
  SELECT * FROM query_table(sources)
  WHERE list_contains(logs, Log)
    AND (lo IS NULL OR TimeGenerated > lo::TIMESTAMP OR (lo_incl AND TimeGenerated = lo::TIMESTAMP))
    AND (hi IS NULL OR TimeGenerated < hi::TIMESTAMP OR (hi_incl AND TimeGenerated = hi::TIMESTAMP))
    AND (resources IS NULL OR list_contains(resources, coalesce(ResourceDisplayName, '')));

-- The records an export batch writes (queries/export/*.sql): one log's records on some UTC days
-- (export_dates: 'YYYY-MM-DD' text) that the day folders do not hold yet (temp table export_existing,
-- filled by queries/export/load-existing.sql), with RecordKey as 32 lower-case hex digits.
-- The time range lets DuckDB skip row groups of other days; the list picks the days themselves.
CREATE OR REPLACE TEMP MACRO export_scope(sources, export_log, export_dates) AS TABLE
  SELECT * REPLACE (lower(lpad(hex(RecordKey), 32, '0')) AS RecordKey)
  FROM query_table(sources)
  WHERE Log = export_log
    AND TimeGenerated >= list_min(export_dates::DATE[])
    AND TimeGenerated < list_max(export_dates::DATE[]) + 1
    AND list_contains(export_dates::DATE[], TimeGenerated::DATE)
    AND lower(lpad(hex(RecordKey), 32, '0')) NOT IN (SELECT RecordKey FROM temp.main.export_existing);

-- corrected semantics, one row per counted request (log, Id): see queries/report/apps.corrected.sql.
--   A token protection policy is one whose enforcedSessionControls holds Binding or
--   SignInTokenProtection (any case, any position); it counts unless its result is notApplied,
--   reportOnlyNotApplied or notEnabled. The request is blocked when a counted policy lists either
--   value in sessionControlsNotSatisfied or, where the record has no such key, failed.
--   Each record carries both answers (counted_token_protection and token_protection_blocks, set
--   at ingest). User names are compared in lower case; app and resource come from the earliest record.
CREATE OR REPLACE TEMP MACRO token_protection_requests(sources, logs, lo, lo_incl, hi, hi_incl, resources) AS TABLE
  WITH records AS (
    SELECT Log, Id, TimeGenerated, RecordKey,
           UserType, OperatingSystem, TrustType, DeviceId, ClientAppUsed, Browser, UserAgent, TokenProtectionStatusCode,
           lower(coalesce(UserPrincipalName, '')) AS UserPrincipalName,
           coalesce(AppDisplayName, '') AS AppDisplayName,
           coalesce(ResourceDisplayName, '') AS ResourceDisplayName,
           TokenProtectionCounted AS counted, TokenProtectionBlocked AS blocked
    FROM report_scope(sources, logs, lo, lo_incl, hi, hi_incl, resources)
  )
  SELECT Log, Id,
         first(UserPrincipalName ORDER BY TimeGenerated, RecordKey) AS UserPrincipalName,
         first(AppDisplayName ORDER BY TimeGenerated, RecordKey) AS AppDisplayName,
         first(ResourceDisplayName ORDER BY TimeGenerated, RecordKey) AS ResourceDisplayName,
         first({'UserType': UserType, 'OperatingSystem': OperatingSystem, 'TrustType': TrustType,
                'DeviceId': DeviceId, 'ClientAppUsed': ClientAppUsed, 'Browser': Browser, 'UserAgent': UserAgent,
                'TokenProtectionStatusCode': TokenProtectionStatusCode::VARCHAR}
               ORDER BY TimeGenerated, RecordKey) AS Context,
         min(TimeGenerated) FILTER (WHERE counted) AS FirstTime,
         max(TimeGenerated) FILTER (WHERE counted) AS LastTime,
         list_distinct(list(TimeGenerated::DATE) FILTER (WHERE counted)) AS Dates,
         bool_or(blocked) AS Blocked
  FROM records
  GROUP BY Log, Id
  HAVING bool_or(counted);

-- kql semantics, the published queries' rows before their final summarize: each (record, token
-- protection policy) with Result 'Block' or 'Allow', exactly as Kusto evaluates them
-- (kql-semantics.md §7): see queries/report/apps.kql.sql for the list of quirks kept.
CREATE OR REPLACE TEMP MACRO kql_policy_results(sources, logs, lo, lo_incl, hi, hi_incl, resources) AS TABLE
  WITH expanded AS (
    SELECT coalesce(Id, '') AS Id,
           coalesce(UserPrincipalName, '') AS UserPrincipalName,
           coalesce(AppDisplayName, '') AS AppDisplayName,
           coalesce(ResourceDisplayName, '') AS ResourceDisplayName,
           unnest(ConditionalAccessPolicies) AS p
    FROM report_scope(sources, logs, lo, lo_incl, hi, hi_incl, resources)
  )
  SELECT Id, UserPrincipalName, AppDisplayName, ResourceDisplayName,
         CASE WHEN contains(kql_lower_ascii(kql_tostring(p.sessionControlsNotSatisfied)), 'signintokenprotection')
              THEN 'Block' ELSE 'Allow' END AS Result
  FROM expanded
  WHERE (contains(kql_lower_ascii(kql_tostring(p.enforcedSessionControls)), '["binding"]')
      OR contains(kql_lower_ascii(kql_tostring(p.enforcedSessionControls)), '["signintokenprotection"]'))
    AND p.result IS DISTINCT FROM 'reportOnlyNotApplied'
    AND p.result IS DISTINCT FROM 'notApplied';

-- The shapes ingest parses records into (from_json structures). JSON keys match by case, struct
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

-- The sign-in fields of Graph signIn objects (top level) and diagnostic records ("properties").
-- Their nested values are always JSON objects, so they are typed here and parsed once.
CREATE OR REPLACE TEMP MACRO camel_signin_structure() AS
  '"id":"VARCHAR","createdDateTime":"VARCHAR","userPrincipalName":"VARCHAR","userId":"VARCHAR","userDisplayName":"VARCHAR",
   "userType":"VARCHAR","appDisplayName":"VARCHAR","appId":"VARCHAR","resourceDisplayName":"VARCHAR","resourceId":"VARCHAR",
   "clientAppUsed":"VARCHAR","ipAddress":"VARCHAR","userAgent":"VARCHAR","correlationId":"VARCHAR","originalRequestId":"VARCHAR",
   "conditionalAccessStatus":"VARCHAR","isInteractive":"VARCHAR","signInEventTypes":"VARCHAR","homeTenantId":"VARCHAR",
   "status":{"errorCode":"VARCHAR","failureReason":"VARCHAR"},
   "tokenProtectionStatusDetails":{"signInSessionStatus":"VARCHAR","signInSessionStatusCode":"VARCHAR"},
   "deviceDetail":' || device_structure() || ',
   "appliedConditionalAccessPolicies":' || policies_structure();

-- Graph signIn objects, and diagnostic records: the envelope and the sign-in under "properties".
CREATE OR REPLACE TEMP MACRO camel_record_structure() AS
  '{"time":"VARCHAR","category":"VARCHAR","tenantId":"VARCHAR","resultType":"VARCHAR","callerIpAddress":"VARCHAR",'
  || camel_signin_structure() || ',"properties":{' || camel_signin_structure() || '}}';

-- Log Analytics rows (JSON, az CLI, REST API, portal CSV with its "[UTC]" and _dynamic/_string
-- columns) and Graph PowerShell SDK objects.
CREATE OR REPLACE TEMP MACRO pascal_record_structure() AS
  '{"TimeGenerated":"VARCHAR","TimeGenerated [UTC]":"VARCHAR","CreatedDateTime":"VARCHAR","CreatedDateTime [UTC]":"VARCHAR",
    "Id":"VARCHAR","Type":"VARCHAR","Category":"VARCHAR","SignInEventTypes":"VARCHAR","IsInteractive":"VARCHAR",
    "UserPrincipalName":"VARCHAR","UserId":"VARCHAR","UserDisplayName":"VARCHAR","UserType":"VARCHAR",
    "AppDisplayName":"VARCHAR","AppId":"VARCHAR","ResourceDisplayName":"VARCHAR","ResourceIdentity":"VARCHAR",
    "ResourceId":"VARCHAR","ClientAppUsed":"VARCHAR","IPAddress":"VARCHAR","UserAgent":"VARCHAR","CorrelationId":"VARCHAR",
    "OriginalRequestId":"VARCHAR","ConditionalAccessStatus":"VARCHAR","ResultType":"VARCHAR","AADTenantId":"VARCHAR",
    "HomeTenantId":"VARCHAR",
    "ConditionalAccessPolicies":"JSON","ConditionalAccessPolicies_dynamic":"JSON","ConditionalAccessPolicies_string":"JSON",
    "AppliedConditionalAccessPolicies":"JSON",
    "DeviceDetail":"JSON","DeviceDetail_dynamic":"JSON","DeviceDetail_string":"JSON",
    "Status":"JSON","Status_dynamic":"JSON","Status_string":"JSON","TokenProtectionStatusDetails":"JSON"}';

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
