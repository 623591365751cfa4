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
import { frameDepth, unframe } from './asciiframe';
import { headerShift, RowBreaks } from './asciirows';
import {
  firstInk,
  isBlank,
  isRule,
  isSpace,
  isTrailingSpace,
  Lines
} from './lines';
import { dropElisions, isElisionLine, mayStartElision } from './elision';
import { buildRow, cutWarnings, TableColumn, TablePart } from './table';
import type { ColumnKind, LayerRow } from './types';

const TITLES: { title: string; kind: ColumnKind }[] = [
  { title: 'Output Shape', kind: 'shape' },
  { title: 'Param #', kind: 'params' },
  { title: 'Connected to', kind: 'connected' },
  { title: 'Trainable', kind: 'trainable' }
];

/** Layer classes Keras 2 introduced (Keras 1 named them Convolution*, Merge, …). */
const KERAS2_CLASSES =
  /^(Conv[123]D|Conv[23]DTranspose|SeparableConv[12]D|Concatenate|Add|Subtract|Multiply|Average|Maximum|Minimum|Dot)$/;

/** The first column's title in Keras 0.3 (`model_summary`). */
const KERAS0_TITLE = 'Layer (name)';

/** Whether a line is the header of an ASCII summary table. */
export function isAsciiHeader(text: string): boolean {
  let layer = text.indexOf('Layer (type)');
  if (layer === -1) {
    // Keras 0.3 printed `Type (name)` rows under a `Layer (name)` header.
    layer = text.indexOf(KERAS0_TITLE);
  }
  // Printed headers start in column 0 or 1; a header line pasted with an
  // indent of its own (readAsciiTable undoes it) stands further right.
  if (layer === -1 || layer > 8) {
    return false;
  }
  const shape = text.indexOf('Output Shape', layer);
  return shape !== -1 && text.indexOf('Param #', shape) !== -1;
}

function isSeparator(inner: string): boolean {
  // `-`: a rule a person drew between rows (Markdown reads `___` as a line).
  return (
    isBlank(inner) ||
    isRule(inner, '_', 3) ||
    isRule(inner, '¯', 3) ||
    isRule(inner, '-', 3)
  );
}

/**
 * Read an ASCII table whose header is `lines[header]`. Returns null when the
 * `=` rule under the header is missing. Keras 0.3 drew `-` rules: under the
 * header, and after the last row (its rows have no separators).
 */
