/**
 * Find every Keras summary in a text: scan its lines for headings, tables
 * (rich box tables and ASCII tables) and totals lines, then join the parts
 * that belong together. Pure: no DOM, no JupyterLab.
 */
import { isAsciiHeader, readAsciiTable } from './ascii';
import { isAsciiBoxTop, readAsciiBoxTable } from './asciibox';
import { CUT_MARK } from './cells';
import { canContinue, mergeSummaries } from './group';
import { blockEnd, DedentedBlock, indentedHeader } from './indent';
import { isBlank, isRule, Lines, splitLines } from './lines';
import {
  InputKind,
  normalize,
  NormalizedText,
  originalSpan
} from './normalize';
import {
  applyTotalsLine,
  emptyTotals,
  printsSizes,
  readHeading,
  readTotalsLine
} from './parts';
import { isKeras3Top, readKeras3Table } from './keras3';
import { stripLinePrefixes } from './lineprefix';
import type { TablePart } from './table';
import type { ParseResult, Summary, SummaryFormat } from './types';

export interface ParseOptions {
  /** How to read the input; detected from the text when omitted. */
  kind?: InputKind;
}

/**
 * A text handed over to the parser, which lets go of it (sets `text` to
 * '') once it has decoded it. A rich HTML input is only read to be decoded
 * into plain text, and at 100,000 layers its string (~130 MB as UTF-16)
 * would otherwise stay alive beside the decoded text, the rows and the
 * report: the CLI's peak memory. The caller must hold no other reference to
 * the string.
 */
export interface HandedText {
  text: string;
  /**
   * Called when the parser has let go of a text it decoded into a new one
   * (HTML, ANSI codes): the CLI has the old one collected then, before the
   * rows are built, since V8 would not collect it on its own before the heap
   * had grown past it.
   */
  released?: () => void;
}

const EMPTY_MATCH = /(?:)/;

/**
 * Normalize the input; a handed-over text is let go of once decoded, and
 * `released` is true when it was decoded into a new string (so the old one
 * can be collected once this frame, which holds it, has returned).
 */
function decodeInput(
  input: string | HandedText,
  kind: InputKind | undefined
): { decoded: NormalizedText; released: boolean } {
  if (typeof input === 'string') {
    return { decoded: normalize(input, kind), released: false };
  }
  const text = input.text;
  const decoded = normalize(text, kind);
  input.text = '';
  if (decoded.text === text) {
    return { decoded, released: false };
  }
  // V8 keeps the subject of the last successful regular-expression match
  // alive (for `RegExp.lastMatch`), and the HTML check matched on the
  // input: a match on an empty string lets go of it.
  EMPTY_MATCH.test('');
  return { decoded, released: true };
}

/** Parse a text and check each summary's numbers. */
export function parseText(
  input: string | HandedText,
  options: ParseOptions = {}
): ParseResult {
  return { summaries: parseParts(input, options).map(withChecks) };
}

/**
 * Parse a text into summaries without the final checks, for callers that
 * merge parts from several texts first (notebook outputs).
 */
export function parseParts(
  input: string | HandedText,
  options: ParseOptions = {}
): Summary[] {
  const found = readParts(input, options);
  // Keras prints totals lines alone only as rich's pieces in Jupyter (an
  // output each, with byte sizes); elsewhere they follow their table in the
  // same text. So totals lines beside a table they do not continue (the
  // program's own `print('Total params:', …)`), or without sizes and no
  // table (torchsummary's totals, a table that could not be read), are
  // text, not a summary.
  return found.some(s => s.parts.table)
    ? found.filter(s => !totalsAlone(s))
    : found.filter(s => !totalsAlone(s) || printsSizes(s.totals));
}

