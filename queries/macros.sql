-- Macros of the reports, export and the schema steps, created on every connection (TEMP: never
-- stored). Those only ingest uses are in queries/ingest/macros.sql.

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

-- A token protection policy: Binding or SignInTokenProtection among its enforcedSessionControls,
-- in any case, whatever its result.
CREATE OR REPLACE TEMP MACRO is_token_protection_policy(p) AS
  coalesce(list_bool_or(list_transform(p.enforcedSessionControls, c -> is_token_protection(c))), false);

-- A record's token protection policies, of all its policies: what ingest keeps in
-- TokenProtectionPolicies (schema 008) for the reports that count these only.
CREATE OR REPLACE TEMP MACRO token_protection_policies(policies) AS
  list_filter(policies, p -> is_token_protection_policy(p));

-- The policy selection of a report (--policy): which token protection policies decide whether a
-- request is counted and blocked. NULL: every one (the default rule, which ingest evaluates once
-- per record). Otherwise a STRUCT of lists, each NULL when not given:
--   policies  lower-case policy ids and display names (--policy ID|NAME, exact, any case)
--   mode      the policy results that count (--mode: reportOnlySuccess, reportOnlyFailure and
--             reportOnlyInterrupted for report-only; success and failure for enforced), exact
-- A further filter becomes a further field, tested here and nowhere else.
CREATE OR REPLACE TEMP MACRO policy_selected(p, selection) AS
  selection IS NULL
  OR ((selection.policies IS NULL
       OR list_contains(selection.policies, lower(coalesce(p.id, '')))
       OR list_contains(selection.policies, lower(coalesce(p.displayName, ''))))
      AND (selection.mode IS NULL OR coalesce(list_contains(selection.mode, p.result), false)));

-- A record's (or request's) user is among `members`, the lower-case user principal names of the
-- groups a report is limited to (--group); NULL: everyone. A hash join, not a list scan, so that
-- groups of thousands cost next to nothing.
CREATE OR REPLACE TEMP MACRO is_member(members, upn) AS
  members IS NULL OR lower(coalesce(upn, '')) IN (SELECT unnest(members));

-- Whether a record's resource is one of a report's: by display name, or by application id (in
-- lower case; the presets of src/vocabulary.ts give both). NULL: every resource.
CREATE OR REPLACE TEMP MACRO resource_in(resources, name, app_id) AS
  resources IS NULL OR list_contains(resources, coalesce(name, '')) OR coalesce(list_contains(resources, lower(app_id)), false);

-- Whether a time is inside a report's window: lo, lo_incl / hi, hi_incl as in report_scope.
CREATE OR REPLACE TEMP MACRO in_window(t, lo, lo_incl, hi, hi_incl) AS
  (lo IS NULL OR t > lo::TIMESTAMP OR (lo_incl AND t = lo::TIMESTAMP))
  AND (hi IS NULL OR t < hi::TIMESTAMP OR (hi_incl AND t = hi::TIMESTAMP));

-- The records a report counts: the selected logs, the window and the resources.
--   sources      table names to read (query_table), e.g. ['signins']
--   logs         ['interactive', 'noninteractive'] or one of them
--   lo, lo_incl  lower bound of TimeGenerated (ISO text, NULL = none) and whether it is included
--   hi, hi_incl  upper bound and whether it is included
--   resources    resources to count, NULL = all: each an exact ResourceDisplayName or a resource
--                application id (ResourceId) in lower case
--   members      the users of the groups asked for (is_member), NULL = everyone
CREATE OR REPLACE TEMP MACRO report_scope(sources, logs, lo, lo_incl, hi, hi_incl, resources, members := NULL) AS TABLE
  SELECT * FROM query_table(sources)
  WHERE list_contains(logs, Log)
    AND in_window(TimeGenerated, lo, lo_incl, hi, hi_incl)
    AND resource_in(resources, ResourceDisplayName, ResourceId)
    AND is_member(members, UserPrincipalName);

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

-- Of a request whose records span min_time to max_time, with these resources (see
-- request_resources_in): whether all of them are in a report's scope (window and resources), and
-- whether some of them may be.
CREATE OR REPLACE TEMP MACRO request_in_scope(min_time, max_time, resource_name, resource_app_id, request_resources, lo, lo_incl, hi, hi_incl, resources) AS
  in_window(min_time, lo, lo_incl, hi, hi_incl) AND in_window(max_time, lo, lo_incl, hi, hi_incl)
  AND request_resources_in(resources, resource_name, resource_app_id, request_resources, true);
