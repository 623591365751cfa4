/**
 * Reader for the ASCII tables of Keras 1, Keras 2 and tf.keras:
 *
 *   _________________________________________________________________
 *    Layer (type)                Output Shape              Param #
 *   =================================================================
 *    dense (Dense)               (None, 128)               100480
 *
 *   |¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯|
 *   | inner (Dense)             (None, 10)                1290      |
 *   ¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯¯
 *   =================================================================
 *
 * Every printer puts a column's text at the column's start (the position of
 * its header title), nested rows included, so cells are cut at the header's
 * positions. Rows are separated by blank lines (tf.keras ≥ 2.9), `_` rules
 * (Keras 1/2) or `¯` frame rules; the lines of one row are its wrapped
 * continuation lines (or, in Keras 1/2, one extra line per connection).
 */
import { isBlank, isRule, Lines, trimEnd, trimmedSlice } from './lines';
import { buildRow, cutWarnings, TableColumn, TablePiece } from './table';
import type { ColumnKind, LayerRow } from './types';

const TITLES: { title: string; kind: ColumnKind }[] = [
  { title: 'Output Shape', kind: 'shape' },
  { title: 'Param #', kind: 'params' },
  { title: 'Connected to', kind: 'connected' },
  { title: 'Trainable', kind: 'trainable' }
];

/** Whether a line is the header of an ASCII summary table. */
export function isAsciiHeader(text: string): boolean {
  const layer = text.indexOf('Layer (type)');
  if (layer === -1 || layer > 4) {
    return false;
  }
  const shape = text.indexOf('Output Shape', layer);
  return shape !== -1 && text.indexOf('Param #', shape) !== -1;
}

/** Leading `|` count: the nesting depth of a framed (nested model) row. */
function frameDepth(text: string): number {
  let depth = 0;
  while (depth < text.length && text.charCodeAt(depth) === 0x7c /* | */) {
    depth++;
  }
  return depth;
}

/** The line with its frame of `depth` bars removed (columns keep their positions). */
function unframe(text: string, depth: number): string {
  let end = trimEnd(text).length;
  let closing = 0;
  while (closing < depth && end > depth && text[end - 1] === '|') {
    end--;
    closing++;
  }
  // Keep positions: the frame's bars become spaces.
  return ' '.repeat(depth) + text.slice(depth, end);
}

function isSeparator(inner: string): boolean {
  return isBlank(inner) || isRule(inner, '_', 3) || isRule(inner, '¯', 3);
}

/**
 * Read an ASCII table whose header is `lines[header]`. Returns null when the
 * `=` rule under the header is missing.
 */
export function readAsciiTable(
  lines: Lines,
  header: number,
  mayBeCut = true
): TablePiece | null {
  const head = lines.text(header);
  if (header + 1 >= lines.length || !isRule(lines.text(header + 1), '=')) {
    return null;
  }
  const found = TITLES.map(t => ({ ...t, at: head.indexOf(t.title) }))
    .filter(t => t.at > 0)
    .sort((a, b) => a.at - b.at);
  const starts = [0, ...found.map(t => t.at)];
  const columns: TableColumn[] = [
    { title: 'Layer (type)', kind: 'layer' },
    ...found.map(t => ({ title: t.title, kind: t.kind }))
  ];
  const ruleLength = lines.text(header + 1).trim().length;
  const firstLine =
    header > 0 && isRule(lines.text(header - 1), '_') ? header - 1 : header;

  const layers: LayerRow[] = [];
  // The current row's lines (frames removed) and the first one's frame depth.
  // Reused from row to row (`groupCount` lines in use): a row costs no array.
  const group: string[] = [];
  let groupCount = 0;
  let groupDepth = 0;
  let groupStart = -1;
  const flush = (endLine: number) => {
    if (groupCount > 0) {
      layers.push(
        rowFrom(
          columns,
          starts,
          group,
          groupCount,
          groupDepth,
          lines.start(groupStart),
          lines.next(endLine),
          mayBeCut
        )
      );
      groupCount = 0;
    }
  };
  let i = header + 2;
  for (; i < lines.length; i++) {
    const text = lines.text(i);
    // A blank line (half the lines of a tf.keras table) separates rows.
    if (isBlank(text)) {
      flush(i - 1);
      continue;
    }
    if (isRule(text, '=')) {
      flush(i - 1);
      return finish(columns, layers, firstLine, i, ruleLength);
    }
    const depth = frameDepth(text);
    const inner = depth === 0 ? text : unframe(text, depth);
    if (isSeparator(inner)) {
      flush(i - 1);
      continue;
    }
    if (depth === 0 && !text.startsWith(' ') && looksLikeOtherOutput(text)) {
      break;
    }
    if (groupCount === 0) {
      groupStart = i;
      groupDepth = depth;
    }
    group[groupCount++] = inner;
  }
  flush(i - 1);
  const piece = finish(columns, layers, firstLine, i - 1, ruleLength);
  piece.warnings.push(
    'The table ends before its closing "=" rule: it may be incomplete.'
  );
  return piece;
}

