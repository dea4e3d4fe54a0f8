/** Exit codes, as README documents them. */
export const EXIT = {
  ok: 0,
  auditFailed: 1,
  usageOrInput: 2,
  internal: 3,
  interrupted: 130,
} as const;

export interface UserErrorOptions {
  readonly hint?: string;
  readonly exitCode?: number;
}

/** A problem with what the user gave us: printed as one line, never with a stack trace. */
export class UserError extends Error {
  readonly hint: string | undefined;
  readonly exitCode: number;
  constructor(message: string, options: UserErrorOptions = {}) {
    super(message);
    this.name = 'UserError';
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? EXIT.usageOrInput;
  }
}

/** An audit whose thresholds were not all met: its output is written, then the exit code says so. */
export class AuditFailed extends UserError {
  constructor(message: string) {
    super(message, { exitCode: EXIT.auditFailed });
    this.name = 'AuditFailed';
  }
}

/** Ctrl-C: the run was stopped and rolled back; the message says what was left as it was. */
export class Interrupted extends UserError {
  constructor(message = 'interrupted; nothing from this run was stored') {
    super(message, { exitCode: EXIT.interrupted });
    this.name = 'Interrupted';
  }
}

/** The code of a Node file system error (ENOENT, EEXIST, ...), if it has one. */
export const errnoCode = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | null)?.code;

/** The first line of a DuckDB error message, without the "LINE 1: ..." context that follows it. */
export const firstLine = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();

/** An option's value as a message shows it: as typed, or quoted when empty or holding spaces or quotes. */
export const shownValue = (text: string): string => (/^[^\s"'\\]+$/.test(text) ? text : JSON.stringify(text));
