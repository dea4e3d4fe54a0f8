// A second reference: DuckDB computing the per-app table (corrected semantics, every record,
// default resources) straight from the bench's two files in one hand-written SQL statement that
// knows their shapes in advance: no detection, only the fields the table needs, nothing stored.
// What signin-audit's direct report costs beyond this is the price of reading any export shape,
// every field, and record identity. Checked against signin-audit's output by bench/run.ts.
// Usage: node bench/report-limit.mjs PT1H.json AADNonInteractiveUserSignInLogs.json
import { DuckDBInstance } from '@duckdb/node-api';

const POLICIES = 'STRUCT(result VARCHAR, enforcedSessionControls VARCHAR[], sessionControlsNotSatisfied VARCHAR[])[]';
const [ndjson, array] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const result = await connection.runAndReadAll(
  `WITH records AS (
     SELECT category AS Log, properties.id AS Id, lower(coalesce(properties.userPrincipalName, '')) AS UPN,
            coalesce(properties.appDisplayName, '') AS App, properties.resourceDisplayName AS Resource,
            time AS Time, properties.appliedConditionalAccessPolicies AS Policies
     FROM read_json($ndjson, format => 'newline_delimited', columns => {
       time: 'VARCHAR', category: 'VARCHAR',
       properties: 'STRUCT(id VARCHAR, userPrincipalName VARCHAR, appDisplayName VARCHAR, resourceDisplayName VARCHAR,
                           appliedConditionalAccessPolicies ${POLICIES})'})
     UNION ALL
     SELECT Type, Id, lower(coalesce(UserPrincipalName, '')), coalesce(AppDisplayName, ''), ResourceDisplayName, TimeGenerated,
            from_json(ConditionalAccessPolicies, '[{"result":"VARCHAR","enforcedSessionControls":["VARCHAR"],"sessionControlsNotSatisfied":["VARCHAR"]}]')
     FROM read_json($array, format => 'array', columns => {
       TimeGenerated: 'VARCHAR', Type: 'VARCHAR', Id: 'VARCHAR', UserPrincipalName: 'VARCHAR',
       AppDisplayName: 'VARCHAR', ResourceDisplayName: 'VARCHAR', ConditionalAccessPolicies: 'VARCHAR'})
   ), counted AS (
     SELECT Log, Id, UPN, App, Time,
            list_filter(Policies, p -> list_bool_or(list_transform(p.enforcedSessionControls, c -> lower(c) IN ('binding', 'signintokenprotection')))
                                  AND coalesce(p.result, '') NOT IN ('notApplied', 'reportOnlyNotApplied', 'notEnabled')) AS c
     FROM records
     WHERE Resource IN ('Office 365 Exchange Online', 'Office 365 SharePoint Online')
   ), requests AS (
     SELECT Log, Id, first(UPN ORDER BY Time) AS UPN, first(App ORDER BY Time) AS App,
            bool_or(list_bool_or(list_transform(c, p -> CASE WHEN p.sessionControlsNotSatisfied IS NULL THEN p.result IN ('failure', 'reportOnlyFailure')
                    ELSE coalesce(list_bool_or(list_transform(p.sessionControlsNotSatisfied, x -> lower(x) IN ('binding', 'signintokenprotection'))), false) END))) AS Blocked
     FROM counted WHERE len(c) > 0 GROUP BY Log, Id
   )
   SELECT App AS AppDisplayName, count(*)::INTEGER AS Requests, count(DISTINCT UPN)::INTEGER AS Users,
          count(*) FILTER (WHERE Blocked)::INTEGER AS Block, count(*) FILTER (WHERE NOT Blocked)::INTEGER AS Allow,
          count(DISTINCT UPN) FILTER (WHERE Blocked)::INTEGER AS BlockedUsers,
          round(100.0::DOUBLE * count(*) FILTER (WHERE NOT Blocked) / count(*), 2) AS PctAllowed
   FROM requests GROUP BY App ORDER BY Requests DESC, AppDisplayName`,
  { ndjson, array },
);
process.stdout.write(`${JSON.stringify(result.getRowObjectsJson())}\n`);
connection.closeSync();
instance.closeSync();
