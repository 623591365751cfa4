/**
 * A text cut into lines. Offsets live in typed arrays and a line's text is
 * sliced when asked for: a summary of 100,000 layers has 300,000 lines, and
 * an object per line, kept for the whole parse, was a quarter of what the
 * garbage collector had to copy and mark.
 */
export class Lines {
  constructor(readonly source: string) {
    const n = source.length;
    let count = 0;
    for (let at = 0; at < n; count++) {
      const nl = source.indexOf('\n', at);
      at = nl === -1 ? n : nl + 1;
    }
    this.length = count;
    this._starts = new Int32Array(count);
    this._ends = new Int32Array(count);
    this._nexts = new Int32Array(count);
    let start = 0;
    for (let i = 0; i < count; i++) {
      const nl = source.indexOf('\n', start);
      const next = nl === -1 ? n : nl + 1;
      let end = nl === -1 ? n : nl;
      // The line without its newline, and without a `\r` before it.
      if (end > start && source.charCodeAt(end - 1) === 0x0d) {
        end--;
      }
      this._starts[i] = start;
      this._ends[i] = end;
      this._nexts[i] = next;
      start = next;
    }
  }

  /** Number of lines. */
  readonly length: number;

  /** Line `i` without its newline (and without a `\r` before it). */
  text(i: number): string {
    return this.source.slice(this._starts[i], this._ends[i]);
  }

  /** Offset of line `i`'s first character. */
  start(i: number): number {
    return this._starts[i];
  }

  /** Offset just after line `i`'s last character (before its newline and any `\r`). */
  end(i: number): number {
    return this._ends[i];
  }

  /** Offset just after line `i`'s newline (or the text's end). */
  next(i: number): number {
    return this._nexts[i];
  }

  private readonly _starts: Int32Array;
  private readonly _ends: Int32Array;
  private readonly _nexts: Int32Array;
}

export function splitLines(text: string): Lines {
  return new Lines(text);
}

/*
 * Why these helpers slice and call native string methods instead of looping
 * over character codes: a line is a slice of the whole text, and in V8 a
 * loop of charCodeAt over such a slice runs several times slower than
 * String.prototype.trim or a string comparison over the same characters,
 * even counting the short-lived slices they make. Blank lines, blank cells
 * and the padding around cells are most of a summary's characters.
 */

/** Strings of spaces by length, made as needed (`SPACES[n]` is n spaces). */
const SPACES: string[] = [''];

/** A string of `n` spaces (n < 512), from the table. */
function spaces(n: number): string {
  while (SPACES.length <= n) {
    SPACES.push(' '.repeat(SPACES.length));
  }
  return SPACES[n];
}

/** Whether `s` is only spaces (U+0020), by one native comparison. */
function allSpaces(s: string): boolean {
  return s.length < 512 && s === spaces(s.length);
}

/**
 * Offset of the first character of `s[from, to)` that is not a space, tab
 * or `\r` (what `isBlank` skips), or -1 when there is none. A line with
 * text shows it within its first few characters: read in place. Past those,
 * a blank line (half the lines of a tf.keras table) is answered by one
 * native comparison with a string of spaces, faster than reading on.
 */
export function firstInk(s: string, from: number, to: number): number {
  const head = Math.min(to, from + 8);
  for (let i = from; i < head; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) {
      return i;
    }
  }
  if (head === to || allSpaces(s.slice(head, to))) {
    return -1;
  }
  for (let i = head; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) {
      return i;
    }
  }
  return -1;
}

/** True for a line holding only spaces and tabs. */
export function isBlank(s: string): boolean {
  // A line with text shows it within its first few characters (table rows
  // start with one space): answered by the loop at once. Past those, one
  // comparison with a string of spaces answers for a blank line.
  const head = Math.min(s.length, 8);
  for (let i = 0; i < head; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) {
      return false;
    }
  }
  if (head === s.length || allSpaces(s)) {
    return true;
  }
  for (let i = head; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) {
      return false;
    }
  }
  return true;
}

/** True when `s`, trimmed, is `min` or more repeats of `ch` and nothing else. */
export function isRule(s: string, ch: string, min = 10): boolean {
  const code = ch.charCodeAt(0);
  let count = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === code) {
      count++;
    } else if (c !== 0x20 && c !== 0x09 && c !== 0x0d) {
      return false;
    }
  }
  return count >= min;
}

/**
 * `s` without trailing spaces, tabs, line breaks and no-break spaces
 * (linear; a `\s+$` regex can backtrack). Other white space is kept.
 */
export function trimEnd(s: string): string {
  // The native trimEnd drops every kind of white space; keep what this one
  // does not drop. The usual tail is plain spaces: one comparison says so.
  const t = s.trimEnd();
  if (t.length === s.length || allSpaces(s.slice(t.length))) {
    return t;
  }
  let end = s.length;
  while (end > 0 && isTrailingSpace(s.charCodeAt(end - 1))) {
    end--;
  }
  return end === s.length ? s : s.slice(0, end);
}

/** What `trimEnd` drops: spaces, tabs, line breaks, no-break spaces. */
export function isTrailingSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a || c === 0xa0;
}

/** White space as `String.prototype.trim` and `\s` see it, by character code. */
export function isSpace(c: number): boolean {
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x3000 ||
    c === 0xfeff ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f
  );
}

/**
 * The index of the last of the ascending `starts` (the first `count` of
 * them) at or before `offset`, 0 when none is: which line, run or joined
 * text holds an offset.
 */
export function lastAtOrBefore(
  starts: ArrayLike<number>,
  offset: number,
  count = starts.length
): number {
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return lo;
}

/** A copy of `a` twice as long: how the offset arrays of a parse grow. */
export function grown(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
