import { randomBytes } from 'node:crypto';
import { closeSync, openSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError, firstLine } from './errors.js';

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
    throw new UserError(`${file}: cannot write: ${firstLine(error)}`, { hint: 'check that the folder exists and is writable, and that the disk has room' });
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

/** People's messages: warnings, summaries, progress. */
export function note(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** Whether to draw progress: a person is watching stderr, and nobody asked for quiet. */
export function showProgress(quiet: boolean): boolean {
  return Boolean(process.stderr.isTTY) && !quiet && !process.env.CI;
}