/** Lines that end a table cut short: a new heading, a totals line, a new table. */
function looksLikeOtherOutput(text: string): boolean {
  return (
    text.startsWith('Model: ') ||
    text.startsWith('Total params') ||
    text.startsWith('Trainable params') ||
    isAsciiHeader(text)
  );
}

function rowFrom(
  columns: TableColumn[],
  starts: number[],
  group: string[],
  count: number,
  depth: number,
  start: number,
  end: number,
  mayBeCut: boolean
): LayerRow {
  const ncols = columns.length;
  const cells: string[] = new Array(ncols);
  if (count === 1) {
    // Most rows fit on one line: cut it at the column starts and trim.
    const inner = group[0];
    const n = inner.length;
    for (let k = 0; k < ncols; k++) {
      const from = starts[k];
      const to = k + 1 < starts.length ? Math.min(starts[k + 1], n) : n;
      cells[k] = from < n ? trimmedSlice(inner, from, Math.max(from, to)) : '';
    }
    return buildRow(columns, cells, depth, start, end, mayBeCut);
  }
  for (let k = 0; k < ncols; k++) {
    cells[k] = joinAscii(columns[k].kind, group, count, starts, k);
  }
  return buildRow(columns, cells, depth, start, end, mayBeCut);
}

/**
 * Join column `k` of a row's lines. tf.keras cuts long text at the column
 * width (a name, or a shape after `),`), so pieces are concatenated as
 * printed; Keras 1/2 put one `Connected to` reference per line, so those get
 * a comma. Pieces are right-trimmed, blank ones dropped; ranges of the lines
 * are read in place, so a row costs no array per column.
 */
function joinAscii(
  kind: ColumnKind,
  group: string[],
  count: number,
  starts: number[],
  k: number
): string {
  // How the pieces join, fixed by the first piece that is not blank.
  let mode: 'comma' | 'tight' | 'concat' | null = null;
  let out = '';
  for (let r = 0; r < count; r++) {
    const inner = group[r];
    const from = starts[k];
    if (from >= inner.length) {
      continue;
    }
    const raw =
      k + 1 < starts.length
        ? inner.slice(from, starts[k + 1])
        : inner.slice(from);
    // Blank pieces (most columns of a continuation line) are dropped first.
    const trimmed = raw.trim();
    if (trimmed === '') {
      continue;
    }
    if (mode === null) {
      if (kind === 'connected' && !trimmed.startsWith('[')) {
        mode = 'comma';
      } else if (
        kind === 'layer' ||
        kind === 'params' ||
        kind === 'trainable'
      ) {
        mode = 'tight';
      } else {
        mode = 'concat';
      }
    } else if (mode === 'comma') {
      out += ', ';
    }
    out += mode === 'concat' ? trimEnd(raw) : trimmed;
  }
  return mode === 'concat' ? out.trim() : out;
}

function finish(
  columns: TableColumn[],
  layers: LayerRow[],
  firstLine: number,
  lastLine: number,
  ruleLength: number
): TablePiece {
  // Keras 1 always printed `Connected to`, with 100-character rules and no
  // `Model:` heading (the scanner checks the heading).
  const keras1 =
    columns.some(c => c.kind === 'connected') && ruleLength === 100;
  return {
    format: keras1 ? 'keras1' : 'keras2',
    columns,
    layers,
    firstLine,
    lastLine,
    warnings: cutWarnings(layers)
  };
}
