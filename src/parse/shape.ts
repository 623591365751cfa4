/**
 * Read the Output Shape cell: `(None, 784)`, Keras 3's `(None)` for one axis,
 * tf.keras' `[(None, 28, 28)]` for InputLayer, lists and tuples of several
 * tensors, dicts (`{a: (None, 3)}`, quoted in Keras 2), `?` and `multiple`.
 * Also a shape cut at the column's edge without a closing bracket, as Keras
 * 1 and Keras 2 before 2.7 printed it (`(None, None, None, 3` for
 * `(None, None, None, 32)`), or cut with Keras 3's `…`: the dimensions
 * before the cut are read, and the result says where it was cut.
 *
 * A small recursive-descent reader over a token list: linear in the input,
 * no regular expressions that could backtrack.
 */
import { CUT_MARK } from './cells';
import type { Dim, ShapeCut, ShapeKind, TensorShape } from './types';

export interface ParsedShape {
  kind: ShapeKind;
  tensors: TensorShape[];
  /** Dict keys, aligned with `tensors`, when the cell is a dict of tensors. */
  keys?: string[];
  /** Set when the text was cut before its end (see `ShapeCut`). */
  cut?: ShapeCut;
}

type Node =
  | { t: 'dim'; v: Dim }
  | { t: 'seq'; items: Node[] }
  | { t: 'dict'; entries: { key: string; value: Node }[] };

/** Deepest nesting we follow; deeper input is not a shape Keras prints. */
const MAX_DEPTH = 32;

export function parseShape(cell: string): ParsedShape {
  const text = cell.trim();
  if (text === '') {
    return { kind: 'unknown', tensors: [] };
  }
  if (text === 'multiple') {
    return { kind: 'multiple', tensors: [] };
  }
  if (text === '?') {
    // Keras 3 before build: the whole shape is unknown.
    return { kind: 'tensors', tensors: [['?']] };
  }
  const simple = simpleTuple(text);
  if (simple) {
    return { kind: 'tensors', tensors: [simple] };
  }
  const reader = new Reader(text);
  const node = reader.value(0);
  if (node && reader.atEnd()) {
    return fromNode(node, null);
  }
  return cutShape(text);
}

/** The shape of a parsed structure, or unknown when it is not one. */
function fromNode(node: Node, cut: ShapeCut | null): ParsedShape {
  const tensors: TensorShape[] = [];
  const keys: string[] = [];
  if (!collect(node, tensors, keys, '')) {
    return { kind: 'unknown', tensors: [] };
  }
  const result: ParsedShape = { kind: 'tensors', tensors };
  if (node.t === 'dict') {
    result.keys = keys;
  }
  if (cut) {
    // A tensor opened just before the cut (`[(None, 3), (`) stays, with no
    // dimension: it exists, nothing more is known. Nothing but that is no shape.
    if (tensors.every(t => t.length === 0)) {
      return { kind: 'unknown', tensors: [] };
    }
    result.cut = {
      tensor: tensors.length - 1,
      lastDimPartial: cut.lastDimPartial
    };
  }
  return result;
}

/**
 * A shape whose text stops inside its brackets: `(None, None, None, 3`,
 * `[(None, 28, 28, 1), (`, `(None, 224, 22…`. Read up to the cut; anything
 * that is not a shape before it makes the cell unknown, as before.
 */
function cutShape(text: string): ParsedShape {
  let body = text;
  if (body.endsWith(CUT_MARK)) {
    body = body.slice(0, -CUT_MARK.length).trimEnd();
  }
  const c = body.charCodeAt(0);
  if (c !== 0x28 && c !== 0x5b && c !== 0x7b /* ( [ { */) {
    return { kind: 'unknown', tensors: [] };
  }
  const reader = new Reader(body, true);
  const node = reader.value(0);
  if (!node || !reader.reachedCut) {
    return { kind: 'unknown', tensors: [] };
  }
  return fromNode(node, { tensor: 0, lastDimPartial: reader.partialDim });
}

/**
 * The common case, one flat tuple like `(None, 224, 224, 3)`, read without
 * building a tree. Returns null for anything else.
 */
function simpleTuple(text: string): TensorShape | null {
  const n = text.length;
  if (n < 2 || text.charCodeAt(0) !== 0x28 || text.charCodeAt(n - 1) !== 0x29) {
    return null;
  }
  // Dimensions go to scratch space first, then into an array of their size.
  const dims = DIMS;
  let count = 0;
  let i = 1;
  const end = n - 1;
  while (i < end) {
    while (i < end && text.charCodeAt(i) === 0x20) {
      i++;
    }
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      let v = 0;
      while (
        i < end &&
        text.charCodeAt(i) >= 0x30 &&
        text.charCodeAt(i) <= 0x39
      ) {
        v = v * 10 + (text.charCodeAt(i) - 0x30);
        i++;
      }
      dims[count++] = v;
    } else if (c === 0x4e && text.startsWith('None', i)) {
      dims[count++] = null;
      i += 4;
    } else if (c === 0x3f) {
      dims[count++] = '?';
      i++;
    } else {
      return null;
    }
    while (i < end && text.charCodeAt(i) === 0x20) {
      i++;
    }
    if (i < end) {
      if (text.charCodeAt(i) !== 0x2c) {
        return null;
      }
      i++;
    }
  }
  // A summary keeps one per row: an array grown by push would keep room for
  // 16 more.
  return dims.slice(0, count);
}

/** Scratch space for `simpleTuple`. */
const DIMS: TensorShape = [];