CREATE OR REPLACE TEMP MACRO request_meets_scope(min_time, max_time, resource_name, resource_app_id, request_resources, lo, lo_incl, hi, hi_incl, resources) AS
  in_window(max_time, lo, lo_incl, NULL, false) AND in_window(min_time, NULL, false, hi, hi_incl)
  AND request_resources_in(resources, resource_name, resource_app_id, request_resources, false);
-- Whether all (every) or some of a request's resources are among a report's (resource_in): its
-- one resource (resource_name, resource_app_id: most requests have one) or, when those are NULL,
-- each of its several (request_resources). The one is tested on plain columns: reading it out of
-- the list took most of a report's scan of a million requests.
CREATE OR REPLACE TEMP MACRO request_resources_in(resources, resource_name, resource_app_id, request_resources, every) AS
  resources IS NULL
  OR CASE WHEN resource_name IS NOT NULL THEN resource_in(resources, resource_name, resource_app_id)
          WHEN every THEN list_bool_and(list_transform(request_resources, k -> resource_in(resources, k.Name, k.AppId)))
          ELSE list_bool_or(list_transform(request_resources, k -> resource_in(resources, k.Name, k.AppId))) END;
-- Of the requests table's row of a request (its log, times and resources): whether a report
-- (logs, window, resources) counts some of its records but not all, so that it must be computed
-- from its records in scope (requests_from_records). Cheap first: a request of one resource with
-- both ends in the window is all in scope or all out, never cut (most are); with every resource
-- (NULL) only the window can cut.
CREATE OR REPLACE TEMP MACRO request_cut(log, min_time, max_time, resource_name, resource_app_id, request_resources, logs, lo, lo_incl, hi, hi_incl, resources) AS
  list_contains(logs, log)
  AND ((resources IS NOT NULL AND resource_name IS NULL)
       OR NOT (in_window(min_time, lo, lo_incl, hi, hi_incl) AND in_window(max_time, lo, lo_incl, hi, hi_incl)))
  AND request_meets_scope(min_time, max_time, resource_name, resource_app_id, request_resources, lo, lo_incl, hi, hi_incl, resources)
  AND NOT request_in_scope(min_time, max_time, resource_name, resource_app_id, request_resources, lo, lo_incl, hi, hi_incl, resources);

