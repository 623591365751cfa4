/**
 * Readers for single cells of a summary table, shared by the rich (Keras 3)
 * and ASCII (Keras 1/2) table readers. Each takes the cell's text with its
 * wrapped lines already joined.
 */
import { isSpace } from './lines';
import type { LayerRow } from './types';

/** The ellipsis rich puts where it cut a cell. */
export const CUT_MARK = '…';

export interface LayerCell {
  name: string;
  type: string;
  /** Nesting depth from Keras 3's `   └ ` prefix (ASCII tables use `|` frames instead). */
  depth: number;
  /** The type was cut without a mark (old ASCII printers truncate at the column edge). */
  cutSilently: boolean;
}

/**
 * Where Keras 3's nesting mark `└ ` stands in a layer cell, or -1. The R
 * package (keras3) prints it as `> ` in the ASCII tables of its rendered
 * pages (`|    > input_layer   |`): read as the same mark when it follows
 * an indent.
 */
function treeMark(text: string): number {
  const tree = text.indexOf('└');
  if (tree !== -1 || !text.startsWith('   ')) {
    return tree;
  }
  const gt = text.indexOf('> ');
  return gt >= 3 && text.charCodeAt(gt - 1) === 0x20 ? gt : -1;
}

/**
 * `name (Type)`, possibly `   └ name (Type)` in Keras 3, possibly cut:
 * `a_very_long_na… (Dense)`, `global_max_pooling… (GlobalMaxPooling1…`.
 * The type is the last parenthesised word; a name may itself hold spaces
 * and parentheses.
 */
export function readLayerCell(cell: string): LayerCell {
  // The text is trimmed below: trailing white space needs no pass of its own.
  let text = cell;
  let depth = 0;
  const tree = treeMark(text);
  if (tree >= 3 && text.slice(0, tree).trim() === '') {
    // Keras 3 writes "   " per level (at least one), then "└ ". A name that
    // itself starts with "└" (hostile names are real) has no indent.
    depth = Math.max(1, Math.round(tree / 3));
    text = text.slice(tree + 1);
  }
  text = text.trim();
  const n = text.length;
  const open = text.lastIndexOf('(');
  if (open > 0 && open === n - 1) {
    // Cut just after the parenthesis (old ASCII printers): the type is lost.
    let end = open;
    while (end > 0 && isSpace(text.charCodeAt(end - 1))) {
      end--;
    }
    return { name: text.slice(0, end), type: '', depth, cutSilently: true };
  }
  if (open > 0 || (open === 0 && n > 1)) {
    // Cut out in place: one string for the type, one for the name.
    const closed = text.charCodeAt(n - 1) === 0x29; /* ) */
    if (isClassName(text, open + 1, closed ? n - 1 : n)) {
      const type = text.slice(open + 1, closed ? n - 1 : n);
      const cutSilently = !closed && !type.endsWith(CUT_MARK);
      let end = open;
      while (end > 0 && isSpace(text.charCodeAt(end - 1))) {
        end--;
      }
      return { name: text.slice(0, end), type, depth, cutSilently };
    }
  }
  // Keras prints every layer as `name (Type)`: a cell with no type was cut
  // before it (old ASCII printers cut a name that fills the column at its
  // edge, with no mark), unless Keras 3 cut it with `…`, which is listed.
  return {
    name: text,
    type: '',
    depth,
    cutSilently: n > 0 && !text.includes(CUT_MARK)
  };
}

/**
 * Whether a row's name may have been cut with no mark: old ASCII printers
 * cut a layer cell at the column's edge, and a name that fills the column
 * keeps no `(Type)` (`temporal_convolution_over_the_to`): the cell listed
 * as cut is the name alone. (A cell cut after its `(` kept the whole
 * name.) Such a name is matched as a prefix, as one rich cut with `…` is.
 */
export function nameCutAtEdge(row: LayerRow): boolean {
  if (row.type !== '' || row.cut.length === 0) {
    return false;
  }
  return row.cut.some(c => c.column === 'layer' && c.text === row.name);
}

/**
 * Whether `s[from, to)` is a class name: identifier characters, maybe
 * dotted, maybe cut with `…` (`/^[A-Za-z_][\w.]*…?$/`, read by hand: it runs
 * once per row).
 */
function isClassName(s: string, from: number, to: number): boolean {
  let n = to;
  if (n > from && s.charCodeAt(n - 1) === 0x2026 /* … */) {
    n--;
  }
  if (n <= from) {
    return false;
  }
  for (let i = from; i < n; i++) {
    const c = s.charCodeAt(i);
    const letter =
      (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
    if (!(letter || (i > from && ((c >= 0x30 && c <= 0x39) || c === 0x2e)))) {
      return false;
    }
  }
  return true;
}

export interface ParamsCell {
  params: number | null;
  unbuilt: boolean;
  unused: boolean;
}

/** `100,480`, `100480`, `0 (unbuilt)`, `0 (unused)`. */
export function readParamsCell(cell: string): ParamsCell {
  const text = cell.trim();
  // Digits and commas, read by hand: this runs once per row of every table.
  let value = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      value = value * 10 + (c - 0x30);
    } else if (c !== 0x2c || i === 0) {
      break;
    }
    i++;
  }
  if (i === 0 || text.charCodeAt(0) < 0x30 || text.charCodeAt(0) > 0x39) {
    return { params: null, unbuilt: false, unused: false };
  }
  if (i === n) {
    return { params: value, unbuilt: false, unused: false };
  }
  const rest = text.slice(i).trim();
  if (rest === '(unbuilt)' || rest === '(unused)') {
    return {
      params: value,
      unbuilt: rest === '(unbuilt)',
      unused: rest === '(unused)'
    };
  }
  return { params: null, unbuilt: false, unused: false };
}

