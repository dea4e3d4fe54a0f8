-- The fields the per-app table needs from a diagnostic-settings archive (PT1H.json: one record a
-- line, the sign-in in `properties`), typed by read_json itself: nothing else is parsed.
CREATE TEMP MACRO records(path) AS TABLE
SELECT category AS Log, properties.id AS Id, lower(coalesce(properties.userPrincipalName, '')) AS UPN,
       coalesce(properties.appDisplayName, '') AS App, properties.resourceDisplayName AS Resource,
       time AS Time, properties.appliedConditionalAccessPolicies AS Policies
FROM read_json(path, format => 'newline_delimited', columns => {
  time: 'VARCHAR', category: 'VARCHAR',
  properties: 'STRUCT(id VARCHAR, userPrincipalName VARCHAR, appDisplayName VARCHAR, resourceDisplayName VARCHAR,
                      appliedConditionalAccessPolicies STRUCT(result VARCHAR, enforcedSessionControls VARCHAR[], sessionControlsNotSatisfied VARCHAR[])[])'});
