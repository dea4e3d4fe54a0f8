-- The fields the per-app table needs from a Log Analytics JSON array of AADNonInteractiveUserSignInLogs
-- rows, whose ConditionalAccessPolicies column is JSON text: read as text, parsed with one from_json.
CREATE TEMP MACRO records(path) AS TABLE
SELECT Type AS Log, Id, lower(coalesce(UserPrincipalName, '')) AS UPN, coalesce(AppDisplayName, '') AS App,
       ResourceDisplayName AS Resource, TimeGenerated AS Time,
       from_json(ConditionalAccessPolicies, '[{"result":"VARCHAR","enforcedSessionControls":["VARCHAR"],"sessionControlsNotSatisfied":["VARCHAR"]}]') AS Policies
FROM read_json(path, format => 'array', columns => {
  TimeGenerated: 'VARCHAR', Type: 'VARCHAR', Id: 'VARCHAR', UserPrincipalName: 'VARCHAR',
  AppDisplayName: 'VARCHAR', ResourceDisplayName: 'VARCHAR', ConditionalAccessPolicies: 'VARCHAR'});
