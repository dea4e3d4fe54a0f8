// The words of the command line, declared once: report names, formats, logs, semantics, statuses,
// and each option with its parsing and range, grouped as the commands share them, and the argument
// types they give. Every command imports its options from here, so a value one command refuses,
// every command refuses, with the same line. Loaded for --help: nothing heavy is imported.
import type { Argv, Options } from 'yargs';
import { UserError, shownValue } from './errors.js';
import { FORMATS, type Format } from './format/index.js';
import { checkDatabasePath, checkLocalPath, checkWriteTarget } from './paths.js';
import { MAX_LAST_DAYS, parseDuration, parsePeriod, parseTime, resolvePeriods } from './report/window.js';

export { FORMATS, type Format };

export const REPORTS = ['apps', 'users', 'readiness', 'trend', 'blockers', 'policies', 'breakdown', 'groups', 'waves', 'enforcement', 'compare', 'worklist'] as const;
export type ReportName = (typeof REPORTS)[number];

/** Reports defined on corrected semantics only: they have no published KQL to be faithful to. */
export const CORRECTED_ONLY_REPORTS: ReadonlySet<ReportName> = new Set(['readiness', 'trend', 'blockers', 'groups', 'waves', 'enforcement', 'compare', 'worklist']);

/**
 * Reports with no KQL form (the kql command refuses them): enforcement needs each record's
 * Status.errorCode, which the printed queries do not read yet; compare needs two windows over data
 * already read; the worklist is for a mail merge, not for Log Analytics.
 */
export const SQL_ONLY_REPORTS: ReadonlySet<ReportName> = new Set(['enforcement', 'compare', 'worklist']);
/** report compare: what one row is, and its key columns. */
export const COMPARE_SUBJECTS = {
  apps: ['AppDisplayName'],
  users: ['UserPrincipalName'],
  policies: ['PolicyId', 'PolicyName'],
} as const;
export type CompareSubject = keyof typeof COMPARE_SUBJECTS;
export const COMPARE_SUBJECT_NAMES = Object.keys(COMPARE_SUBJECTS) as CompareSubject[];

/** report compare: the columns after the key, the same for every subject. */
export const COMPARE_COLUMNS = ['RequestsBefore', 'RequestsAfter', 'PctAllowedBefore', 'PctAllowedAfter', 'DeltaPct', 'NewlyBlocked'] as const;

/** Reports per group of users: they need the membership exports (--groups). */
export const GROUP_REPORTS: ReadonlySet<ReportName> = new Set(['groups', 'waves']);

/** The two sign-in logs a record can belong to. */
export const LOGS = ['interactive', 'noninteractive'] as const;
export type Log = (typeof LOGS)[number];

export const LOG_CHOICES = [...LOGS, 'all'] as const;
export type LogChoice = (typeof LOG_CHOICES)[number];

export const SEMANTICS = ['corrected', 'kql'] as const;
export type Semantics = (typeof SEMANTICS)[number];

/**
 * ready: no Block, enough requests and days; ready-after-upgrade: the same, but with Blocks that
 * are all self-remediable (a one-time device registration upgrade, status-code table);
 * blocked: any other Block; insufficient-data: too few requests or days.
 */
export const READINESS_STATUSES = ['ready', 'ready-after-upgrade', 'blocked', 'insufficient-data'] as const;
export type ReadinessStatus = (typeof READINESS_STATUSES)[number];

export const TREND_BY = ['day', 'app'] as const;
export type TrendBy = (typeof TREND_BY)[number];

/**
 * --mode: which token protection policy results count, in every report, audit, html and kql.
 * report-only: the results of policies in report-only mode; enforced: those of enabled policies,
 * which actually allowed or blocked; all: both (the default). The results of each mode are
 * MODE_RESULTS' (policy_selected in queries/macros.sql, policyFilter in src/kql/generate.ts).
 */
export const MODES = ['report-only', 'enforced', 'all'] as const;
export type Mode = (typeof MODES)[number];
export const DEFAULT_MODE: Mode = 'all';

/**
 * The Conditional Access policy results each --mode counts; null: every result the default rule
 * counts. reportOnlyInterrupted (a report-only policy that would have asked for an interactive
 * step) is report-only's: the default rule counts it too. notApplied, reportOnlyNotApplied and
 * notEnabled never count.
 */
export const MODE_RESULTS: Readonly<Record<Mode, readonly string[] | null>> = {
  'report-only': ['reportOnlySuccess', 'reportOnlyFailure', 'reportOnlyInterrupted'],
  enforced: ['success', 'failure'],
  all: null,
};

/** report enforcement --by: one row per app (the default), per user, or per UTC day. */
export const ENFORCEMENT_BY = { app: 'AppDisplayName', user: 'UserPrincipalName', day: 'Day' } as const;
export type EnforcementBy = keyof typeof ENFORCEMENT_BY;
export const ENFORCEMENT_BY_NAMES = Object.keys(ENFORCEMENT_BY) as EnforcementBy[];
export const DEFAULT_ENFORCEMENT_BY: EnforcementBy = 'app';

