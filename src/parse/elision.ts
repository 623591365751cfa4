/**
 * Lines a person writes into a summary they paste, in place of the rows they
 * left out: `...`, `…`, `⋮`, `__`, `... 20 more blocks ...`, `（中略）`.
 * Keras never prints them. Read as a row's line they would be glued to a
 * layer's name, or become a layer of their own; the readers end the row
 * there instead, and the row they make is dropped with a warning.
 */
import type { LayerRow } from './types';

/** Characters an elision line may be made of, spaces and frames aside. */
const MARKS = /^[\s.…⋮︙·_\-~|│┃]+$/;

/**
 * Characters an elision line starts with, past its frame: a reader that
 * has a line's first character in hand checks it before the line's text is
 * cut out.
 */
export function mayStartElision(c: number): boolean {
  return (
    c === 0x2e /* . */ ||
    c === 0x2026 /* … */ ||
    c === 0x22ee /* ⋮ */ ||
    c === 0xfe19 /* ︙ */ ||
    c === 0xff08 /* （ */ ||
    c === 0x3010 /* 【 */ ||
    c === 0x5f /* _ */ ||
    c === 0x7e /* ~ */
  );
}

/**
 * Whether a table line's text (its frame included) is an elision. Only
 * marks (two at least, or one `…`/`⋮`); or text that starts with `..` or
 * `…` (`... 20 more layers ...`); or text wrapped in brackets no printer
 * puts around a cell (`（中略）`, `【省略】`). A wrapped cell's piece is none
 * of these: names are identifiers, types come in `( )`, and `[ ]` is
 * tf.keras's (a wrapped `Connected to` list goes on with `[0][0]']`).
 */
export function isElisionLine(text: string): boolean {
  // Most lines are settled by their first character past the frame.
  let j = 0;
  while (j < text.length && isFrameOrSpace(text.charCodeAt(j))) {
    j++;
  }
  if (j === text.length || !mayStartElision(text.charCodeAt(j))) {
    return false;
  }
  const t = text.replace(/^[\s|│┃]+|[\s|│┃]+$/g, '');
  if (MARKS.test(t)) {
    return t.length >= 2 || t === '…' || t === '⋮' || t === '︙';
  }
  if (t.startsWith('..') || t.startsWith('…')) {
    return true;
  }
  const first = t[0];
  const last = t[t.length - 1];
  return (first === '（' && last === '）') || (first === '【' && last === '】');
}

/**
 * A row that holds a first cell and nothing else (no type, shape, count or
 * connection) is no layer: every printer fills Output Shape and Param # on
 * a layer's first line. Such rows (elision lines, a person's notes) are
 * dropped; the warning says where the first one was.
 */
export function dropElisions(
  layers: LayerRow[],
  warnings: string[]
): LayerRow[] {
  let first = -1;
  let n = 0;
  for (let i = 0; i < layers.length; i++) {
    if (notALayer(layers[i])) {
      if (first === -1) {
        first = i;
      }
      n++;
    }
  }
  if (n === 0) {
    return layers;
  }
  const text = layers[first].name;
  warnings.push(
    `${n} ${n === 1 ? 'line' : 'lines'} in the table ${n === 1 ? 'is' : 'are'} not a layer ` +
      `(${JSON.stringify(text)}${first > 0 ? ` after ${layers[first - 1].name}` : ''}): ` +
      'rows may have been left out where the text was copied.'
  );
  return layers.filter(l => !notALayer(l));
}

function isFrameOrSpace(c: number): boolean {
  return (
    c === 0x20 ||
    c === 0x09 ||
    c === 0x7c /* | */ ||
    c === 0x2502 /* │ */ ||
    c === 0x2503 /* ┃ */
  );
}

function notALayer(l: LayerRow): boolean {
  return (
    l.type === '' &&
    l.outputShape === '' &&
    l.paramsText === '' &&
    l.connectedTo.length === 0
  );
}
