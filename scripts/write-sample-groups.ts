// Writes sample-groups/ from scripts/sample-data.ts: the members of three groups in the three
// shapes `--groups` reads (`npm run samples`). Outside sample-logs/, which holds exports only.
// Deterministic: running it twice gives the same bytes.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sampleGroups, type GroupMember, type SampleGroup } from './sample-data.ts';

const out = process.argv[2] ?? 'sample-groups';

const csvField = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
const csv = (rows: readonly (readonly string[])[]): string => rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';

const ODATA_TYPE = { user: '#microsoft.graph.user', device: '#microsoft.graph.device', group: '#microsoft.graph.group' } as const;

/** GET /groups/{id}/members?$select=id,displayName,userPrincipalName,mail: one page. */
function graphPage(group: SampleGroup): string {
  const value = group.members.map((m: GroupMember) => ({
    '@odata.type': ODATA_TYPE[m.type],
    id: m.id,
    displayName: m.displayName,
    ...(m.type === 'user' ? { userPrincipalName: m.userPrincipalName, mail: m.userPrincipalName!.toLowerCase() } : {}),
  }));
  return `${JSON.stringify({ '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#directoryObjects(id,displayName,userPrincipalName,mail)', value }, null, 2)}\n`;
}

/** The Entra admin center's "Download members": one group per file, UTF-8 with a byte order mark. */
function adminCenterDownload(group: SampleGroup): string {
  const rows = group.members.map((m) => [m.id, m.userPrincipalName ?? '', m.displayName, m.type === 'user' ? 'User' : m.type === 'device' ? 'Device' : 'Group']);
  return `\ufeff${csv([['Object ID', 'User principal name', 'Display name', 'Member type'], ...rows])}`;
}

/** A spreadsheet of the admin's own: a group column and a user principal name column. */
function groupAndUser(groups: readonly SampleGroup[]): string {
  return csv([['groupName', 'userPrincipalName'], ...groups.flatMap((g) => g.members.filter((m) => m.userPrincipalName).map((m) => [g.name, m.userPrincipalName!]))]);
}

const [pilot, apple, windows] = sampleGroups();
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
writeFileSync(join(out, `${pilot!.name}.json`), graphPage(pilot!));
writeFileSync(join(out, `${apple!.name}.csv`), adminCenterDownload(apple!));
writeFileSync(join(out, 'windows-groups.csv'), groupAndUser([windows!]));
process.stderr.write(`wrote 3 groups to ${out}/\n`);
