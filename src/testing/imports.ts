/**
 * The import statements of src/, read for the structure tests
 * (src/__tests__/structure.spec.ts: circles and file sizes;
 * src/__tests__/startup-imports.spec.ts: what start-up loads). Test-only:
 * excluded from the build.
 */
import * as fs from 'fs';
import * as path from 'path';

export const SRC = path.resolve(__dirname, '..');

/** Every .ts file under `dir`, as a path relative to src/ with `/`. */
export function sources(dir = SRC): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      found.push(...sources(full));
    } else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      found.push(path.relative(SRC, full).split(path.sep).join('/'));
    }
  }
  return found;
}

/** `text` without its comments (they may quote import statements; strings never hold them here). */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
}

function matches(text: string, patterns: RegExp[]): string[] {
  const names: string[] = [];
  for (const pattern of patterns) {
    for (const m of code(text).matchAll(pattern)) {
      names.push(m[1]);
    }
  }
  return names;
}

/** Module names a file imports: `import … from`, `export … from`, bare `import '…'`, `import('…')`, `require('…')`. */
export function importedNames(text: string): string[] {
  return matches(text, [
    /\b(?:import|export)\s[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g
  ]);
}

/** Module names a file imports statically as values: not `import type`, not `import()` (a chunk of its own). */
export function staticValueImports(text: string): string[] {
  return matches(text, [
    /\b(?:import|export)\s+(?!type\b)[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g
  ]);
}

/** The file a relative module name from `file` resolves to, or null (a package, or not a .ts file). */
function resolve(
  file: string,
  name: string,
  files: Set<string>
): string | null {
  if (!name.startsWith('.')) {
    return null;
  }
  const base = path.posix.normalize(
    path.posix.join(path.posix.dirname(file), name)
  );
  for (const candidate of [
    `${base}.ts`,
    `${base}.tsx`,
    `${base}/index.ts`,
    `${base}/index.tsx`
  ]) {
    if (files.has(candidate)) {
      return candidate;
    }
  }
  return null;
}

/** file → the files of ours it imports, as `read` finds them (every kind of import by default). */
export function importGraph(
  read: (text: string) => string[] = importedNames
): Map<string, string[]> {
  const files = new Set(sources());
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = fs.readFileSync(path.join(SRC, file), 'utf-8');
    const targets = new Set<string>();
    for (const name of read(text)) {
      const target = resolve(file, name, files);
      if (target) {
        targets.add(target);
      }
    }
    graph.set(file, [...targets].sort());
  }
  return graph;
}

/** Every file `entry` reaches in `graph`, itself included. */
export function reachedFrom(
  graph: Map<string, string[]>,
  entry: string
): Set<string> {
  const seen = new Set([entry]);
  const work = [entry];
  while (work.length > 0) {
    for (const target of graph.get(work.pop()!) ?? []) {
      if (!seen.has(target)) {
        seen.add(target);
        work.push(target);
      }
    }
  }
  return seen;
}
