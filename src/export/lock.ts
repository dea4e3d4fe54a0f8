import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, readdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { UserError, errnoCode, firstLine } from '../errors.js';
import { classifyFailure } from '../failures.js';

/** The lock file an export holds in its folder while it writes; readers skip dot files. */
export const LOCK_FILE = '.export.lock';

/** A staging folder's name: `.export-` and a random suffix (mkdtemp). */
export const STAGING_PREFIX = '.export-';

const HOLDER = /^(\d+)@(.+)$/;
const NO_LINKS: ReadonlySet<string> = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

/**
 * Whether the lock's holder may still be running. A process of this host that has died is not;
 * another host's always may be. A lock that names no holder (empty, or not `pid@host`) can only
 * be left over: locks are written whole (see writeLock), so none is ever seen half written.
 */
export function holderAlive(text: string): boolean {
  const match = HOLDER.exec(text.trim());
  if (!match) return false;
  if (match[2] !== hostname()) return true;
  try {
    process.kill(Number(match[1]), 0);
    return true;
  } catch (error) {
    return errnoCode(error) === 'EPERM'; // alive, another user's
  }
}

const writeError = (dir: string, error: unknown) =>
  classifyFailure(error, { where: `--parquet ${dir}: cannot take the export lock` }) ??
  new UserError(`--parquet ${dir}: cannot write in the folder: ${firstLine(error)}`, { hint: 'check the path and its permissions, or choose another folder' });

/**
 * Creates the lock file with its content in one step: written to a temp file, then hard-linked to
 * the lock's name, which fails when the lock exists. A full disk fails the temp file, never leaves
 * an empty lock. Returns false when another lock is there.
 */
function writeLock(dir: string, path: string): boolean {
  const content = `${process.pid}@${hostname()}\n`;
  const temp = join(dir, `${LOCK_FILE}.${process.pid}.${randomBytes(4).toString('hex')}`);
  try {
    writeFileSync(temp, content, { flag: 'wx' });
    try {
      linkSync(temp, path);
    } catch (error) {
      // A file system without hard links (FAT, some network shares): create it in place instead.
      if (!NO_LINKS.has(errnoCode(error) ?? '')) throw error;
      writeFileSync(path, content, { flag: 'wx' });
    }
    return true;
  } catch (error) {
    if (errnoCode(error) === 'EEXIST') return false;
    throw writeError(dir, error);
  } finally {
    rmSync(temp, { force: true });
  }
}

/**
 * Removes a lock judged stale, unless it changed since it was read (another export took it over
 * meanwhile): moved aside under a private name first, so that only one remover gets it, and put
 * back when it turns out to be a new holder's.
 */
function removeStale(dir: string, path: string, seen: string): void {
  const aside = join(dir, `${LOCK_FILE}.stale.${process.pid}.${randomBytes(4).toString('hex')}`);
  try {
    renameSync(path, aside);
  } catch {
    return; // gone already: another export removed it
  }
  const moved = readFileSync(aside, 'utf8');
  if (moved !== seen) {
    try {
      linkSync(aside, path);
    } catch {
      // a third lock was taken meanwhile: it stands
    }
  }
  unlinkSync(aside);
}

/**
 * Takes the folder's export lock, so that two exports (say overlapping scheduled runs) cannot
 * write the same records twice. A stale lock (its process of this host has died, or it names no
 * process: an export that failed writing it) is taken over, and the staging folders such a run
 * left behind are removed. Returns the release.
 */
export function lockFolder(dir: string): () => void {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; !writeLock(dir, path); attempt += 1) {
    let holder: string;
    try {
      holder = readFileSync(path, 'utf8');
    } catch (error) {
      if (errnoCode(error) === 'ENOENT' && attempt < 3) continue; // released meanwhile
      throw writeError(dir, error);
    }
    if (attempt < 3 && !holderAlive(holder)) {
      removeStale(dir, path, holder);
      continue;
    }
    throw new UserError(`--parquet ${dir}: another export is writing to this folder (${LOCK_FILE}: ${holder.trim() || 'empty'})`, {
      hint: `run one export at a time per folder; if none is running, delete ${path}`,
    });
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
