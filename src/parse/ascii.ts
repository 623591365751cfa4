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
import { isBlank, isRule, Line, trimEnd } from './lines';
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

/** Leading `|` count and the line with its frame removed (columns keep their positions). */
function frame(text: string): { depth: number; inner: string } {
  let depth = 0;
  while (depth < text.length && text[depth] === '|') {
    depth++;
  }
  if (depth === 0) {
    return { depth, inner: text };
  }
  let end = trimEnd(text).length;
  let closing = 0;
  while (closing < depth && end > depth && text[end - 1] === '|') {
    end--;
    closing++;
  }
  // Keep positions: the frame's bars become spaces.
  return { depth, inner: ' '.repeat(depth) + text.slice(depth, end) };
}

function isSeparator(inner: string): boolean {
  return isBlank(inner) || isRule(inner, '_', 3) || isRule(inner, '¯', 3);
}

/**
 * Read an ASCII table whose header is `lines[header]`. Returns null when the
 * `=` rule under the header is missing.
 */
export function readAsciiTable(
  lines: Line[],
  header: number
): TablePiece | null {
  const head = lines[header].text;
  if (header + 1 >= lines.length || !isRule(lines[header + 1].text, '=')) {
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
  const ruleLength = lines[header + 1].text.trim().length;
  const firstLine =
    header > 0 && isRule(lines[header - 1].text, '_') ? header - 1 : header;

  const layers: LayerRow[] = [];
  let group: { inner: string; depth: number }[] = [];
  let groupStart = -1;
  const flush = (endLine: number) => {
    if (group.length > 0) {
      layers.push(
        rowFrom(
          columns,
          starts,
          group,
          lines[groupStart].start,
          lines[endLine].next
        )
      );
    }
    group = [];
  };
  let i = header + 2;
  for (; i < lines.length; i++) {
    const text = lines[i].text;
    if (isRule(text, '=')) {
      flush(i - 1);
      return finish(columns, layers, firstLine, i, ruleLength);
    }
    const { depth, inner } = frame(text);
    if (isSeparator(inner)) {
      flush(i - 1);
      continue;
    }
    if (depth === 0 && !text.startsWith(' ') && looksLikeOtherOutput(text)) {
      break;
    }
    if (group.length === 0) {
      groupStart = i;
    }
    group.push({ inner, depth });
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
  group: { inner: string; depth: number }[],
  start: number,
  end: number
): LayerRow {
  if (group.length === 1) {
    // Most rows fit on one line: cut it at the column starts and trim.
    const inner = group[0].inner;
    const cells: string[] = [];
    for (let k = 0; k < columns.length; k++) {
      const from = starts[k];
      const to = k + 1 < starts.length ? starts[k + 1] : inner.length;
      cells.push(from < inner.length ? inner.slice(from, to).trim() : '');
    }
    return buildRow(columns, cells, group[0].depth, start, end);
  }
  const pieces: string[][] = columns.map(() => []);
  for (const { inner } of group) {
    for (let k = 0; k < columns.length; k++) {
      const from = starts[k];
      const to = k + 1 < starts.length ? starts[k + 1] : inner.length;
      pieces[k].push(from < inner.length ? inner.slice(from, to) : '');
    }
  }
  const cells = columns.map((col, k) => joinAscii(col.kind, pieces[k]));
  return buildRow(columns, cells, group[0].depth, start, end);
}

/**
 * Join one column's pieces. tf.keras cuts long text at the column width
 * (a name, or a shape after `),`), so pieces are concatenated as printed;
 * Keras 1/2 put one `Connected to` reference per line, so those get a comma.
 */
function joinAscii(kind: ColumnKind, pieces: string[]): string {
  const parts = pieces.map(p => trimEnd(p)).filter(p => p.trim() !== '');
  if (parts.length === 0) {
    return '';
  }
  if (kind === 'connected' && !parts[0].trimStart().startsWith('[')) {
    return parts.map(p => p.trim()).join(', ');
  }
  if (kind === 'layer' || kind === 'params' || kind === 'trainable') {
    return parts.map(p => p.trim()).join('');
  }
  return parts.join('').trim();
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
