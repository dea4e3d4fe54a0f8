-- When files are read for a report (not stored, not exported), each policy is read with the fields
-- a report uses only: id (record identity), result, enforcedSessionControls and
-- sessionControlsNotSatisfied. A display name is a long string in every one of the 15 to 30
-- policies of a record: leaving it (and enforcedGrantControls) to the parser makes reading about
-- 45% faster. Replaces the full definitions of queries/ingest/macros.sql on this connection; the
-- staging table takes the missing fields as NULL.
CREATE OR REPLACE TEMP MACRO policies_structure() AS
  '[{"id":"VARCHAR","result":"VARCHAR","enforcedSessionControls":["VARCHAR"],"sessionControlsNotSatisfied":["VARCHAR"]}]';
CREATE OR REPLACE TEMP MACRO pascal_policies_structure() AS
  '[{"Id":"VARCHAR","Result":"VARCHAR","EnforcedSessionControls":["VARCHAR"],"SessionControlsNotSatisfied":["VARCHAR"]}]';
CREATE OR REPLACE TEMP MACRO parse_policies(t) AS
  CASE WHEN contains(t, '"EnforcedSessionControls"') THEN list_transform(TRY(from_json(t, pascal_policies_structure())),
         p -> {'id': p.Id, 'result': p.Result, 'enforcedSessionControls': p.EnforcedSessionControls,
               'sessionControlsNotSatisfied': p.SessionControlsNotSatisfied})
       ELSE TRY(from_json(t, policies_structure())) END;
