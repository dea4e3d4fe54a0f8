import { readdirSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UserError, errnoCode, firstLine } from '../errors.js';
import { checkLocalPath } from '../paths.js';

/** A file to read, and the folder whose walk found it (none: the user named it). */
export interface InputFile {
  readonly path: string;
  readonly folder?: string;
  /** A symbolic link a folder walk found that leads nowhere: what it is, for the warning that skips it. */
  readonly dangling?: string;
}

const GLOB_CHARS = /[*?[]/;

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** A symbolic link that leads nowhere (following it failed with statError), in a few words: where it points and why it fails. */
function describeDangling(path: string, statError: unknown): string {
  const code = errnoCode(statError);
  if (code === 'ELOOP') return 'a symbolic link that leads back to itself';
  let target = '?';
  try {
    target = resolve(dirname(path), readlinkSync(path));
  } catch {
    // Unreadable link: described by the failure to follow it alone.
  }
  if (code === 'EACCES' || code === 'EPERM') return `a symbolic link to ${target}, which cannot be reached (permission denied)`;
  if (code === 'ENOENT' || code === 'ENOTDIR') return `a symbolic link to ${target}, which does not exist`;
  return `a symbolic link to ${target}, which cannot be followed (${firstLine(statError)})`;
}

function unreadableFolder(dir: string, error: unknown): UserError {
  const code = errnoCode(error);
  return new UserError(`${dir}: cannot read the folder (${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : firstLine(error)})`, {
    hint: 'check its permissions, or name the readable files and folders instead',
  });
}

/**
 * Every file under a folder, in name order, whatever its name: exports are found by their content
 * (ingest tells exports from other files). Hidden files and folders are left out; symbolic links
 * are followed, each real folder visited once. `real`: the folder's real path, when its parent
 * knows it (a folder that is not a link is its real parent's path and its name), so that a
 * storage archive's thousands of nested folders (y=/m=/d=/h=/m=) are not each resolved again,
 * component by component.
 */
function walk(dir: string, seen: Set<string>, out: Omit<InputFile, 'folder'>[], real?: string): void {
  let entries;
  try {
    real ??= realpathSync.native(dir);
    if (seen.has(real)) return;
    seen.add(real);
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw unreadableFolder(dir, error);
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    let stats: Stats | null = null;
    if (entry.isSymbolicLink()) {
      try {
        stats = statSync(path);
      } catch (error) {
        out.push({ path, dangling: describeDangling(path, error) });
        continue;
      }
    }
    if (entry.isDirectory()) walk(path, seen, out, join(real, entry.name));
    else if (stats?.isDirectory()) walk(path, seen, out);
    else if (entry.isFile() || stats?.isFile()) out.push({ path });
  }
}

/** A folder that yields no export at all is a mistake (a wrong path, an unfinished download), not "0 files". */
export function noExports(folder: string, why: string): UserError {
  return new UserError(`${folder}: no sign-in log exports in this folder (${why})`, {
    hint: 'name the folder the exports were downloaded to; files are found by content (JSON or CSV), whatever their names',
  });
}

/**
 * The files that the user's arguments name: files as given, folders walked recursively (storage
 * archives nest y=/m=/d=/h=/m=/PT1H.json), and globs expanded by `expandGlob`. Each file once,
 * in the order named. A symbolic link in a folder that leads nowhere is listed as dangling, for
 * ingest to skip with a warning rather than lose it without a word.
 */
export async function listInputFiles(args: readonly string[], expandGlob: (pattern: string) => Promise<string[]>): Promise<InputFile[]> {
  const files = new Map<string, InputFile>();
  const add = (path: string, folder?: string, dangling?: string) => {
    if (!files.has(path)) files.set(path, { path, ...(folder === undefined ? {} : { folder }), ...(dangling === undefined ? {} : { dangling }) });
  };
  for (const arg of args) {
    checkLocalPath(arg);
    const stats = statOrNull(arg);
    if (stats?.isDirectory()) {
      const found: Omit<InputFile, 'folder'>[] = [];
      walk(arg, new Set(), found);
      if (found.length === 0) throw noExports(arg, 'it holds no files');
      for (const { path, dangling } of found) add(path, arg, dangling);
    } else if (stats) add(arg);
    else if (GLOB_CHARS.test(arg)) {
      const matches = (await expandGlob(arg)).sort();
      if (matches.length === 0) throw new UserError(`${arg}: no files match`, { hint: 'check the pattern; quote it so that signin-audit, not the shell, expands it' });
      for (const path of matches) add(path);
    } else {
      throw new UserError(`${arg}: no such file or directory`, { hint: 'check the path' });
    }
  }
  return [...files.values()];
}