/** Flatten a parsed structure into tensors; false when it is not a shape. */
function collect(
  node: Node,
  out: TensorShape[],
  keys: string[],
  key: string
): boolean {
  if (node.t === 'dim') {
    // A bare `?` stands for a whole unknown tensor.
    if (node.v === '?') {
      out.push(['?']);
      keys.push(key);
      return true;
    }
    return false;
  }
  if (node.t === 'dict') {
    for (const entry of node.entries) {
      if (
        !collect(
          entry.value,
          out,
          keys,
          key ? `${key}.${entry.key}` : entry.key
        )
      ) {
        return false;
      }
    }
    return true;
  }
  // A sequence of dims is one tensor; a sequence of structures is several.
  if (node.items.every(item => item.t === 'dim')) {
    out.push(node.items.map(item => (item as { v: Dim }).v));
    keys.push(key);
    return true;
  }
  return node.items.every(item => collect(item, out, keys, key));
}

class Reader {
  private i = 0;
  /**
   * `cut`: the text may stop anywhere (a cell cut at the column's edge);
   * open brackets at its end are taken as closed there.
   */
  constructor(
    private readonly s: string,
    private readonly cut = false
  ) {}

  /** The text ended inside a structure (only when reading a cut text). */
  reachedCut = false;
  /** The text ended inside a number: its last digits may be lost. */
  partialDim = false;

  /** At the end of a cut text: note it, so that callers close what is open. */
  private atCut(): boolean {
    if (this.cut && this.i >= this.s.length) {
      this.reachedCut = true;
      return true;
    }
    return false;
  }

  atEnd(): boolean {
    this.space();
    return this.i >= this.s.length;
  }

  private space(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) {
        break;
      }
      this.i++;
    }
  }

  value(depth: number): Node | null {
    if (depth > MAX_DEPTH) {
      return null;
    }
    this.space();
    if (this.atCut()) {
      return null;
    }
    const c = this.s[this.i];
    if (c === '(' || c === '[') {
      return this.sequence(c === '(' ? ')' : ']', depth);
    }
    if (c === '{') {
      return this.dict(depth);
    }
    return this.dim();
  }

  private dim(): Node | null {
    const s = this.s;
    if (s.startsWith('None', this.i)) {
      this.i += 4;
      return { t: 'dim', v: null };
    }
    if (this.cut && this.i < s.length && 'None'.startsWith(s.slice(this.i))) {
      // `N`, `No`, `Non` at the cut: only `None` starts so.
      this.i = s.length;
      this.reachedCut = true;
      return { t: 'dim', v: null };
    }
    if (s[this.i] === '?') {
      this.i++;
      return { t: 'dim', v: '?' };
    }
    const start = this.i;
    while (
      this.i < s.length &&
      s.charCodeAt(this.i) >= 48 &&
      s.charCodeAt(this.i) <= 57
    ) {
      this.i++;
    }
    if (this.i === start) {
      return null;
    }
    if (this.atCut()) {
      this.partialDim = true;
    }
    return { t: 'dim', v: Number(s.slice(start, this.i)) };
  }

  private sequence(close: string, depth: number): Node | null {
    this.i++; // opening bracket
    const items: Node[] = [];
    this.space();
    if (this.atCut()) {
      return { t: 'seq', items };
    }
    if (this.s[this.i] === close) {
      this.i++;
      return { t: 'seq', items };
    }
    for (;;) {
      const item = this.value(depth + 1);
      if (!item) {
        return this.reachedCut ? { t: 'seq', items } : null;
      }
      items.push(item);
      this.space();
      if (this.reachedCut || this.atCut()) {
        return { t: 'seq', items };
      }
      const c = this.s[this.i];
      if (c === ',') {
        this.i++;
        this.space();
        if (this.atCut()) {
          // In a list of tensors, a comma says one more follows: it is there,
          // with no dimension shown (`[(None, 28, 28, 4), `).
          if (item.t !== 'dim') {
            items.push({ t: 'seq', items: [] });
          }
          return { t: 'seq', items };
        }
        // Python's one-element tuple: `(None,)`.
        if (this.s[this.i] === close) {
          this.i++;
          return { t: 'seq', items };
        }
        continue;
      }
      if (c === close) {
        this.i++;
        return { t: 'seq', items };
      }
      return null;
    }
  }

  private dict(depth: number): Node | null {
    this.i++; // {
    const entries: { key: string; value: Node }[] = [];
    this.space();
    if (this.s[this.i] === '}') {
      this.i++;
      return { t: 'dict', entries };
    }
    for (;;) {
      this.space();
      if (this.atCut()) {
        return { t: 'dict', entries };
      }
      const colon = this.s.indexOf(':', this.i);
      if (colon === -1) {
        // A key cut before its colon: the entries before it are whole.
        if (this.cut) {
          this.i = this.s.length;
          this.reachedCut = true;
          return { t: 'dict', entries };
        }
        return null;
      }
      const key = this.s
        .slice(this.i, colon)
        .trim()
        .replace(/^['"]|['"]$/g, '');
      this.i = colon + 1;
      const value = this.value(depth + 1);
      if (!value) {
        return this.reachedCut ? { t: 'dict', entries } : null;
      }
      entries.push({ key, value });
      this.space();
      if (this.reachedCut || this.atCut()) {
        return { t: 'dict', entries };
      }
      const c = this.s[this.i];
      if (c === ',') {
        this.i++;
        continue;
      }
      if (c === '}') {
        this.i++;
        return { t: 'dict', entries };
      }
      return null;
    }
  }
}
