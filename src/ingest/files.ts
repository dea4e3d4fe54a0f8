import { readdirSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors.js';

/** What a directory walk picks up: exports, plain or gzipped. Named files are taken whatever their name. */
const EXPORT_FILE = /\.(json|jsonl|ndjson|csv)(\.gz)?$/i;
const GLOB_CHARS = /[*?[]/;

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function walk(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && EXPORT_FILE.test(entry.name) && !entry.name.startsWith('.'))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
    .sort();
}

/**
 * The files that the user's arguments name: files as given, directories walked recursively
 * (storage archives nest y=/m=/d=/h=/m=/PT1H.json), and globs expanded by `expandGlob`.
 * Each file once, in the order named.
 */
export async function listInputFiles(args: readonly string[], expandGlob: (pattern: string) => Promise<string[]>): Promise<string[]> {
  const files: string[] = [];
  for (const arg of args) {
    const stats = statOrNull(arg);
    if (stats?.isDirectory()) files.push(...walk(arg));
    else if (stats) files.push(arg);
    else if (GLOB_CHARS.test(arg)) {
      const matches = (await expandGlob(arg)).sort();
      if (matches.length === 0) throw new UserError(`${arg}: no files match`, { hint: 'check the pattern; quote it so that signin-audit, not the shell, expands it' });
      files.push(...matches);
    } else {
      throw new UserError(`${arg}: no such file or directory`, { hint: 'check the path' });
    }
  }
  return [...new Set(files)];
}
