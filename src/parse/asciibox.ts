/**
 * Reader for Keras 3 tables that rich drew in ASCII. rich's
 * `Box.substitute` swaps Keras's `HEAVY_HEAD` box for `box.ASCII` when the
 * console's encoding is not UTF-8 (`options.ascii_only`: a Windows cp1252 or
 * cp437 console, a redirected stdout):
 *
 *   +--------------------------------------+   top: `+`, `-`, no column joins
 *   | Layer (type)   | Output Shape | Par… |   head: `|` between cells
 *   |----------------+--------------+------|   head_row: `|`, `-`, `+` joins
 *   | dense (Dense)  | (None, 4)    |   36 |
 *   |----------------+--------------+------|   row (show_lines): as head_row
 *   +--------------------------------------+   bottom: as top
 *
 * rich's other ASCII boxes (`ASCII2`, `ASCII_DOUBLE_HEAD`) join the columns
 * on every border with `+` and draw ASCII_DOUBLE_HEAD's head_row with `=`;
 * Keras never asks for them, but they are read the same way. With
 * `legacy_windows` and a UTF-8 console rich draws `SQUARE` (`┌─┬┐`), which
 * the box-drawing reader (`keras3.ts`) reads.
 *
 * The top border holds no column positions, so they come from the head_row
 * under the header. The table's lines are then drawn again with box
 * characters, each replacing one ASCII character (offsets unchanged), and
 * read by `readKeras3Table`.
 */
import { readKeras3Table } from './keras3';
import { splitLines } from './lines';
import type { Lines } from './lines';
import type { TablePart } from './table';

const PLUS = 0x2b;
const MINUS = 0x2d;
const EQUALS = 0x3d;
const BAR = 0x7c;

/** How far below the top the head_row may be: a header wraps onto a few lines. */
const MAX_HEADER_LINES = 8;

/** `[left, right)`: the line without its leading and trailing spaces. */
function inkSpan(text: string): [number, number] {
  let left = 0;
  while (left < text.length && text.charCodeAt(left) === 0x20) {
    left++;
  }
  let right = text.length;
  while (right > left && text.charCodeAt(right - 1) === 0x20) {
    right--;
  }
  return [left, right];
}

/** A border line: `+` or `|`, then `-`, `=` and `+` only (10 characters at least). */
function isBorder(text: string, left: number, right: number): boolean {
  if (right - left < 10) {
    return false;
  }
  const first = text.charCodeAt(left);
  if (first !== PLUS && first !== BAR) {
    return false;
  }
  let rule = false;
  for (let i = left + 1; i < right; i++) {
    const c = text.charCodeAt(i);
    if (c === MINUS || c === EQUALS) {
      rule = true;
    } else if (c !== PLUS && !(c === BAR && i === right - 1)) {
      return false;
    }
  }
  return rule;
}

/** A top border of an ASCII box: `+--…--+` (or `+--+--+`). */
export function isAsciiBoxTop(text: string): boolean {
  const [left, right] = inkSpan(text);
  return (
    right - left >= 10 &&
    text.charCodeAt(left) === PLUS &&
    text.charCodeAt(left + 1) === MINUS &&
    isBorder(text, left, right) &&
    text.indexOf('|', left) === -1
  );
}

/** Whether `text` is a content line of a box whose left edge is at `left`. */
function isContent(text: string, left: number): boolean {
  return text.charCodeAt(left) === BAR && !isBorder(text, ...inkSpan(text));
}

/**
 * The column borders of a box, from its head_row: the left edge, every `+`
 * inside, and the right edge when there is one (a table cropped at the
 * console's width has none).
 */
function columnBounds(headRow: string): number[] {
  const [left, right] = inkSpan(headRow);
  const bounds = [left];
  for (let i = left + 1; i < right - 1; i++) {
    if (headRow.charCodeAt(i) === PLUS) {
      bounds.push(i);
    }
  }
  const last = headRow.charCodeAt(right - 1);
  if (last === PLUS || last === BAR) {
    bounds.push(right - 1);
  }
  return bounds;
}

