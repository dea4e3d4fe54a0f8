// Builds dist/: src/ type-checked by tsc (npm run build runs it first), then bundled by esbuild
// into dist/cli.js and the chunks its imports load. A few files instead of some sixty modules to
// find and compile: every command starts about 0.06-0.1 s sooner (yargs alone took 0.13 s to load
// as modules). The packages stay outside the bundle and load as installed, except yargs, which
// every command loads first, and the JavaScript of DuckDB's client (@duckdb/node-api: 181 modules,
// 0.04 s less to load bundled); its native part (@duckdb/node-bindings) is required at run time,
// through the `require` each chunk gets (esbuild's ESM output has none). The chunks sit in
// dist/ beside cli.js, so that queries/ and package.json are found one level up from any of them
// (src/project-path.ts).
import { chmodSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = new URL('../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { dependencies: Record<string, string> };
const BUNDLED = new Set(['yargs', '@duckdb/node-api']);

const dist = new URL('dist/', root);
rmSync(dist, { recursive: true, force: true });
await build({
  absWorkingDir: fileURLToPath(root),
  entryPoints: ['src/cli.ts'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  external: [...Object.keys(pkg.dependencies).filter((name) => !BUNDLED.has(name)), '@duckdb/node-bindings'],
  banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
  logLevel: 'warning',
});
chmodSync(new URL('cli.js', dist), 0o755);
