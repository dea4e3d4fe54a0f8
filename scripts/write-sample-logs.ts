// Writes sample-logs/ from scripts/sample-data.ts in every export format: `npm run samples`.
// Deterministic: running it twice gives the same bytes.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { otherCategoryRecords, renderers, type ExportFormat } from './export-formats.ts';
import { sampleSignIns, TENANT_ID, withoutNotSatisfied, type SignIn } from './sample-data.ts';

const out = process.argv[2] ?? 'sample-logs';

type Channel = ExportFormat | 'diagnostic';

/** Where each log's sign-ins go, in turn: a file holds one log only where its export does. */
const CHANNELS: Record<SignIn['log'], readonly Channel[]> = {
  interactive: ['la-json-interactive', 'admin-center-json', 'diagnostic', 'az-cli', 'la-rest-api', 'la-portal-csv', 'event-hub', 'graph-page', 'powershell-sdk-utf16le'],
  noninteractive: ['la-json-noninteractive', 'extractor-suite', 'goose-ndjson', 'diagnostic', 'az-cli', 'la-rest-api', 'la-portal-csv', 'event-hub', 'powershell-sdk-utf16le', 'diagnostic'],
};

const FILES: Record<Exclude<Channel, 'diagnostic'>, string> = {
  'la-json-interactive': 'log-analytics/SigninLogs.json',
  'la-json-noninteractive': 'log-analytics/AADNonInteractiveUserSignInLogs.json',
  'az-cli': 'log-analytics/az-cli-query.json',
  'la-rest-api': 'log-analytics/rest-api-response.json',
  'la-portal-csv': 'log-analytics/portal-export.csv',
  'event-hub': 'event-hub/capture-0001.json',
  'graph-page': 'graph/signIns-page1.json',
  'admin-center-json': 'graph/InteractiveSignIns_2026-11-09_2026-11-20.json',
  'extractor-suite': 'graph/extractor-suite/20261120120000-NonInteractive-SignInLogs.json',
  'goose-ndjson': 'graph/goose/nonInteractive_signin_log_2026-11-20.json',
  'powershell-sdk-utf16le': 'graph/powershell/Get-MgBetaAuditLogSignIn.json',
  'powershell-sdk-utf16be': 'graph/powershell/Get-MgBetaAuditLogSignIn-utf16be.json',
  'diagnostic-ndjson': '',
  'diagnostic-ndjson-crlf': '',
  'diagnostic-gzip': '',
};

const CONTAINERS = { interactive: 'insights-logs-signinlogs', noninteractive: 'insights-logs-noninteractiveusersigninlogs' } as const;

/** The hourly append blob a diagnostic record lands in. */
function hourlyBlob(signIn: SignIn): string {
  const t = signIn.timeGenerated;
  return `diagnostic/${CONTAINERS[signIn.log]}/tenantId=${TENANT_ID}/y=${t.slice(0, 4)}/m=${t.slice(5, 7)}/d=${t.slice(8, 10)}/h=${t.slice(11, 13)}/m=00/PT1H.json`;
}

function write(relative: string, bytes: Buffer): void {
  const path = join(out, relative);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
}

const signIns = sampleSignIns();
const byChannel = new Map<Channel, SignIn[]>();
const counters = { interactive: 0, noninteractive: 0 };
for (const signIn of signIns) {
  const legacy = signIn.createdDateTime < '2024';
  const channels = CHANNELS[signIn.log];
  const channel = legacy ? 'diagnostic' : channels[counters[signIn.log]++ % channels.length]!;
  byChannel.set(channel, [...(byChannel.get(channel) ?? []), signIn]);
}

rmSync(out, { recursive: true, force: true });
for (const [channel, list] of byChannel) {
  if (channel !== 'diagnostic') write(FILES[channel], renderers[channel](list));
}

