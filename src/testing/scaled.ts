/**
 * Real summaries, scaled: the ResNet50 tables captured from real Keras
 * (fixtures/*.ipynb) with their layer rows repeated, in order, to any number
 * of layers. Used by the parser bench (node) and, through the browser bench's
 * test file, by the rendering benches.
 *
 * Three inputs, as they reach JupyterLab:
 * - `rich`: Keras 3's box table printed to stdout (print_fn=print),
 * - `ascii`: tf.keras 2's ASCII table on stdout,
 * - `html`: Keras 3's default display path, rich's `<pre>` of `<span>`s.
 */
import * as fs from 'fs';
import * as path from 'path';

export type Flavour = 'rich' | 'ascii' | 'html';

/** The project's root: the bundles run from .make/bench, the sources from bench/. */
export const ROOT = (() => {
  for (const from of [__dirname, process.cwd()]) {
    let dir = from;
    while (!fs.existsSync(path.join(dir, 'fixtures', 'manifest.json'))) {
      const up = path.dirname(dir);
      if (up === dir) {
        break;
      }
      dir = up;
    }
    if (fs.existsSync(path.join(dir, 'fixtures', 'manifest.json'))) {
      return dir;
    }
  }
  throw new Error('fixtures/manifest.json not found above ' + __dirname);
})();

interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, string | string[]>;
}

function cellOutputs(file: string, id: string): Output[] {
  const nb = JSON.parse(
    fs.readFileSync(path.join(ROOT, 'fixtures', file), 'utf-8')
  );
  for (const cell of nb.cells) {
    const src = ([] as string[]).concat(cell.source).join('');
    if (src.startsWith(`# fixture: ${id}`)) {
      return cell.outputs;
    }
  }
  throw new Error(`no cell ${id} in ${file}`);
}

const join = (v: string | string[] | undefined) =>
  ([] as string[]).concat(v ?? []).join('');

/** The captured ResNet50 text of one flavour (177 layers). */
export function captured(flavour: Flavour): string {
  if (flavour === 'html') {
    // The second display output is the table; the others are the heading and totals.
    const table = cellOutputs('keras3-display.ipynb', 'resnet50').find(o =>
      join(o.data?.['text/html']).includes('┏')
    );
    if (!table) {
      throw new Error('no rich table in keras3-display.ipynb resnet50');
    }
    return join(table.data?.['text/html']);
  }
  const file = flavour === 'rich' ? 'keras3-print.ipynb' : 'tfkeras2.ipynb';
  return cellOutputs(file, 'resnet50')
    .filter(o => o.output_type === 'stream')
    .map(o => join(o.text))
    .join('');
}

interface Parts {
  head: string[];
  rows: string[][];
  tail: string[];
}

/** Split a table into its head, one group of lines per layer row (with the separator after it), and its tail. */
function rowsOf(text: string, flavour: Flavour): Parts {
  const lines = text.split('\n');
  const box = flavour !== 'ascii';
  // In rich's HTML a border line may start with the `<pre …>` tag.
  const startsWith = (l: string, ch: string) =>
    l.startsWith(ch) || l.replace(/^<pre[^>]*>/, '').startsWith(ch);
  const isRule = (l: string) => /^=+\s*$/.test(l);
  const first = box
    ? lines.findIndex(l => startsWith(l, '┡')) + 1
    : lines.findIndex(isRule) + 1;
  const last = box
    ? lines.findIndex(l => startsWith(l, '└'))
    : lines.length - 1 - [...lines].reverse().findIndex(isRule);
  if (first <= 0 || last <= first) {
    throw new Error(`${flavour}: table not found`);
  }
  const isSep = box
    ? (l: string) => l.startsWith('├')
    : (l: string) => l.trim() === '';
  const rows: string[][] = [];
  let cur: string[] = [];
  for (const line of lines.slice(first, last)) {
    cur.push(line);
    if (isSep(line)) {
      rows.push(cur);
      cur = [];
    }
  }
  if (cur.length) {
    if (box) {
      // The last row has no separator below it: borrow one.
      cur.push(rows[0][rows[0].length - 1]);
    }
    rows.push(cur);
  }
  return { head: lines.slice(0, first), rows, tail: lines.slice(last) };
}

const partsCache = new Map<Flavour, Parts>();

function partsOf(flavour: Flavour): Parts {
  let parts = partsCache.get(flavour);
  if (!parts) {
    parts = rowsOf(captured(flavour), flavour);
    partsCache.set(flavour, parts);
  }
  return parts;
}

/** The captured table with exactly `n` layer rows: the real rows, repeated in order. */
export function scaled(flavour: Flavour, n: number): string {
  return repeat(flavour, partsOf(flavour), n);
}

/**
 * The same, with each line of the captured rows first rewritten by `edit`
 * (given the line and the table's header line; see references.ts).
 */
export function scaledWith(
  flavour: Flavour,
  n: number,
  edit: (line: string, header: string) => string
): string {
  const parts = partsOf(flavour);
  const header =
    parts.head.find(l => l.includes('Layer (type)') || l.includes('Layer')) ??
    '';
  return repeat(
    flavour,
    { ...parts, rows: parts.rows.map(row => row.map(l => edit(l, header))) },
    n
  );
}

function repeat(flavour: Flavour, parts: Parts, n: number): string {
  const out = [...parts.head];
  const box = flavour !== 'ascii';
  for (let i = 0; i < n; i++) {
    const row = parts.rows[i % parts.rows.length];
    // The last row has no separator under it in a box table.
    const lines = i === n - 1 && box ? row.slice(0, -1) : row;
    for (const line of lines) {
      out.push(line);
    }
  }
  for (const line of parts.tail) {
    out.push(line);
  }
  return out.join('\n');
}

/** Number of layer rows in the captured table. */
export function capturedRows(flavour: Flavour): number {
  return partsOf(flavour).rows.length;
}