export function readAsciiTable(
  lines: Lines,
  header: number,
  mayBeCut = true
): TablePart | null {
  const head = lines.text(header);
  const keras0 = !head.includes('Layer (type)');
  const closing = keras0 ? '-' : '=';
  if (header + 1 >= lines.length || !isRule(lines.text(header + 1), closing)) {
    return null;
  }
  const shift = headerShift(lines, header);
  // A header further right than printed Keras puts it is read only when its
  // rows start left of it (a pasted indent, undone by the shift): other
  // tools draw the same titles right-aligned over rows indented further
  // (torchsummary: `        Layer (type)` over `            Conv2d-1`).
  if (shift === 0 && head.indexOf('Layer (') > 4) {
    return null;
  }
  const found = TITLES.map(t => ({ ...t, at: head.indexOf(t.title) - shift }))
    .filter(t => t.at > 0)
    .sort((a, b) => a.at - b.at);
  const starts = [0, ...found.map(t => t.at)];
  const columns: TableColumn[] = [
    { title: 'Layer (type)', kind: 'layer' },
    ...found.map(t => ({ title: t.title, kind: t.kind }))
  ];
  const ruleLength = lines.text(header + 1).trim().length;
  const firstLine = tableStart(lines, header, keras0);

  const layers: LayerRow[] = [];
  // The current row's lines (a line's index when it has no frame, else the
  // line with its frame removed) and the first one's frame depth.
  // Reused from row to row (`groupCount` lines in use): a row costs no array.
  const group: GroupLine[] = [];
  let groupCount = 0;
  let groupDepth = 0;
  let groupStart = -1;
  // The joined cells of a row, reused too: `buildRow` does not keep them.
  const cells: string[] = new Array(columns.length);
  const flush = (endLine: number) => {
    if (groupCount > 0) {
      layers.push(
        rowFrom(
          columns,
          starts,
          lines,
          group,
          groupCount,
          cells,
          groupDepth,
          lines.start(groupStart),
          lines.next(endLine),
          mayBeCut
        )
      );
      groupCount = 0;
    }
  };
  // An elision line is a row of its own, dropped by `finish`.
  const elided = (line: number, entry: GroupLine) => {
    groupStart = line;
    groupDepth = 0;
    group[groupCount++] = entry;
    flush(line);
  };
  const breaks = new RowBreaks(columns, starts);
  let i = header + 2;
  const source = lines.source;
  for (; i < lines.length; i++) {
    // Most lines are blank (half the lines of a tf.keras table) or a row's
    // line with no frame whose first character past the indent is no rule
    // character: those are told apart in place, before the line's text is
    // cut out for the other checks.
    const start = lines.start(i);
    const ink = firstInk(source, start, lines.end(i));
    if (ink === -1) {
      flush(i - 1);
      continue;
    }
    const first = source.charCodeAt(ink);
    if (
      source.charCodeAt(start) !== 0x7c /* | */ &&
      first !== 0x3d /* = */ &&
      first !== 0x5f /* _ */ &&
      first !== 0xaf /* ¯ */ &&
      first !== 0x2d /* - */
    ) {
      // Not a rule, no frame: a row's line, unless other output starts.
      if (
        source.charCodeAt(start) !== 0x20 &&
        looksLikeOtherOutput(lines.text(i))
      ) {
        break;
      }
      if (mayStartElision(first) && isElisionLine(lines.text(i))) {
        flush(i - 1);
        elided(i, i);
        continue;
      }
      if (breaks.next(source, start, lines.end(i), groupCount > 0)) {
        flush(i - 1);
      }
      if (groupCount === 0) {
        groupStart = i;
        groupDepth = 0;
      }
      group[groupCount++] = i;
      if (keras0) {
        // One line per row, no separators between them.
        flush(i);
      }
      continue;
    }
    const text = lines.text(i);
    // A blank line (half the lines of a tf.keras table) separates rows.
    if (isBlank(text)) {
      flush(i - 1);
      continue;
    }
    if (isRule(text, closing)) {
      flush(i - 1);
      return finish(columns, layers, firstLine, i, ruleLength, keras0);
    }
    const depth = frameDepth(text);
    const inner = depth === 0 ? text : unframe(text, depth, starts);
    if (isSeparator(inner)) {
      flush(i - 1);
      continue;
    }
    if (depth === 0 && !text.startsWith(' ') && looksLikeOtherOutput(text)) {
      break;
    }
    if (isElisionLine(inner)) {
      flush(i - 1);
      elided(i, depth === 0 ? i : inner);
      continue;
    }
    if (breaks.next(inner, 0, inner.length, groupCount > 0)) {
      flush(i - 1);
    }
    if (groupCount === 0) {
      groupStart = i;
      groupDepth = depth;
    }
    group[groupCount++] = depth === 0 ? i : inner;
    if (keras0) {
      flush(i);
    }
  }
  // A new table cut this one short: the lines above its header (its `_`
  // rule) are the new table's, not this one's last.
  const last =
    i < lines.length && isAsciiHeader(lines.text(i))
      ? Math.max(
          header + 1,
          tableStart(lines, i, !lines.text(i).includes('Layer (type)')) - 1
        )
      : i - 1;
  flush(last);
  const table = finish(columns, layers, firstLine, last, ruleLength, keras0);
  // A model with no layers (its weights its own) gets no rows and so no
  // closing rule: its totals come right after the header's.
  const empty =
    layers.length === 0 &&
    i === header + 2 &&
    i < lines.length &&
    lines.text(i).startsWith('Total params');
  if (!empty) {
    table.warnings.push(
      'The table ends before its closing "=" rule: it may be incomplete.'
    );
  }
  return table;
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

/** A line of a row: its index when it has no frame, else its text with the frame removed. */
type GroupLine = number | string;

/**
 * Where columns start and end on a row line: a string (the whole text for
 * a line with no frame, so that no string is made per line and cell) and
 * the offset of the line's first character in it. Written to `LINE`, not
 * returned: this runs for every line of every row.
 */
function lineRange(lines: Lines, line: GroupLine): void {
  if (typeof line === 'number') {
    LINE.s = lines.source;
    LINE.start = lines.start(line);
    LINE.end = lines.end(line);
  } else {
    LINE.s = line;
    LINE.start = 0;
    LINE.end = line.length;
  }
}

/**
 * `lineRange`'s answer. Its users set `s` back to '' at once: a string kept
 * here would keep the whole input alive between parses.
 */
const LINE = { s: '', start: 0, end: 0 };

function rowFrom(
  columns: TableColumn[],
  starts: number[],
  lines: Lines,
  group: GroupLine[],
  count: number,
  cells: string[],
  depth: number,
  start: number,
  end: number,
  mayBeCut: boolean
): LayerRow {
  const ncols = columns.length;
  if (count === 1) {
    // Most rows fit on one line: cut it at the column starts and trim, in
    // place (one string per cell).
    lineRange(lines, group[0]);
    const s = LINE.s;
    LINE.s = '';
    const base = LINE.start;
    const n = LINE.end - base;
    for (let k = 0; k < ncols; k++) {
      const from = starts[k];
      if (from >= n) {
        cells[k] = '';
        continue;
      }
      const to = k + 1 < starts.length ? Math.min(starts[k + 1], n) : n;
      let a = base + from;
      let b = base + Math.max(from, to);
      while (a < b && isSpace(s.charCodeAt(a))) {
        a++;
      }
      while (b > a && isSpace(s.charCodeAt(b - 1))) {
        b--;
      }
      cells[k] = s.slice(a, b);
    }
    return buildRow(columns, cells, depth, start, end, mayBeCut);
  }
  for (let k = 0; k < ncols; k++) {
    cells[k] = joinAscii(columns[k].kind, lines, group, count, starts, k);
  }
  return buildRow(columns, cells, depth, start, end, mayBeCut);
}

/**
 * The first line of the table: the `_` rule above the header; for Keras 0.3
 * the `-` rule above it, and a Sequential model's `Initial input shape:`
 * line between two more rules above that.
 */
function tableStart(lines: Lines, header: number, keras0: boolean): number {
  const rule = keras0 ? '-' : '_';
  if (header === 0 || !isRule(lines.text(header - 1), rule)) {
    return header;
  }
  if (
    keras0 &&
    header >= 3 &&
    lines.text(header - 2).startsWith('Initial input shape:') &&
    isRule(lines.text(header - 3), rule)
  ) {
    return header - 3;
  }
  return header - 1;
}

/**
 * Join column `k` of a row's lines. tf.keras cuts long text at the column
 * width (a name, or a shape after `),`), so fragments are concatenated as
 * printed; Keras 1/2 put one `Connected to` reference per line, so those get
 * a comma. Fragments are right-trimmed, blank ones dropped; ranges of the
 * lines are read in place, so a row costs no array per column and a fragment one
 * string.
 */
function joinAscii(
  kind: ColumnKind,
  lines: Lines,
  group: GroupLine[],
  count: number,
  starts: number[],
  k: number
): string {
  // How the fragments join, fixed by the first one that is not blank.
  let mode: 'comma' | 'tight' | 'concat' | null = null;
  let out = '';
  for (let r = 0; r < count; r++) {
    lineRange(lines, group[r]);
    const s = LINE.s;
    LINE.s = '';
    const base = LINE.start;
    const n = LINE.end - base;
    const from = starts[k];
    if (from >= n) {
      continue;
    }
    // The fragment `[a, b)`, and its trimmed part `[ta, tb)`.
    const a = base + from;
    const b = base + (k + 1 < starts.length ? Math.min(starts[k + 1], n) : n);
    let ta = a;
    let tb = b;
    while (ta < tb && isSpace(s.charCodeAt(ta))) {
      ta++;
    }
    while (tb > ta && isSpace(s.charCodeAt(tb - 1))) {
      tb--;
    }
    // Blank fragments (most columns of a continuation line) are dropped first.
    if (ta === tb) {
      continue;
    }
    if (mode === null) {
      if (kind === 'connected' && s.charCodeAt(ta) !== 0x5b /* [ */) {
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
    if (mode === 'concat') {
      // Right-trimmed only: what `trimEnd` keeps.
      let e = b;
      while (e > a && isTrailingSpace(s.charCodeAt(e - 1))) {
        e--;
      }
      out += s.slice(a, e);
    } else {
      out += s.slice(ta, tb);
    }
  }
  return mode === 'concat' ? out.trim() : out;
}

function finish(
  columns: TableColumn[],
  rows: LayerRow[],
  firstLine: number,
  lastLine: number,
  ruleLength: number,
  keras0: boolean
): TablePart {
  const warnings: string[] = [];
  const layers = dropElisions(rows, warnings);
  if (keras0) {
    // `Dense (dense)`: the class first, the name in parentheses. Read as the
    // earliest ASCII printers, with Keras 1 (no heading, no Connected to).
    for (const layer of layers) {
      const type = layer.type;
      layer.type = layer.name;
      layer.name = type;
    }
    return {
      format: 'keras1',
      columns,
      layers,
      firstLine,
      lastLine,
      warnings: [...warnings, ...cutWarnings(layers)]
    };
  }
  // Keras 1 always printed `Connected to`, with 100-character rules and no
  // `Model:` heading (the scanner checks the heading). Keras 2.0.0-2.0.8
  // printed functional models the same way: their layer classes tell them
  // apart (Keras 1 had `Convolution2D` and `Merge` where Keras 2 has
  // `Conv2D` and `Concatenate`).
  const keras1 =
    columns.some(c => c.kind === 'connected') &&
    ruleLength === 100 &&
    !layers.some(l => KERAS2_CLASSES.test(l.type));
  return {
    format: keras1 ? 'keras1' : 'keras2',
    columns,
    layers,
    firstLine,
    lastLine,
    warnings: [...warnings, ...cutWarnings(layers)]
  };
}
