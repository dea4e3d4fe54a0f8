// Renders sign-ins as each real export of the Entra ID sign-in logs writes them (see
// ../shared/docs/signin-log-formats.md): pure functions, sign-ins in, bytes out, so that tests can
// render one hand-made sign-in in every format.
import { gzipSync } from 'node:zlib';
import type { CaPolicy, SignIn } from './sample-data.ts';
import { TENANT_ID, WORKSPACE_ID } from './sample-data.ts';

export const EXPORT_FORMATS = [
  'la-json-interactive',
  'la-json-noninteractive',
  'az-cli',
  'la-rest-api',
  'la-portal-csv',
  'diagnostic-ndjson',
  'diagnostic-ndjson-crlf',
  'diagnostic-gzip',
  'event-hub',
  'graph-page',
  'admin-center-json',
  'extractor-suite',
  'goose-ndjson',
  'powershell-sdk-utf16le',
  'powershell-sdk-utf16be',
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
const BOM = '\ufeff';

/** Whole seconds, as Microsoft Graph writes times. */
const graphTime = (iso: string): string => `${iso.slice(0, 19)}Z`;
/** '+00:00' instead of 'Z', as diagnostic records write createdDateTime. */
const offsetTime = (iso: string): string => iso.replace('Z', '+00:00');

function usLocale(iso: string, withComma: boolean, withMillis: boolean): string {
  const d = new Date(iso);
  const hour12 = d.getUTCHours() % 12 === 0 ? 12 : d.getUTCHours() % 12;
  const pad = (n: number) => String(n).padStart(2, '0');
  const seconds = withMillis ? `${pad(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')}` : pad(d.getUTCSeconds());
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}${withComma ? ',' : ''} ${hour12}:${pad(d.getUTCMinutes())}:${seconds} ${d.getUTCHours() < 12 ? 'AM' : 'PM'}`;
}

const policyJson = (p: CaPolicy, graph: boolean) => ({
  id: p.id,
  displayName: p.displayName,
  enforcedGrantControls: p.enforcedGrantControls,
  enforcedSessionControls: p.enforcedSessionControls,
  ...(graph ? { sessionControlsNotSatisfied: p.sessionControlsNotSatisfied ?? [] } : p.sessionControlsNotSatisfied ? { sessionControlsNotSatisfied: p.sessionControlsNotSatisfied } : {}),
  result: p.result,
  conditionsSatisfied: graph ? (p.conditionsSatisfied ? 'application,users' : 'none') : p.conditionsSatisfied,
  conditionsNotSatisfied: graph ? (p.conditionsNotSatisfied ? 'devicePlatform' : 'none') : p.conditionsNotSatisfied,
  ...(graph ? { authenticationStrength: null, includeRulesSatisfied: [], excludeRulesSatisfied: [] } : {}),
});

const deviceJson = (s: SignIn) => ({ ...s.device });
const statusJson = (s: SignIn) => (s.status.failureReason ? { errorCode: s.status.errorCode, failureReason: s.status.failureReason } : { errorCode: s.status.errorCode });

/** A Log Analytics row; `nested` decides how dynamic columns are written (value, or JSON text). */
function laRow(s: SignIn, nested: (value: unknown, pretty: boolean) => unknown, k: number) {
  const interactive = s.log === 'interactive';
  const pretty = k % 7 === 3;
  return {
    TenantId: WORKSPACE_ID,
    SourceSystem: 'Azure AD',
    TimeGenerated: s.timeGenerated,
    ResourceId: `/tenants/${TENANT_ID}/providers/Microsoft.aadiam`,
    OperationName: 'Sign-in activity',
    Category: interactive ? 'SignInLogs' : 'NonInteractiveUserSignInLogs',
    ResultType: String(s.status.errorCode),
    ResultDescription: s.status.failureReason ?? '',
    CorrelationId: s.correlationId,
    Identity: s.userDisplayName,
    AppDisplayName: s.appDisplayName,
    AppId: s.appId,
    ClientAppUsed: s.clientAppUsed,
    ConditionalAccessPolicies: nested(s.policies.map((p) => policyJson(p, false)), pretty),
    ConditionalAccessStatus: s.conditionalAccessStatus,
    CreatedDateTime: s.createdDateTime,
    DeviceDetail: nested(deviceJson(s), pretty),
    IsInteractive: interactive,
    Id: s.id,
    IPAddress: s.ipAddress,
    LocationDetails: nested(s.location, false),
    OriginalRequestId: s.originalRequestId,
    ResourceDisplayName: s.resourceDisplayName,
    ResourceIdentity: s.resourceId,
    Status: nested(statusJson(s), false),
    TokenProtectionStatusDetails: nested(s.tokenProtection, false),
    UserAgent: s.userAgent,
    UserDisplayName: s.userDisplayName,
    UserId: s.userId,
    UserPrincipalName: s.userPrincipalName,
    UserType: s.userType,
    AADTenantId: TENANT_ID,
    ...(interactive ? {} : { SignInEventTypes: '["nonInteractiveUser"]' }),
    Type: interactive ? 'SigninLogs' : 'AADNonInteractiveUserSignInLogs',
  };
}

const asValue = (value: unknown) => value;
const asText = (value: unknown, pretty: boolean) => (value === null ? '' : pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value));

function pythonStr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : JSON.stringify(value);
}

const LA_TYPES: Record<string, string> = {
  TimeGenerated: 'datetime',
  CreatedDateTime: 'datetime',
  IsInteractive: 'bool',
  ConditionalAccessPolicies: 'dynamic',
  DeviceDetail: 'dynamic',
  LocationDetails: 'dynamic',
  Status: 'dynamic',
};

/** The diagnostic settings record: envelope plus camelCase properties. */
function diagnosticRecord(s: SignIn, time: string) {
  return {
    time,
    resourceId: `/tenants/${TENANT_ID}/providers/Microsoft.aadiam`,
    operationName: 'Sign-in activity',
    operationVersion: '1.0',
    category: s.log === 'interactive' ? 'SignInLogs' : 'NonInteractiveUserSignInLogs',
    tenantId: TENANT_ID,
    resultType: String(s.status.errorCode),
    resultSignature: s.status.errorCode === 0 ? 'SUCCESS' : 'None',
    durationMs: 0,
    callerIpAddress: s.ipAddress,
    correlationId: s.correlationId,
    identity: s.userDisplayName,
    Level: 4,
    location: s.location.countryOrRegion,
    properties: {
      id: s.id,
      createdDateTime: offsetTime(s.createdDateTime),
      userDisplayName: s.userDisplayName,
      userPrincipalName: s.userPrincipalName,
      userId: s.userId,
      appId: s.appId,
      appDisplayName: s.appDisplayName,
      ipAddress: s.ipAddress,
      status: statusJson(s),
      clientAppUsed: s.clientAppUsed,
      userAgent: s.userAgent,
      deviceDetail: deviceJson(s),
      location: s.location,
      correlationId: s.correlationId,
      conditionalAccessStatus: s.conditionalAccessStatus,
      originalRequestId: s.originalRequestId,
      isInteractive: s.log === 'interactive',
      tokenIssuerType: 'AzureAD',
      resourceDisplayName: s.resourceDisplayName,
      resourceId: s.resourceId,
      userType: s.userType,
      appliedConditionalAccessPolicies: s.policies.map((p) => policyJson(p, false)),
      signInTokenProtectionStatus: 'none',
      ...(s.tokenProtection ? { tokenProtectionStatusDetails: s.tokenProtection } : {}),
    },
  };
}

/** A Microsoft Graph (beta) signIn object. */
function graphSignIn(s: SignIn) {
  return {
    id: s.id,
    createdDateTime: graphTime(s.createdDateTime),
    userDisplayName: s.userDisplayName,
    userPrincipalName: s.userPrincipalName.toLowerCase(),
    userId: s.userId,
    userType: s.userType.toLowerCase(),
    appId: s.appId,
    appDisplayName: s.appDisplayName,
    ipAddress: s.ipAddress,
    clientAppUsed: s.clientAppUsed,
    userAgent: s.userAgent,
    correlationId: s.correlationId,
    originalRequestId: s.originalRequestId,
    isInteractive: s.log === 'interactive',
    signInEventTypes: [s.log === 'interactive' ? 'interactiveUser' : 'nonInteractiveUser'],
    resourceDisplayName: s.resourceDisplayName,
    resourceId: s.resourceId,
    resourceTenantId: TENANT_ID,
    homeTenantId: TENANT_ID,
    conditionalAccessStatus: s.conditionalAccessStatus,
    status: { errorCode: s.status.errorCode, failureReason: s.status.failureReason ?? 'Other.', additionalDetails: null },
    deviceDetail: deviceJson(s),
    location: { ...s.location, geoCoordinates: { altitude: null, latitude: 47.6, longitude: -122.3 } },
    appliedConditionalAccessPolicies: s.policies.map((p) => policyJson(p, true)),
    signInTokenProtectionStatus: s.tokenProtection?.signInSessionStatus ?? 'none',
    tokenProtectionStatusDetails: s.tokenProtection,
  };
}

/** What the Graph PowerShell SDK's objects look like after ConvertTo-Json -Depth 10. */
function powershellSignIn(s: SignIn) {
  return {
    AppDisplayName: s.appDisplayName,
    AppId: s.appId,
    AppliedConditionalAccessPolicies: s.policies.map((p) => ({
      DisplayName: p.displayName,
      EnforcedGrantControls: p.enforcedGrantControls,
      EnforcedSessionControls: p.enforcedSessionControls,
      Id: p.id,
      Result: p.result,
      SessionControlsNotSatisfied: p.sessionControlsNotSatisfied ?? [],
      ConditionsSatisfied: p.conditionsSatisfied ? 'application,users' : 'none',
      ConditionsNotSatisfied: 'none',
      AdditionalProperties: {},
    })),
    ClientAppUsed: s.clientAppUsed,
    ConditionalAccessStatus: s.conditionalAccessStatus,
    CorrelationId: s.correlationId,
    CreatedDateTime: graphTime(s.createdDateTime),
    DeviceDetail: {
      Browser: s.device.browser,
      DeviceId: s.device.deviceId,
      DisplayName: s.device.displayName,
      IsCompliant: s.device.isCompliant,
      IsManaged: s.device.isManaged,
      OperatingSystem: s.device.operatingSystem,
      TrustType: s.device.trustType,
      AdditionalProperties: {},
    },
    Id: s.id,
    IPAddress: s.ipAddress,
    IsInteractive: s.log === 'interactive',
    ResourceDisplayName: s.resourceDisplayName,
    ResourceId: s.resourceId,
    SignInEventTypes: [s.log === 'interactive' ? 'interactiveUser' : 'nonInteractiveUser'],
    SignInTokenProtectionStatus: s.tokenProtection?.signInSessionStatus ?? 'none',
    Status: { AdditionalDetails: null, ErrorCode: s.status.errorCode, FailureReason: s.status.failureReason ?? 'Other.', AdditionalProperties: {} },
    TokenProtectionStatusDetails: s.tokenProtection
      ? { SignInSessionStatus: s.tokenProtection.signInSessionStatus, SignInSessionStatusCode: s.tokenProtection.signInSessionStatusCode, AdditionalProperties: {} }
      : null,
    UserAgent: s.userAgent,
    UserDisplayName: s.userDisplayName,
    UserId: s.userId,
    UserPrincipalName: s.userPrincipalName.toLowerCase(),
    UserType: s.userType.toLowerCase(),
    AdditionalProperties: { isThroughGlobalSecureAccess: false },
  };
}

/** Windows PowerShell 5.1's ConvertTo-Json indentation: 4 spaces, two after the colon. */
const powershellJson = (value: unknown): string => JSON.stringify(value, null, 4).replace(/^(\s*"[^"]*"):/gm, '$1:  ').replace(/\n/g, '\r\n');

function utf16(text: string, bigEndian: boolean): Buffer {
  const le = Buffer.from(`${BOM}${text}`, 'utf16le');
  return bigEndian ? le.swap16() : le;
}

/** Python's json.dumps: ASCII only, ", " and ": " separators. */
function pythonJson(value: unknown): string {
  return JSON.stringify(value, null, 1)
    .replace(/\n\s*/g, ' ')
    .replace(/\[ /g, '[')
    .replace(/ \]/g, ']')
    .replace(/\{ /g, '{')
    .replace(/ \}/g, '}')
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : typeof value === 'string' ? value : JSON.stringify(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The Log Analytics portal's "Export → CSV (all columns)" of a union of both tables. */
function portalCsv(signIns: readonly SignIn[]): Buffer {
  const header = [
    'TenantId', 'SourceSystem', 'TimeGenerated [UTC]', 'ResourceId', 'OperationName', 'Category', 'ResultType', 'ResultDescription', 'CorrelationId',
    'AppDisplayName', 'AppId', 'ClientAppUsed', 'ConditionalAccessPolicies_dynamic', 'ConditionalAccessPolicies_string', 'ConditionalAccessStatus',
    'CreatedDateTime [UTC]', 'DeviceDetail_dynamic', 'DeviceDetail_string', 'IsInteractive', 'Id', 'IPAddress', 'LocationDetails_dynamic',
    'LocationDetails_string', 'ResourceDisplayName', 'ResourceIdentity', 'Status_dynamic', 'Status_string', 'TokenProtectionStatusDetails',
    'UserAgent', 'UserDisplayName', 'UserId', 'UserPrincipalName', 'UserType', 'AADTenantId', 'Type',
  ];
  const rows = signIns.map((s, k) => {
    const row = laRow(s, asValue, k);
    const interactive = s.log === 'interactive';
    const split = (value: unknown) => (interactive ? [JSON.stringify(value), ''] : ['', JSON.stringify(value)]);
    return [
      row.TenantId, row.SourceSystem, usLocale(s.timeGenerated, true, true), row.ResourceId, row.OperationName, row.Category, row.ResultType,
      k % 5 === 2 ? 'Strong Authentication is required.\nThe user was "interrupted", then retried.' : row.ResultDescription, row.CorrelationId,
      row.AppDisplayName, row.AppId, row.ClientAppUsed, ...split(row.ConditionalAccessPolicies), row.ConditionalAccessStatus,
      usLocale(s.createdDateTime, true, true), ...split(row.DeviceDetail), row.IsInteractive, row.Id, row.IPAddress, ...split(row.LocationDetails),
      row.ResourceDisplayName, row.ResourceIdentity, ...split(row.Status), JSON.stringify(s.tokenProtection), row.UserAgent, row.UserDisplayName,
      row.UserId, row.UserPrincipalName, row.UserType, row.AADTenantId, row.Type,
    ].map(csvCell).join(',');
  });
  return utf8(`${BOM}${[header.join(','), ...rows].join('\n')}\n`);
}

const ndjson = (signIns: readonly SignIn[], eol: string) => signIns.map((s) => JSON.stringify(diagnosticRecord(s, s.timeGenerated))).join(eol) + eol;

export const renderers: Record<ExportFormat, (signIns: readonly SignIn[]) => Buffer> = {
  'la-json-interactive': (signIns) => utf8(JSON.stringify(signIns.map((s, k) => laRow(s, asValue, k)), null, 2)),
  'la-json-noninteractive': (signIns) => utf8(JSON.stringify(signIns.map((s, k) => laRow(s, asText, k)), null, 2)),
  'az-cli': (signIns) =>
    utf8(
      JSON.stringify(
        signIns.map((s, k) => ({
          TableName: 'PrimaryResult',
          ...Object.fromEntries(Object.entries(laRow(s, asText, k)).map(([key, value]) => [key, pythonStr(value)])),
        })),
        null,
        2,
      ),
    ),
  'la-rest-api': (signIns) => {
    const rows = signIns.map((s, k) => laRow(s, asText, k));
    const names = Object.keys(laRow(signIns[0] ?? ({} as SignIn), asText, 0));
    return utf8(
      JSON.stringify({
        tables: [
          {
            name: 'PrimaryResult',
            columns: names.map((name) => ({ name, type: LA_TYPES[name] ?? 'string' })),
            rows: rows.map((row) => names.map((name) => (row as Record<string, unknown>)[name] ?? null)),
          },
        ],
      }),
    );
  },
  'la-portal-csv': portalCsv,
  'diagnostic-ndjson': (signIns) => utf8(ndjson(signIns, '\n')),
  'diagnostic-ndjson-crlf': (signIns) => utf8(ndjson(signIns, '\r\n')),
  'diagnostic-gzip': (signIns) => gzipSync(utf8(ndjson(signIns, '\n'))),
  'event-hub': (signIns) => utf8(JSON.stringify({ records: signIns.map((s) => diagnosticRecord(s, usLocale(s.timeGenerated, false, false))) }, null, 2)),
  'graph-page': (signIns) =>
    utf8(
      JSON.stringify({
        '@odata.context': 'https://graph.microsoft.com/beta/$metadata#auditLogs/signIns',
        '@odata.nextLink': 'https://graph.microsoft.com/beta/auditLogs/signIns?$skiptoken=c2FtcGxlLWxvZ3M',
        value: signIns.map(graphSignIn),
      }),
    ),
  'admin-center-json': (signIns) => utf8(JSON.stringify(signIns.map(graphSignIn), null, 2)),
  'extractor-suite': (signIns) => {
    const half = Math.ceil(signIns.length / 2);
    const page = (part: readonly SignIn[]) => powershellJson(part.map(graphSignIn));
    return utf8(`${BOM}${page(signIns.slice(0, half))}\r\n${page(signIns.slice(half))}\r\n`);
  },
  'goose-ndjson': (signIns) => utf8(signIns.map((s) => pythonJson(graphSignIn(s))).join('\n') + '\n'),
  'powershell-sdk-utf16le': (signIns) => utf16(powershellJson(signIns.map(powershellSignIn)) + '\r\n', false),
  'powershell-sdk-utf16be': (signIns) => utf16(powershellJson(signIns.map(powershellSignIn)) + '\r\n', true),
};

/** Diagnostic records of the categories that share the archive folders but are not user sign-ins. */
export function otherCategoryRecords(): Buffer {
  const envelope = (category: string, time: string, properties: object) =>
    JSON.stringify({ time, resourceId: `/tenants/${TENANT_ID}/providers/Microsoft.aadiam`, operationName: category === 'AuditLogs' ? 'Add member to group' : 'Sign-in activity', operationVersion: '1.0', category, tenantId: TENANT_ID, resultType: '0', resultSignature: 'None', durationMs: 0, callerIpAddress: '203.0.113.9', correlationId: '6f0b9a8c-7d6e-4f5a-9b8c-7d6e5f4a3b2c', Level: 4, properties });
  return utf8(
    [
      envelope('ServicePrincipalSignInLogs', '2026-11-20T09:12:44.1234567Z', { id: 'a1f0e9d8-c7b6-4a59-8e7d-6c5b4a392817', createdDateTime: '2026-11-20T09:10:02.7654321+00:00', servicePrincipalName: 'Payroll Sync', servicePrincipalId: '0c9b8a7f-6e5d-4c3b-2a19-087f6e5d4c3b', appId: '5e4d3c2b-1a09-4f8e-7d6c-5b4a39281706', resourceDisplayName: 'Microsoft Graph', status: { errorCode: 0 } }),
      envelope('ManagedIdentitySignInLogs', '2026-11-20T09:13:05.2345678Z', { id: 'b2e1d0c9-b8a7-4968-9f8e-7d6c5b4a3928', createdDateTime: '2026-11-20T09:11:40.1111111+00:00', servicePrincipalName: 'wgb-func-reports', resourceDisplayName: 'Azure Key Vault', status: { errorCode: 0 } }),
      envelope('ADFSSignInLogs', '2026-11-20T09:14:21.3456789Z', { id: 'c3d2e1f0-a9b8-4c7d-8e9f-0a1b2c3d4e5f', createdDateTime: '2026-11-20T09:12:00.0000000+00:00', userPrincipalName: 'adele.vance@woodgrovebank.example', appDisplayName: 'Legacy Claims App', status: { errorCode: 0 } }),
      envelope('AuditLogs', '2026-11-20T09:15:00.4567890Z', { id: 'Directory_9f8e7d6c', activityDisplayName: 'Add member to group', category: 'GroupManagement', result: 'success', initiatedBy: { user: { userPrincipalName: 'nestor.wilke@woodgrovebank.example' } }, targetResources: [{ displayName: 'Token protection pilot', type: 'Group' }] }),
    ].join('\n') + '\n',
  );
}
