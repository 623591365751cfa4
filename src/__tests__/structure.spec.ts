/**
 * The shape of the code base, checked: no import circle anywhere under
 * `src/` (type-only imports count: a circle of types is still a knot for a
 * reader), and no source file over 500 lines. The folder rules themselves
 * (which folder may import which) are eslint's `no-restricted-imports`
 * (eslint.config.mjs); this test reads the same import statements to find
 * circles, which eslint cannot.
 */
import * as fs from 'fs';
import * as path from 'path';
import { importedNames, importGraph, SRC, sources } from '../testing/imports';

const MAX_LINES = 500;

/** Strongly connected components with more than one file, or one file importing itself (Tarjan). */
function circles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  // Iterative, so that a deep chain of imports cannot overflow the stack.
  for (const root of graph.keys()) {
    if (index.has(root)) {
      continue;
    }
    const work: { node: string; next: number }[] = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const top = work[work.length - 1];
      const edges = graph.get(top.node) ?? [];
      if (top.next < edges.length) {
        const to = edges[top.next++];
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(top.node, Math.min(low.get(top.node)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.node)!));
      }
      if (low.get(top.node) === index.get(top.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== top.node);
        const selfLoop = (graph.get(top.node) ?? []).includes(top.node);
        if (component.length > 1 || selfLoop) {
          found.push(component.sort());
        }
      }
    }
  }
  return found;
}

describe('the import graph of src/', () => {
  it('reads every kind of import statement', () => {
    const text = [
      "import { a } from './a';",
      "import type { B } from '../b';",
      'import {',
      '  c,',
      '  d',
      "} from './c';",
      "export { e } from './e';",
      "export * from './f';",
      "import './g';",
      "const h = require('./h');",
      "const i = import('./i');",
      "// import { j } from './j';",
      "/* import { k } from './k'; */",
      "import * as fs from 'fs';"
    ].join('\n');
    expect(importedNames(text).sort()).toEqual(
      ['./a', '../b', './c', './e', './f', './g', './h', './i', 'fs'].sort()
    );
  });

  it('finds circles, long and short, and nothing in a tree', () => {
    const graph = new Map<string, string[]>([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
      ['e', ['e']],
      ['f', ['d']]
    ]);
    expect(circles(graph)).toEqual(
      expect.arrayContaining([['a', 'b', 'c'], ['e']])
    );
    expect(circles(graph)).toHaveLength(2);
    expect(
      circles(
        new Map([
          ['x', ['y', 'z']],
          ['y', ['z']],
          ['z', []]
        ])
      )
    ).toEqual([]);
  });

  it('has every file of src/ and the imports between them', () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get('plugin.ts')).toEqual(
      expect.arrayContaining(['intercept/context.ts'])
    );
  });

  it('has no import circle', () => {
    const found = circles(importGraph()).map(c => c.join(' → '));
    expect(found).toEqual([]);
  });
});

describe('file sizes', () => {
  it(`no source file is over ${MAX_LINES} lines (tests aside)`, () => {
    const files = sources().filter(f => !f.includes('__tests__/'));
    expect(files.length).toBeGreaterThan(50);
    const long = files
      .map(file => ({
        file,
        lines: fs
          .readFileSync(path.join(SRC, file), 'utf-8')
          .replace(/\n$/, '')
          .split('\n').length
      }))
      .filter(f => f.lines > MAX_LINES)
      .map(f => f.file);
    expect(long).toEqual([]);
  });
});