/** A border line redrawn with box characters (`corners`: left, join, right). */
function redrawBorder(
  text: string,
  bounds: number[],
  corners: string,
  cropped: boolean
): string {
  const [left, right] = inkSpan(text);
  const out: string[] = [];
  const last = cropped ? -1 : bounds[bounds.length - 1];
  let k = 1;
  for (let i = 0; i < text.length; i++) {
    if (i < left || i >= right) {
      out.push(text[i]);
    } else if (i === left) {
      out.push(corners[0]);
    } else if (i === last) {
      out.push(corners[2]);
    } else if (k < bounds.length && i === bounds[k]) {
      out.push(corners[1]);
    } else {
      out.push('─');
    }
    while (k < bounds.length && bounds[k] <= i) {
      k++;
    }
  }
  return out.join('');
}

/**
 * A content line with its cell borders drawn as `│`. A line whose bars are
 * not at the head_row's borders (wide characters in a name) gets every bar
 * replaced: the box reader then splits it on them.
 */
function redrawContent(text: string, bounds: number[]): string {
  const aligned = bounds.every(
    b => b >= text.length || text.charCodeAt(b) === BAR
  );
  if (!aligned) {
    return text.replace(/\|/g, '│');
  }
  let out = '';
  let from = 0;
  for (const b of bounds) {
    if (b < text.length) {
      out += text.slice(from, b) + '│';
      from = b + 1;
    }
  }
  return out + text.slice(from);
}

/**
 * Read rich's ASCII box whose top border is `lines[top]`. Returns null when
 * the lines that follow are not a Keras summary table; a box cut off before
 * its bottom border is read as far as it goes (with the box reader's
 * warning).
 */
export function readAsciiBoxTable(
  lines: Lines,
  top: number,
  mayBeCut = true
): TablePart | null {
  const [left] = inkSpan(lines.text(top));
  let headRow = -1;
  for (let i = top + 1; i < lines.length && i <= top + MAX_HEADER_LINES; i++) {
    const text = lines.text(i);
    const [l, r] = inkSpan(text);
    if (l === left && isBorder(text, l, r)) {
      headRow = i;
      break;
    }
    if (!isContent(text, left)) {
      return null;
    }
  }
  if (headRow < 0) {
    return null;
  }
  const bounds = columnBounds(lines.text(headRow));
  if (bounds.length < 3) {
    return null;
  }
  const cropped = lines.text(headRow).trimEnd().endsWith('-');
  // The box's last line: a border not followed by a line of the box.
  let bottom = headRow;
  while (bottom + 1 < lines.length) {
    const text = lines.text(bottom + 1);
    const [l, r] = inkSpan(text);
    if (l === left && isBorder(text, l, r)) {
      bottom++;
      if (
        text.charCodeAt(l) === PLUS &&
        (bottom + 1 >= lines.length || !isContent(lines.text(bottom + 1), left))
      ) {
        break;
      }
    } else if (isContent(text, left)) {
      bottom++;
    } else {
      break;
    }
  }
  // The box redrawn, each line as long as it was, its line ends kept: the
  // block's offsets are the input's, less the top line's start.
  const base = lines.start(top);
  const drawn: string[] = [];
  // The row separators are all the same line: drawn once.
  let separator = '';
  let separatorDrawn = '';
  for (let i = top; i <= bottom; i++) {
    const text = lines.text(i);
    const [l, r] = inkSpan(text);
    let line: string;
    if (i === top) {
      line = redrawBorder(text, bounds, '┌┬┐', cropped);
    } else if (i === bottom && text.charCodeAt(l) === PLUS) {
      line = redrawBorder(text, bounds, '└┴┘', cropped);
    } else if (text === separator) {
      line = separatorDrawn;
    } else if (l === left && isBorder(text, l, r)) {
      line = redrawBorder(text, bounds, '├┼┤', cropped);
      separator = text;
      separatorDrawn = line;
    } else {
      line = redrawContent(text, bounds);
    }
    drawn.push(line, lines.source.slice(lines.end(i), lines.next(i)));
  }
  const table = readKeras3Table(splitLines(drawn.join('')), 0, mayBeCut);
  if (!table) {
    return null;
  }
  for (const layer of table.layers) {
    layer.start += base;
    layer.end += base;
  }
  table.firstLine += top;
  table.lastLine += top;
  return table;
}
