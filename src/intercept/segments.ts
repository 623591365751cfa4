/**
 * Pure helpers for the wrappers: the cheap check that an output may hold a
 * summary, whether a parsed summary is ready to be shown as a table, and how
 * a text splits into the text around summaries and the summaries themselves.
 * No DOM, no JupyterLab.
 */
import { normalize, parseText } from '../parse';
import type { InputKind, Summary, SummaryFormat } from '../parse';

/**
 * Strings every summary piece holds at least one of: the column header of
 * Keras 1/2/3 tables, rich's top-left corner, the `Model:` heading and the
 * totals lines. Without any of them an output is not ours: a few `indexOf`
 * calls and nothing else.
 */
const MARKERS = ['Layer (type)', '\u250f' /* ┏ */, 'Model: ', 'params:'];

export function mayHoldSummary(text: string): boolean {
  for (const m of MARKERS) {
    if (text.indexOf(m) !== -1) {
      return true;
    }
  }
  return false;
}

/** The longest marker: a marker cut by a chunk boundary is at most this long minus one. */
const MARKER_SPAN = MARKERS.reduce((max, m) => Math.max(max, m.length), 0);

/**
 * A stream seen chunk by chunk. JupyterLab hands a stream renderer the
 * whole text for every chunk, and a stream only grows at its end (a `\r`
 * or `\b` rewrites its last line, never an earlier one). The text up to its
 * last newline is remembered, and the next text, when it starts with it
 * (one native comparison), is new only from there: a long log costs a
 * comparison per chunk, not searches through all of it.
 */
class GrowingText {
  /** Where `text` is new since the text remembered (0: all of it). */
  protected _newFrom(text: string): number {
    const head = this._head;
    return head.length > 0 && text.startsWith(head) ? head.length : 0;
  }

  /** Remember `text` up to its last newline (or nothing). */
  protected _remember(text: string | null): void {
    this._head = text ? text.slice(0, text.lastIndexOf('\n') + 1) : '';
  }

  private _head = '';
}

/** `mayHoldSummary` for a growing stream: only what is new is searched. */
export class StreamMarkers extends GrowingText {
  mayHoldSummary(text: string): boolean {
    // A marker may start just before the end of what was searched.
    const from = Math.max(0, this._newFrom(text) - (MARKER_SPAN - 1));
    let found = false;
    for (const m of MARKERS) {
      if (text.indexOf(m, from) !== -1) {
        found = true;
        break;
      }
    }
    // Remember only a text with no marker: one with a marker gets parsed,
    // which costs far more than searching it.
    this._remember(found ? null : text);
    return found;
  }
}

/**
 * Whether a growing stream may have gained a whole table. A table becomes
 * whole only with its closing line (an ASCII table's `=` rule, Keras 0.3's
 * `-` rule, a box table's `└` border), so while a stream shows no table, a text whose new
 * part brings neither character cannot make one appear: the parse is
 * skipped. A summary printed line by line (tf.keras 2) is then parsed a
 * handful of times instead of once per line.
 */
export class TableCloseWatch extends GrowingText {
  mayClose(text: string): boolean {
    const from = this._newFrom(text);
    this._remember(text);
    return (
      text.indexOf('=', from) !== -1 ||
      text.indexOf('└', from) !== -1 ||
      // Keras 0.3 closed its table with a `-` rule.
      text.indexOf('---', from) !== -1
    );
  }
}

/**
 * The parser marks a table whose closing border (rich) or closing `=` rule
 * (ASCII) has not arrived with a warning "The table ends before its …".
 */
export function isCutShort(summary: Summary): boolean {
  return summary.warnings.some(w => w.indexOf('ends before its') !== -1);
}

/**
 * A summary that holds a whole table: what the interactive view can show.
 * A table of no rows is whole too once closed (a model whose weights are
 * its own, or one with no layers yet): the view says so beside its totals.
 */
export function hasWholeTable(summary: Summary): boolean {
  return summary.parts.table && !isCutShort(summary);
}

/** Text with ANSI escape codes (text) or tags and entities (html) removed. */
export function plainText(source: string, kind: InputKind): string {
  return normalize(source, kind).text;
}