/**
 * The error codes (Status.errorCode) an enforced token protection block carries: 530084 (token
 * protection, AADSTS530084) or 53003 (blocked by Conditional Access, when Entra reports the block
 * generically). report enforcement lists the codes the blocked requests carried, and counts the
 * requests with one of these codes that no enforced token protection policy failed apart.
 */
export const ENFORCEMENT_ERROR_CODES = [530084, 53003] as const;

/**
 * The mode of a token protection policy in report policies, from its results in the window:
 * report-only (reportOnly* results), enabled (success, failure, notApplied), mixed (both: it was
 * switched in the window), disabled (notEnabled only).
 */
export const POLICY_MODES = ['enabled', 'report-only', 'mixed', 'disabled'] as const;
export type PolicyMode = (typeof POLICY_MODES)[number];

/**
 * report breakdown --by: each dimension and the column it gives, from the request's earliest
 * record (kql semantics: each record's own). platform is platform_of(OperatingSystem); status the
 * token protection status code (signInSessionStatusCode).
 */
export const DIMENSIONS = {
  platform: 'Platform',
  os: 'OperatingSystem',
  client: 'ClientAppUsed',
  browser: 'Browser',
  trust: 'TrustType',
  status: 'StatusCode',
  app: 'AppDisplayName',
  resource: 'ResourceDisplayName',
  'user-type': 'UserType',
} as const;
export type Dimension = keyof typeof DIMENSIONS;
export const DIMENSION_NAMES = Object.keys(DIMENSIONS) as Dimension[];
export const MAX_DIMENSIONS = 3;

/** The row of report groups for the users seen in the logs but in none of the groups. */
export const NOT_IN_ANY_GROUP = '(not in any group)';

/**
 * The columns of the reports of issue 15, as their SQL (and KQL) gives them: computeReport checks
 * the SQL against these, the tests the KQL against the SQL. breakdown: after its dimensions.
 */
export const REPORT_COLUMNS = {
  policies: ['PolicyId', 'PolicyName', 'Mode', 'Requests', 'Users', 'Block', 'Allow', 'BlockedUsers', 'PctAllowed', 'BlockSelfRemediable', 'BlockedUsersSelfRemediable', 'PctEnforceable', 'FirstSeen', 'LastSeen'],
  breakdown: ['Requests', 'Users', 'Block', 'Allow', 'PctAllowed', 'BlockSelfRemediable', 'PctEnforceable'],
  groups: ['Group', 'Members', 'MembersSeen', 'Ready', 'ReadyAfterUpgrade', 'Blocked', 'InsufficientData', 'Requests', 'Block', 'Allow', 'PctAllowed'],
  waves: ['Wave', 'Group', 'Members', 'MembersSeen', 'Requests', 'Block', 'BlockPct', 'Causes'],
  // After its first column, the --by one (ENFORCEMENT_BY).
  enforcement: ['Requests', 'Blocked', 'BlockedUsers', 'PctBlocked', 'FirstBlocked', 'LastBlocked', 'ErrorCodes'],
  worklist: ['UserPrincipalName', 'Apps', 'Platforms', 'Causes', 'Actions', 'Requests', 'Block', 'LastBlocked'],
} as const satisfies Partial<Record<ReportName, readonly string[]>>;

/**
 * The device platform of a sign-in, normalised from DeviceDetail.operatingSystem by platform_of()
 * in queries/macros.sql (and PlatformOf in queries/kql/advice.corrected.kql).
 */
