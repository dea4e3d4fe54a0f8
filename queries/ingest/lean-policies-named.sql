-- As lean-policies.sql, but each policy keeps its displayName: for the reports and filters that
-- name policies (report policies, --policy NAME, the HTML page's per-policy table). Only
-- enforcedGrantControls is left to the parser, so the read is slower than the lean one, still
-- faster than the full definitions of queries/ingest/macros.sql.
CREATE OR REPLACE TEMP MACRO policies_structure() AS
  '[{"id":"VARCHAR","displayName":"VARCHAR","result":"VARCHAR","enforcedSessionControls":["VARCHAR"],"sessionControlsNotSatisfied":["VARCHAR"]}]';
CREATE OR REPLACE TEMP MACRO pascal_policies_structure() AS
  '[{"Id":"VARCHAR","DisplayName":"VARCHAR","Result":"VARCHAR","EnforcedSessionControls":["VARCHAR"],"SessionControlsNotSatisfied":["VARCHAR"]}]';
CREATE OR REPLACE TEMP MACRO parse_policies(t) AS
  CASE WHEN contains(t, '"EnforcedSessionControls"') THEN list_transform(TRY(from_json(t, pascal_policies_structure())),
         p -> {'id': p.Id, 'displayName': p.DisplayName, 'result': p.Result, 'enforcedSessionControls': p.EnforcedSessionControls,
               'sessionControlsNotSatisfied': p.SessionControlsNotSatisfied})
       ELSE TRY(from_json(t, policies_structure())) END;
