/**
 * What JupyterLab's start-up loads of ours: the modules the plugin reaches
 * by static value imports (type-only imports are erased; `import()` is a
 * chunk of its own, see src/intercept/render-layer.ts). The render layer
 * and the analysis under it must not be among them, or webpack puts them
 * back in the start-up chunk (issue 4's footprint, checked by `make bench`).
 */
import * as fs from 'fs';
import * as path from 'path';

const SRC = path.resolve(__dirname, '..');

/** Module names `text` imports statically as values (not `import type`, not `import()`). */
function staticValueImports(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  const names: string[] = [];
  const patterns = [
    /\b(?:import|export)\s+(?!type\b)[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g
  ];
  for (const pattern of patterns) {
    for (const m of code.matchAll(pattern)) {
      names.push(m[1]);
    }
  }
  return names;
}

/** The .ts file a relative module name from `file` (relative to src/) is, or null. */
function resolveFrom(file: string, name: string): string | null {
  if (!name.startsWith('.')) {
    return null;
  }
  const base = path.posix.join(path.posix.dirname(file), name);
  for (const candidate of [`${base}.ts`, `${base}/index.ts`]) {
    if (fs.existsSync(path.join(SRC, candidate))) {
      return path.posix.normalize(candidate);
    }
  }
  return null;
}

/** Every file of ours `entry` reaches by static value imports. */
function reachedFrom(entry: string): Set<string> {
  const seen = new Set([entry]);
  const work = [entry];
  while (work.length > 0) {
    const file = work.pop()!;
    const text = fs.readFileSync(path.join(SRC, file), 'utf-8');
    for (const name of staticValueImports(text)) {
      const target = resolveFrom(file, name);
      if (target && !seen.has(target)) {
        seen.add(target);
        work.push(target);
      }
    }
  }
  return seen;
}

describe('what start-up loads', () => {
  it('reads static value imports only', () => {
    const text = [
      "import { a } from './a';",
      "import type { B } from './b';",
      "import * as c from './c';",
      "export { d } from './d';",
      "export type { E } from './e';",
      "import './f';",
      "const g = import('./g');",
      "// import { h } from './h';"
    ].join('\n');
    expect(staticValueImports(text).sort()).toEqual(
      ['./a', './c', './d', './f'].sort()
    );
  });

  it('reaches the wrappers and the parser, not the render layer or the analysis', () => {
    const reached = [...reachedFrom('index.ts')];
    expect(reached).toEqual(
      expect.arrayContaining([
        'plugin.ts',
        'intercept/stream.ts',
        'intercept/render-layer.ts',
        'parse/index.ts'
      ])
    );
    expect(reached.filter(f => /^(render|analyze)\//.test(f))).toEqual([]);
  });

  it('loads the render layer from one place, by import()', () => {
    const text = fs.readFileSync(
      path.join(SRC, 'intercept/render-layer.ts'),
      'utf-8'
    );
    expect(text).toMatch(/\bimport\(\s*'\.\.\/render'\s*\)/);
    // The layer itself reaches the analysis: what the chunk holds.
    expect([...reachedFrom('render/index.ts')]).toEqual(
      expect.arrayContaining(['analyze/summary.ts'])
    );
  });
});