/** Parse, keeping only summaries of the formats asked for. */
export function findSummaries(
  text: string,
  kind: InputKind,
  formats: ReadonlyArray<SummaryFormat>
): Summary[] {
  return parseText(text, { kind }).summaries.filter(s =>
    formats.includes(s.format)
  );
}

export interface TextSegment {
  kind: 'text';
  start: number;
  end: number;
}

export interface SummarySegment {
  kind: 'summary';
  start: number;
  end: number;
  summary: Summary;
}

export type Segment = TextSegment | SummarySegment;

/**
 * Cut `text` into the summaries to show as tables and the text around them.
 * Summaries for which `show` is false stay part of the text. Blank lines
 * next to a summary go with it (the view has its own spacing), and text
 * segments holding only whitespace are dropped: apart from whitespace, the
 * segments cover every character of `text`, in order.
 */
export function splitText(
  text: string,
  summaries: ReadonlyArray<Summary>,
  show: (s: Summary) => boolean
): Segment[] {
  const segments: Segment[] = [];
  let at = 0;
  const pushText = (start: number, end: number) => {
    if (segments.length > 0) {
      // Blank lines just after a summary.
      const lead = /^(?:[ \t]*\r?\n)+/.exec(
        text.slice(start, Math.min(end, start + 4096))
      );
      start += lead ? lead[0].length : 0;
    }
    if (end < text.length) {
      // Blank lines just before a summary (the last line keeps its newline).
      const tail = /\n(?:[ \t]*\r?\n)+$/.exec(
        text.slice(Math.max(start, end - 4096), end)
      );
      end -= tail ? tail[0].length - 1 : 0;
    }
    if (end > start && /\S/.test(text.slice(start, end))) {
      segments.push({ kind: 'text', start, end });
    }
  };
  for (const summary of summaries) {
    if (!show(summary) || summary.start < at || summary.end <= summary.start) {
      continue;
    }
    pushText(at, summary.start);
    segments.push({
      kind: 'summary',
      start: summary.start,
      end: summary.end,
      summary
    });
    at = summary.end;
  }
  pushText(at, text.length);
  return segments;
}

/**
 * Parses a growing stream. JupyterLab hands a stream renderer the whole text
 * on every chunk; once the last summary is closed (a line of ordinary text
 * came after it) and the newly appended text holds no marker, the summaries
 * cannot change, so the parse is skipped: a long training log printed after
 * a summary costs a prefix comparison per chunk, not a parse of everything.
 */
export class StreamParser {
  summaries(text: string, formats: ReadonlyArray<SummaryFormat>): Summary[] {
    const formatsKey = formats.join(',');
    if (
      this._closedAt >= 0 &&
      formatsKey === this._formatsKey &&
      text.length >= this._text.length &&
      text.startsWith(this._text) &&
      !mayHoldSummary(
        text.slice(Math.max(this._closedAt, this._text.length - 16))
      )
    ) {
      this._text = text;
      return this._summaries;
    }
    const summaries = findSummaries(text, 'text', formats);
    this._text = text;
    this._formatsKey = formatsKey;
    this._summaries = summaries;
    this._closedAt = closedAt(text, summaries);
    return summaries;
  }

  private _text = '';
  private _formatsKey = '';
  private _summaries: Summary[] = [];
  private _closedAt = -1;
}

/**
 * The end of the last summary when ordinary text has followed it (a whole,
 * non-blank line that is not a rule) and nothing after it looks like a
 * summary; -1 otherwise.
 */
function closedAt(text: string, summaries: Summary[]): number {
  if (summaries.length === 0) {
    return -1;
  }
  const end = summaries[summaries.length - 1].end;
  const tail = text.slice(end);
  if (mayHoldSummary(tail)) {
    return -1;
  }
  const lastNewline = tail.lastIndexOf('\n');
  if (lastNewline === -1) {
    return -1;
  }
  const plain = plainText(tail.slice(0, lastNewline), 'text');
  for (const line of plain.split('\n')) {
    if (/[^\s_=\-\u2500-\u257f]/.test(line)) {
      return end;
    }
  }
  return -1;
}
