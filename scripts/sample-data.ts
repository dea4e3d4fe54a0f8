// The fictional sign-ins behind sample-logs/: tenant "Woodgrove Bank" (woodgrovebank.example), a
// report-only token protection policy (enabled from 18 November 2026: ENFORCEMENT) and an enforced
// pilot, November 2026 plus a few June 2023
// records that still use the old control name "Binding", and a tour of the 2026 guides (other
// platforms' status codes, Teams Services, Windows 365, Azure Resource Manager in a browser).
// statusCodeMatrix() gives the tests a blocked sign-in for every status code on every platform.
// Deterministic: seeded PRNGs, no clock.

export interface CaPolicy {
  readonly id: string;
  readonly displayName: string;
  readonly enforcedGrantControls: readonly string[];
  readonly enforcedSessionControls: readonly string[];
  /** Absent: the record has no such key (older diagnostic records). */
  readonly sessionControlsNotSatisfied?: readonly string[];
  readonly result: string;
  readonly conditionsSatisfied: number;
  readonly conditionsNotSatisfied: number;
}

export interface Device {
  readonly deviceId: string;
  readonly displayName: string;
  readonly operatingSystem: string;
  readonly browser: string;
  readonly isCompliant: boolean;
  readonly isManaged: boolean;
  readonly trustType: string;
}

export interface SignIn {
  readonly id: string;
  readonly log: 'interactive' | 'noninteractive';
  /** ISO 8601, 7 fractional digits, Z. */
  readonly createdDateTime: string;
  /** Processing time: 60–180 s after createdDateTime. */
  readonly timeGenerated: string;
  readonly tenantId: string;
  readonly userPrincipalName: string;
  readonly userId: string;
  readonly userDisplayName: string;
  readonly userType: 'Member' | 'Guest';
  readonly appDisplayName: string;
  readonly appId: string;
  readonly resourceDisplayName: string;
  readonly resourceId: string;
  readonly clientAppUsed: string;
  readonly ipAddress: string;
  readonly userAgent: string;
  readonly correlationId: string;
  readonly originalRequestId: string;
  readonly device: Device;
  readonly location: { readonly city: string; readonly state: string; readonly countryOrRegion: string };
  readonly status: { readonly errorCode: number; readonly failureReason?: string };
  readonly conditionalAccessStatus: string;
  readonly policies: readonly CaPolicy[];
  readonly tokenProtection: { readonly signInSessionStatus: string; readonly signInSessionStatusCode: number } | null;
}

export const TENANT_ID = '4f1c2a7e-5b7d-4c1e-9a53-2d8e6b0f9c31';
export const WORKSPACE_ID = '0d6a9c4e-31b2-4f7a-8e5d-7c9b1a2f3e40';

/** mulberry32: small, fast, good enough for fixtures, and the same everywhere. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function guid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** ISO with 7 fractional digits, as Log Analytics and diagnostic settings write them. */
export function iso7(ms: number, extraTicks = 0): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, (_, frac: string) => `.${frac}${String(extraTicks).padStart(4, '0')}Z`);
}

interface User {
  readonly upn: string;
  readonly displayName: string;
  readonly type: 'Member' | 'Guest';
  readonly pilot: boolean;
  readonly device: Device;
  readonly city: string;
}

const WINDOWS_JOINED = (name: string, os = 'Windows 10'): Device => ({ deviceId: '', displayName: name, operatingSystem: os, browser: 'Rich Client 4.64.0.0', isCompliant: true, isManaged: true, trustType: 'Azure AD joined' });