-- corrected semantics, one row per counted request (log, Id), computed from its records in scope:
-- see queries/report/apps.corrected.sql.
--   A token protection policy is one whose enforcedSessionControls holds Binding or
--   SignInTokenProtection (any case, any position); it counts unless its result is notApplied,
--   reportOnlyNotApplied or notEnabled. The request is blocked when a counted policy lists either
--   value in sessionControlsNotSatisfied or, where the record has no such key, failed.
--   Each record carries both answers (counted_token_protection and token_protection_blocks, set
--   at ingest) for every token protection policy; with a policy selection (policy_selected) each
--   record is evaluated again here on the selected policies only.
--   User names are compared in lower case; app and resource come from the earliest record, and
--   Platform: platform_of() its operating system.
-- Only the requests of the keys table `keys` (Log, Id, MinTime, MaxTime, ResourceName, ResourceAppId,
-- ResourceKeys: see schema/009-request-resource.sql) are computed:
-- every one of them (ingest, refreshing the requests table: see queries/ingest/requests.sql; a
-- report with a policy selection, over the requests table), or, with only_partial, those the
-- window or the resources cut (some of their records are in scope, not all), which a report
-- cannot take from the requests table (token_protection_requests).
-- MinTime, MaxTime and ResourceKeys cover all the request's records in scope, counted or not;
-- ResourceName and ResourceAppId are its one resource, NULL when it has several; StatusCode is the
-- earliest record's signInSessionStatusCode as a number.
-- (Column names must not be a macro parameter's in any case: `resources` would shadow `Resources`.)
CREATE OR REPLACE TEMP MACRO requests_from_records(sources, keys, logs, lo, lo_incl, hi, hi_incl, resources, only_partial, selection := NULL) AS TABLE
  WITH cut AS (
    -- The requests cut, by the columns that decide alone (there are usually none), then their
    -- keys by those columns: a request with the same values is cut as well. The Ids of a million
    -- requests, read only to be filtered out, took most of a report; a join whose other side is
    -- empty reads nothing more.
    SELECT DISTINCT Log, MinTime, MaxTime, ResourceName, ResourceAppId, ResourceKeys FROM query_table(keys)
    WHERE only_partial AND request_cut(Log, MinTime, MaxTime, ResourceName, ResourceAppId, ResourceKeys, logs, lo, lo_incl, hi, hi_incl, resources)
  ), wanted AS (
    SELECT Log, Id FROM query_table(keys) WHERE NOT only_partial
    UNION ALL
    SELECT k.Log, k.Id FROM query_table(keys) k
    SEMI JOIN cut c ON c.Log = k.Log AND c.MinTime = k.MinTime AND c.MaxTime = k.MaxTime
                   AND c.ResourceName IS NOT DISTINCT FROM k.ResourceName AND c.ResourceAppId IS NOT DISTINCT FROM k.ResourceAppId
                   AND c.ResourceKeys IS NOT DISTINCT FROM k.ResourceKeys
  ), records AS (
    SELECT Log, Id, TimeGenerated, RecordKey, coalesce(ResourceDisplayName, '') AS ResourceDisplayName, ResourceId,
           -- CASE evaluates a branch only for its rows: without a selection, no policy is looked at;
           -- with one, only the record's token protection policies (schema 008), all that
           -- counted_token_protection keeps.
           CASE WHEN selection IS NULL THEN TokenProtectionCounted
                ELSE len(counted_token_protection(list_filter(TokenProtectionPolicies, p -> policy_selected(p, selection)))) > 0 END AS counted,
           CASE WHEN selection IS NULL THEN TokenProtectionBlocked
                ELSE token_protection_blocks(counted_token_protection(list_filter(TokenProtectionPolicies, p -> policy_selected(p, selection)))) END AS blocked
    FROM report_scope(sources, logs, lo, lo_incl, hi, hi_incl, resources) r
    SEMI JOIN wanted w ON w.Log = r.Log AND w.Id = r.Id
  ), requests AS (
    SELECT Log, Id,
           -- The earliest record (by time, then RecordKey) is found by its key alone, and its fields
           -- are then read by that key (below): an arg_min carrying them as a struct took most of
           -- the step (0.4-0.7 s of 1.4 s for 125,000 requests), and reading them by key lets
           -- DuckDB fetch only the fields a report uses. RecordKey names one record: ingest stores
           -- each once (queries/ingest/new-keys.sql), also beside a database it only reads.
           arg_min(RecordKey, {'t': TimeGenerated, 'k': RecordKey}) AS EarliestKey,
           min(TimeGenerated) FILTER (WHERE counted) AS FirstTime,
           max(TimeGenerated) FILTER (WHERE counted) AS LastTime,
           list_distinct(list(TimeGenerated::DATE) FILTER (WHERE counted)) AS Dates,
           bool_or(blocked) AS Blocked,
           min(TimeGenerated) AS MinTime,
           max(TimeGenerated) AS MaxTime,
           list_distinct(list({'Name': ResourceDisplayName, 'AppId': ResourceId})) AS ResourceKeys
    FROM records
    GROUP BY Log, Id
    HAVING bool_or(counted)
  )
  -- The earliest records are read from the tables themselves, not from records: DuckDB would
  -- keep records, read twice, in a table of its own (its common-subplan step), and so read every
  -- record in scope even when no request is wanted (a report over a million requests: 1 -> 2 s).
  -- By key and time: the earliest record's time is the request's MinTime, and the range of those
  -- times lets DuckDB skip the row groups of other days (the few requests a window cuts).
  -- The requests on the right: a join builds its table on its right side in reports
  -- (queries/session/report-joins.sql), and there are never more requests than records.
  SELECT q.Log, q.Id, lower(coalesce(e.UserPrincipalName, '')) AS UserPrincipalName,
         coalesce(e.AppDisplayName, '') AS AppDisplayName, coalesce(e.ResourceDisplayName, '') AS ResourceDisplayName,
         {'UserType': e.UserType, 'OperatingSystem': e.OperatingSystem, 'TrustType': e.TrustType,
          'DeviceId': e.DeviceId, 'ClientAppUsed': e.ClientAppUsed, 'Browser': e.Browser, 'UserAgent': e.UserAgent,
          'TokenProtectionStatusCode': e.TokenProtectionStatusCode::VARCHAR} AS Context,
         platform_of(e.OperatingSystem) AS Platform,
         e.TokenProtectionStatusCode AS StatusCode,
         q.FirstTime, q.LastTime, q.Dates, q.Blocked, q.MinTime, q.MaxTime,
         -- A request's one resource (its name is never NULL: '' for none); the requests table keeps
         -- ResourceKeys only for several (queries/ingest/requests/compute.sql, schema 009).
         CASE WHEN len(q.ResourceKeys) = 1 THEN q.ResourceKeys[1].Name END AS ResourceName,
         CASE WHEN len(q.ResourceKeys) = 1 THEN q.ResourceKeys[1].AppId END AS ResourceAppId,
         q.ResourceKeys
  FROM query_table(sources) e
  JOIN requests q ON q.EarliestKey = e.RecordKey AND q.MinTime = e.TimeGenerated;

-- corrected semantics, one row per counted request in scope (see requests_from_records). Most come
-- straight from the requests table that ingest keeps (queries/ingest/requests.sql): those whose
-- records are all in scope (every record's time in the window, every resource among those
-- asked), for which the stored row is exactly what their records in scope give. The others that
-- have records in scope (cut by the window's ends, or with records of other resources) are
-- computed from their records. So a report over a million requests only groups.
-- With a policy selection (selection, see policy_selected) the stored rows, which every token
-- protection policy decided, do not hold: every request is computed from its records. A request
-- the selection counts is one the default rule counts, so the requests table still names them all.
-- With members (the --group users, see is_member), a request counts when its user (the earliest
-- record's) is one of them.
-- StatusCode is the earliest record's signInSessionStatusCode as a number, a column of its own in
-- both branches: read out of Context through the union, it made DuckDB read every field of Context
-- (a user agent each), about a third of a report over a million requests.
--   requests  the requests table: 'requests', or the union of a database's and files' read beside it
CREATE OR REPLACE TEMP MACRO token_protection_requests(sources, requests, logs, lo, lo_incl, hi, hi_incl, resources, selection, members) AS TABLE
  SELECT Log, Id, UserPrincipalName, AppDisplayName, ResourceDisplayName, Context, Platform, FirstTime, LastTime, Dates, Blocked, StatusCode
  FROM (
    SELECT Log, Id, UserPrincipalName, AppDisplayName, ResourceDisplayName, Context, Platform, FirstTime, LastTime, Dates, Blocked, StatusCode
    FROM query_table(requests)
    WHERE selection IS NULL
      AND list_contains(logs, Log) AND request_in_scope(MinTime, MaxTime, ResourceName, ResourceAppId, ResourceKeys, lo, lo_incl, hi, hi_incl, resources)
    UNION ALL
    SELECT Log, Id, UserPrincipalName, AppDisplayName, ResourceDisplayName, Context, Platform, FirstTime, LastTime, Dates, Blocked, StatusCode
    FROM requests_from_records(sources, requests, logs, lo, lo_incl, hi, hi_incl, resources, selection IS NULL, selection := selection)
  )
  WHERE is_member(members, UserPrincipalName);

-- kql semantics, the published queries' rows before their final summarize: each (record, token
-- protection policy) with Result 'Block' or 'Allow', exactly as Kusto evaluates them
-- (kql-semantics.md §7): see queries/report/apps.kql.sql for the list of quirks kept. StatusCode is
-- the record's signInSessionStatusCode, for the Apple and web-apps guides' IsSelfRemediable; the
-- policy (PolicyId, PolicyName, PolicyResult) and the record's time and device and client fields
-- are for the per-policy and breakdown reports. A policy selection (policy_selected) keeps the
-- selected policies' rows only; members (is_member) the rows of those users, in any case.
CREATE OR REPLACE TEMP MACRO kql_policy_results(sources, logs, lo, lo_incl, hi, hi_incl, resources, selection, members) AS TABLE
  WITH expanded AS (
    SELECT coalesce(Id, '') AS Id,
           coalesce(UserPrincipalName, '') AS UserPrincipalName,
           coalesce(AppDisplayName, '') AS AppDisplayName,
           coalesce(ResourceDisplayName, '') AS ResourceDisplayName,
           TokenProtectionStatusCode AS StatusCode,
           TimeGenerated, UserType, OperatingSystem, TrustType, ClientAppUsed, Browser,
           -- Only the record's token protection policies (schema 008): every policy the
           -- published filter below keeps is one of them (one element, Binding or
           -- SignInTokenProtection in ASCII letters of any case).
           unnest(TokenProtectionPolicies) AS p
    FROM report_scope(sources, logs, lo, lo_incl, hi, hi_incl, resources, members)
  )
  SELECT Id, UserPrincipalName, AppDisplayName, ResourceDisplayName,
         CASE WHEN contains(kql_lower_ascii(kql_tostring(p.sessionControlsNotSatisfied)), 'signintokenprotection')
              THEN 'Block' ELSE 'Allow' END AS Result,
         StatusCode,
         p.id AS PolicyId, p.displayName AS PolicyName, p.result AS PolicyResult,
         TimeGenerated, UserType, OperatingSystem, TrustType, ClientAppUsed, Browser
  FROM expanded
  WHERE (contains(kql_lower_ascii(kql_tostring(p.enforcedSessionControls)), '["binding"]')
      OR contains(kql_lower_ascii(kql_tostring(p.enforcedSessionControls)), '["signintokenprotection"]'))
    AND p.result IS DISTINCT FROM 'reportOnlyNotApplied'
    AND p.result IS DISTINCT FROM 'notApplied'
    AND policy_selected(p, selection);
-- The device platform of a sign-in from DeviceDetail.operatingSystem ('Windows 10', 'MacOs',
-- 'Ios', 'iPadOS', 'Android', 'Linux', ...): windows, macos, ios (iPadOS too), android, linux or
-- unknown (src/vocabulary.ts PLATFORMS). The same patterns, in the same order, make PlatformOf in
-- queries/kql/advice.corrected.kql (test/advice.test.ts compares them).
CREATE OR REPLACE TEMP MACRO platform_of(os) AS
  CASE
    WHEN regexp_matches(coalesce(os, ''), '^\s*win', 'i') THEN 'windows'
    WHEN regexp_matches(coalesce(os, ''), '^\s*(mac|os ?x)', 'i') THEN 'macos'
    WHEN regexp_matches(coalesce(os, ''), '^\s*(ios|ipados|iphone|ipad)', 'i') THEN 'ios'
    WHEN regexp_matches(coalesce(os, ''), '^\s*android', 'i') THEN 'android'
    WHEN regexp_matches(coalesce(os, ''), '^\s*(linux|ubuntu|debian|fedora|red ?hat|rhel|centos|suse)', 'i') THEN 'linux'
    ELSE 'unknown'
  END;

-- A CSV of signin-audit's, read by the names in its header: each row as a JSON object, so that a
-- column the file lacks reads as NULL (and is reported by the check), whatever the columns' order.
CREATE OR REPLACE TEMP MACRO csv_rows(path) AS TABLE
  SELECT row_number() OVER () + 1 AS line, to_json(r) AS fields
  FROM read_csv(path, header => true, all_varchar => true, delim => ',', quote => '"', escape => '"') r;

-- The token protection status-code table (queries/token-protection-status-codes.csv, or
-- --status-codes FILE): code (a signInSessionStatusCode, or 'any'), platform (one of PLATFORMS,
-- or 'any'), cause, self_remediable, action, explanation, and the guide (source) and date it
-- follows. Code NULL and platform 'any' are the wildcards; queries/report/status-codes.sql checks
-- each row before any report uses the table.
CREATE OR REPLACE TEMP MACRO status_code_table(path) AS TABLE
  SELECT line,
         fields ->> 'code' AS code_text,
         CASE WHEN lower(fields ->> 'code') = 'any' THEN NULL ELSE TRY_CAST(fields ->> 'code' AS INTEGER) END AS code,
         lower(fields ->> 'platform') AS platform,
         fields ->> 'cause' AS cause,
         TRY_CAST(fields ->> 'self_remediable' AS BOOLEAN) AS self_remediable,
         fields ->> 'action' AS action,
         fields ->> 'explanation' AS explanation,
         fields ->> 'source' AS source,
         fields ->> 'date' AS date,
         fields
  FROM csv_rows(path);

-- The blocker rules (queries/blocker-rules.csv, or --rules FILE): rank, cause, field, match,
-- pattern, explanation, and action, source and date (files written before these three columns
-- existed still read: their rules have none). Checked by queries/report/blocker-rules.sql.
CREATE OR REPLACE TEMP MACRO blocker_rule_table(path) AS TABLE
  SELECT line,
         TRY_CAST(fields ->> 'rank' AS INTEGER) AS rank,
         fields ->> 'cause' AS cause,
         fields ->> 'field' AS field,
         fields ->> 'match' AS match,
         coalesce(fields ->> 'pattern', '') AS pattern,
         fields ->> 'explanation' AS explanation,
         fields ->> 'action' AS action,
         fields ->> 'source' AS source,
         fields ->> 'date' AS date,
         fields
  FROM csv_rows(path);

-- corrected semantics, each counted request (token_protection_requests, columns unchanged, among
-- them StatusCode, NULL when the earliest record has none; the same policy selection and members) with:
--   CodeCause        for a Block with a status code, the cause the status-code table gives it
--   SelfRemediable   a Block the table calls self-remediable (1003 and 1004 on macOS and iOS)
--   CodeLine         the line of the table's row that gave CodeCause (for its action)
-- A row of the table applies when its code is the request's or 'any' and its platform the
-- request's or 'any'; the most specific row wins: code and platform, then platform alone, then
-- code alone, then neither; among equals, the first in the file. A Block the table has no row
-- for (no status code, or an unlisted one and no catch-all row) has no CodeCause: the blocker
-- rules explain it.
CREATE OR REPLACE TEMP MACRO advised_requests(sources, requests, logs, lo, lo_incl, hi, hi_incl, resources, selection, members, status_codes) AS TABLE
  -- Not materialized: the lookup of advice reads three of its columns, the result all of them;
  -- materializing every column of a million requests took 2 s.
  WITH requests AS NOT MATERIALIZED (
    SELECT * FROM token_protection_requests(sources, requests, logs, lo, lo_incl, hi, hi_incl, resources, selection, members)
  ), codes AS (
    SELECT line, code, platform, cause, self_remediable,
           (CASE WHEN platform = 'any' THEN 2 ELSE 0 END) + (CASE WHEN code IS NULL THEN 1 ELSE 0 END) AS generality
    FROM status_code_table(status_codes)
  ), advice AS (
    -- The most specific row for each (code, platform) that blocked requests carry: a handful of
    -- pairs, looked up once each rather than once per request.
    SELECT p.StatusCode, p.Platform,
           arg_min({'cause': c.cause, 'self_remediable': c.self_remediable, 'line': c.line}, {'g': c.generality, 'l': c.line}) AS best
    FROM (SELECT DISTINCT StatusCode, Platform FROM requests WHERE Blocked AND StatusCode IS NOT NULL) p
    JOIN codes c ON (c.code IS NULL OR c.code = p.StatusCode) AND (c.platform = 'any' OR c.platform = p.Platform)
    GROUP BY p.StatusCode, p.Platform
  )
  SELECT r.*, CASE WHEN r.Blocked THEN a.best.cause END AS CodeCause,
         coalesce(r.Blocked AND a.best.self_remediable, false) AS SelfRemediable,
         CASE WHEN r.Blocked THEN a.best.line END AS CodeLine
  FROM requests r
  LEFT JOIN advice a ON a.StatusCode = r.StatusCode AND a.Platform = r.Platform;

-- corrected semantics, readiness per user over the requests advised_requests gives (see
-- queries/report/readiness.corrected.sql): Requests, Block, Allow, ActiveDays (distinct UTC dates
-- with a counted record), FirstSeen/LastSeen, BlockSelfRemediable and Status:
--   blocked              a Block that is not self-remediable;
--   insufficient-data    fewer than min_requests requests or min_days active days;
--   ready-after-upgrade  Blocks, all self-remediable;
--   ready                no Block.
-- Shared by the readiness and groups reports, so that a group's Ready is readiness' ready.
-- (request_table: the requests table, named so that it does not shadow the column Requests.)
CREATE OR REPLACE TEMP MACRO user_readiness(sources, request_table, logs, lo, lo_incl, hi, hi_incl, resources, selection, members, status_codes, min_requests, min_days) AS TABLE
  WITH users AS (
    SELECT UserPrincipalName,
           count(*)::INTEGER AS Requests,
           count(*) FILTER (WHERE Blocked)::INTEGER AS Block,
           count(*) FILTER (WHERE NOT coalesce(Blocked, false))::INTEGER AS Allow,
           len(list_distinct(flatten(list(Dates))))::INTEGER AS ActiveDays,
           min(FirstTime) AS FirstSeen,
           max(LastTime) AS LastSeen,
           count(*) FILTER (WHERE SelfRemediable)::INTEGER AS BlockSelfRemediable
    FROM advised_requests(sources, request_table, logs, lo, lo_incl, hi, hi_incl, resources, selection, members, status_codes)
    GROUP BY UserPrincipalName
  )
  SELECT *,
         CASE WHEN Block > BlockSelfRemediable THEN 'blocked'
              WHEN Requests < min_requests OR ActiveDays < min_days THEN 'insufficient-data'
              WHEN Block > 0 THEN 'ready-after-upgrade'
              ELSE 'ready' END AS Status
  FROM users;

-- corrected semantics, each blocked request (advised_requests) with its one likely Cause (see
-- queries/report/blockers.corrected.sql): the status-code table's cause for its status code and
-- platform (CodeCause) first; else the cause of the first blocker rule (rules: the rules CSV) that
-- matches its earliest record, by rank, then file order; else 'unknown'. Rule matches: regex /
-- not-regex (case-insensitive, on '' when the field is missing), equals (case-insensitive), empty
-- (missing or ''), any. Platform is platform_of() of OperatingSystem. RuleLine: the line of the
-- rule that gave the cause (NULL when the status-code table did, CodeLine, or none matched), so
-- that the worklist can say what that very row advises.
CREATE OR REPLACE TEMP MACRO blocked_requests(sources, request_table, logs, lo, lo_incl, hi, hi_incl, resources, selection, members, status_codes, rules) AS TABLE
  WITH rule_rows AS (
    SELECT line, rank, cause, field, match, pattern FROM blocker_rule_table(rules)
  ), blocked AS (
    SELECT Log, Id, UserPrincipalName, AppDisplayName, ResourceDisplayName, Context, Platform, CodeCause, SelfRemediable, CodeLine, LastTime
    FROM advised_requests(sources, request_table, logs, lo, lo_incl, hi, hi_incl, resources, selection, members, status_codes)
    WHERE Blocked
  ), candidates AS (
    SELECT b.Log, b.Id, r.rank, r.line, r.cause, r.match, r.pattern,
           coalesce(CASE r.field
             WHEN 'UserType' THEN b.Context.UserType
             WHEN 'UserPrincipalName' THEN b.UserPrincipalName
             WHEN 'AppDisplayName' THEN b.AppDisplayName
             WHEN 'ResourceDisplayName' THEN b.ResourceDisplayName
             WHEN 'OperatingSystem' THEN b.Context.OperatingSystem
             WHEN 'Platform' THEN b.Platform
             WHEN 'TrustType' THEN b.Context.TrustType
             WHEN 'DeviceId' THEN b.Context.DeviceId
             WHEN 'ClientAppUsed' THEN b.Context.ClientAppUsed
             WHEN 'Browser' THEN b.Context.Browser
             WHEN 'UserAgent' THEN b.Context.UserAgent
             WHEN 'TokenProtectionStatusCode' THEN b.Context.TokenProtectionStatusCode
           END, '') AS value
    FROM blocked b CROSS JOIN rule_rows r
    WHERE b.CodeCause IS NULL
  ), causes AS (
    SELECT Log, Id, arg_min({'cause': cause, 'line': line}, {'rank': rank, 'line': line}) AS rule
    FROM candidates
    WHERE CASE match
            WHEN 'regex' THEN regexp_matches(value, pattern, 'i')
            WHEN 'not-regex' THEN NOT regexp_matches(value, pattern, 'i')
            WHEN 'equals' THEN lower(value) = lower(pattern)
            WHEN 'empty' THEN value = ''
            WHEN 'any' THEN true
          END
    GROUP BY Log, Id
  )
  SELECT b.*, coalesce(b.CodeCause, c.rule.cause, 'unknown') AS Cause, c.rule.line AS RuleLine
  FROM blocked b LEFT JOIN causes c USING (Log, Id);

-- corrected semantics, each (token protection policy, counted request) in scope: the request
-- (token_protection_requests, the same selection and members) under each token protection policy
-- that applied to it (its result on one of the request's records is not notApplied,
-- reportOnlyNotApplied or notEnabled), with that policy's own outcome, Blocked, as report policies
-- counts them (queries/report/policies.corrected.sql, whose Mode and FirstSeen need every result
-- of a policy, counted or not, and so keep their own evaluation). PolicyName: the newest name the
-- request's records give the id, at LastTime. Each record's TokenProtectionPolicies (schema 008)
-- holds its token protection policies only.
CREATE OR REPLACE TEMP MACRO policy_requests(sources, request_table, logs, lo, lo_incl, hi, hi_incl, resources, selection, members) AS TABLE
  WITH outcomes AS (
    SELECT Log, Id, coalesce(p.id, '') AS PolicyId,
           arg_max(p.displayName, TimeGenerated) AS PolicyName,
           max(TimeGenerated) AS LastTime,
           bool_or(token_protection_blocks(counted_token_protection([p]))) AS Blocked
    FROM (SELECT Log, Id, TimeGenerated, unnest(TokenProtectionPolicies) AS p
          FROM report_scope(sources, logs, lo, lo_incl, hi, hi_incl, resources, members))
    WHERE policy_selected(p, selection) AND len(counted_token_protection([p])) > 0
    GROUP BY Log, Id, coalesce(p.id, '')
  )
  SELECT o.PolicyId, o.PolicyName, o.LastTime, r.Log, r.Id, r.UserPrincipalName, o.Blocked
  FROM outcomes o
  JOIN token_protection_requests(sources, request_table, logs, lo, lo_incl, hi, hi_incl, resources, selection, members) r
    ON r.Log = o.Log AND r.Id = o.Id;

-- report breakdown: the sort key of dimension d (one of src/vocabulary.ts DIMENSIONS, or NULL past
-- the last one asked) for a row's dimension columns; status codes sort as numbers.
CREATE OR REPLACE TEMP MACRO breakdown_key(d, platform, os, client, browser, trust, status, app, resource, user_type) AS
  CASE d
    WHEN 'platform' THEN platform
    WHEN 'os' THEN os
    WHEN 'client' THEN client
    WHEN 'browser' THEN browser
    WHEN 'trust' THEN trust
    WHEN 'status' THEN lpad(status::VARCHAR, 11, '0')
    WHEN 'app' THEN app
    WHEN 'resource' THEN resource
    WHEN 'user-type' THEN user_type
  END;

-- report breakdown, both semantics: the rows of its per-combination counts (the table named
-- grouped_table: the nine dimension columns, Requests, Users, Block, Allow, BlockSelfRemediable)
-- with PctAllowed and PctEnforceable, sorted by Requests descending, then by the dimensions in the
-- order asked (dims, binary order, NULL first).
CREATE OR REPLACE TEMP MACRO breakdown_rows(grouped_table, dims) AS TABLE
  SELECT Platform, OperatingSystem, ClientAppUsed, Browser, TrustType, StatusCode, AppDisplayName, ResourceDisplayName, UserType,
         Requests, Users, Block, Allow,
         round(100.0::DOUBLE * Allow / (Allow + Block), 2) AS PctAllowed,
         BlockSelfRemediable,
         round(100.0::DOUBLE * (Allow + BlockSelfRemediable) / (Allow + Block), 2) AS PctEnforceable
  FROM query_table(grouped_table)
  ORDER BY Requests DESC,
           breakdown_key(dims[1], Platform, OperatingSystem, ClientAppUsed, Browser, TrustType, StatusCode, AppDisplayName, ResourceDisplayName, UserType) ASC NULLS FIRST,
           breakdown_key(dims[2], Platform, OperatingSystem, ClientAppUsed, Browser, TrustType, StatusCode, AppDisplayName, ResourceDisplayName, UserType) ASC NULLS FIRST,
           breakdown_key(dims[3], Platform, OperatingSystem, ClientAppUsed, Browser, TrustType, StatusCode, AppDisplayName, ResourceDisplayName, UserType) ASC NULLS FIRST;