/** The parts of a text, each as a summary, as the readers found them. */
function readParts(
  input: string | HandedText,
  options: ParseOptions
): Summary[] {
  const { decoded, released } = decodeInput(input, options.kind);
  if (released && typeof input !== 'string') {
    input.released?.();
  }
  // Rich output (HTML, or ANSI colours) is Keras 3's when no table says otherwise.
  const rich =
    decoded.map !== null && decoded.text.length !== decoded.originalLength;
  // Lines logged through absl (tf.keras with interactive logging off) are
  // read without their prefixes.
  const norm = stripLinePrefixes(decoded);
  const lines = splitLines(norm.text);
  // Without a `…` anywhere, no cell was cut: the readers skip the check per cell.
  const mayBeCut = norm.text.includes(CUT_MARK);
  const found: Summary[] = [];
  let current: Summary | null = null;
  // True when text that is not part of a summary came after `current`.
  let interrupted = false;

  const add = (part: Summary) => {
    if (current && !interrupted && canContinue(current, part)) {
      current = mergeSummaries(current, part, true);
    } else {
      if (current) {
        found.push(current);
      }
      current = part;
    }
    interrupted = false;
  };

  for (let i = 0; i < lines.length; i++) {
    const text = lines.text(i);
    if (isBlank(text)) {
      continue;
    }
    const model = readHeading(text);
    if (model !== null) {
      add(
        partSummary(norm, lines, i, i, rich ? 'keras3' : 'keras2', { model })
      );
      continue;
    }
    // An ASCII table quoted with an indent (at its `_` rule or its header).
    const header = isRule(text, '_') ? i + 1 : i;
    const indent =
      header < lines.length && text.length > 0
        ? indentedHeader(lines, header)
        : 0;
    if (indent > 0) {
      const last = blockEnd(lines, i, indent);
      for (const part of readIndented(norm, lines, i, last, indent)) {
        add(part);
      }
      i = last;
      continue;
    }
    const table = readTableAt(lines, i, text, mayBeCut);
    if (table) {
      // An ASCII table's `_` rule above its header belongs to it.
      add(tableSummary(norm, lines, table));
      i = table.lastLine;
      continue;
    }
    if (
      (isRule(text, '_') || isRule(text, '-')) &&
      i + 1 < lines.length &&
      isAsciiHeader(lines.text(i + 1))
    ) {
      continue;
    }
    const totals = readTotalsLine(text);
    if (totals) {
      // Keras 3 indents its totals lines by one space; Keras 1/2 do not.
      const format: SummaryFormat =
        text.startsWith(' ') || rich ? 'keras3' : 'keras2';
      const part = partSummary(norm, lines, i, i, format, {});
      applyTotalsLine(part.totals, totals);
      part.parts = { heading: false, table: false, totals: true };
      add(part);
      continue;
    }
    const s = current as Summary | null;
    if (
      s &&
      !interrupted &&
      s.parts.totals &&
      s.format !== 'keras3' &&
      (isRule(text, '_') || isRule(text, '-'))
    ) {
      // Keras 1/2 close a summary with a `_` rule under the totals (Keras
      // 0.3 with a `-` rule).
      const [, end] = originalSpan(norm, lines.start(i), lines.next(i));
      s.end = end;
      continue;
    }
    interrupted = true;
  }
  if (current) {
    found.push(current);
  }
  return found;
}

/** A summary of totals lines only: no heading, no table. */
function totalsAlone(s: Summary): boolean {
  return s.parts.totals && !s.parts.table && !s.parts.heading;
}

/** The table readers, each with the test of the line its tables start at. */
const TABLE_READERS: [
  (text: string) => boolean,
  (lines: Lines, top: number, mayBeCut: boolean) => TablePart | null
][] = [
  [isKeras3Top, readKeras3Table],
  [isAsciiBoxTop, readAsciiBoxTable],
  [isAsciiHeader, readAsciiTable]
];

/** The table that starts at line `i` (its text `text`), or null. */
function readTableAt(
  lines: Lines,
  i: number,
  text: string,
  mayBeCut: boolean
): TablePart | null {
  for (const [starts, read] of TABLE_READERS) {
    if (starts(text)) {
      const table = read(lines, i, mayBeCut);
      if (table) {
        return table;
      }
    }
  }
  return null;
}

/**
 * The summaries of lines `[first, last]`, read without their indent, with
 * their spans (and their rows') in the input's offsets.
 */
function readIndented(
  norm: NormalizedText,
  lines: Lines,
  first: number,
  last: number,
  indent: number
): Summary[] {
  const block = new DedentedBlock(lines, first, last, indent);
  const span = (start: number, end: number) =>
    originalSpan(norm, block.start(start), block.end(end));
  const parts = readParts(block.text, { kind: 'text' });
  for (const part of parts) {
    [part.start, part.end] = span(part.start, part.end);
    for (const layer of part.layers) {
      [layer.start, layer.end] = span(layer.start, layer.end);
    }
  }
  return parts;
}

