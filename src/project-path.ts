import { fileURLToPath } from 'node:url';

/**
 * A file of the project (package.json, queries/…), found one level up from this module, which
 * sits in src/ (run by tsx) and, built, in a chunk of dist/ (scripts/build.ts keeps every chunk
 * there).
 */
export const projectPath = (relative: string): string => fileURLToPath(new URL(`../${relative}`, import.meta.url));

/** A file (or folder, with a trailing /) of queries/: the SQL, the KQL templates and the shipped tables. */
export const queriesPath = (relative: string): string => projectPath(`queries/${relative}`);