export const PLATFORMS = ['windows', 'macos', 'ios', 'android', 'linux', 'unknown'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** Microsoft's pages the status-code table and the blocker rules cite, with the date of the version read. */
export const GUIDES = {
  concept: {
    title: 'Token Protection in Microsoft Entra Conditional Access',
    url: 'https://learn.microsoft.com/entra/identity/conditional-access/concept-token-protection',
    date: '2026-08-14',
  },
  'windows-guide': {
    title: 'Token Protection deployment guide - Windows',
    url: 'https://learn.microsoft.com/entra/identity/conditional-access/deployment-guide-token-protection-windows',
    date: '2026-09-21',
  },
  'apple-guide': {
    title: 'Token Protection deployment guide - Apple platforms',
    url: 'https://learn.microsoft.com/entra/identity/conditional-access/deployment-guide-token-protection-apple',
    date: '2026-08-14',
  },
  'web-guide': {
    title: 'Token Protection deployment guide - Web applications (preview)',
    url: 'https://learn.microsoft.com/entra/identity/conditional-access/deployment-guide-token-protection-web-apps',
    date: '2026-07-31',
  },
} as const;
export type Guide = keyof typeof GUIDES;
export const GUIDE_NAMES = Object.keys(GUIDES) as Guide[];

/**
 * The resources token protection protects, as sign-in logs name them (ResourceDisplayName) and by
 * their application id (ResourceId, Log Analytics' ResourceIdentity). README cites the page of each id.
 */
export const PROTECTED_RESOURCES = {
  'exchange-online': { names: ['Office 365 Exchange Online'], appId: '00000002-0000-0ff1-ce00-000000000000' },
  'sharepoint-online': { names: ['Office 365 SharePoint Online'], appId: '00000003-0000-0ff1-ce00-000000000000' },
  'teams-services': { names: ['Microsoft Teams Services'], appId: 'cc15fd57-2c6c-4117-a88c-83b1d56b4bbe' },
  'azure-virtual-desktop': { names: ['Azure Virtual Desktop', 'Windows Virtual Desktop'], appId: '9cdead84-a844-4324-93f2-b2e6bb768d07' },
  'windows-365': { names: ['Windows 365'], appId: '0af06dc6-e4b5-4f28-818e-e78e62d137a5' },
  'windows-cloud-login': { names: ['Windows Cloud Login'], appId: '270efc09-cd0d-444b-a71f-39af4910ec45' },
  'azure-resource-manager': { names: ['Windows Azure Service Management API', 'Azure Resource Manager'], appId: '797f4846-ba00-4fd7-ba43-dac1f8f63013' },
} as const;
export type ProtectedResource = keyof typeof PROTECTED_RESOURCES;

const NATIVE: readonly ProtectedResource[] = ['exchange-online', 'sharepoint-online', 'teams-services', 'azure-virtual-desktop', 'windows-365', 'windows-cloud-login'];

/**
 * --resources: exo-spo is the published queries' filter (the default); native adds what the
 * native-app policies of 2026 protect; arm is the web-apps (browser) preview's; all-protected both.
 */
export const RESOURCE_PRESETS = {
  'exo-spo': ['exchange-online', 'sharepoint-online'],
  native: NATIVE,
  arm: ['azure-resource-manager'],
  'all-protected': [...NATIVE, 'azure-resource-manager'],
} as const satisfies Record<string, readonly ProtectedResource[]>;
export type ResourcePreset = keyof typeof RESOURCE_PRESETS;
export const RESOURCE_PRESET_NAMES = Object.keys(RESOURCE_PRESETS) as ResourcePreset[];
export const DEFAULT_RESOURCE_PRESET: ResourcePreset = 'exo-spo';

/** The fields a blocker rule can test, and how (queries/blocker-rules.csv). */
export const RULE_FIELDS = [
  'UserType', 'UserPrincipalName', 'AppDisplayName', 'ResourceDisplayName', 'OperatingSystem', 'Platform',
  'TrustType', 'DeviceId', 'ClientAppUsed', 'Browser', 'UserAgent', 'TokenProtectionStatusCode',
] as const;
export const RULE_MATCHES = ['regex', 'not-regex', 'equals', 'empty', 'any'] as const;

/** Readiness thresholds: a work week of use, and enough requests to mean something. */
export const DEFAULT_MIN_REQUESTS = 10;
export const DEFAULT_MIN_DAYS = 5;

/**
 * report waves: a group goes in wave 1 when at most this share of its requests would be blocked;
 * Microsoft's Conditional Access optimization agent pauses a phased rollout above 10%.
 */
export const DEFAULT_WAVE_MAX_BLOCK_PCT = 10;

/** Apps drawn as their own line in the trend chart, besides the overall line. */
export const DEFAULT_TOP_APPS = 5;
/** As many as the trend chart has colours told apart, besides the overall line's. */
export const MAX_TOP_APPS = 7;

// ---------------------------------------------------------------------------------------------
// Values: each option's parsing, with its range.

/**
 * A value an option's coerce refused. yargs turns an error thrown in a coerce into a bare message
 * (the hint is lost), so coerce returns this instead, and refuseInvalidOptions throws the error.
 */
export class InvalidOption {
  constructor(readonly error: UserError) {}
}

/** For the CLI's .check(): throws the first value an option refused. */
export function refuseInvalidOptions(argv: Readonly<Record<string, unknown>>): true {
  for (const value of Object.values(argv)) if (value instanceof InvalidOption) throw value.error;
  return true;
}

/** A coerce for an option given once: its parse, with a refusal kept as an InvalidOption. */
const once =
  <T>(flag: string, parse: (text: string) => T) =>
  (value: unknown): T | InvalidOption => {
    try {
      if (Array.isArray(value)) throw new UserError(`${flag}: given ${value.length} times`, { hint: `give ${flag} once` });
      return parse(String(value));
    } catch (error) {
      if (error instanceof UserError) return new InvalidOption(error);
      throw error;
    }
  };

/** A number option: a whole number (a count) or a percentage, within its range. */
export interface NumberOption {
  readonly flag: string;
  readonly whole: boolean;
  readonly min: number;
  readonly max: number;
  readonly example: string;
}

/** How an option's range reads, in messages and in --help. */
export const describeRange = (option: NumberOption): string =>
  `${option.whole ? 'a whole number' : 'a percentage'} from ${option.min} to ${option.max}`;

/** The option's value, or a UserError saying what it takes. Plain decimal digits only: no "", 1e3, 0x10 or 5%. */
export function parseNumber(option: NumberOption, text: string): number {
  const trimmed = text.trim();
  const value = (option.whole ? /^\d+$/ : /^\d+(\.\d+)?$/).test(trimmed) ? Number(trimmed) : NaN;
  if (!(value >= option.min && value <= option.max)) {
    throw new UserError(`${option.flag} ${shownValue(text)}: not ${describeRange(option)}`, { hint: `e.g. ${option.flag} ${option.example}` });
  }
  return value;
}

/** A name option's value (--policy, --group, --group-name): not empty, not only blanks. */
export function parseName(flag: string, text: string, what: string): string {
  if (text.trim() === '') throw new UserError(`${flag} ${shownValue(text)}: an empty ${what}`, { hint: `give ${flag} the ${what} as Entra ID shows it` });
  return text;
}

/** report breakdown --by: one to three dimensions, each once. */
export function parseDimensions(values: readonly string[]): Dimension[] {
  const hint = `one to ${MAX_DIMENSIONS} of ${DIMENSION_NAMES.join(', ')}, e.g. --by platform --by client`;
  if (values.length === 0) throw new UserError('report breakdown needs --by: the dimension(s) to break the requests down by', { hint });
  for (const value of values) {
    if (!(DIMENSION_NAMES as readonly string[]).includes(value)) throw new UserError(`--by ${shownValue(value)}: not a breakdown dimension`, { hint });
  }
  if (new Set(values).size < values.length) throw new UserError(`--by ${values.join(' --by ')}: a dimension given twice`, { hint });
  if (values.length > MAX_DIMENSIONS) throw new UserError(`--by: ${values.length} dimensions, at most ${MAX_DIMENSIONS}`, { hint });
  return values as Dimension[];
}

/** trend's --by where one option serves both reports (kql): day or app, once. */
export function parseTrendBy(values: readonly string[]): TrendBy {
  const hint = `--by ${TREND_BY.join(' or --by ')}`;
  if (values.length > 1) throw new UserError(`--by: given ${values.length} times`, { hint: 'give --by once for the trend report' });
  const value = values[0] ?? 'day';
  if (!(TREND_BY as readonly string[]).includes(value)) throw new UserError(`--by ${shownValue(value)}: the trend report is per day or per day and app`, { hint });
  return value as TrendBy;
}

const MAX_COUNT = 1_000_000_000;

export const MIN_REQUESTS: NumberOption = { flag: '--min-requests', whole: true, min: 0, max: MAX_COUNT, example: String(DEFAULT_MIN_REQUESTS) };
export const MIN_DAYS: NumberOption = { flag: '--min-days', whole: true, min: 0, max: MAX_LAST_DAYS, example: String(DEFAULT_MIN_DAYS) };
export const MAX_BLOCK_PCT: NumberOption = { flag: '--max-block-pct', whole: false, min: 0, max: 100, example: '5' };
export const MAX_APP_BLOCK_PCT: NumberOption = { flag: '--max-app-block-pct', whole: false, min: 0, max: 100, example: '20' };
export const MAX_BLOCKED_USERS: NumberOption = { flag: '--max-blocked-users', whole: true, min: 0, max: MAX_COUNT, example: '0' };
export const MIN_ENFORCEABLE_PCT: NumberOption = { flag: '--min-enforceable-pct', whole: false, min: 0, max: 100, example: '95' };
export const MAX_ENFORCED_BLOCKS: NumberOption = { flag: '--max-enforced-blocks', whole: true, min: 0, max: MAX_COUNT, example: '0' };
export const MAX_DROP_PCT: NumberOption = { flag: '--max-drop-pct', whole: false, min: 0, max: 100, example: '2' };
export const TOP_APPS: NumberOption = { flag: '--top-apps', whole: true, min: 0, max: MAX_TOP_APPS, example: String(DEFAULT_TOP_APPS) };

/** The yargs declaration of a number option: read as typed, checked against its range. */
const numberOption = (option: NumberOption, describe: string): Options => ({
  // A string, so the text arrives as typed (yargs' number type makes "" 0 and "abc" NaN); also
  // marked number, so that --help says [number].
  type: 'string',
  number: true,
  requiresArg: true,
  describe: `${describe}; ${describeRange(option)}`,
  coerce: once(option.flag, (text) => parseNumber(option, text)),
});

/** A path option that is read: local. */
const readPath = (flag: string) => once(flag, (text) => checkLocalPath(text, flag));
/** A path option that is written: local, and not on a pseudo file system. */
const writePath = (flag: string) => once(flag, (text) => checkWriteTarget(text, flag));
/** --db: local, and a file DuckDB opens without an extension. */
const dbPath = once('--db', (text) => checkDatabasePath(text, '--db'));

/** A repeatable name option: each value given, checked. */
const names =
  (flag: string, what: string) =>
  (value: unknown): string[] | InvalidOption => {
    try {
      return [value].flat().map((text) => parseName(flag, String(text), what));
    } catch (error) {
      if (error instanceof UserError) return new InvalidOption(error);
      throw error;
    }
  };

const inputPaths = (value: unknown): string[] | InvalidOption => {
  try {
    return [value ?? []].flat().map((path) => checkLocalPath(String(path)));
  } catch (error) {
    if (error instanceof UserError) return new InvalidOption(error);
    throw error;
  }
};

// ---------------------------------------------------------------------------------------------
// Option groups and the arguments they give.

/** Where the sign-ins come from: export files read into memory, a database, or both. */
export interface SourceArgs {
  paths: string[];
  db?: string;
  as?: Log;
  skipInvalid: boolean;
  quiet: boolean;
}

/** What to count: the options of report, audit, html and kql alike. */
export interface CountArgs {
  log: LogChoice;
  last?: string;
  since?: string;
  until?: string;
  allTime?: boolean;
  resource?: string[];
  allResources?: boolean;
  resources?: ResourcePreset;
  statusCodes?: string;
  semantics: Semantics;
  /** --policy: only these token protection policies (ids or names) decide. */
  policy?: string[];
  /** --mode: only the results of report-only or of enforced policies count. */
  mode: Mode;
}

/** The group membership exports, and the groups a command is limited to. */
export interface GroupArgs {
  groups?: string;
  groupName?: string;
  group?: string[];
}

export interface ScopeArgs extends SourceArgs, CountArgs, GroupArgs {}

export interface OutputArgs {
  format?: Format;
  output?: string;
}

export interface ReportArgs extends ScopeArgs, OutputArgs {}

export interface ReadinessArgs {
  minRequests?: number;
  minDays?: number;
  status?: ReadinessStatus;
}

export interface TrendArgs {
  by?: TrendBy;
}

export interface BreakdownArgs {
  by?: Dimension[];
}

export interface WaveArgs {
  maxBlockPct?: number;
}

export interface BlockerArgs {
  rules?: string;
}

/** report compare: the subject, and the two periods (ranges, or durations ending at the newest sign-in). */
export interface CompareArgs {
  subject?: CompareSubject;
  before?: string;
  after?: string;
  beforeLast?: string;
  afterLast?: string;
}

export type ReportCommandArgs = ReportArgs & ReadinessArgs & Omit<TrendArgs, 'by'> & BlockerArgs & WaveArgs & CompareArgs & { by?: TrendBy | Dimension[] | EnforcementBy };

export interface ThresholdArgs {
  maxBlockPct?: number;
  maxAppBlockPct?: number;
  maxBlockedUsers?: number;
  minRequests?: number;
  minEnforceablePct?: number;
  maxEnforcedBlocks?: number;
  /** --max-drop-pct: the largest fall of PctAllowed, in percentage points, against a baseline. */
  maxDropPct?: number;
  /** --before: the baseline period of --max-drop-pct (else the previous recorded run). */
  before?: string;
}

export interface AuditArgs extends ReportArgs, ThresholdArgs {
  compareLast: boolean;
  record: boolean;
}

export interface HistoryArgs extends OutputArgs {
  db: string;
  quiet: boolean;
}

export interface HtmlArgs extends ScopeArgs, Omit<ReadinessArgs, 'status'>, BlockerArgs, WaveArgs {
  output?: string;
  topApps: number;
}

export interface KqlArgs extends CountArgs, GroupArgs, ReadinessArgs, BlockerArgs, WaveArgs {
  report: ReportName;
  output?: string;
  /** trend: day or app; breakdown: its dimensions (checked per report: parseTrendBy, parseDimensions). */
  by?: string[];
}

export interface ExportArgs extends SourceArgs {
  parquet: string;
}

export interface IngestArgs {
  paths: string[];
  db: string;
  as?: Log;
  skipInvalid: boolean;
  rejects?: string;
  json: boolean;
  quiet: boolean;
}

const AS: Options = { choices: LOGS, describe: 'Log of records that carry no Type, category, signInEventTypes or isInteractive' };
const QUIET: Options = { alias: 'q', type: 'boolean', default: false, describe: 'No progress and notes on stderr' };

/** The export files, folders and globs a command reads. */
export const withInputPaths = <T>(y: Argv<T>, describe: string, required = false) =>
  y.positional('paths', { type: 'string', array: true, ...(required ? { demandOption: true } : { default: [] }), describe, coerce: inputPaths });

/** ingest: the exports, and the database they go to. */
export const withIngestOptions = <T>(y: Argv<T>) =>
  withInputPaths(y, 'Export files, folders (walked recursively) or quoted globs', true)
    .option('db', { type: 'string', requiresArg: true, demandOption: true, describe: 'DuckDB database file (created if missing)', coerce: dbPath })
    .option('as', AS)
    .option('skip-invalid', { type: 'boolean', default: false, describe: 'Store the good records and reject bad ones instead of stopping' })
    .option('rejects', { type: 'string', requiresArg: true, describe: 'Write rejected records/lines as NDJSON to this file (with --skip-invalid)', coerce: writePath('--rejects') })
    .option('json', { type: 'boolean', default: false, describe: 'Print the summary as one JSON object on stdout' })
    .option('quiet', { ...QUIET, describe: 'No progress bar, no summary on stderr' });

/** Where the sign-ins come from: export files read into memory, a database, or both. */
export const withSourceOptions = <T>(y: Argv<T>) =>
  withInputPaths(y, 'Export files or folders to read (into memory)')
    .option('db', { type: 'string', requiresArg: true, describe: 'A database written by "signin-audit ingest" (read only)', coerce: dbPath })
    .option('as', AS)
    .option('skip-invalid', { type: 'boolean', default: false, describe: 'Skip bad records in the files instead of stopping' })
    .option('quiet', QUIET);

/** How the window's options read where the data is live (kql) rather than exported. */
export interface CountWording {
  readonly last: string;
  readonly allTime: string;
}

const EXPORTED: CountWording = {
  last: 'Window: this long, ending at the newest sign-in',
  allTime: 'No window: every stored sign-in',
};

export const KQL_WORDING: CountWording = {
  last: 'Window: TimeGenerated > ago(this)',
  allTime: 'No window (the workspace retention bounds it)',
};

const timeOption = (flag: string, describe: string): Options => ({
  type: 'string',
  requiresArg: true,
  describe,
  coerce: once(flag, (text) => (parseTime(flag, text), text)),
});

/** What a report counts, wherever the sign-ins are: logs, window, resources, semantics. */
export const withCountOptions = <T>(y: Argv<T>, wording: CountWording = EXPORTED) =>
  y
    .option('log', { choices: LOG_CHOICES, default: 'all' as const, describe: 'Which sign-in log(s) to count' })
    .option('last', {
      type: 'string',
      requiresArg: true,
      describe: `${wording.last}: a whole number of h, d or w, from 1h to ${MAX_LAST_DAYS}d [default: 7d]`,
      coerce: once('--last', (text) => (parseDuration(text), text)),
    })
    .option('since', timeOption('--since', 'Window start, ISO 8601, inclusive (UTC unless a zone is given)'))
    .option('until', timeOption('--until', 'Window end, ISO 8601, exclusive'))
    .option('all-time', { type: 'boolean', describe: wording.allTime })
    .conflicts('last', ['since', 'until', 'all-time'])
    .conflicts('all-time', ['since', 'until'])
    .option('resource', {
      type: 'string',
      requiresArg: true,
      // Repeated, not greedy: `--resource X sample-logs` must leave sample-logs a path.
      coerce: (value: string | string[]) => [value].flat(),
      describe: 'A resource to count: its ResourceDisplayName, exact, or its application id in lower case; repeatable',
    })
    .option('all-resources', { type: 'boolean', describe: 'Count every resource' })
    .option('resources', {
      choices: RESOURCE_PRESET_NAMES,
      describe: `Resources token protection protects: exo-spo (Exchange, SharePoint), native (also Teams Services, Azure Virtual Desktop, Windows 365, Windows Cloud Login), arm (Azure Resource Manager, browser preview), all-protected; by display name or application id [default: ${DEFAULT_RESOURCE_PRESET}]`,
    })
    .conflicts('resource', ['all-resources', 'resources'])
    .conflicts('all-resources', 'resources')
    .option('status-codes', {
      type: 'string',
      requiresArg: true,
      describe: 'A token protection status-code table of your own [default: queries/token-protection-status-codes.csv]',
      coerce: readPath('--status-codes'),
    })
    .option('semantics', { choices: SEMANTICS, default: 'corrected' as const, describe: "corrected, or kql: Microsoft's published query to the letter" })
    .option('policy', {
      type: 'string',
      requiresArg: true,
      coerce: names('--policy', 'policy id or name'),
      describe: 'Only this token protection policy decides whether a request is counted and blocked: its id, or its name (exact, any case); repeatable',
    })
    .option('mode', {
      choices: MODES,
      default: DEFAULT_MODE,
      describe: 'Which policy results count: report-only (reportOnlySuccess/Failure/Interrupted), enforced (success/failure: what enabled policies actually did), or all',
    });

/** The group membership exports, and the groups to limit a command to. */
export const withGroupOptions = <T>(y: Argv<T>) =>
  y
    .option('groups', {
      type: 'string',
      requiresArg: true,
      describe: 'Group membership exports: a file or a folder of CSV (group and userPrincipalName columns, or the admin center\'s "Download members") and Graph /groups/{id}/members JSON pages',
      coerce: readPath('--groups'),
    })
    .option('group-name', {
      type: 'string',
      requiresArg: true,
      describe: 'The group of the membership files that do not name it (members downloads, Graph pages) [default: each file\'s name]',
      coerce: once('--group-name', (text) => parseName('--group-name', text, 'group name')),
    })
    .option('group', {
      type: 'string',
      requiresArg: true,
      coerce: names('--group', 'group name'),
      describe: 'Only the sign-ins of this group\'s members (a group of --groups, any case); repeatable',
    })
    .check((argv) => {
      for (const flag of ['group', 'group-name'] as const) {
        if (argv[flag] !== undefined && argv.groups === undefined) {
          throw new UserError(`--${flag} needs --groups: the membership exports that define the groups`, { hint: `add --groups FILE|FOLDER, e.g. --groups sample-groups` });
        }
      }
      return true;
    });

/** What every report counts, and the exports or database it reads. */
export const withScopeOptions = <T>(y: Argv<T>) => withGroupOptions(withCountOptions(withSourceOptions(y)));

/** The file a command writes instead of stdout. */
export const withOutputOption = <T>(y: Argv<T>, describe = 'Write to this file (atomically) instead of stdout') =>
  y.option('output', { alias: 'o', type: 'string', requiresArg: true, describe, coerce: writePath('--output') });

/** The format and file a result is written in. */
export const withFormatOptions = <T>(y: Argv<T>, describe = 'Output format [default: table, or from the --output extension]') =>
  withOutputOption(y.option('format', { alias: 'f', choices: FORMATS, describe }));

/** The options every report shares: its scope, and the format and file it is written in. */
export const withReportOptions = <T>(y: Argv<T>) => withFormatOptions(withScopeOptions(y));

/** readiness: its thresholds (and, where the rows are listed, the status filter). */
export const withReadinessOptions = <T>(y: Argv<T>, prefix = '', withStatus = true) => {
  const thresholds = y
    .option('min-requests', numberOption(MIN_REQUESTS, `${prefix}Requests a user needs to be ready [default: ${DEFAULT_MIN_REQUESTS}]`))
    .option('min-days', numberOption(MIN_DAYS, `${prefix}Distinct UTC days with requests a user needs to be ready [default: ${DEFAULT_MIN_DAYS}]`));
  return withStatus ? thresholds.option('status', { choices: READINESS_STATUSES, describe: `${prefix}Only users with this status` }) : thresholds;
};

/** trend: one row per day, or per day and app. */
export const withTrendOptions = <T>(y: Argv<T>, prefix = '') =>
  y.option('by', {
    type: 'string',
    requiresArg: true,
    default: 'day' as const,
    describe: `${prefix}One row per day, or per day and app: ${TREND_BY.join(', ')}`,
    coerce: once('--by', (text) => parseTrendBy([text])),
  });

/** report enforcement --by: app, user or day, once. */
export function parseEnforcementBy(text: string): EnforcementBy {
  if (!(ENFORCEMENT_BY_NAMES as readonly string[]).includes(text)) {
    throw new UserError(`--by ${shownValue(text)}: the enforcement report is per app, user or day`, { hint: `--by ${ENFORCEMENT_BY_NAMES.join(' or --by ')}` });
  }
  return text as EnforcementBy;
}

/** enforcement: one row per app, user or day. */
export const withEnforcementOptions = <T>(y: Argv<T>, prefix = '') =>
  y.option('by', {
    type: 'string',
    requiresArg: true,
    default: DEFAULT_ENFORCEMENT_BY,
    describe: `${prefix}One row per app, per user, or per UTC day: ${ENFORCEMENT_BY_NAMES.join(', ')}`,
    coerce: once('--by', parseEnforcementBy),
  });

/** kql: --by of trend (day or app) and of breakdown (its dimensions), checked per report (parseTrendBy, parseDimensions). */
export const withKqlByOption = <T>(y: Argv<T>) =>
  y.option('by', {
    type: 'string',
    requiresArg: true,
    coerce: (value: unknown) => [value].flat().map(String),
    describe: `trend: ${TREND_BY.join(' or ')} [default: day]; breakdown: a dimension, repeatable up to ${MAX_DIMENSIONS}: ${DIMENSION_NAMES.join(', ')}`,
  });

/** breakdown: its dimensions, repeated (not greedy: `--by platform sample-logs` leaves sample-logs a path). */
export const withBreakdownOptions = <T>(y: Argv<T>, prefix = '') =>
  y.option('by', {
    type: 'string',
    requiresArg: true,
    describe: `${prefix}A dimension to break the requests down by, one column each: ${DIMENSION_NAMES.join(', ')}; repeatable, up to ${MAX_DIMENSIONS}`,
    coerce: (value: unknown): Dimension[] | InvalidOption => {
      try {
        return parseDimensions([value].flat().map(String));
      } catch (error) {
        if (error instanceof UserError) return new InvalidOption(error);
        throw error;
      }
    },
  });

/** waves: the share of a group's requests that may be blocked in wave 1. */
export const withWaveOptions = <T>(y: Argv<T>, prefix = '') =>
  y.option('max-block-pct', {
    ...numberOption(MAX_BLOCK_PCT, `${prefix}A group goes in wave 1 when at most this share of its requests would be blocked [default: ${DEFAULT_WAVE_MAX_BLOCK_PCT}]`),
  });

/** blockers: the rules file. */
export const withBlockerOptions = <T>(y: Argv<T>, prefix = '') =>
  y.option('rules', { type: 'string', requiresArg: true, describe: `${prefix}A blocker rules CSV of your own [default: queries/blocker-rules.csv]`, coerce: readPath('--rules') });

/** audit: the thresholds it checks. */
export const withThresholdOptions = <T>(y: Argv<T>) =>
  y
    .option('max-block-pct', numberOption(MAX_BLOCK_PCT, 'Fail when Block / Requests × 100 is above this'))
    .option('max-app-block-pct', numberOption(MAX_APP_BLOCK_PCT, "Fail when any one app's Block percentage is above this"))
    .option('max-blocked-users', numberOption(MAX_BLOCKED_USERS, 'Fail when more users than this have a Block'))
    .option('min-requests', numberOption(MIN_REQUESTS, 'Fail when there are fewer requests than this: too little data to judge'))
    .option('min-enforceable-pct', numberOption(MIN_ENFORCEABLE_PCT, 'Fail when PctEnforceable (allowed or blocked only until a self-remediable upgrade) is below this'))
    .option('max-enforced-blocks', numberOption(MAX_ENFORCED_BLOCKS, 'Fail when enforced token protection policies actually blocked more requests than this in the window (report enforcement\'s Blocked)'));

const periodOption = (flag: string, describe: string): Options => ({
  type: 'string',
  requiresArg: true,
  describe,
  coerce: once(flag, (text) => (parsePeriod(flag, text), text)),
});

const periodLastOption = (flag: string, describe: string): Options => ({
  type: 'string',
  requiresArg: true,
  describe,
  coerce: once(flag, (text) => (parseDuration(text, flag), text)),
});

/**
 * report compare: its subject, and the two periods. The report's own window options do not apply
 * (checkCompareOptions refuses them): the periods are its windows.
 */
export const withCompareOptions = <T>(y: Argv<T>) =>
  y
    .positional('subject', { choices: COMPARE_SUBJECT_NAMES, describe: 'One row per app, user, or token protection policy' })
    .option('before', periodOption('--before', 'The period before: START..END, ISO 8601 dates or times, START inclusive, END exclusive (UTC unless a zone is given)'))
    .option('after', periodOption('--after', 'The period after: START..END, as --before; it starts no earlier than --before ends'))
    .option('before-last', periodLastOption('--before-last', 'The period before, this long, ending where --after-last starts: a whole number of h, d or w'))
    .option('after-last', periodLastOption('--after-last', 'The period after, this long, ending at the newest sign-in: a whole number of h, d or w'));

/**
 * What a comparison must be given, before any file is read: two periods, one way, in order (the
 * anchored ones are placed later, at the newest sign-in); and not the other reports' window options.
 */
export function checkCompareOptions(args: Readonly<CountArgs & CompareArgs>): void {
  const given = (['last', 'since', 'until', 'allTime'] as const).filter((k) => args[k] !== undefined && args[k] !== false);
  if (given.length > 0) {
    const flag = given[0] === 'allTime' ? '--all-time' : `--${given[0]!}`;
    throw new UserError(`${flag}: report compare takes its windows from --before and --after`, { hint: 'give --before START..END --after START..END, or --before-last 7d --after-last 7d' });
  }
  resolvePeriods(args, null);
}

/** audit: --max-drop-pct, and the period it compares with instead of the previous recorded run. */
export const withDropOptions = <T>(y: Argv<T>) =>
  y
    .option('max-drop-pct', numberOption(MAX_DROP_PCT, 'Fail when PctAllowed fell by more than this many percentage points since the previous recorded run (or --before)'))
    .option('before', periodOption('--before', 'With --max-drop-pct: compare with this period, START..END (ISO 8601, END exclusive), instead of the previous recorded run'))
    .check((argv) => {
      if (argv.before !== undefined && argv['max-drop-pct'] === undefined) {
        throw new UserError('--before needs --max-drop-pct: it is the period the fall of PctAllowed is measured against', { hint: 'add --max-drop-pct P, e.g. --max-drop-pct 2' });
      }
      return true;
    });

/** html: how many apps the trend chart draws. */
export const withTopAppsOption = <T>(y: Argv<T>) =>
  y.option('top-apps', { ...numberOption(TOP_APPS, 'Apps drawn as their own line in the trend chart'), default: DEFAULT_TOP_APPS });

/** A database that must exist: history. */
export const withDatabaseOption = <T>(y: Argv<T>, describe: string) =>
  y.option('db', { type: 'string', requiresArg: true, demandOption: true, describe, coerce: dbPath });

/** export: the folder Parquet goes to. */
export const withParquetOption = <T>(y: Argv<T>) =>
  y.option('parquet', {
    type: 'string',
    requiresArg: true,
    demandOption: true,
    describe: 'Folder to write signins/ and policies/ under, as log=…/date=…/*.parquet (created when missing)',
    coerce: writePath('--parquet'),
  });
