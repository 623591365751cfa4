/**
 * Reader for Keras 3 summaries: a rich table drawn with box characters.
 *
 *   ┏━━━━━━━━━━━━━━┳━━━━━━━━━━━━━┳━━━━━━━━━┓
 *   ┃ Layer (type) ┃ Output Shape┃  Param # ┃
 *   ┡━━━━━━━━━━━━━━╇━━━━━━━━━━━━━╇━━━━━━━━━┩
 *   │ dense (Dense)│ (None, 128) │  100,480 │
 *   ├──────────────┼─────────────┼─────────┤
 *   └──────────────┴─────────────┴─────────┘
 *
 * Column borders are taken from the top border; a cell may span several
 * lines (rich wraps at spaces). When a row's borders do not line up (wide
 * characters in a name), the row is split on its vertical bars instead.
 * A table wider than rich's console is cropped: the right border is missing.
 */
import { isSpace, isTrailingSpace, Lines, trimEnd } from './lines';
import { dropElisions, isElisionLine } from './elision';
import {
  buildRow,
  columnKind,
  cutWarnings,
  TableColumn,
  TablePart
} from './table';
import type { LayerRow } from './types';

const TOP_LEFT = '┏┌╭╔┍┎╒╓';
const MID_LEFT = '┡├┣╞╟┝┞┟┠┢';
const BOTTOM_LEFT = '└┗╰╚┕┖╘╙';
const TOP_JOIN = '┳┬╦┯┰╤╥';

function isBoxChar(c: number): boolean {
  return c >= 0x2500 && c <= 0x257f;
}

/** Which kind of border line a box character starts: by code, no strings made. */
function cornerKind(c: number): 'top' | 'mid' | 'bottom' | null {
  if (!isBoxChar(c)) {
    return null;
  }
  const ch = String.fromCharCode(c);
  return TOP_LEFT.includes(ch)
    ? 'top'
    : MID_LEFT.includes(ch)
      ? 'mid'
      : BOTTOM_LEFT.includes(ch)
        ? 'bottom'
        : null;
}

/** A border line: box-drawing characters only, after leading spaces. */
function borderKind(text: string): 'top' | 'mid' | 'bottom' | null {
  let i = 0;
  const n = text.length;
  while (i < n && text.charCodeAt(i) === 0x20) {
    i++;
  }
  if (i >= n) {
    return null;
  }
  const first = text.charCodeAt(i);
  // Content lines start with a vertical bar: the common case, answered first.
  if (isVertical(first)) {
    return null;
  }
  const kind = cornerKind(first);
  if (!kind) {
    return null;
  }
  let end = n;
  while (end > i && text.charCodeAt(end - 1) === 0x20) {
    end--;
  }
  for (let j = i; j < end; j++) {
    if (!isBoxChar(text.charCodeAt(j))) {
      return null;
    }
  }
  return kind;
}

/** `│`, `┃` or `║`. */
function isVertical(c: number): boolean {
  return c === 0x2502 || c === 0x2503 || c === 0x2551;
}

export function isKeras3Top(text: string): boolean {
  return borderKind(text) === 'top';
}

function firstNonSpace(text: string): number {
  let i = 0;
  while (i < text.length && text[i] === ' ') {
    i++;
  }
  return i;
}

/** Cells of one content line, or null when it is not a line of this table. */
function lineCells(
  text: string,
  bounds: number[],
  cropped: boolean
): string[] | null {
  const ncols = bounds.length - 1 + (cropped ? 1 : 0);
  const left = bounds[0];
  if (left < text.length && !isVertical(text.charCodeAt(left))) {
    return null;
  }
  const cells: string[] = [];
  if (isAligned(text, bounds)) {
    for (let k = 0; k < ncols; k++) {
      const from = bounds[k] + 1;
      const to = k + 1 < bounds.length ? bounds[k + 1] : text.length;
      cells.push(text.slice(from, to));
    }
    return cells;
  }
  // Wide characters shift the borders: split on the bars themselves (each
  // part cut out once, not built a character at a time).
  const parts: string[] = [];
  let from = left + 1;
  for (let i = from; i < text.length; i++) {
    if (isVertical(text.charCodeAt(i))) {
      parts.push(text.slice(from, i));
      from = i + 1;
    }
  }
  const cur = text.slice(from);
  if (cropped || cur.trim() !== '') {
    parts.push(cur);
  }
  return parts.length === ncols ? parts : null;
}

/**
 * Whether every column border of `bounds` is a vertical bar in `text`. A
 * border past the end of a line cut short counts as lined up: its cells
 * there are empty.
 */
function isAligned(text: string, bounds: number[]): boolean {
  for (let k = 0; k < bounds.length; k++) {
    const at = bounds[k];
    if (at < text.length && !isVertical(text.charCodeAt(at))) {
      return false;
    }
  }
  return true;
}

