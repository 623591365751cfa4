/**
 * What JupyterLab's start-up loads of ours: the modules the plugin reaches
 * by static value imports (type-only imports are erased; `import()` is a
 * chunk of its own, see src/intercept/render-layer.ts). The render layer
 * and the analysis under it must not be among them, or the bundler puts
 * them back in the start-up chunk (issue 4's footprint, measured by
 * `make bench`).
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  importGraph,
  reachedFrom,
  SRC,
  staticValueImports
} from '../testing/imports';

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

  const graph = importGraph(staticValueImports);

  it('reaches the wrappers and the parser, not the render layer or the analysis', () => {
    const reached = [...reachedFrom(graph, 'index.ts')];
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
    expect([...reachedFrom(graph, 'render/index.ts')]).toEqual(
      expect.arrayContaining(['analyze/summary.ts'])
    );
  });
});
