// The limit: DuckDB itself scanning the files with the columns the report needs, nothing else.
// Plain JavaScript, started like signin-audit (node, no TypeScript loader), for a fair race.
// Usage: node bench/limit.mjs PT1H.json AADNonInteractiveUserSignInLogs.json
import { DuckDBInstance } from '@duckdb/node-api';

const [ndjson, array] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const result = await connection.runAndReadAll(
  `SELECT (SELECT count(*) FROM read_json($ndjson, format => 'newline_delimited', columns => {
             time: 'VARCHAR', category: 'VARCHAR',
             properties: 'STRUCT(id VARCHAR, userPrincipalName VARCHAR, appDisplayName VARCHAR, resourceDisplayName VARCHAR,
                                 appliedConditionalAccessPolicies STRUCT(result VARCHAR, enforcedSessionControls VARCHAR[], sessionControlsNotSatisfied VARCHAR[])[])'}))
        + (SELECT count(*) FROM read_json($array, format => 'array', columns => {
             TimeGenerated: 'VARCHAR', Type: 'VARCHAR', Id: 'VARCHAR', UserPrincipalName: 'VARCHAR',
             AppDisplayName: 'VARCHAR', ResourceDisplayName: 'VARCHAR', ConditionalAccessPolicies: 'VARCHAR'})) AS records`,
  { ndjson, array },
);
process.stdout.write(`${String(result.getRowsJS()[0]?.[0])}\n`);
connection.closeSync();
instance.closeSync();