function users(random: () => number): User[] {
  const withId = (d: Device): Device => ({ ...d, deviceId: d.trustType ? guid(random) : '' });
  return [
    { upn: 'adele.vance@woodgrovebank.example', displayName: 'Adele Vance', type: 'Member', pilot: true, device: withId(WINDOWS_JOINED('WGB-LT-0142', 'Windows 11')), city: 'Seattle' },
    { upn: 'alex.wilber@woodgrovebank.example', displayName: 'Alex Wilber', type: 'Member', pilot: true, device: withId({ ...WINDOWS_JOINED('WGB-LT-0177'), trustType: 'Hybrid Azure AD joined' }), city: 'Seattle' },
    { upn: 'Megan.Bowen@woodgrovebank.example', displayName: 'Megan Bowen', type: 'Member', pilot: true, device: withId(WINDOWS_JOINED('WGB-LT-0203', 'Windows 11')), city: 'Redmond' },
    { upn: 'lidia.holloway@woodgrovebank.example', displayName: 'Lidia Holloway', type: 'Member', pilot: false, device: withId({ ...WINDOWS_JOINED('LIDIA-SURFACE'), trustType: 'Azure AD registered', isManaged: false, isCompliant: false }), city: 'Chicago' },
    { upn: 'nestor.wilke@woodgrovebank.example', displayName: 'Nestor Wilke', type: 'Member', pilot: false, device: withId({ ...WINDOWS_JOINED('WGB-ADM-01', 'Windows Server 2019'), trustType: 'Hybrid Azure AD joined' }), city: 'Chicago' },
    { upn: 'isaiah.langer@woodgrovebank.example', displayName: 'Isaiah Langer', type: 'Member', pilot: false, device: withId({ ...WINDOWS_JOINED('Isaiahs-MacBook', 'MacOs'), browser: 'Rich Client 4.64.0.0', trustType: 'Azure AD registered', isCompliant: false }), city: 'New York' },
    { upn: 'joni.sherman@woodgrovebank.example', displayName: 'Joni Sherman', type: 'Member', pilot: false, device: withId({ ...WINDOWS_JOINED('Jonis-iPhone', 'Ios'), browser: 'Mobile Safari', trustType: 'Azure AD registered' }), city: 'New York' },
    { upn: 'lee.gu@woodgrovebank.example', displayName: 'Lee Gu', type: 'Member', pilot: false, device: withId({ ...WINDOWS_JOINED('Pixel 8', 'Android'), browser: 'Rich Client', trustType: 'Azure AD registered' }), city: 'Toronto' },
    { upn: 'zoe.angstrom@woodgrovebank.example', displayName: 'Zoë Ångström', type: 'Member', pilot: true, device: withId(WINDOWS_JOINED('WGB-LT-0311', 'Windows 11')), city: 'Stockholm' },
    { upn: 'diego.siciliani@woodgrovebank.example', displayName: 'Diego Siciliani', type: 'Member', pilot: false, device: { deviceId: '', displayName: '', operatingSystem: 'Windows 10', browser: 'Edge 131.0.0', isCompliant: false, isManaged: false, trustType: '' }, city: 'Madrid' },
    { upn: 'pradeep.gupta@woodgrovebank.example', displayName: 'Pradeep Gupta', type: 'Member', pilot: false, device: { deviceId: '', displayName: '', operatingSystem: 'Linux', browser: 'Firefox 133.0', isCompliant: false, isManaged: false, trustType: '' }, city: 'Bengaluru' },
    { upn: 'partner_fabrikam.example#EXT#@woodgrovebank.example', displayName: 'Kim Akers (Fabrikam)', type: 'Guest', pilot: false, device: WINDOWS_JOINED('FAB-LT-22'), city: 'London' },
    { upn: 'auditor_contoso.example#EXT#@woodgrovebank.example', displayName: 'Ravi Rao (Contoso)', type: 'Guest', pilot: false, device: { deviceId: '', displayName: '', operatingSystem: 'MacOs', browser: 'Safari 18.1', isCompliant: false, isManaged: false, trustType: '' }, city: 'Dublin' },
  ].map((u) => ({ ...u, type: u.type as 'Member' | 'Guest', device: u.device.trustType && !u.device.deviceId ? { ...u.device, deviceId: guid(random) } : u.device }));
}

interface App {
  readonly name: string;
  readonly id: string;
  readonly resource: 'exo' | 'spo' | 'graph' | 'arm';
  readonly client: string;
  /** Supports protected sign-in tokens on a supported device. */
  readonly supported: boolean;
}

