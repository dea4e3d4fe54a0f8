import { closeSync, mkdirSync, openSync, readSync, realpathSync, statSync, statfsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UserError, errnoCode } from './errors.js';

// Two letters or more before "://", so that a Windows drive (C:\) is a path.
const URL_SCHEME = /^[a-z][a-z0-9+.-]+:\/\//i;
const MOTHERDUCK = /^(md|motherduck):/i;
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

const named = (option: string | undefined, path: string) => `${option ? `${option} ` : ''}${path}`;

/**
 * Refuses a path that DuckDB would reach over the network (s3://, https://, az://, hf://, …):
 * signin-audit reads and writes local files only, and never loads the extensions that would fetch
 * them. For input paths and every path option alike.
 */
export function checkLocalPath(path: string, option?: string): string {
  if (path.trim() === '') throw new UserError(`${named(option, '""')}: an empty path`, { hint: 'name a file or folder' });
  if (URL_SCHEME.test(path)) {
    throw new UserError(`${named(option, path)}: not a local path (signin-audit reads and writes local files only)`, {
      hint: 'copy the files to this machine first (e.g. azcopy copy, aws s3 cp) and name the local copy',
    });
  }
  return path;
}

/** The first bytes of a file, or none when it cannot be read (missing, a folder, no permission). */
function head(path: string, length: number): Buffer {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const bytes = Buffer.alloc(length);
    return bytes.subarray(0, readSync(fd, bytes, 0, length, 0));
  } catch {
    return Buffer.alloc(0);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Refuses a --db that DuckDB would open through an extension: a URL, MotherDuck (md:), or a
 * SQLite file (DuckDB would load its sqlite extension for it).
 */
export function checkDatabasePath(path: string, option = '--db'): string {
  checkLocalPath(path, option);
  if (MOTHERDUCK.test(path)) {
    throw new UserError(`${named(option, path)}: a MotherDuck database, not a local file`, { hint: 'name a local database file, e.g. --db audit.duckdb' });
  }
  if (head(path, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) {
    throw new UserError(`${named(option, path)}: a SQLite database, not a signin-audit (DuckDB) database`, {
      hint: 'name a file written by "signin-audit ingest --db", or a new file name',
    });
  }
  return path;
}

/** The path itself, or its nearest ancestor that exists. */
function nearestExisting(path: string): string {
  let at = resolve(path);
  for (;;) {
    try {
      statSync(at);
      return at;
    } catch (error) {
      const code = errnoCode(error);
      const parent = dirname(at);
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || parent === at) return at;
      at = parent;
    }
  }
}

// statfs f_type of the kernel's pseudo file systems (linux/magic.h); devtmpfs reports tmpfs's, so
// /dev is refused by its path.
const PSEUDO_FILE_SYSTEMS: ReadonlyMap<number, string> = new Map([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x73636673, 'securityfs'],
  [0x62656570, 'configfs'],
  [0xcafe4a11, 'bpf'],
  [0x6165676c, 'pstore'],
  [0xde5e81e4, 'efivarfs'],
  [0x1cd1, 'devpts'],
  [0x42494e4d, 'binfmt_misc'],
]);
const PSEUDO_FOLDERS = /^\/(proc|sys|dev)(\/|$)/;

/** The pseudo file system a path would be created on, if any. */
function pseudoFileSystem(path: string): string | null {
  const existing = nearestExisting(path);
  let real = existing;
  try {
    real = realpathSync(existing);
  } catch {
    // unreadable: judged by its name
  }
  if (PSEUDO_FOLDERS.test(real) && !/^\/dev\/shm(\/|$)/.test(real)) return real.split('/')[1]!;
  try {
    return PSEUDO_FILE_SYSTEMS.get(Number(statfsSync(existing).type)) ?? null;
  } catch {
    return null;
  }
}

/**
 * For paths we create or write (--output, --parquet, --rejects): local, and not on a pseudo file
 * system of the kernel. Node's recursive mkdir loops forever on /proc (and ignores SIGTERM while
 * it does), so such a target is refused before any folder is made.
 */
export function checkWriteTarget(path: string, option?: string): string {
  checkLocalPath(path, option);
  const pseudo = pseudoFileSystem(path);
  if (pseudo) {
    throw new UserError(`${named(option, path)}: on a pseudo file system of the kernel (${pseudo}), where no file can be written`, {
      hint: 'choose a path on a disk',
    });
  }
  return path;
}

/**
 * mkdir -p, one folder at a time: every missing folder from the nearest existing one down. Unlike
 * Node's recursive mkdir it cannot loop on a file system that refuses folders.
 */
export function makeFolder(dir: string): void {
  const missing: string[] = [];
  for (let at = resolve(dir); ; ) {
    const stat = statSync(at, { throwIfNoEntry: false });
    if (stat) break;
    missing.push(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const folder of missing.reverse()) {
    try {
      mkdirSync(folder);
    } catch (error) {
      if (errnoCode(error) !== 'EEXIST') throw error;
    }
  }
}
