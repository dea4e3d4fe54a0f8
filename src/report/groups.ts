// Group membership exports (--groups): which users are in which group, for the groups and waves
// reports and the --group filter. Each file is read by DuckDB (queries/groups/*.sql); this module
// only lists the files, tells JSON from CSV by the first character, and puts the groups together.
import { openSync, readSync, closeSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { UserError, firstLine, shownValue } from '../errors.js';
import { runQuery } from '../queries.js';

/** One group: its name as first written, its members' user principal names in lower case (sorted, each once), the files that name it. */
export interface Group {
  readonly name: string;
  readonly members: readonly string[];
  readonly files: readonly string[];
}

export interface Membership {
  /** In name order (code points), as the reports list them. */
  readonly groups: readonly Group[];
  /** Documented warnings: an empty group. */
  readonly warnings: readonly string[];
}

/** The membership files a --groups path names: a file, or every file under a folder (hidden ones left out), in name order. */
function membershipFiles(path: string): string[] {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    throw new UserError(`--groups ${path}: no such file or folder`, { hint: 'name a membership export (CSV or Graph JSON), or a folder of them' });
  }
  if (!stats.isDirectory()) return [path];
  const files: string[] = [];
  const walk = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const at = join(dir, entry.name);
      if (entry.isDirectory()) walk(at);
      else if (entry.isFile()) files.push(at);
    }
  };
  walk(path);
  if (files.length === 0) throw new UserError(`--groups ${path}: the folder holds no membership files`, { hint: 'download the members of each group into it (CSV or Graph JSON)' });
  return files;
}

/** What a file holds, from its first non-blank character after a UTF-8 byte order mark. */
function kindOf(file: string): 'json' | 'csv' | 'empty' {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(4096);
    const text = head.subarray(0, readSync(fd, head, 0, head.length, 0)).toString('utf8').replace(/^\ufeff/, '').trimStart();
    if (text === '') return 'empty';
    return text.startsWith('{') || text.startsWith('[') ? 'json' : 'csv';
  } finally {
    closeSync(fd);
  }
}

/** The group a file stands for when it does not name one: --group-name, else its name without the extension. */
const fileGroup = (file: string, groupName: string | undefined): string => groupName ?? basename(file, extname(file));

const sameMembers = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean => a.size === b.size && [...a].every((m) => b.has(m));

interface Building {
  name: string;
  members: Set<string>;
  files: string[];
  /** Filled from a file that names no group, under --group-name: its pages add up. */
  pages: boolean;
}

/**
 * Reads the membership exports under `path`. A group is named once: a second file that names the
 * same group (in any case) with other members is refused, unless --group-name makes the files
 * pages of one group. User principal names compare in lower case.
 */
export async function readMembership(connection: DuckDBConnection, path: string, groupName?: string): Promise<Membership> {
  const groups = new Map<string, Building>();
  const warnings: string[] = [];
  for (const file of membershipFiles(path)) {
    const kind = kindOf(file);
    const rows =
      kind === 'empty'
        ? []
        : (
            await runQuery(connection, `groups/${kind === 'json' ? 'graph' : 'csv'}`, { path: file }).catch((error: unknown) => {
              throw new UserError(`${file}: cannot read the membership file: ${firstLine(error).replace(/^[A-Za-z ]+Error: /, '')}`, {
                hint: 'a CSV with a header (a group column and a userPrincipalName column, or the admin center\'s "Download members"), or a Graph /groups/{id}/members JSON page',
              });
            })
          ).rows;
    const problem = rows.find((row) => row[3] !== null);
    if (problem) throw new UserError(`${file}: ${String(problem[3])}`, { hint: 'export the members with their user principal names' });
    // The members of this file, per group it names.
    const named = new Map<string, { name: string; members: Set<string>; pages: boolean }>();
    const add = (name: string, pages: boolean) => {
      const key = name.toLowerCase();
      if (!named.has(key)) named.set(key, { name, members: new Set(), pages });
      return named.get(key)!;
    };
    if (rows.length === 0 || rows.every((row) => row[1] === null)) add(fileGroup(file, groupName), groupName !== undefined);
    for (const [line, group, upn] of rows) {
      if (group !== null && String(group).trim() === '') {
        throw new UserError(`${file}: line ${String(line)}: a member without a group`, { hint: 'give every row its group, or leave the group column out to name the group after the file' });
      }
      const target = group === null ? add(fileGroup(file, groupName), groupName !== undefined) : add(String(group), false);
      if (upn !== null && String(upn) !== '') target.members.add(String(upn).toLowerCase());
    }
    for (const [key, found] of named) {
      const before = groups.get(key);
      if (!before) groups.set(key, { name: found.name, members: found.members, files: [file], pages: found.pages });
      else if (before.pages && found.pages) {
        for (const member of found.members) before.members.add(member);
        before.files.push(file);
      } else if (sameMembers(before.members, found.members)) before.files.push(file);
      else {
        throw new UserError(`${file}: group ${shownValue(before.name)} is named twice with different members (also in ${before.files[0]})`, {
          hint: 'keep one membership export per group, or give the files distinct group names',
        });
      }
    }
  }
  const sorted = [...groups.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const group of sorted) {
    if (group.members.size === 0) warnings.push(`${group.files.join(', ')}: group ${shownValue(group.name)} has no user members; it is listed with none`);
  }
  return {
    groups: sorted.map((g) => ({ name: g.name, members: [...g.members].sort(), files: g.files })),
    warnings,
  };
}

/** The groups --group names (in any case), or every group when none is named. */
export function selectGroups(membership: Membership, wanted: readonly string[] | undefined): Group[] {
  if (!wanted || wanted.length === 0) return [...membership.groups];
  const byKey = new Map(membership.groups.map((g) => [g.name.toLowerCase(), g]));
  const chosen = new Map<string, Group>();
  for (const name of wanted) {
    const group = byKey.get(name.toLowerCase());
    if (!group) {
      const known = membership.groups.map((g) => g.name);
      throw new UserError(`--group ${shownValue(name)}: no such group in the membership exports`, {
        hint: `the groups are ${known.length > 10 ? `${known.slice(0, 10).join(', ')} and ${known.length - 10} more` : known.join(', ')}`,
      });
    }
    chosen.set(group.name, group);
  }
  return [...chosen.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The members of some groups, each once, in lower case. */
export const membersOf = (groups: readonly Group[]): string[] => [...new Set(groups.flatMap((g) => g.members))].sort();
