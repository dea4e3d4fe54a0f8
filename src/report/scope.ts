import type { Params } from '../queries.js';
import { DEFAULT_RESOURCES, LOGS, type LogChoice } from '../vocabulary.js';
import type { TimeWindow, WindowOptions } from './window.js';

export interface ScopeOptions extends WindowOptions {
  readonly log: LogChoice;
  readonly resource?: readonly string[] | undefined;
  readonly allResources?: boolean | undefined;
}

/** What a report counts: which tables, logs, window and resources. */
export interface Scope {
  readonly sources: readonly string[];
  /** The requests table of the sources (token_protection_requests in queries/macros.sql). */
  readonly requests: string;
  readonly logs: readonly string[];
  readonly window: TimeWindow;
  /** null: every resource. */
  readonly resources: readonly string[] | null;
}

export const logsOf = (log: LogChoice): string[] => (log === 'all' ? [...LOGS] : [log]);

export const resourcesOf = (options: ScopeOptions): string[] | null =>
  options.allResources ? null : options.resource && options.resource.length > 0 ? [...options.resource] : [...DEFAULT_RESOURCES];

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
    resources: scope.resources,
  };
}
