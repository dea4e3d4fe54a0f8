// npm run golden:accept: makes each test/golden/<name>.actual, written by a failed golden test,
// the golden file <name>. Review the diff first (git diff test/golden after accepting).
import { readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../test/golden/', import.meta.url));
const actual = readdirSync(dir).filter((name) => name.endsWith('.actual'));
for (const name of actual) {
  renameSync(join(dir, name), join(dir, name.slice(0, -'.actual'.length)));
  process.stdout.write(`accepted test/golden/${name.slice(0, -'.actual'.length)}\n`);
}
if (actual.length === 0) process.stdout.write('no test/golden/*.actual to accept\n');
