import { closeSync, openSync, readFileSync, readdirSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { UserError, errnoCode, firstLine } from '../errors.js';

/** The lock file an export holds in its folder while it writes; readers skip dot files. */
export const LOCK_FILE = '.export.lock';

/** A staging folder's name: `.export-` and a random suffix (mkdtemp). */
export const STAGING_PREFIX = '.export-';

/** Whether the process that wrote a lock can still be running: another host's always can. */
function holderAlive(text: string): boolean {
  const match = /^(\d+)@(.*)$/.exec(text);
  if (!match || match[2] !== hostname()) return true;
  try {
    process.kill(Number(match[1]), 0);
    return true;
  } catch (error) {
    return errnoCode(error) === 'EPERM'; // alive, another user's
  }
}

/**
 * Takes the folder's export lock, so that two exports (say overlapping scheduled runs) cannot
 * write the same records twice. A lock left by a process of this host that has died is taken
 * over, and the staging folders such a run left behind are removed. Returns the release.
 */
export function lockFolder(dir: string): () => void {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; ; attempt += 1) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${process.pid}@${hostname()}\n`);
      closeSync(fd);
      break;
    } catch (error) {
      if (errnoCode(error) !== 'EEXIST') {
        throw new UserError(`--parquet ${dir}: cannot write in the folder: ${firstLine(error)}`, { hint: 'check the path and its permissions, or choose another folder' });
      }
      let holder = '';
      try {
        holder = readFileSync(path, 'utf8').trim();
      } catch {
        // released meanwhile
      }
      if (attempt < 3 && !holder) continue;
      if (attempt < 3 && !holderAlive(holder)) {
        rmSync(path, { force: true }); // its process is gone
        continue;
      }
      throw new UserError(`--parquet ${dir}: another export is writing to this folder (${LOCK_FILE}: ${holder || 'unknown'})`, {
        hint: `run one export at a time per folder; if none is running, delete ${join(dir, LOCK_FILE)}`,
      });
    }
  }
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name.startsWith(STAGING_PREFIX)) rmSync(join(dir, entry.name), { recursive: true, force: true });
  }
  return () => {
    try {
      unlinkSync(path);
    } catch {
      // already gone: nothing to release
    }
  };
}