function partSummary(
  norm: NormalizedText,
  lines: Lines,
  first: number,
  last: number,
  format: SummaryFormat,
  fields: { model?: string }
): Summary {
  const [start, end] = originalSpan(norm, lines.start(first), lines.next(last));
  return {
    format,
    model: fields.model ?? null,
    start,
    end,
    columns: [],
    layers: [],
    totals: emptyTotals(),
    parts: { heading: fields.model !== undefined, table: false, totals: false },
    warnings: []
  };
}

function tableSummary(
  norm: NormalizedText,
  lines: Lines,
  table: TablePart
): Summary {
  const summary = partSummary(
    norm,
    lines,
    table.firstLine,
    table.lastLine,
    table.format,
    {}
  );
  summary.columns = table.columns;
  summary.layers = table.layers;
  if (norm.map) {
    const layers = summary.layers;
    for (let i = 0; i < layers.length; i++) {
      const layer = layers[i];
      const [start, end] = originalSpan(norm, layer.start, layer.end);
      layer.start = start;
      layer.end = end;
    }
  }
  summary.parts = { heading: false, table: true, totals: false };
  summary.warnings = table.warnings;
  return summary;
}

/** Add warnings about numbers that do not add up, and settle the format. */
export function withChecks(summary: Summary): Summary {
  const warnings = [...summary.warnings];
  const t = summary.totals;
  if (summary.format === 'keras1' && summary.model !== null) {
    // Keras 1 printed no `Model:` heading; an ASCII table with one is Keras 2.
    summary = { ...summary, format: 'keras2' };
  }
  if (t.total !== null && t.trainable !== null && t.nonTrainable !== null) {
    const parts = t.trainable + t.nonTrainable + (t.optimizer ?? 0);
    if (parts !== t.total) {
      warnings.push(
        `Total params (${t.total}) is not trainable + non-trainable` +
          `${t.optimizer !== null ? ' + optimizer' : ''} params (${parts}).`
      );
    }
  }
  // The model's own layers (depth 0): how many, whether each has a count,
  // and their sum, in one pass (no array of them).
  let topCount = 0;
  let allCounted = true;
  let sum = 0;
  // Param # cells that hold text but no count: Keras prints a number in
  // every one, so the columns of a hand-edited text do not line up there.
  let unread = 0;
  let firstUnread = -1;
  const layers = summary.layers;
  for (let i = 0; i < layers.length; i++) {
    const l = layers[i];
    if (l.params === null && l.paramsText !== '') {
      unread++;
      firstUnread = firstUnread === -1 ? i : firstUnread;
    }
    if (l.depth === 0) {
      topCount++;
      if (l.params === null) {
        allCounted = false;
      } else {
        sum += l.params;
      }
    }
  }
  if (unread > 0) {
    const l = layers[firstUnread];
    warnings.push(
      `${unread} Param # ${unread === 1 ? 'cell' : 'cells'} could not be read as a count ` +
        `(${JSON.stringify(l.paramsText)} in the row of ${l.name}): the text's columns may not line up with its header.`
    );
  }
  // The model's weights: without the optimizer's, which Keras 3 adds to its total.
  const weights =
    t.trainable !== null && t.nonTrainable !== null
      ? t.trainable + t.nonTrainable
      : t.total;
  if (
    summary.parts.table &&
    topCount === 0 &&
    weights !== null &&
    weights > 0
  ) {
    warnings.push(
      `The table lists no layers, but the model has ${weights} params: ` +
        'weights a subclassed model holds itself (add_weight, tf.Variable) are in no layer.'
    );
  } else if (
    summary.parts.table &&
    topCount > 0 &&
    allCounted &&
    t.trainable !== null &&
    t.nonTrainable !== null
  ) {
    if (sum !== weights) {
      warnings.push(
        `The layers' params add up to ${sum}, but the model has ${weights} ` +
          '(a layer_range, shared layers or unbuilt layers can cause this).'
      );
    }
  }
  return { ...summary, warnings };
}
