// The module graph: no import cycles (counting type-only and lazy imports), and --help stays fast
// because nothing cli.ts loads up front imports DuckDB, Arrow or the chart libraries.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { ROOT } from './helpers.ts';

interface Edge {
  readonly to: string;
  readonly kind: 'static' | 'type' | 'lazy';
}

const files = (dir: string, extension: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(extension) && !e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath, e.name));

/** Each module's imports: `import type` as type, `import('…')` as lazy, the rest (and re-exports) static. */
function imports(file: string, extension: string): Edge[] {
  const text = readFileSync(file, 'utf8');
  const edges: Edge[] = [];
  const local = (specifier: string) => (specifier.startsWith('.') ? resolve(dirname(file), specifier.replace(/\.js$/, extension)) : specifier);
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'";]*?\s+from\s+['"]([^'"]+)['"]/gm)) edges.push({ to: local(m[3]!), kind: m[2] ? 'type' : 'static' });
  for (const m of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) edges.push({ to: local(m[1]!), kind: 'static' });
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) edges.push({ to: local(m[1]!), kind: 'lazy' });
  // The bundle requires DuckDB's native part (scripts/build.ts): counted as loaded with its module.
  for (const m of text.matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g)) edges.push({ to: local(m[1]!), kind: 'static' });
  return edges;
}

function graph(dir: string, extension: string): Map<string, Edge[]> {
  return new Map(files(dir, extension).map((file) => [file, imports(file, extension)]));
}

describe('modules', () => {
  test('no import cycles, counting type-only and lazy imports', () => {
    const modules = graph(join(ROOT, 'src'), '.ts');
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(ROOT, f)).join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const edge of modules.get(file) ?? []) if (modules.has(edge.to)) visit(edge.to, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of modules.keys()) visit(file, []);
    assert.deepEqual(cycles, []);
  });

  test('what dist/cli.js loads before a command runs imports no heavy library', () => {
    const modules = graph(join(ROOT, 'dist'), '.js');
    const entry = join(ROOT, 'dist', 'cli.js');
    const heavy = /^(@duckdb\/node-api|@duckdb\/node-bindings|apache-arrow|@observablehq\/plot|linkedom)(\/|$)/;
    const loaded = new Set<string>();
    const found: string[] = [];
    const visit = (file: string) => {
      if (loaded.has(file)) return;
      loaded.add(file);
      for (const edge of modules.get(file) ?? []) {
        // The entry (src/cli.ts) imports the command line at once, lazily only to turn source maps on first.
        if (edge.kind !== 'static' && file !== entry) continue;
        if (heavy.test(edge.to)) found.push(`${relative(ROOT, file)} imports ${edge.to}`);
        if (modules.has(edge.to)) visit(edge.to);
      }
    };
    visit(entry);
    assert.ok(loaded.size > 5, `cli.js and its commands: ${[...loaded].join(', ')}`);
    assert.deepEqual(found, []);
  });
});
