// Realistic exports at tenant scale, deterministic: records of 5–10 KB with 15–30 Conditional
// Access policies each, in the export shapes the benchmark races on: diagnostic-settings NDJSON
// (PT1H.json), a Log Analytics JSON array (AADNonInteractiveUserSignInLogs: nested columns as JSON
// text) and a Log Analytics REST API response ({"tables":[…]}), as scripts/export-formats.ts renders
// them. Every shape starts with the same sign-ins, in the same order.
import { createReadStream, createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { renderers, type ExportFormat } from '../scripts/export-formats.ts';
import { iso7, TENANT_ID, type CaPolicy, type SignIn } from '../scripts/sample-data.ts';

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (random: () => number, n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
const guid = (random: () => number) => `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-a${hex(random, 3)}-${hex(random, 12)}`;

const APPS = ['Microsoft Outlook', 'Microsoft Teams', 'OneDrive SyncEngine', 'Microsoft Office', 'Power BI Desktop', 'Microsoft Exchange REST API Based Powershell', 'Microsoft Power Query for Excel', 'Visual Studio Code', 'Office 365 SharePoint Online', 'Microsoft Edge', 'Company Portal', 'Microsoft To Do'];
const RESOURCES = ['Office 365 Exchange Online', 'Office 365 SharePoint Online', 'Office 365 Exchange Online', 'Office 365 SharePoint Online', 'Microsoft Graph', 'Windows Azure Service Management API'];
const OS = ['Windows 10', 'Windows 11', 'Windows 11', 'Windows 10', 'MacOs', 'Ios', 'Android', 'Windows Server 2019', 'Linux'];

/** A tenant's policy set: 15–30 policies per sign-in, one or two of them token protection. */
function policies(random: () => number, count: number, blocked: boolean): CaPolicy[] {
  return Array.from({ length: count }, (_, i) => {
    if (i === 0) {
      return { id: '3e9b1f52-7a4c-4d8e-b6f0-2c1a9d8e7f60', displayName: 'CA100: Require token protection for Exchange and SharePoint (report-only)', enforcedGrantControls: [], enforcedSessionControls: ['SignInTokenProtection'], sessionControlsNotSatisfied: blocked ? ['SignInTokenProtection'] : [], result: blocked ? 'reportOnlyFailure' : 'reportOnlySuccess', conditionsSatisfied: 3, conditionsNotSatisfied: 0 };
    }
    const result = ['notApplied', 'success', 'reportOnlyNotApplied', 'notEnabled', 'reportOnlySuccess'][Math.floor(random() * 5)]!;
    return {
      id: `${hex(random, 8)}-0000-4000-a000-${String(i).padStart(12, '0')}`,
      displayName: `CA${String(i).padStart(3, '0')}: ${['Require MFA for', 'Block legacy authentication for', 'Require compliant device for', 'Sign-in frequency for'][i % 4]} ${['all users', 'administrators', 'guests', 'finance'][i % 4]} (${['prod', 'pilot'][i % 2]})`,
      enforcedGrantControls: i % 3 === 0 ? ['Mfa', 'RequireCompliantDevice'] : ['Mfa'],
      enforcedSessionControls: i % 4 === 3 ? ['SignInFrequency'] : [],
      sessionControlsNotSatisfied: [],
      result,
      conditionsSatisfied: Math.floor(random() * 1040),
      conditionsNotSatisfied: Math.floor(random() * 1040),
    };
  });
}

function signIn(random: () => number, n: number): SignIn {
  const created = Date.UTC(2026, 10, 13) + Math.floor(random() * 7 * 86_400_000);
  const user = Math.floor(random() * 5000);
  const os = OS[Math.floor(random() * OS.length)]!;
  const app = APPS[Math.floor(random() * APPS.length)]!;
  const blocked = !/^Windows 1[01]$/.test(os) || /Powershell|Power Query|Visual Studio|SharePoint Online/.test(app) || random() < 0.05;
  return {
    id: `${hex(random, 8)}-${String(n).padStart(4, '0').slice(-4)}-4000-a000-${hex(random, 12)}`,
    log: 'noninteractive',
    createdDateTime: iso7(created, Math.floor(random() * 10000)),
    timeGenerated: iso7(created + 60_000 + Math.floor(random() * 120_000), Math.floor(random() * 10000)),
    tenantId: TENANT_ID,
    userPrincipalName: `user${user}@woodgrovebank.example`,
    userId: guid(random),
    userDisplayName: `User ${user}`,
    userType: user % 50 === 0 ? 'Guest' : 'Member',
    appDisplayName: app,
    appId: guid(random),
    resourceDisplayName: RESOURCES[Math.floor(random() * RESOURCES.length)]!,
    resourceId: guid(random),
    clientAppUsed: 'Mobile Apps and Desktop clients',
    ipAddress: `203.0.${Math.floor(random() * 255)}.${Math.floor(random() * 255)}`,
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; WebView/3.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
    correlationId: guid(random),
    originalRequestId: guid(random),
    device: { deviceId: guid(random), displayName: `WGB-LT-${user}`, operatingSystem: os, browser: 'Rich Client 4.64.0.0', isCompliant: random() < 0.8, isManaged: random() < 0.8, trustType: 'Azure AD joined' },
    location: { city: 'Seattle', state: 'Washington', countryOrRegion: 'US' },
    status: { errorCode: 0 },
    conditionalAccessStatus: 'success',
    policies: policies(random, 15 + Math.floor(random() * 16), blocked),
    tokenProtection: { signInSessionStatus: blocked ? 'unbound' : 'bound', signInSessionStatusCode: blocked ? 1002 : 0 },
  };
}

/** '1GB', '500MB', '5MB' → bytes. */
export function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(KB|MB|GB)$/i.exec(text.trim());
  if (!match) throw new Error(`--size ${text}: use e.g. 5MB, 1GB`);
  return Number(match[1]) * 1024 ** { KB: 1, MB: 2, GB: 3 }[match[2]!.toUpperCase() as 'KB' | 'MB' | 'GB'];
}

export const SHAPES = ['ndjson', 'array', 'rest'] as const;
export type Shape = (typeof SHAPES)[number];

/**
 * One rendered batch of a shape cut into what opens the file, the records, and what closes it, so
 * that batches can be joined into one file of any size: `head` once, each batch's `body` joined
 * by `separator`, `tail` once.
 */
interface Container {
  readonly file: string;
  readonly format: ExportFormat;
  readonly separator: string;
  readonly split: (rendered: string) => { head: string; body: string; tail: string };
}

const REST_ROWS = '"rows":[';

const CONTAINERS: Record<Shape, Container> = {
  ndjson: { file: 'PT1H.json', format: 'diagnostic-ndjson', separator: '', split: (text) => ({ head: '', body: text, tail: '' }) },
  // One line, as Log Analytics writes large results; the renderer indents.
  array: {
    file: 'AADNonInteractiveUserSignInLogs.json',
    format: 'la-json-noninteractive',
    separator: ',',
    split: (text) => ({ head: '[', body: text.replace(/\n\s*/g, '').slice(1, -1), tail: ']\n' }),
  },
  rest: {
    file: 'rest-api-response.json',
    format: 'la-rest-api',
    separator: ',',
    split: (text) => {
      const rows = text.indexOf(REST_ROWS) + REST_ROWS.length;
      return { head: text.slice(0, rows), body: text.slice(rows, -']}]}'.length), tail: ']}]}\n' };
    },
  },
};

function write(stream: WriteStream, chunk: string): Promise<void> {
  return new Promise((resolve) => (stream.write(chunk) ? resolve() : stream.once('drain', resolve)));
}

const close = (stream: WriteStream) => new Promise<void>((resolve, reject) => stream.once('error', reject).end(resolve));

export interface GeneratedFile {
  readonly shape: Shape;
  readonly path: string;
  readonly records: number;
  readonly bytes: number;
}

/** Writes at least `size` bytes of one shape into `dir`: the same sign-ins for every shape. */
export async function generate(dir: string, shape: Shape, size: number): Promise<GeneratedFile> {
  mkdirSync(dir, { recursive: true });
  const container = CONTAINERS[shape];
  const path = join(dir, container.file);
  const random = prng(5);
  const stream = createWriteStream(path);
  const BATCH = 100;
  let records = 0;
  let bytes = 0;
  let tail = '';
  while (bytes < size) {
    const batch = Array.from({ length: BATCH }, () => signIn(random, records++));
    const part = container.split(renderers[container.format](batch).toString('utf8'));
    const chunk = bytes === 0 ? part.head + part.body : container.separator + part.body;
    await write(stream, chunk);
    bytes += Buffer.byteLength(chunk);
    tail = part.tail;
  }
  await write(stream, tail);
  await close(stream);
  return { shape, path, records, bytes: bytes + Buffer.byteLength(tail) };
}

/**
 * The records of a generated NDJSON file as a month of diagnostic archives holds them: one
 * `PT1H.json` per hour, in folders `d=DD/h=HH/m=00` (720 for 30 days), records in order. Returns
 * the folder.
 */
export async function splitHourly(file: GeneratedFile, dir: string, hours = 720): Promise<string> {
  if (file.shape !== 'ndjson') throw new Error(`only NDJSON splits into hourly files, not ${file.shape}`);
  let hour = -1;
  let stream: WriteStream | null = null;
  let line = 0;
  for await (const text of createInterface({ input: createReadStream(file.path), crlfDelay: Infinity })) {
    // Record k goes to hour floor(k * hours / records): with at least as many records as hours,
    // every hour gets its share (173 or 174 of 125,000); with fewer, some hours have no file.
    const due = Math.floor((line++ * hours) / file.records);
    if (due !== hour) {
      if (stream) await close(stream);
      hour = due;
      const folder = join(dir, `d=${String(1 + Math.floor(hour / 24)).padStart(2, '0')}`, `h=${String(hour % 24).padStart(2, '0')}`, 'm=00');
      mkdirSync(folder, { recursive: true });
      stream = createWriteStream(join(folder, 'PT1H.json'));
    }
    await write(stream!, `${text}\n`);
  }
  if (stream) await close(stream);
  return dir;
}
