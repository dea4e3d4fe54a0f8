import { randomBytes } from 'node:crypto';
import { closeSync, openSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError, firstLine } from './errors.js';
import { classifyFailure, escapeControls } from './failures.js';
import { formatFromExtension, type Format } from './format/index.js';

/**
 * Writes a file so that readers see the old content or the new, never half: a temp file beside
 * it, renamed into place.
 */
export function writeAtomic(file: string, bytes: string | Uint8Array): void {
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, bytes);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw (
      classifyFailure(error, { where: `${file}: cannot write` }) ??
      new UserError(`${file}: cannot write: ${firstLine(error)}`, { hint: 'check that the folder exists and is writable, and that the disk has room' })
    );
  }
}

/**
 * Refuses, before any work, an output file that could not be written afterwards: its folder is
 * missing or not writable, or the path is a folder. Probed by creating (and removing) a temp file
 * beside it, which is what writeAtomic will do.
 */
export function checkWritable(file: string, option: string): void {
  const fail = (why: string) =>
    new UserError(`${option} ${file}: cannot write there (${why})`, { hint: 'choose a file in an existing folder you can write to; nothing was read or stored' });
  if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) throw fail('it is a folder');
  const probe = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    closeSync(openSync(probe, 'wx'));
  } catch (error) {
    throw fail(firstLine(error));
  }
  rmSync(probe, { force: true });
}

export function writeStdout(bytes: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(bytes, (error) => (error ? reject(error) : resolve()));
  });
}

/** The format asked for, else the one the --output extension implies, else a table. */
export function chooseFormat(args: { readonly format?: Format | undefined; readonly output?: string | undefined }): Format {
  if (args.format) return args.format;
  const implied = args.output ? formatFromExtension(args.output) : undefined;
  return implied ?? 'table';
}

/** The terminal's width when the output goes to one, so tables use it; else unknown (80). */
export const terminalWidth = (output: string | undefined): number | undefined => (!output && process.stdout.isTTY ? process.stdout.columns : undefined);

/** Writes a formatted result to --output (atomically) or stdout. */
export async function emit(bytes: string | Uint8Array, format: Format, output: string | undefined): Promise<void> {
  if (output) return writeAtomic(output, bytes);
  if (format === 'arrow' && process.stdout.isTTY) {
    throw new UserError('--format arrow writes binary data, not for a terminal', { hint: 'add --output report.arrow, or pipe it to a program' });
  }
  if (format === 'html' && process.stdout.isTTY) {
    throw new UserError('--format html writes a web page, not for a terminal', { hint: 'add --output report.html and open that file in a browser' });
  }
  await writeStdout(bytes);
}

/** People's messages: warnings, summaries, progress. */
export function note(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** A warning, one line: names from the user's files in it are printed escaped. */
export function warn(message: string): void {
  note(`signin-audit: warning: ${escapeControls(message)}`);
}

/** Whether to draw progress: a person is watching stderr, and nobody asked for quiet. */
export function showProgress(quiet: boolean): boolean {
  return Boolean(process.stderr.isTTY) && !quiet && !process.env.CI;
}