/** Join a cell's wrapped lines. The first line keeps its indent (nesting `└`). */
function joinCell(lines: string[], keepIndent: boolean): string {
  if (lines.length === 1) {
    const raw = lines[0];
    const text = raw.startsWith(' ') ? raw.slice(1) : raw;
    return keepIndent ? trimEnd(text) : text.trim();
  }
  const out: string[] = [];
  lines.forEach((raw, i) => {
    // One space of padding each side of a rich cell.
    const text = raw.startsWith(' ') ? raw.slice(1) : raw;
    const t = i === 0 && keepIndent ? trimEnd(text) : text.trim();
    if (t !== '') {
      out.push(t);
    }
  });
  return out.join(' ');
}

/**
 * Read a Keras 3 table (drawn by rich) whose top border is `lines[top]`. Returns null when the
 * lines that follow are not a Keras summary table (no `Layer (type)` header).
 */
export function readKeras3Table(
  lines: Lines,
  top: number,
  mayBeCut = true
): TablePart | null {
  const border = lines.text(top);
  const left = firstNonSpace(border);
  const bounds = [left];
  for (let i = left + 1; i < border.length; i++) {
    if (TOP_JOIN.includes(border[i])) {
      bounds.push(i);
    }
  }
  const trimmedEnd = trimEnd(border).length - 1;
  const lastChar = border[trimmedEnd];
  // A cropped table has no right corner: its last column runs to the line end.
  const cropped = !'┓┐╮╗┒┑╕╖'.includes(lastChar);
  if (!cropped) {
    bounds.push(trimmedEnd);
  }

  // Header lines up to the header separator.
  let i = top + 1;
  const headerLines: string[][] = [];
  while (i < lines.length && borderKind(lines.text(i)) === null) {
    const cells = lineCells(lines.text(i), bounds, cropped);
    if (!cells) {
      return null;
    }
    headerLines.push(cells);
    i++;
  }
  if (i >= lines.length || headerLines.length === 0) {
    return null;
  }
  const ncols = headerLines[0].length;
  const columns: TableColumn[] = [];
  for (let k = 0; k < ncols; k++) {
    const title = joinCell(
      headerLines.map(h => h[k] ?? ''),
      false
    );
    const kind = columnKind(title);
    if (!kind) {
      return null;
    }
    columns.push({ title, kind });
  }
  if (columns[0].kind !== 'layer' || !columns.some(c => c.kind === 'shape')) {
    return null;
  }
  if (borderKind(lines.text(i)) === 'bottom') {
    // A table with no rows.
    return finish(columns, [], top, i);
  }
  if (borderKind(lines.text(i)) !== 'mid') {
    return null;
  }
  i++;

  // Body: rows separated by `├─┼─┤` lines, ended by `└─┴─┘`.
  const layers: LayerRow[] = [];
  const paramsCol = columns.findIndex(c => c.kind === 'params');
  const startCol = paramsCol >= 0 ? paramsCol : 0;
  // A row's lines: the index of a line whose bars line up with the top
  // border (its cells are read in place when the row is read: no strings
  // per line), or the cells of a line split on its bars.
  // Reused from row to row (`rowCount` lines in use): a row costs no array.
  const rowLines: RowLine[] = [];
  let rowCount = 0;
  let rowStart = -1;
  const separated = hasRowSeparators(lines, i);
  // The joined cells of a row, reused too: `buildRow` does not keep them.
  const cells: string[] = new Array(ncols);
  const flush = (endLine: number) => {
    if (rowCount === 0) {
      return;
    }
    for (let k = 0; k < ncols; k++) {
      cells[k] = rowCell(lines, bounds, rowLines, rowCount, k);
    }
    layers.push(
      buildRow(
        columns,
        cells,
        0,
        lines.start(rowStart),
        lines.next(endLine),
        mayBeCut
      )
    );
    rowCount = 0;
  };
  // The `├─┼─┤` line under every row is the same string: once read, it is
  // recognised by one native comparison instead of a scan.
  let separator: string | null = null;
  for (; i < lines.length; i++) {
    const text = lines.text(i);
    const kind = text === separator ? 'mid' : borderKind(text);
    if (kind === 'bottom') {
      flush(i - 1);
      return finish(columns, layers, top, i);
    }
    if (kind === 'mid') {
      separator = text;
      flush(i - 1);
      continue;
    }
    if (kind === 'top') {
      break;
    }
    let line: RowLine;
    if (isAligned(text, bounds)) {
      line = i;
    } else {
      const cells = lineCells(text, bounds, cropped);
      if (!cells) {
        break;
      }
      line = cells;
    }
    if (isElisionLine(text)) {
      // A line a person wrote for rows left out: a row of its own, dropped.
      flush(i - 1);
      rowStart = i;
      rowLines[rowCount++] = line;
      flush(i);
      continue;
    }
    // Without row separators (show_lines=False), a row starts where its
    // Param # cell is filled: rich prints counts on a row's first line.
    if (
      !separated &&
      rowCount > 0 &&
      !isBlankCell(lines, bounds, line, startCol)
    ) {
      flush(i - 1);
    }
    if (rowCount === 0) {
      rowStart = i;
    }
    rowLines[rowCount++] = line;
  }
  // The table was cut off before its bottom border (a stream still arriving).
  flush(i - 1);
  const table = finish(columns, layers, top, i - 1);
  table.warnings.push(
    'The table ends before its bottom border: it may be incomplete.'
  );
  return table;
}

