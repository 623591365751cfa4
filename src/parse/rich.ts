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
import { Line, trimEnd } from './lines';
import {
  buildRow,
  columnKind,
  cutWarnings,
  TableColumn,
  TablePiece
} from './table';
import type { LayerRow } from './types';

const TOP_LEFT = '┏┌╭╔┍┎╒╓';
const MID_LEFT = '┡├┣╞╟┝┞┟┠┢';
const BOTTOM_LEFT = '└┗╰╚┕┖╘╙';
const TOP_JOIN = '┳┬╦┯┰╤╥';
const VERTICAL = '│┃║';

function isBoxChar(c: number): boolean {
  return c >= 0x2500 && c <= 0x257f;
}

/** A border line: box-drawing characters only, after leading spaces. */
function borderKind(text: string): 'top' | 'mid' | 'bottom' | null {
  let i = 0;
  while (i < text.length && text[i] === ' ') {
    i++;
  }
  if (i >= text.length) {
    return null;
  }
  const first = text[i];
  const kind = TOP_LEFT.includes(first)
    ? 'top'
    : MID_LEFT.includes(first)
      ? 'mid'
      : BOTTOM_LEFT.includes(first)
        ? 'bottom'
        : null;
  if (!kind) {
    return null;
  }
  let end = text.length;
  while (end > i && text[end - 1] === ' ') {
    end--;
  }
  for (let j = i; j < end; j++) {
    if (!isBoxChar(text.charCodeAt(j))) {
      return null;
    }
  }
  return kind;
}

export function isRichTop(text: string): boolean {
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
  if (!VERTICAL.includes(text[left] ?? '')) {
    return null;
  }
  let aligned = true;
  for (let k = 1; k < bounds.length; k++) {
    if (!VERTICAL.includes(text[bounds[k]] ?? '')) {
      aligned = false;
      break;
    }
  }
  const cells: string[] = [];
  if (aligned) {
    for (let k = 0; k < ncols; k++) {
      const from = bounds[k] + 1;
      const to = k + 1 < bounds.length ? bounds[k + 1] : text.length;
      cells.push(text.slice(from, to));
    }
    return cells;
  }
  // Wide characters shift the borders: split on the bars themselves.
  const parts: string[] = [];
  let cur = '';
  for (let i = left + 1; i < text.length; i++) {
    if (VERTICAL.includes(text[i])) {
      parts.push(cur);
      cur = '';
    } else {
      cur += text[i];
    }
  }
  if (cropped || cur.trim() !== '') {
    parts.push(cur);
  }
  return parts.length === ncols ? parts : null;
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
 * Read a rich table whose top border is `lines[top]`. Returns null when the
 * lines that follow are not a Keras summary table (no `Layer (type)` header).
 */
export function readRichTable(lines: Line[], top: number): TablePiece | null {
  const border = lines[top].text;
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
  while (i < lines.length && borderKind(lines[i].text) === null) {
    const cells = lineCells(lines[i].text, bounds, cropped);
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
  if (borderKind(lines[i].text) === 'bottom') {
    // A table with no rows.
    return finish(columns, [], top, i);
  }
  if (borderKind(lines[i].text) !== 'mid') {
    return null;
  }
  i++;

  // Body: rows separated by `├─┼─┤` lines, ended by `└─┴─┘`.
  const layers: LayerRow[] = [];
  const paramsCol = columns.findIndex(c => c.kind === 'params');
  let rowLines: string[][] = [];
  let rowStart = -1;
  const separated = hasRowSeparators(lines, i);
  const flush = (endLine: number) => {
    if (rowLines.length === 0) {
      return;
    }
    const cells = columns.map((_, k) =>
      joinCell(
        rowLines.map(r => r[k] ?? ''),
        k === 0
      )
    );
    layers.push(
      buildRow(columns, cells, 0, lines[rowStart].start, lines[endLine].next)
    );
    rowLines = [];
  };
  for (; i < lines.length; i++) {
    const kind = borderKind(lines[i].text);
    if (kind === 'bottom') {
      flush(i - 1);
      return finish(columns, layers, top, i);
    }
    if (kind === 'mid') {
      flush(i - 1);
      continue;
    }
    if (kind === 'top') {
      break;
    }
    const cells = lineCells(lines[i].text, bounds, cropped);
    if (!cells) {
      break;
    }
    // Without row separators (show_lines=False), a row starts where its
    // Param # cell is filled: rich prints counts on a row's first line.
    const startsRow =
      !separated &&
      rowLines.length > 0 &&
      (paramsCol >= 0
        ? cells[paramsCol].trim() !== ''
        : cells[0].trim() !== '');
    if (startsRow) {
      flush(i - 1);
    }
    if (rowLines.length === 0) {
      rowStart = i;
    }
    rowLines.push(cells);
  }
  // The table was cut off before its bottom border (a stream still arriving).
  flush(i - 1);
  const piece = finish(columns, layers, top, i - 1);
  piece.warnings.push(
    'The table ends before its bottom border: it may be incomplete.'
  );
  return piece;
}

/** Whether the body (from line `i` to the bottom border) has `├─┼─┤` lines. */
function hasRowSeparators(lines: Line[], i: number): boolean {
  for (; i < lines.length; i++) {
    const kind = borderKind(lines[i].text);
    if (kind === 'mid') {
      return true;
    }
    if (
      kind !== null ||
      !VERTICAL.includes(lines[i].text.trimStart()[0] ?? '')
    ) {
      return false;
    }
  }
  return false;
}

function finish(
  columns: TableColumn[],
  layers: LayerRow[],
  firstLine: number,
  lastLine: number
): TablePiece {
  return {
    format: 'keras3',
    columns,
    layers,
    firstLine,
    lastLine,
    warnings: cutWarnings(layers)
  };
}
