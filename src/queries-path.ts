import { fileURLToPath } from 'node:url';

/**
 * A file (or folder, with a trailing /) of queries/: the SQL, the KQL templates and the shipped
 * tables. Found one level up from this module, which sits in src/ (run by tsx) and, built, in a
 * chunk of dist/ (scripts/build.ts keeps every chunk there).
 */
export const queriesPath = (relative: string): string => fileURLToPath(new URL(`../queries/${relative}`, import.meta.url));