/** A line of a row: an aligned line's index, or a shifted line's cells. */
type RowLine = number | string[];

/**
 * Where cell `k` of a row line lies: a string and a range of it (the whole
 * text for an aligned line, so that no string is made per line and cell).
 * Written to `RANGE`, not returned: this runs for every cell of every line.
 */
function cellRange(
  lines: Lines,
  bounds: number[],
  line: RowLine,
  k: number
): void {
  if (typeof line === 'number') {
    const start = lines.start(line);
    const length = lines.end(line) - start;
    // A line cut short has empty cells past its end.
    const from = Math.min(bounds[k] + 1, length);
    const to = k + 1 < bounds.length ? Math.min(bounds[k + 1], length) : length;
    RANGE.s = lines.source;
    RANGE.from = start + from;
    RANGE.to = start + Math.max(from, to);
    return;
  }
  const s = line[k] ?? '';
  RANGE.s = s;
  RANGE.from = 0;
  RANGE.to = s.length;
}

/**
 * `cellRange`'s answer. Its users set `s` back to '' at once: a string kept
 * here would keep the whole input alive between parses.
 */
const RANGE = { s: '', from: 0, to: 0 };

function isBlankCell(
  lines: Lines,
  bounds: number[],
  line: RowLine,
  k: number
): boolean {
  cellRange(lines, bounds, line, k);
  const s = RANGE.s;
  RANGE.s = '';
  for (let i = RANGE.from; i < RANGE.to; i++) {
    if (!isSpace(s.charCodeAt(i))) {
      return false;
    }
  }
  return true;
}

/**
 * Cell `k` of a row, its wrapped lines trimmed and joined with a space
 * (what `joinCell` does with the cells' strings), each fragment cut out once,
 * already trimmed. The Layer cell's first line keeps its indent (nesting
 * `└`).
 */
function rowCell(
  lines: Lines,
  bounds: number[],
  rowLines: RowLine[],
  count: number,
  k: number
): string {
  let out = '';
  for (let r = 0; r < count; r++) {
    cellRange(lines, bounds, rowLines[r], k);
    const s = RANGE.s;
    RANGE.s = '';
    let from = RANGE.from;
    let to = RANGE.to;
    // One space of padding each side of a rich cell.
    if (from < to && s.charCodeAt(from) === 0x20) {
      from++;
    }
    if (r === 0 && k === 0) {
      while (to > from && isTrailingSpace(s.charCodeAt(to - 1))) {
        to--;
      }
    } else {
      while (from < to && isSpace(s.charCodeAt(from))) {
        from++;
      }
      while (to > from && isSpace(s.charCodeAt(to - 1))) {
        to--;
      }
    }
    const t = s.slice(from, to);
    if (count === 1) {
      return t;
    }
    // Joined by concatenation: `join` on an array of two cost more than
    // the rest of the cell (the readers flatten the result once).
    if (t !== '') {
      out = out === '' ? t : out + ' ' + t;
    }
  }
  return out;
}

/** Whether the body (from line `i` to the bottom border) has `├─┼─┤` lines. */
function hasRowSeparators(lines: Lines, i: number): boolean {
  for (; i < lines.length; i++) {
    const text = lines.text(i);
    const kind = borderKind(text);
    if (kind === 'mid') {
      return true;
    }
    let j = 0;
    while (j < text.length && isSpace(text.charCodeAt(j))) {
      j++;
    }
    if (kind !== null || (j < text.length && !isVertical(text.charCodeAt(j)))) {
      return false;
    }
  }
  return false;
}

function finish(
  columns: TableColumn[],
  rows: LayerRow[],
  firstLine: number,
  lastLine: number
): TablePart {
  const warnings: string[] = [];
  const layers = dropElisions(rows, warnings);
  return {
    format: 'keras3',
    columns,
    layers,
    firstLine,
    lastLine,
    warnings: [...warnings, ...cutWarnings(layers)]
  };
}