/**
 * Keras 3: `input_layer[0][0], dense[0][0]` (or `-`).
 * tf.keras 2: `['input_1[0][0]', 'input_2[0][0]']` (or `[]`).
 * Keras 1 / early Keras 2 print one reference per line; the ASCII reader
 * joins those lines with `, ` before calling this.
 */
export function readConnectedCell(cell: string): string[] {
  let text = cell.trim();
  if (text === '' || text === '-' || text === '[]') {
    return [];
  }
  if (text.startsWith('[') && (text.endsWith(']') || text.endsWith(CUT_MARK))) {
    text = text.slice(1, text.endsWith(']') ? -1 : undefined);
  }
  // Split at commas, and (rich cuts a reference too long for the column
  // with `…` and drops its comma: `features[0][0… block[0][0]`) at the
  // spaces after a `…`. Commas found with indexOf, references gathered in
  // scratch space: this runs once per row of every table (a regular
  // expression split and replace per reference, then a split array and a
  // growing array per cell, allocated much of a parse).
  const refs = REFS;
  const cut = text.includes(CUT_MARK);
  let from = 0;
  for (;;) {
    const comma = text.indexOf(',', from);
    const part =
      from === 0 && comma === -1
        ? text
        : text.slice(from, comma === -1 ? text.length : comma);
    if (cut && part.includes(CUT_MARK)) {
      pushCutParts(refs, part);
    } else {
      pushRef(refs, part);
    }
    if (comma === -1) {
      break;
    }
    from = comma + 1;
  }
  return refs.take();
}

/**
 * Scratch space for the references of one cell, kept from call to call (an
 * array grown by push keeps room for 16 more, and a summary keeps one per
 * row): `take` copies out exactly the references found.
 */
class Refs {
  push(ref: string): void {
    this.items[this.count++] = ref;
  }

  take(): string[] {
    const n = this.count;
    const items = this.items;
    const out = n === 1 ? [items[0]] : items.slice(0, n);
    // Drop the strings: slices would keep the whole input alive.
    for (let i = 0; i < n; i++) {
      items[i] = '';
    }
    this.count = 0;
    return out;
  }

  private readonly items: string[] = [];
  private count = 0;
}

const REFS = new Refs();

/** `part` split at the white space after each `…` (where rich dropped a comma). */
function pushCutParts(refs: Refs, part: string): void {
  let from = 0;
  let at = part.indexOf(CUT_MARK);
  while (at !== -1) {
    let space = at + 1;
    while (space < part.length && isSpace(part.charCodeAt(space))) {
      space++;
    }
    if (space > at + 1) {
      pushRef(refs, part.slice(from, at + 1));
      from = space;
    }
    at = part.indexOf(CUT_MARK, at + 1);
  }
  pushRef(refs, from === 0 ? part : part.slice(from));
}

/** `part` trimmed, one quote stripped each side; nothing if empty. */
function pushRef(refs: Refs, part: string): void {
  const t = part.trim();
  let from = 0;
  let to = t.length;
  if (from < to && isQuote(t.charCodeAt(from))) {
    from++;
  }
  if (to > from && isQuote(t.charCodeAt(to - 1))) {
    to--;
  }
  if (to > from) {
    refs.push(from === 0 && to === t.length ? t : t.slice(from, to));
  }
}

function isQuote(c: number): boolean {
  return c === 0x27 || c === 0x22;
}

/** `Y` → true, `N` → false, `-` or empty → null. */
/**
 * Whether a reference was cut with no mark: every printer writes
 * `name[node][tensor]`, and the old ASCII printers (Keras 1, Keras 2 before
 * 2.7) cut the `Connected to` column at the line's end without one
 * (`process_movie_embedding_with_genr`, `z_mean-z_logvar_slicer[0]`). A
 * reference cut by Keras 3 ends with `…` and is not counted here.
 */
export function refCutSilently(ref: string): boolean {
  let k = ref.length - 1;
  for (let group = 0; group < 2; group++) {
    if (ref.charCodeAt(k) !== 0x5d /* ] */) {
      return ref.charCodeAt(ref.length - 1) !== 0x2026; /* … */
    }
    k--;
    const digits = k;
    while (k >= 0 && ref.charCodeAt(k) >= 0x30 && ref.charCodeAt(k) <= 0x39) {
      k--;
    }
    if (k === digits || ref.charCodeAt(k) !== 0x5b /* [ */) {
      return true;
    }
    k--;
  }
  return k < 0;
}

export function readTrainableCell(cell: string): boolean | null {
  const text = cell.trim();
  if (text === 'Y' || text === 'True') {
    return true;
  }
  if (text === 'N' || text === 'False') {
    return false;
  }
  return null;
}

/** Name of the layer a `Connected to` reference points at: `dense_1[0][0]` → `dense_1`. */
export function referencedLayer(ref: string): string {
  let s = ref.endsWith(CUT_MARK) ? ref.slice(0, -1) : ref;
  // Drop the `[node]` and `[tensor]` indexes, whole or cut short.
  for (let k = 0; k < 2; k++) {
    const open = s.lastIndexOf('[');
    if (open > 0 && /^\[\d*\]?$/.test(s.slice(open))) {
      s = s.slice(0, open);
    } else {
      break;
    }
  }
  return s;
}