const APPS: readonly App[] = [
  { name: 'Microsoft Outlook', id: '5d661950-3475-41cd-a2c3-d671a3162bc1', resource: 'exo', client: 'Mobile Apps and Desktop clients', supported: true },
  { name: 'Microsoft Teams', id: '1fec8e78-bce4-4aaf-ab1b-5451cc387264', resource: 'spo', client: 'Mobile Apps and Desktop clients', supported: true },
  { name: 'OneDrive SyncEngine', id: 'ab9b8c07-8f02-4f72-87fa-80105867a763', resource: 'spo', client: 'Mobile Apps and Desktop clients', supported: true },
  { name: 'Microsoft Office', id: 'd3590ed6-52b3-4102-aeff-aad2292ab01c', resource: 'exo', client: 'Mobile Apps and Desktop clients', supported: true },
  { name: 'Power BI Desktop', id: '7f67af8a-fedc-4b08-8b4e-37c4d127b6cf', resource: 'spo', client: 'Mobile Apps and Desktop clients', supported: true },
  { name: 'Microsoft Exchange REST API Based Powershell', id: 'fb78d390-0c51-40cd-8e17-fdbfab77341b', resource: 'exo', client: 'Mobile Apps and Desktop clients', supported: false },
  { name: 'Microsoft Power Query for Excel', id: 'a672d62c-fc7b-4e81-a576-e60dc46e951d', resource: 'spo', client: 'Mobile Apps and Desktop clients', supported: false },
  { name: 'Visual Studio Code', id: 'aebc6443-996d-45c2-90f0-388ff96faa56', resource: 'exo', client: 'Mobile Apps and Desktop clients', supported: false },
  { name: 'Office 365 SharePoint Online', id: '00000003-0000-0ff1-ce00-000000000000', resource: 'spo', client: 'Browser', supported: false },
  { name: 'Microsoft Graph Command Line Tools', id: '14d82eec-204b-4c2f-b7e8-296a70dab67e', resource: 'graph', client: 'Mobile Apps and Desktop clients', supported: false },
  { name: 'Azure Portal', id: 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c', resource: 'arm', client: 'Browser', supported: false },
];

const RESOURCES = {
  exo: { name: 'Office 365 Exchange Online', id: '00000002-0000-0ff1-ce00-000000000000' },
  spo: { name: 'Office 365 SharePoint Online', id: '00000003-0000-0ff1-ce00-000000000000' },
  graph: { name: 'Microsoft Graph', id: '00000003-0000-0000-c000-000000000000' },
  arm: { name: 'Windows Azure Service Management API', id: '797f4846-ba00-4fd7-ba43-dac1f8f63013' },
  // As the web-apps guide says sign-in logs name the same resource.
  armLogged: { name: 'Azure Resource Manager', id: '797f4846-ba00-4fd7-ba43-dac1f8f63013' },
  teams: { name: 'Microsoft Teams Services', id: 'cc15fd57-2c6c-4117-a88c-83b1d56b4bbe' },
  w365: { name: 'Windows 365', id: '0af06dc6-e4b5-4f28-818e-e78e62d137a5' },
  avd: { name: 'Azure Virtual Desktop', id: '9cdead84-a844-4324-93f2-b2e6bb768d07' },
} as const;
type ResourceKey = keyof typeof RESOURCES;

const OTHER_POLICIES = (random: () => number, app: App): CaPolicy[] => [
  { id: '9f1ad4c2-6c1e-4b8e-9d0f-1c2b3a4d5e61', displayName: 'CA001: Require MFA for administrators', enforcedGrantControls: ['Mfa'], enforcedSessionControls: [], result: 'notApplied', conditionsSatisfied: 0, conditionsNotSatisfied: 2 },
  { id: '2b7e9c41-3d5f-4a6b-8c9d-0e1f2a3b4c52', displayName: 'CA010: Block legacy authentication', enforcedGrantControls: ['Block'], enforcedSessionControls: [], result: 'notApplied', conditionsSatisfied: 3, conditionsNotSatisfied: 16 },
  { id: '7c3d2e1f-0a9b-4c8d-9e7f-6a5b4c3d2e13', displayName: 'CA020: Sign-in frequency 12 hours', enforcedGrantControls: [], enforcedSessionControls: ['SignInFrequency'], result: random() < 0.7 ? 'success' : 'notApplied', conditionsSatisfied: 3, conditionsNotSatisfied: 0 },
  { id: 'e4f5a6b7-c8d9-4e0f-a1b2-c3d4e5f6a7b8', displayName: 'CA030: Require compliant device (disabled)', enforcedGrantControls: ['RequireCompliantDevice'], enforcedSessionControls: [], result: 'notEnabled', conditionsSatisfied: 0, conditionsNotSatisfied: 0 },
  ...(app.client === 'Browser'
    ? [{ id: '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d', displayName: 'CA040: Persistent browser session', enforcedGrantControls: [], enforcedSessionControls: ['PersistentBrowserSessionMode'], result: 'success', conditionsSatisfied: 35, conditionsNotSatisfied: 0 }]
    : []),
];

const TP_REPORT_ONLY = '3e9b1f52-7a4c-4d8e-b6f0-2c1a9d8e7f60';
const TP_PILOT = '8d2c4b6a-1f3e-4a5b-9c7d-0e2f4a6b8c71';
const TP_COMBINED = 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e';
const TP_DISABLED = 'c9d8e7f6-a5b4-4c3d-2e1f-0a9b8c7d6e5f';

/**
 * When CA100 leaves report-only: from 18 November 2026, 00:00 UTC its results are success and
 * failure, and its failures are actual blocks (Status 530084, some 53003), so that the samples show
 * a before and an after. Its display name stays as the administrator wrote it.
 */
export const ENFORCEMENT = Date.UTC(2026, 10, 18);

/** Status of a sign-in an enforced token protection policy blocked, as Entra writes it. */
export const TOKEN_PROTECTION_BLOCK = { errorCode: 530084, failureReason: 'Access has been blocked by conditional access token protection policy.' } as const;
/** The generic Conditional Access block some of them carry instead. */
export const CONDITIONAL_ACCESS_BLOCK = { errorCode: 53003, failureReason: 'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.' } as const;

/** The token protection policy entries of one sign-in, given whether it would be blocked; CA100 enforced from ENFORCEMENT (enforced). */
function tokenProtectionPolicies(random: () => number, user: User, inScope: boolean, compatible: boolean, value: string, enforced: boolean): CaPolicy[] {
  const entry = (id: string, displayName: string, controls: string[], result: string, failed: boolean): CaPolicy => ({
    id, displayName, enforcedGrantControls: [], enforcedSessionControls: controls, result,
    conditionsSatisfied: inScope ? 3 : 1, conditionsNotSatisfied: inScope ? 0 : 2,
    sessionControlsNotSatisfied: failed ? [value] : [],
  });
  const policies: CaPolicy[] = [];
  if (!inScope) {
    policies.push(entry(TP_REPORT_ONLY, 'CA100: Require token protection (report-only)', [value], 'reportOnlyNotApplied', false));
    return policies;
  }
  const lower = random() < 0.08;
  const controls = [lower ? value.toLowerCase() : value];
  const result = enforced ? (compatible ? 'success' : 'failure') : compatible ? 'reportOnlySuccess' : 'reportOnlyFailure';
  policies.push(entry(TP_REPORT_ONLY, 'CA100: Require token protection (report-only)', controls, result, !compatible));
  if (user.pilot) {
    policies.push(entry(TP_PILOT, 'CA101: Token protection for pilot (enforced)', [value], compatible ? 'success' : 'failure', !compatible));
  }
  if (random() < 0.12) {
    policies.push(entry(TP_COMBINED, 'CA102: Sign-in frequency and token protection (report-only)', ['SignInFrequency', value], compatible ? 'reportOnlySuccess' : 'reportOnlyFailure', !compatible));
  }
  if (random() < 0.1) {
    policies.push({ ...entry(TP_DISABLED, 'CA103: Token protection, all users (disabled)', [value], 'notEnabled', true), conditionsSatisfied: 0, conditionsNotSatisfied: 0 });
  }
  return policies;
}

const DEVICE_OK = (d: Device): boolean => /^Windows 1[01]$/.test(d.operatingSystem) && d.trustType !== '';

const unbound = (code: number): NonNullable<SignIn['tokenProtection']> => ({ signInSessionStatus: 'unbound', signInSessionStatusCode: code });
const BOUND: NonNullable<SignIn['tokenProtection']> = { signInSessionStatus: 'bound', signInSessionStatusCode: 0 };

/**
 * signInSessionStatusDetails as the 2026 guides describe them: a guest's or an unregistered
 * device has no device state (1002); a Mac registered before hardware-backed registration
 * (1004) and an iPhone with a legacy registration (1003) are upgraded by their users; Android
 * and Windows Server 2019 here report an unsupported OS (1006); on a supported Windows device an
 * app outside the broker is 1008; anything else is bound (0).
 */
function tokenProtectionStatus(user: User, app: App): SignIn['tokenProtection'] {
  if (user.type === 'Guest' || user.device.trustType === '') return unbound(1002);
  if (user.device.operatingSystem === 'MacOs') return unbound(1004);
  if (user.device.operatingSystem === 'Ios') return unbound(1003);
  if (!/^Windows 1[01]$/.test(user.device.operatingSystem)) return unbound(1006);
  if (!app.supported) return unbound(1008);
  return BOUND;
}

const USER_AGENTS: Record<string, string> = {
  'Rich Client 4.64.0.0': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; WebView/3.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  'Mobile Safari': 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'Rich Client': 'Dalvik/2.1.0 (Linux; U; Android 15; Pixel 8 Build/AP4A.241205.013)',
  'Edge 131.0.0': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  'Firefox 133.0': 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  'Safari 18.1': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
};

/** Which apps each user uses: what their job and device make plausible. */
function appsOf(user: User): App[] {
  const byName = (...names: string[]) => APPS.filter((a) => names.includes(a.name));
  if (user.type === 'Guest') return byName('Microsoft Teams', 'Office 365 SharePoint Online');
  if (user.device.operatingSystem === 'Linux') return byName('Visual Studio Code', 'Office 365 SharePoint Online', 'Microsoft Graph Command Line Tools');
  if (user.device.trustType === '') return byName('Office 365 SharePoint Online', 'Microsoft Outlook', 'Azure Portal');
  if (user.upn.startsWith('nestor')) return byName('Microsoft Exchange REST API Based Powershell', 'Microsoft Outlook', 'Azure Portal');
  if (user.upn.startsWith('alex')) return byName('Microsoft Outlook', 'Microsoft Teams', 'Microsoft Power Query for Excel', 'OneDrive SyncEngine');
  if (user.upn.startsWith('adele')) return byName('Microsoft Outlook', 'Microsoft Teams', 'OneDrive SyncEngine', 'Power BI Desktop', 'Microsoft Office');
  return byName('Microsoft Outlook', 'Microsoft Teams', 'OneDrive SyncEngine', 'Microsoft Office');
}

/** What a sign-in of the 2026 tour (and of the status-code matrix) sets instead of what its user and app imply. */
interface SignInOverrides {
  readonly resource?: ResourceKey;
  /** A token protection policy applies (the report-only policy covers Exchange and SharePoint only). */
  readonly inScope?: boolean;
  readonly compatible?: boolean;
  readonly tokenProtection?: SignIn['tokenProtection'];
  readonly log?: SignIn['log'];
  /** CA100 enforced: by default from ENFORCEMENT on. */
  readonly enforced?: boolean;
}

function makeSignIn(random: () => number, user: User, app: App, createdMs: number, value: string, upnOverride?: string, overrides: SignInOverrides = {}): SignIn {
  const resource = RESOURCES[overrides.resource ?? app.resource];
  // The report-only policy targets Exchange and SharePoint, browsers included (the misconfiguration
  // Microsoft warns of), so that browser sign-ins show up as blocked.
  const tokenProtectionScope = overrides.inScope ?? (app.resource === 'exo' || app.resource === 'spo');
  const compatible = overrides.compatible ?? (app.supported && DEVICE_OK(user.device) && user.type === 'Member');
  const enforced = overrides.enforced ?? createdMs >= ENFORCEMENT;
  // An enforced token protection policy fails this sign-in: the pilot's, or CA100 once enforced.
  const blockedByEnforcement = !compatible && tokenProtectionScope && (user.pilot || enforced);
  const interactive = random() < 0.35;
  const createdDateTime = iso7(createdMs, Math.floor(random() * 10000));
  const timeGenerated = iso7(createdMs + 60_000 + Math.floor(random() * 120_000), Math.floor(random() * 10000));
  const browser = app.client === 'Browser' ? { ...user.device, browser: user.device.browser.startsWith('Rich') ? 'Edge 131.0.0' : user.device.browser } : user.device;
  const signIn: SignIn = {
    id: guid(random),
    log: overrides.log ?? (interactive ? 'interactive' : 'noninteractive'),
    createdDateTime,
    timeGenerated,
    tenantId: TENANT_ID,
    userPrincipalName: upnOverride ?? user.upn,
    userId: guid(random),
    userDisplayName: user.displayName,
    userType: user.type,
    appDisplayName: app.name,
    appId: app.id,
    resourceDisplayName: resource.name,
    resourceId: resource.id,
    clientAppUsed: app.client,
    ipAddress: `203.0.113.${1 + Math.floor(random() * 250)}`,
    userAgent: USER_AGENTS[browser.browser] ?? USER_AGENTS['Rich Client 4.64.0.0']!,
    correlationId: guid(random),
    originalRequestId: guid(random),
    device: browser,
    location: { city: user.city, state: '', countryOrRegion: user.city === 'Stockholm' ? 'SE' : user.city === 'London' ? 'GB' : 'US' },
    status: { errorCode: 0 },
    conditionalAccessStatus: blockedByEnforcement ? 'failure' : 'success',
    policies: [...OTHER_POLICIES(random, app), ...tokenProtectionPolicies(random, user, tokenProtectionScope, compatible, value, enforced)],
    tokenProtection: overrides.tokenProtection === undefined ? tokenProtectionStatus(user, app) : overrides.tokenProtection,
  };
  if (!blockedByEnforcement) return signIn;
  // Entra reports most token protection blocks as 530084, some as the generic 53003: here those
  // whose id ends in 0 or 8 (no draw of the PRNG, so that the sign-ins after stay as they were).
  return { ...signIn, status: /[08]$/.test(signIn.id) ? CONDITIONAL_ACCESS_BLOCK : TOKEN_PROTECTION_BLOCK };
}

const HOUR = 3_600_000;
const NOV_9 = Date.UTC(2026, 10, 9);
const NOV_20_18H = Date.UTC(2026, 10, 20, 18);
const JUNE_12_2023 = Date.UTC(2023, 5, 12);

/** Older diagnostic records omit sessionControlsNotSatisfied: the same sign-in, written that way. */
export function withoutNotSatisfied(signIn: SignIn): SignIn {
  return { ...signIn, policies: signIn.policies.map(({ sessionControlsNotSatisfied: _omitted, ...rest }) => rest) };
}

/**
 * About 200 sign-ins: each user's apps on most working days from 9 to 20 November 2026, a few
 * interrupted sign-ins retried under the same Id, and six June 2023 records that use "Binding".
 */
export function sampleSignIns(): SignIn[] {
  const random = prng(20261120);
  const people = users(random);
  const signIns: SignIn[] = [];
  for (let day = NOV_9; day < NOV_20_18H; day += 24 * HOUR) {
    const weekday = new Date(day).getUTCDay();
    for (const user of people) {
      if ((weekday === 0 || weekday === 6) && random() < 0.85) continue;
      const count = Math.floor(random() * 4);
      for (let n = 0; n < count; n++) {
        const app = pick(random, appsOf(user));
        const created = day + (7 + Math.floor(random() * 10)) * HOUR + Math.floor(random() * HOUR);
        if (created > NOV_20_18H - 5 * 60_000) continue;
        const upn = user.upn.startsWith('Megan') && random() < 0.5 ? user.upn.toLowerCase() : undefined;
        const signIn = makeSignIn(random, user, app, created, 'SignInTokenProtection', upn);
        signIns.push(signIn);
        if (random() < 0.05) {
          // Interrupted, then retried: two records of one request, differing in time and status.
          signIns[signIns.length - 1] = { ...signIn, status: { errorCode: 50074, failureReason: 'Strong Authentication is required.' }, conditionalAccessStatus: 'notApplied' };
          const later = Date.parse(signIn.createdDateTime) + 20_000;
          signIns.push({ ...signIn, createdDateTime: iso7(later, 1234), timeGenerated: iso7(later + 90_000, 4321) });
        }
      }
    }
  }
  // The newest sign-in ends the default window at a round time: 20 November 2026, 18:00 UTC.
  signIns.sort((a, b) => (a.timeGenerated < b.timeGenerated ? -1 : 1));
  signIns[signIns.length - 1] = { ...signIns[signIns.length - 1]!, createdDateTime: iso7(NOV_20_18H - 3 * 60_000, 0), timeGenerated: iso7(NOV_20_18H, 0) };
  for (let k = 0; k < 6; k++) {
    const user = people[k % 4]!;
    const app = appsOf(user)[k % appsOf(user).length]!;
    signIns.push(makeSignIn(random, user, app, JUNE_12_2023 + k * 31 * HOUR, 'Binding'));
  }
  // Last, with a PRNG of its own, so that the sign-ins above stay as they were.
  return [...signIns, ...tourSignIns()];
}

const byName = (name: string): App => APPS.find((a) => a.name === name)!;
const WINDOWS_APP: App = { name: 'Windows App', id: 'a85cf173-4192-42f8-81fa-777a763e6e2c', resource: 'exo', client: 'Mobile Apps and Desktop clients', supported: true };
const AZURE_PORTAL_WEB: App = { ...byName('Azure Portal'), supported: true };

interface TourStop {
  readonly app: App;
  readonly resource?: ResourceKey;
  readonly compatible: boolean;
  readonly tokenProtection: SignIn['tokenProtection'];
  readonly device?: Partial<Device>;
}

interface TourUser {
  readonly user: Omit<User, 'device'> & { readonly device: Omit<Device, 'deviceId'> };
  readonly stops: readonly TourStop[];
}

/**
 * Sign-ins the 2026 guides are about: an Entra joined Cloud PC (1003 on Windows: an unsupported
 * registration type), a shared Mac registered by someone else (1007), an iPad not yet on
 * hardware-backed storage (1004, self-remediable) that once reports an unspecified reason
 * (1005), and an administrator whose Teams Services, Windows 365 and Azure Virtual Desktop
 * sign-ins are bound and whose Azure portal sign-ins are bound in Edge and unbound in Firefox
 * (the web-apps preview on Azure Resource Manager).
 */
function tourSignIns(): SignIn[] {
  const random = prng(20260921);
  const device = (d: Omit<Device, 'deviceId'>): Device => ({ ...d, deviceId: guid(random) });
  const tour: TourUser[] = [
    {
      user: { upn: 'grady.archie@woodgrovebank.example', displayName: 'Grady Archie', type: 'Member', pilot: false, city: 'Seattle', device: { displayName: 'CPC-grady-7x2', operatingSystem: 'Windows 11', browser: 'Rich Client 4.64.0.0', isCompliant: true, isManaged: true, trustType: 'Azure AD joined' } },
      stops: [
        { app: byName('Microsoft Outlook'), compatible: false, tokenProtection: unbound(1003) },
        { app: byName('Microsoft Teams'), resource: 'teams', compatible: false, tokenProtection: unbound(1003) },
      ],
    },
    {
      user: { upn: 'miriam.graham@woodgrovebank.example', displayName: 'Miriam Graham', type: 'Member', pilot: false, city: 'Chicago', device: { displayName: 'WGB-LAB-MAC-3', operatingSystem: 'MacOs', browser: 'Rich Client 4.64.0.0', isCompliant: true, isManaged: true, trustType: 'Azure AD registered' } },
      stops: [
        { app: byName('Microsoft Outlook'), compatible: false, tokenProtection: unbound(1007) },
        { app: byName('OneDrive SyncEngine'), compatible: false, tokenProtection: unbound(1007) },
      ],
    },
    {
      user: { upn: 'henrietta.mueller@woodgrovebank.example', displayName: 'Henrietta Mueller', type: 'Member', pilot: false, city: 'Redmond', device: { displayName: 'Henriettas-iPad', operatingSystem: 'iPadOS', browser: 'Rich Client 4.64.0.0', isCompliant: true, isManaged: true, trustType: 'Azure AD registered' } },
      stops: [
        { app: byName('Microsoft Outlook'), compatible: false, tokenProtection: unbound(1004) },
        { app: byName('Microsoft Teams'), compatible: false, tokenProtection: unbound(1004) },
        { app: byName('OneDrive SyncEngine'), compatible: false, tokenProtection: unbound(1004) },
      ],
    },
    {
      user: { upn: 'johanna.lorenz@woodgrovebank.example', displayName: 'Johanna Lorenz', type: 'Member', pilot: true, city: 'Seattle', device: { displayName: 'WGB-ADM-07', operatingSystem: 'Windows 11', browser: 'Rich Client 4.64.0.0', isCompliant: true, isManaged: true, trustType: 'Azure AD joined' } },
      stops: [
        { app: byName('Microsoft Teams'), resource: 'teams', compatible: true, tokenProtection: BOUND },
        { app: WINDOWS_APP, resource: 'w365', compatible: true, tokenProtection: BOUND },
        { app: WINDOWS_APP, resource: 'avd', compatible: true, tokenProtection: BOUND },
        { app: AZURE_PORTAL_WEB, resource: 'armLogged', compatible: true, tokenProtection: BOUND, device: { browser: 'Edge 131.0.0' } },
        { app: AZURE_PORTAL_WEB, resource: 'armLogged', compatible: false, tokenProtection: unbound(1008), device: { browser: 'Firefox 133.0' } },
      ],
    },
  ];
  const users = tour.map(({ user }): User => ({ ...user, device: device(user.device) }));
  const signIns: SignIn[] = [];
  for (let day = NOV_9 + 24 * HOUR; day < NOV_9 + 11 * 24 * HOUR; day += 24 * HOUR) {
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    for (const [k, { user: spec, stops }] of tour.entries()) {
      const user = users[k]!;
      for (let n = 0; n < 2; n++) {
        const stop = stops[Math.floor(random() * stops.length)]!;
        const created = day + (8 + Math.floor(random() * 8)) * HOUR + Math.floor(random() * HOUR);
        // One iPad sign-in says no more than "unspecified" (1005).
        const tokenProtection = spec.upn.startsWith('henrietta') && day === NOV_9 + 3 * 24 * HOUR && n === 0 ? unbound(1005) : stop.tokenProtection;
        const who: User = stop.device ? { ...user, device: { ...user.device, ...stop.device } } : user;
        signIns.push(makeSignIn(random, who, stop.app, created, 'SignInTokenProtection', undefined, { resource: stop.resource, inScope: true, compatible: stop.compatible, tokenProtection }));
      }
    }
  }
  return signIns;
}

/** The operating system each platform's devices report in the status-code matrix ('' names none). */
export const MATRIX_PLATFORMS = { windows: 'Windows 11', macos: 'MacOs', ios: 'Ios', android: 'Android', linux: 'Linux', unknown: '' } as const;
export type MatrixPlatform = keyof typeof MATRIX_PLATFORMS;
/** Every status code the guides list, 0 (bound), one they do not (1009), and none at all (null). */
export const MATRIX_CODES = [0, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, null] as const;
export type MatrixCode = (typeof MATRIX_CODES)[number];

/** Who signs in for one cell of the matrix, and with which app: one user and one app per cell. */
export const matrixUser = (code: MatrixCode | 'bound', platform: MatrixPlatform): string => `${code ?? 'none'}.${platform}@matrix.example`;
export const matrixApp = (code: MatrixCode | 'bound', platform: MatrixPlatform): string => `App ${code ?? 'none'} ${platform}`;

/** When the k-th sign-in of the matrix starts: every ten minutes from 20 November 2026, 08:00 UTC. */
export const matrixTime = (k: number): number => Date.UTC(2026, 10, 20, 8) + k * 10 * 60_000;

/**
 * For the tests, on 20 November 2026, Exchange Online: per platform, one blocked sign-in for
 * each status code (null: the record has no tokenProtectionStatusDetails) by its own user in
 * its own app, and one bound, allowed sign-in (code 0).
 */
export function statusCodeMatrix(): SignIn[] {
  const random = prng(1003_1004);
  const signIns: SignIn[] = [];
  let minute = 0;
  for (const [platform, operatingSystem] of Object.entries(MATRIX_PLATFORMS) as [MatrixPlatform, string][]) {
    const device: Device = {
      deviceId: guid(random),
      displayName: `${platform}-device`,
      operatingSystem,
      browser: 'Rich Client 4.64.0.0',
      isCompliant: true,
      isManaged: true,
      trustType: platform === 'windows' ? 'Azure AD joined' : 'Azure AD registered',
    };
    const cells: [MatrixCode | 'bound', boolean, SignIn['tokenProtection']][] = [
      ...MATRIX_CODES.map((code): [MatrixCode, boolean, SignIn['tokenProtection']] => [code, false, code === null ? null : code === 0 ? BOUND : unbound(code)]),
      ['bound', true, BOUND],
    ];
    for (const [code, compatible, tokenProtection] of cells) {
      const upn = matrixUser(code, platform);
      const user: User = { upn, displayName: upn, type: 'Member', pilot: false, device, city: 'Seattle' };
      const app: App = { name: matrixApp(code, platform), id: guid(random), resource: 'exo', client: 'Mobile Apps and Desktop clients', supported: true };
      // Ten minutes apart: each cell has a window of its own ([created, created + 10 min)).
      const created = matrixTime(minute++);
      const signIn = makeSignIn(random, user, app, created, 'SignInTokenProtection', undefined, { inScope: true, compatible, tokenProtection, log: 'noninteractive', enforced: false });
      // The report-only policy alone, so that both semantics count each sign-in as one request.
      signIns.push({ ...signIn, policies: signIn.policies.filter((p) => p.id !== TP_COMBINED && p.id !== TP_DISABLED) });
    }
  }
  return signIns;
}

/** A member of a group as the membership exports list it: a user, or a device or group (no UPN). */
export interface GroupMember {
  readonly id: string;
  readonly displayName: string;
  readonly type: 'user' | 'device' | 'group';
  /** Users only; as the directory spells it (case differs from some sign-ins'). */
  readonly userPrincipalName?: string;
}

export interface SampleGroup {
  readonly name: string;
  readonly members: readonly GroupMember[];
}

/**
 * Three groups of Woodgrove Bank for the rollout reports (sample-groups/): the token protection
 * pilot (Graph members page, with a device and a nested group among the members), the Apple users
 * (admin center download, with a new hire who has not signed in yet) and the Windows desktops
 * (a group-and-user CSV). Adele is in the pilot and on a Windows desktop; Megan's directory UPN is
 * mixed case; Lee, Pradeep and the guests are in no group.
 */
export function sampleGroups(): SampleGroup[] {
  const random = prng(20261215);
  const user = (upn: string, displayName: string): GroupMember => ({ id: guid(random), displayName, type: 'user', userPrincipalName: upn });
  const at = (name: string) => `${name}@woodgrovebank.example`;
  return [
    {
      name: 'TP Pilot',
      members: [
        user(at('adele.vance'), 'Adele Vance'),
        user(at('alex.wilber'), 'Alex Wilber'),
        user(at('Megan.Bowen'), 'Megan Bowen'),
        user(at('zoe.angstrom'), 'Zoë Ångström'),
        user(at('johanna.lorenz'), 'Johanna Lorenz'),
        { id: guid(random), displayName: 'WGB-LT-0142', type: 'device' },
        { id: guid(random), displayName: 'TP Pilot - IT', type: 'group' },
      ],
    },
    {
      name: 'Apple devices',
      members: [
        user(at('isaiah.langer'), 'Isaiah Langer'),
        user(at('joni.sherman'), 'Joni Sherman'),
        user(at('henrietta.mueller'), 'Henrietta Mueller'),
        user(at('miriam.graham'), 'Miriam Graham'),
        user(at('patti.fernandez'), 'Patti Fernandez'),
      ],
    },
    {
      name: 'Windows desktops',
      members: [
        user(at('adele.vance'), 'Adele Vance'),
        user(at('lidia.holloway'), 'Lidia Holloway'),
        user(at('nestor.wilke'), 'Nestor Wilke'),
        user(at('diego.siciliani'), 'Diego Siciliani'),
        user(at('grady.archie'), 'Grady Archie'),
      ],
    },
  ];
}