// Diagnostic archives: one PT1H.json per container and hour; every other record written as older
// records are, without sessionControlsNotSatisfied; one hour gzipped, one with CRLF line ends.
const blobs = new Map<string, SignIn[]>();
for (const [k, signIn] of (byChannel.get('diagnostic') ?? []).entries()) {
  const blob = hourlyBlob(signIn);
  blobs.set(blob, [...(blobs.get(blob) ?? []), k % 2 === 1 ? withoutNotSatisfied(signIn) : signIn]);
}
const blobNames = [...blobs.keys()].sort();
const gzipped = blobNames.filter((b) => b.includes(CONTAINERS.noninteractive) && b.includes('y=2026')).at(-1);
const crlf = blobNames.find((b) => b.includes(CONTAINERS.interactive) && b.includes('y=2026'));
for (const blob of blobNames) {
  const list = blobs.get(blob)!;
  if (blob === gzipped) write(`${blob}.gz`, renderers['diagnostic-gzip'](list));
  else write(blob, renderers[blob === crlf ? 'diagnostic-ndjson-crlf' : 'diagnostic-ndjson'](list));
}
const lastBlob = blobNames.at(-1)!;
write(lastBlob.replace(CONTAINERS[lastBlob.includes(CONTAINERS.interactive) ? 'interactive' : 'noninteractive'], 'insights-logs-serviceprincipalsigninlogs'), otherCategoryRecords());

// An overlapping second export: three records already in SigninLogs.json, read again.
write('log-analytics/SigninLogs-overlap.json', renderers['la-json-interactive']((byChannel.get('la-json-interactive') ?? []).slice(0, 3)));

write(
  'README.md',
  Buffer.from(`# Sample exports

Fictional sign-ins of a fictional tenant (Woodgrove Bank, \`woodgrovebank.example\`), written by
\`scripts/write-sample-logs.ts\` in every export shape signin-audit reads; regenerate with
\`npm run samples\` (deterministic). ${signIns.length} sign-in records, each in exactly one file, except the
three records of \`log-analytics/SigninLogs-overlap.json\`, which repeat records of
\`log-analytics/SigninLogs.json\` (an overlapping export: stored once, counted as duplicates).

| folder | export |
|---|---|
| \`log-analytics/\` | Log Analytics query results: \`SigninLogs\` (nested columns as JSON), \`AADNonInteractiveUserSignInLogs\` (nested columns as JSON text), \`az monitor log-analytics query\` output, a REST API response, a portal CSV export of both tables |
| \`diagnostic/\` | diagnostic settings → storage account: \`insights-logs-*/tenantId=…/y=/m=/d=/h=/m=00/PT1H.json\`, one record per line; one hour gzipped, one with CRLF; June 2023 records that use \`Binding\`; a service-principal container whose records are skipped |
| \`event-hub/\` | diagnostic settings → Event Hub: \`{"records": […]}\` with US-locale times |
| \`graph/\` | Microsoft Graph: an \`auditLogs/signIns\` page, the admin center's JSON download, a Microsoft-Extractor-Suite dump (two arrays in one file, UTF-8 BOM, CRLF), an Untitled Goose Tool dump (one object per line), and Graph PowerShell SDK objects written by Windows PowerShell 5.1 (UTF-16 LE with BOM) |

The token protection policies: \`CA100\` (report-only until 18 November 2026, then enforced: its
failures from that day are actual blocks, \`Status\` 530084 or, for some, 53003; every user,
Exchange and SharePoint including browsers; for the four users of the 2026 tour also Teams
Services, Windows 365, Azure Virtual Desktop and Azure Resource Manager), \`CA101\` (enforced,
pilot users), \`CA102\` (report-only,
\`["SignInFrequency","SignInTokenProtection"]\`), \`CA103\` (disabled: \`notEnabled\`). Some entries
spell the control in lower case.

Each sign-in carries \`tokenProtectionStatusDetails\` as the 2026 guides describe it: bound (0) on a
registered Windows 10/11 device with a supported app; 1002 for guests and unregistered devices;
1004 on Isaiah's Mac and 1003 on Joni's iPhone (self-remediable: a one-time registration upgrade);
1006 on Android and on Nestor's Windows Server 2019; 1008 for apps outside the broker. The tour
adds an Entra joined Cloud PC (1003 on Windows: not self-remediable), a shared Mac registered by
someone else (1007), an iPad not yet on hardware-backed storage (1004, once 1005), and an
administrator bound on Teams Services, Windows 365 and Azure Virtual Desktop, and on the Azure
portal in Edge but not in Firefox (1008). The pilot policy \`CA101\`'s failures are actual blocks too.
`),
);

const counts = [...byChannel].map(([channel, list]) => `${channel}: ${list.length}`).join(', ');
process.stderr.write(`wrote ${signIns.length} sign-ins to ${out}/ (${counts})\n`);
