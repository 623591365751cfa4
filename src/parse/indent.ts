/**
 * ASCII summaries quoted with an indent: a Markdown code block, nbconvert's
 * text export, a docstring (`    ____…`, `     Layer (type) …`, `    |¯¯¯|`).
 * The table readers work on columns and `|` frames at the line's start, so
 * such a block is cut out, its indent removed, read like printed output,
 * and every offset found in it mapped back to the text. Keras 3's box
 * tables need none of this: their borders are found after any indent.
 */
import { isBlank, lastAtOrBefore, Lines } from './lines';

/** Where `Layer (type)` may stand in an indented header line. */
const MAX_INDENT = 40;

/**
 * The indent of the ASCII table whose header is line `header`, or 0 when
 * the line is no header of an indented table. The `=` rule under the header
 * starts at the line's start when printed, so its leading spaces are the
 * indent.
 */
export function indentedHeader(lines: Lines, header: number): number {
  if (header + 1 >= lines.length) {
    return 0;
  }
  const text = lines.text(header);
  const layer = text.indexOf('Layer (');
  if (layer < 2 || layer > MAX_INDENT) {
    return 0;
  }
  const shape = text.indexOf('Output Shape', layer);
  if (shape === -1 || text.indexOf('Param #', shape) === -1) {
    return 0;
  }
  const rule = lines.text(header + 1);
  let k = 0;
  while (k < rule.length && rule.charCodeAt(k) === 0x20) {
    k++;
  }
  if (k === 0 || k > layer || rule.charCodeAt(k) !== 0x3d /* = */) {
    return 0;
  }
  return k;
}

function leadingSpaces(text: string): number {
  let k = 0;
  while (k < text.length && text.charCodeAt(k) === 0x20) {
    k++;
  }
  return k;
}

/**
 * The last line of the block that starts at line `first`: the lines after
 * it that are blank or indented by `indent` or more (the table, its totals,
 * a summary after it), without blank lines at its end.
 */
export function blockEnd(lines: Lines, first: number, indent: number): number {
  let last = first;
  for (let i = first + 1; i < lines.length; i++) {
    const text = lines.text(i);
    if (isBlank(text)) {
      continue;
    }
    if (leadingSpaces(text) < indent) {
      break;
    }
    last = i;
  }
  return last;
}

/** Lines `[first, last]` without their indent, and the way back. */
export class DedentedBlock {
  constructor(lines: Lines, first: number, last: number, indent: number) {
    const n = last - first + 1;
    this._starts = new Int32Array(n);
    this._shifts = new Int32Array(n);
    this._nexts = new Int32Array(n);
    const parts: string[] = [];
    let at = 0;
    for (let j = 0; j < n; j++) {
      const i = first + j;
      const text = lines.text(i);
      const cut = Math.min(indent, leadingSpaces(text));
      this._starts[j] = at;
      // Dedented offset + shift = offset in the text.
      this._shifts[j] = lines.start(i) + cut - at;
      this._nexts[j] = lines.next(i);
      const body = text.slice(cut);
      parts.push(body, '\n');
      at += body.length + 1;
    }
    this.text = parts.join('');
  }

  readonly text: string;

  /** The offset in the text of the character at dedented offset `offset`. */
  start(offset: number): number {
    const j = this._line(offset);
    return offset + this._shifts[j];
  }

  /** The offset in the text of a span's (exclusive) end at dedented `offset`. */
  end(offset: number): number {
    if (offset <= 0) {
      return this.start(0);
    }
    const j = this._line(offset - 1);
    const next =
      j + 1 < this._starts.length ? this._starts[j + 1] : this.text.length;
    // An end just past a line's newline is the next line's start in the
    // text, before its indent (and after a `\r` there).
    return offset === next ? this._nexts[j] : offset + this._shifts[j];
  }

  /** The block line that holds dedented offset `offset`. */
  private _line(offset: number): number {
    return lastAtOrBefore(this._starts, offset);
  }

  private readonly _starts: Int32Array;
  private readonly _shifts: Int32Array;
  private readonly _nexts: Int32Array;
}
