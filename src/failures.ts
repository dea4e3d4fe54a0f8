import { EXIT, UserError, errnoCode, firstLine } from './errors.js';

/** A kind of failure that is the machine's or the user's, not ours: how to recognise it and what to do. */
interface FailureClass {
  readonly codes: readonly string[];
  readonly message: RegExp;
  readonly what: string;
  readonly hint: string;
}

// Order matters: DuckDB wraps file-system errors ("IO Error: … No space left on device"), so the
// most specific cause is tried first.
const CLASSES: readonly FailureClass[] = [
  {
    codes: ['ENOSPC', 'EDQUOT'],
    message: /no space left on device|disk quota exceeded|not enough space/i,
    what: 'the disk is full',
    hint: 'free some space (DuckDB also spills to the temp folder) or write somewhere else, then run it again',
  },
  {
    codes: ['EROFS'],
    message: /read-only file system/i,
    what: 'the file system is read-only',
    hint: 'choose a path on a writable file system',
  },
  {
    codes: ['EACCES', 'EPERM'],
    message: /permission denied|operation not permitted|access is denied/i,
    what: 'permission denied',
    hint: 'check the permissions of the file and of its folder (a database also writes a .wal file beside it), or choose another path',
  },
  {
    codes: ['ENOMEM'],
    message: /out of memory|failed to allocate|cannot allocate memory/i,
    what: 'out of memory',
    hint: 'raise SIGNIN_AUDIT_MEMORY_LIMIT (e.g. 4GB) on a machine with more memory, or free some; DuckDB spills beyond it to the temp folder',
  },
  {
    codes: ['EMFILE', 'ENFILE'],
    message: /too many open files/i,
    what: 'too many open files',
    hint: 'raise the limit (ulimit -n) or read fewer files at once',
  },
  {
    codes: [],
    message: /^Out of Range Error|out of range|overflow/i,
    what: 'a value is out of range',
    hint: 'check the window (--last, --since, --until) and the numbers given',
  },
  {
    codes: [],
    message: /Extension (Autoloading )?Error|Missing Extension|download extension|Extension ".*" not found|requires the extension|install(ing)? (the )?extension/i,
    what: 'this needs a DuckDB extension, and signin-audit never loads or installs one',
    hint: 'give local files and a local --db path (download exports first, e.g. with azcopy or aws s3 cp)',
  },
];

export interface ClassifyOptions {
  /** What was being done or written, to start the line with, e.g. "--parquet lake/" or the database path. */
  readonly where?: string | undefined;
  /** Said after the class's hint, e.g. "or pass --no-record". */
  readonly alsoHint?: string | undefined;
}

/**
 * A DuckDB or file-system failure that is not a bug (a full disk, permissions, a read-only file
 * system, memory, a value out of range, an extension) as a one-line UserError (exit 2); null for
 * anything else, which is ours to fix. UserErrors pass through unchanged.
 */
export function classifyFailure(error: unknown, options: ClassifyOptions = {}): UserError | null {
  if (error instanceof UserError) return error;
  const code = errnoCode(error);
  const message = firstLine(error);
  const found = CLASSES.find((c) => (code !== undefined && c.codes.includes(code)) || c.message.test(message));
  if (!found) return null;
  const where = options.where ? `${options.where}: ` : '';
  const hint = options.alsoHint ? `${found.hint}; ${options.alsoHint}` : found.hint;
  return new UserError(`${where}${found.what}: ${message}`, { hint, exitCode: EXIT.usageOrInput });
}

/** As classifyFailure, but rethrows what it does not recognise (a bug) as it was. */
export function asUserError(error: unknown, options: ClassifyOptions = {}): Error {
  return classifyFailure(error, options) ?? (error instanceof Error ? error : new Error(String(error)));
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Text with every control character written as an escape (\n, \x1b, \u2028), so that a name from
 * the user's files (a file name with a line feed, an app with an escape sequence) can neither
 * break a one-line message nor drive the terminal.
 */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return NAMED[c] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
  });
}

/** What the CLI prints for a failure, and its exit code. */
export interface FailureReport {
  /** One line, ending in a line feed; with debug, the stack trace follows. */
  readonly text: string;
  readonly exitCode: number;
}

/**
 * The one place a failure becomes output: a user error (ours or a classified DuckDB/file-system
 * failure) is one line with its hint and its exit code; anything else is a bug, exit 3.
 */
export function describeFailure(error: unknown, options: { readonly debug: boolean }): FailureReport {
  const stack = options.debug && error instanceof Error && error.stack ? `${error.stack}\n` : '';
  const user = classifyFailure(error);
  if (user) {
    const message = escapeControls(user.message.replace(/[.\s]+$/, ''));
    const hint = user.hint ? `${/[?!]$/.test(message) ? '' : '.'} Hint: ${escapeControls(user.hint)}` : '';
    return { text: `signin-audit: ${message}${hint}\n${stack}`, exitCode: user.exitCode };
  }
  const message = escapeControls(firstLine(error));
  return {
    text: `signin-audit: internal error: ${message}.${options.debug ? '' : ' Rerun with --debug and report it.'}\n${stack}`,
    exitCode: EXIT.internal,
  };
}
