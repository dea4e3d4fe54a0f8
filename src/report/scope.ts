import type { Params, StructParam } from '../queries.js';
import type { Group } from './groups.js';
import { DEFAULT_RESOURCE_PRESET, LOGS, MODE_RESULTS, PROTECTED_RESOURCES, RESOURCE_PRESETS, type LogChoice, type Mode, type ResourcePreset } from '../vocabulary.js';
import type { TimeWindow, WindowOptions } from './window.js';

export interface ScopeOptions extends WindowOptions {
  readonly log: LogChoice;
  readonly resource?: readonly string[] | undefined;
  readonly allResources?: boolean | undefined;
  readonly resources?: ResourcePreset | undefined;
  /** --policy: ids or names of the token protection policies that decide. */
  readonly policy?: readonly string[] | undefined;
  /** --mode: the results of report-only or of enforced policies only; all (or not given): every one. */
  readonly mode?: Mode | undefined;
}

/**
 * Which token protection policies decide whether a request is counted and blocked (policy_selected
 * in queries/macros.sql); null: every one. A further filter is a further field.
 */
export interface PolicySelection {
  /** Policy ids and display names, in lower case (--policy, matched exactly, in any case). */
  readonly policies: readonly string[] | null;
  /** The policy results --mode counts (MODE_RESULTS), exact; null: every one (--mode all). */
  readonly mode: readonly string[] | null;
}

/**
 * The selection of --policy and --mode; null when neither narrows it (no --policy, --mode all),
 * so that reports take the requests table ingest keeps instead of evaluating every record again.
 */
export function selectionOf(options: { readonly policy?: readonly string[] | undefined; readonly mode?: Mode | undefined }): PolicySelection | null {
  const policies = options.policy && options.policy.length > 0 ? [...new Set(options.policy.map((p) => p.toLowerCase()))] : null;
  const mode = MODE_RESULTS[options.mode ?? 'all'];
  return policies === null && mode === null ? null : { policies, mode: mode === null ? null : [...mode] };
}

/** Which resources a report counts: every one (null), or those a preset or --resource names. */
export interface ResourceScope {
  /** The preset, when the resources are one (the default is exo-spo). */
  readonly preset: ResourcePreset | null;
  /** ResourceDisplayName values matched exactly (a preset's, with the other names logs use). */
  readonly names: readonly string[];
  /** Resource application ids matched against ResourceId (a preset's). */
  readonly appIds: readonly string[];
}

/** What a report counts: which tables, logs, window and resources. */
export interface Scope {
  readonly sources: readonly string[];
  /** The requests table of the sources (token_protection_requests in queries/macros.sql). */
  readonly requests: string;
  readonly logs: readonly string[];
  readonly window: TimeWindow;
  /** null: every resource. */
  readonly resources: ResourceScope | null;
  /** null: every token protection policy decides. */
  readonly selection: PolicySelection | null;
  /** The users of the --group groups, in lower case; null: everyone. */
  readonly members: readonly string[] | null;
  /** The groups the groups and waves reports list (the --group ones, or all); null: no --groups. */
  readonly groups: readonly Group[] | null;
}

export const logsOf = (log: LogChoice): string[] => (log === 'all' ? [...LOGS] : [log]);

export function presetScope(preset: ResourcePreset): ResourceScope {
  const resources = RESOURCE_PRESETS[preset].map((r) => PROTECTED_RESOURCES[r]);
  return { preset, names: resources.flatMap((r) => r.names), appIds: resources.map((r) => r.appId) };
}

export function resourcesOf(options: ScopeOptions): ResourceScope | null {
  if (options.allResources) return null;
  if (options.resource && options.resource.length > 0) return { preset: null, names: [...options.resource], appIds: [] };
  return presetScope(options.resources ?? DEFAULT_RESOURCE_PRESET);
}

/** What a resource filter is matched against: names and application ids in one list (report_scope). */
export const resourceFilter = (resources: ResourceScope | null): string[] | null => (resources === null ? null : [...resources.names, ...resources.appIds]);

/** The resources as people read them: the preset and the first name of each of its resources. */
export function describeResources(resources: ResourceScope | null): string {
  if (resources === null) return 'all';
  if (resources.preset === null) return resources.names.join(', ');
  const names = RESOURCE_PRESETS[resources.preset].map((r) => PROTECTED_RESOURCES[r].names[0]);
  return `${resources.preset} (${names.join(', ')})`;
}

/** The bound values of report_scope(...) in queries/macros.sql. */
export function scopeParams(scope: Scope): Params {
  return {
    sources: scope.sources,
    requests: scope.requests,
    logs: scope.logs,
    lo: scope.window.lo,
    lo_incl: scope.window.loInclusive,
    hi: scope.window.hi,
    hi_incl: scope.window.hiInclusive,
    resources: resourceFilter(scope.resources),
    selection: scope.selection as StructParam | null,
    members: scope.members,
  };
}

/** The bound membership of the groups and waves reports: every group, and (group, user) pairs. */
export function membershipParams(groups: readonly Group[]): Params {
  return {
    group_names: groups.map((g) => g.name),
    member_groups: groups.flatMap((g) => g.members.map(() => g.name)),
    member_users: groups.flatMap((g) => g.members),
  };
}
