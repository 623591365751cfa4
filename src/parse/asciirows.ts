/**
 * Where the rows of an ASCII table start, when a person has edited the text
 * (a summary pasted into a README, Markdown or a comment): the header line
 * indented alone, the lines between rows deleted. Printed output needs
 * neither: its header starts with its rows and its rows are separated by
 * blank lines or `_` rules; both checks then change nothing.
 */
import { firstInk, Lines } from './lines';
import type { TableColumn } from './table';

/**
 * How many columns the header line stands to the right of the table's rows.
 * Every printer starts a header title and its column's cells in the same
 * column (tf.keras >= 2.9 puts one space before both), so this is 0 in
 * printed output; a summary pasted into Markdown or a README by hand can
 * have its first line alone indented, and the header's positions then cut
 * every cell in the wrong place. Measured against the first row's line
 * (a row starts with its name, or a frame for nested rows, which gives 0).
 */
export function headerShift(lines: Lines, header: number): number {
  const head = lines.text(header);
  const before = head.indexOf('Layer (');
  if (before <= 0) {
    return 0;
  }
  for (let i = header + 2; i < lines.length; i++) {
    const ink = firstInk(lines.source, lines.start(i), lines.end(i));
    if (ink !== -1) {
      // A rule (a table of no rows) says nothing of where rows start.
      const c = lines.source[ink];
      return c === '=' || c === '_' || c === '¯' || c === '-'
        ? 0
        : Math.max(0, before - (ink - lines.start(i)));
    }
  }
  return 0;
}

/**
 * Tells, line by line, where a row starts though no separator came first.
 * A row's later lines continue its cells: blank in the first column, or
 * (tf.keras >= 2.9 wraps cells) the rest of a name whose `(Type)` has not
 * closed yet. Printers put a row's count on its first line only (a count
 * wrapped in a narrow Param # column goes on with the first cell blank).
 * So a later line with a name of its own and a count, in a row whose first
 * line had a count and whose `name (Type)` closed, is the next row.
 */
export class RowBreaks {
  constructor(columns: TableColumn[], starts: number[]) {
    this._starts = starts;
    this._paramsAt = columns.findIndex(c => c.kind === 'params');
    this._layerEnd = starts.length > 1 ? starts[1] : 0;
  }

  /**
   * Line text[from, to) of the table, `inRow` when it follows a line of
   * the current row: whether it starts the next row instead. Most lines
   * are settled by the row's state and their first characters: this runs
   * for every line of a table.
   */
  next(text: string, from: number, to: number, inRow: boolean): boolean {
    if (inRow) {
      if (!this._counted) {
        return false;
      }
      if (!this._closed) {
        this._closed = this.nameIn(text, from, to) === 2;
        return false;
      }
      if (firstInk(text, from, Math.min(from + this._layerEnd, to)) === -1) {
        return false;
      }
      if (!this.countIn(text, from, to)) {
        return false;
      }
    }
    this._counted = this.countIn(text, from, to);
    this._closed = this.nameIn(text, from, to) === 2;
    return inRow;
  }

  /** Whether the line's Param # cell starts with a digit. */
  private countIn(text: string, from: number, to: number): boolean {
    const at = this._paramsAt;
    if (at === -1) {
      return false;
    }
    const starts = this._starts;
    const cellEnd = at + 1 < starts.length ? from + starts[at + 1] : to;
    const ink = firstInk(text, from + starts[at], Math.min(cellEnd, to));
    const c = ink === -1 ? 0 : text.charCodeAt(ink);
    return c >= 0x30 && c <= 0x39;
  }

  /** 0: the first cell is blank; 1: it holds text; 2: text ending in `)`. */
  private nameIn(text: string, from: number, to: number): number {
    let k = Math.min(from + this._layerEnd, to) - 1;
    while (k >= from && text.charCodeAt(k) === 0x20) {
      k--;
    }
    return k < from ? 0 : text.charCodeAt(k) === 0x29 ? 2 : 1;
  }

  private readonly _starts: number[];
  private readonly _paramsAt: number;
  private readonly _layerEnd: number;
  // The current row: whether its first line had a count, and whether its
  // `name (Type)` has closed (on that line or a wrapped one after it).
  private _counted = false;
  private _closed = false;
}
