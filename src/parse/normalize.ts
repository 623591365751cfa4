/**
 * Turn what a notebook output holds (plain text, text with ANSI escape codes,
 * or the HTML rich writes for Jupyter) into plain text the table readers can
 * scan, keeping a map back to the original offsets so that a summary's span
 * can be cut out of the original text exactly.
 */
import { grown, lastAtOrBefore } from './lines';

/** Plain text plus, for each of its characters, where it came from. */
export interface NormalizedText {
  text: string;
  /**
   * `origin[i]` is the offset in the original input of `text[i]`;
   * `origin[text.length]` is the original length. Null when the text is the
   * input itself (no escape codes, no HTML): then offsets are identical.
   * Built on first use from `map`.
   */
  readonly origin: Int32Array | null;
  /**
   * `after[i]`: the offset just past the source of `text[i]` (an entity can
   * be several characters). Built on first use from `map`.
   */
  readonly after: Int32Array | null;
  /** The same maps as runs, read without building the arrays; null when `origin` is. */
  readonly map: SpanMap | null;
  /** Length of the original input. */
  originalLength: number;
}

/** Where each unit of a normalized text came from in the input. */
export interface SpanMap {
  /** Input offset of text unit `i`. */
  originAt(i: number): number;
  /** Input offset just past the source of text unit `i`. */
  afterAt(i: number): number;
}

/**
 * Where the characters of a normalized text came from, as runs: a run is
 * either copied from the input unchanged (character `j` of the run is input
 * character `from + j`) or decoded (an entity, a `<br>`: each of its units
 * comes from input `[from, to)`). A lookup is a binary search over the
 * runs, so mapping a few spans back costs nothing per character.
 */
export class OffsetMap implements SpanMap {
  /** Add a run of units copied from input `from`, starting at text unit `at`. */
  copied(at: number, from: number): void {
    const k = this.count - 1;
    // Extend the previous run when it was copied and ends just here.
    if (
      k >= 0 &&
      this.ends[k] === -1 &&
      this.froms[k] + (at - this.starts[k]) === from
    ) {
      return;
    }
    this.add(at, from, -1);
  }

  /** Add a run of units decoded from input `[from, to)`, starting at text unit `at`. */
  decoded(at: number, from: number, to: number): void {
    this.add(at, from, to);
  }

  /** Input offset of text unit `i`. */
  originAt(i: number): number {
    const k = this.runAt(i);
    return this.ends[k] === -1
      ? this.froms[k] + (i - this.starts[k])
      : this.froms[k];
  }

  /** Input offset just past the source of text unit `i`. */
  afterAt(i: number): number {
    const k = this.runAt(i);
    return this.ends[k] === -1
      ? this.froms[k] + (i - this.starts[k]) + 1
      : this.ends[k];
  }

  /** The run holding text unit `i` (the last one starting at or before it). */
  private runAt(i: number): number {
    return lastAtOrBefore(this.starts, i, this.count);
  }

  private add(at: number, from: number, to: number): void {
    if (this.count === this.starts.length) {
      this.starts = grown(this.starts);
      this.froms = grown(this.froms);
      this.ends = grown(this.ends);
    }
    this.starts[this.count] = at;
    this.froms[this.count] = from;
    this.ends[this.count] = to;
    this.count++;
  }

  // Typed arrays, grown by doubling: rich's HTML has a run between every
  // two tags (a million runs at 10,000 layers), and arrays of numbers that
  // size were copied by every young-generation collection of a parse.
  private count = 0;
  private starts = new Int32Array(16);
  private froms = new Int32Array(16);
  /** -1 for a copied run, else the end of the decoded run's source. */
  private ends = new Int32Array(16);
}

/** A normalized text whose offset arrays are built only when asked for. */
export class MappedText implements NormalizedText {
  constructor(
    readonly text: string,
    readonly map: SpanMap,
    readonly originalLength: number
  ) {}

  get origin(): Int32Array {
    if (!this._origin) {
      const n = this.text.length;
      const origin = new Int32Array(n + 1);
      for (let i = 0; i < n; i++) {
        origin[i] = this.map.originAt(i);
      }
      origin[n] = this.originalLength;
      this._origin = origin;
    }
    return this._origin;
  }

  get after(): Int32Array {
    if (!this._after) {
      const n = this.text.length;
      const after = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        after[i] = this.map.afterAt(i);
      }
      this._after = after;
    }
    return this._after;
  }

  private _origin: Int32Array | null = null;
  private _after: Int32Array | null = null;
}

export type InputKind = 'text' | 'html';

const ESC = 0x1b;

/** rich's own opening of a `text/html` output in Jupyter. */
const RICH_PRE = '<pre style="white-space:pre;';

/** Whether a text is rich-style HTML rather than plain text. */
export function looksLikeHtml(input: string): boolean {
  // rich writes `<pre style="white-space:pre;…">…</pre>`; a plain-text summary
  // never starts with a tag. A document that quotes rich's output among
  // other text (nbconvert's Markdown export of a notebook) holds its
  // opening tag, which no printed summary does.
  return (
    (/^\s*<(pre|div|code|span)[\s>]/i.test(input) ||
      input.includes(RICH_PRE)) &&
    /<\/(pre|div|code|span)>/i.test(input)
  );
}

export function normalize(input: string, kind?: InputKind): NormalizedText {
  const asHtml = kind ? kind === 'html' : looksLikeHtml(input);
  if (asHtml) {
    return decodeHtml(input);
  }
  if (input.indexOf('\x1b') === -1 && input.indexOf('\r') === -1) {
    return {
      text: input,
      origin: null,
      after: null,
      map: null,
      originalLength: input.length
    };
  }
  return stripAnsi(input);
}

/** Map a span of the normalized text back to the original input. */
export function originalSpan(
  norm: NormalizedText,
  start: number,
  end: number
): [number, number] {
  const map = norm.map;
  if (!map) {
    return [start, end];
  }
  const n = norm.text.length;
  // A span runs from just past the previous character's source to just past
  // its last character's: escape codes and tags before its first character
  // (e.g. the bold code before `Model:`) belong to it, and consecutive spans
  // never overlap.
  const s = start <= 0 ? 0 : map.afterAt(start - 1);
  const e =
    end >= n ? norm.originalLength : end <= 0 ? 0 : map.afterAt(end - 1);
  return [Math.min(s, e), e];
}

const PARTS_PER_CHUNK = 4096;

/**
 * Builds the plain text and its offset map. Text is copied in runs (one
 * slice per run between tags, entities and escape codes), and the map holds
 * one entry per run, not one per character.
 */
class Builder {
  constructor(private readonly input: string) {}

  /** Add the input's characters `[from, to)` unchanged. */
  copy(from: number, to: number): void {
    if (to <= from) {
      return;
    }
    this.add(this.input.slice(from, to));
    this.map.copied(this.length, from);
    this.length += to - from;
  }

  /** Add `ch`, decoded from the input's characters `[from, to)`. */
  push(ch: string, from: number, to = from + 1): void {
    this.add(ch);
    // A decoded astral character is two UTF-16 units; both map to its source.
    this.map.decoded(this.length, from, to);
    this.length += ch.length;
  }

  finish(originalLength: number): NormalizedText {
    this.chunks.push(this.parts.join(''));
    return new MappedText(this.chunks.join(''), this.map, originalLength);
  }

  /**
   * Runs are joined into a chunk every PARTS_PER_CHUNK: rich's HTML has
   * millions of runs at 100,000 layers, and a list of them all (a string
   * object each, most of them slices that keep the input alive) took more
   * memory than the input itself.
   */
  private add(part: string): void {
    this.parts.push(part);
    if (this.parts.length === PARTS_PER_CHUNK) {
      this.chunks.push(this.parts.join(''));
      this.parts.length = 0;
    }
  }

  private readonly parts: string[] = [];
  private readonly chunks: string[] = [];
  private readonly map = new OffsetMap();
  private length = 0;
}

/**
 * Drop ANSI escape sequences (CSI `ESC [ … final`, OSC `ESC ] … BEL|ESC \`,
 * and two-character escapes) and turn `\r\n` into `\n`. Lone `\r` are kept:
 * they are progress-bar overwrites, which the readers treat as plain text.
 */
function stripAnsi(input: string): NormalizedText {
  const b = new Builder(input);
  const n = input.length;
  // Start of the run of characters kept as they are.
  let run = 0;
  const next = new Finder(input, ['\x1b', '\r']);
  let i = next.from(0);
  while (i !== -1) {
    const after = skipControl(input, i);
    if (after === -1) {
      i = next.from(i + 1);
    } else {
      b.copy(run, i);
      run = after;
      i = after < n ? next.from(after) : -1;
    }
  }
  b.copy(run, n);
  return b.finish(n);
}

/**
 * What both decoders drop at `i`: an escape sequence, or the `\r` of a
 * `\r\n` (the `\n` starts the next run). Returns the index just after it,
 * or -1 when the character at `i` is kept.
 */
function skipControl(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === ESC) {
    return skipEscape(s, i);
  }
  if (c === 0x0d && s.charCodeAt(i + 1) === 0x0a) {
    return i + 1;
  }
  return -1;
}

/** Index just after the escape sequence starting at `i`. */
function skipEscape(s: string, i: number): number {
  const n = s.length;
  const next = s.charCodeAt(i + 1);
  if (next === 0x5b /* [ */) {
    let j = i + 2;
    // Parameter and intermediate bytes, then one final byte in @–~.
    while (j < n) {
      const d = s.charCodeAt(j);
      if (d >= 0x40 && d <= 0x7e) {
        return j + 1;
      }
      if (d < 0x20 || d > 0x3f) {
        // Not a well-formed CSI: drop only the ESC and the bracket.
        return j;
      }
      j++;
    }
    return n;
  }
  if (next === 0x5d /* ] */) {
    let j = i + 2;
    while (j < n) {
      const d = s.charCodeAt(j);
      if (d === 0x07) {
        return j + 1;
      }
      if (d === ESC && s.charCodeAt(j + 1) === 0x5c) {
        return j + 2;
      }
      if (d === 0x0a) {
        return j;
      }
      j++;
    }
    return n;
  }
  return Math.min(n, i + 2);
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' '
};

/**
 * Text content of an HTML fragment: tags dropped, entities decoded, ANSI
 * codes (which should not be there, but cost nothing) dropped.
 */
function decodeHtml(input: string): NormalizedText {
  const b = new Builder(input);
  const n = input.length;
  // The next `>` at or after the current position (-1: none left). Cached so
  // that many unclosed `<` cost one scan, not one scan each.
  let close = -2;
  // Start of the run of characters kept as they are.
  let run = 0;
  // Next occurrences of the characters that may start something to drop or
  // decode, found with indexOf (native) rather than a loop over every
  // character: rich's HTML is mostly text between tags.
  const next = new Finder(input, ['<', '&', '\x1b', '\r', '\0']);
  let i = next.from(0);
  while (i !== -1) {
    const c = input.charCodeAt(i);
    let after = -1;
    if (c === 0) {
      // A browser drops NUL from the text of a page's body: so do we, or
      // the text we read would hold a character no one sees.
      b.copy(run, i);
      after = i + 1;
    } else if (c === 0x3c /* < */ && startsTag(input, i)) {
      if (close !== -1 && close <= i) {
        close = input.indexOf('>', i + 1);
      }
      if (close !== -1) {
        b.copy(run, i);
        if (isBrTag(input, i, close)) {
          b.push('\n', i, close + 1);
        }
        after = close + 1;
      }
    } else if (c === 0x26 /* & */) {
      const semi = entityEnd(input, i);
      if (semi !== -1) {
        const decoded = decodeEntity(input.slice(i + 1, semi));
        if (decoded !== null) {
          b.copy(run, i);
          b.push(decoded, i, semi + 1);
          after = semi + 1;
        }
      }
    } else {
      after = skipControl(input, i);
      if (after !== -1) {
        b.copy(run, i);
      }
    }
    if (after === -1) {
      // Kept as text: part of the run.
      i = next.from(i + 1);
    } else {
      run = after;
      i = after < n ? next.from(after) : -1;
    }
  }
  b.copy(run, n);
  return b.finish(n);
}

/** Whether the tag `input[lt, close]` is a `<br…>` (any case). */
function isBrTag(input: string, lt: number, close: number): boolean {
  return (
    lt + 2 < close &&
    (input.charCodeAt(lt + 1) | 0x20) === 0x62 /* b */ &&
    (input.charCodeAt(lt + 2) | 0x20) === 0x72 /* r */
  );
}

/** The first of several characters at or after a position, by indexOf. */
class Finder {
  constructor(
    private readonly input: string,
    private readonly chars: string[]
  ) {
    this.at = chars.map(ch => input.indexOf(ch));
  }

  /** The first position `>= from` holding one of the characters, or -1. */
  from(from: number): number {
    let best = -1;
    for (let k = 0; k < this.at.length; k++) {
      let p = this.at[k];
      if (p !== -1 && p < from) {
        p = this.input.indexOf(this.chars[k], from);
        this.at[k] = p;
      }
      if (p !== -1 && (best === -1 || p < best)) {
        best = p;
      }
    }
    return best;
  }

  private readonly at: number[];
}

/** Index of the `;` closing an entity that starts at `i`, looking at most 10 characters ahead. */
function entityEnd(s: string, i: number): number {
  const limit = Math.min(s.length, i + 11);
  for (let j = i + 1; j < limit; j++) {
    const c = s.charCodeAt(j);
    if (c === 0x3b /* ; */) {
      return j;
    }
    const alnum =
      (c >= 0x30 && c <= 0x39) ||
      (c >= 0x41 && c <= 0x5a) ||
      (c >= 0x61 && c <= 0x7a) ||
      c === 0x23;
    if (!alnum) {
      return -1;
    }
  }
  return -1;
}

/** A `<` opens a tag when a letter, `/` or `!` follows it. */
function startsTag(s: string, i: number): boolean {
  const c = s.charCodeAt(i + 1);
  return (
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    c === 0x2f ||
    c === 0x21
  );
}

function decodeEntity(name: string): string | null {
  if (name.startsWith('#')) {
    const hex = name[1] === 'x' || name[1] === 'X';
    const code = parseInt(name.slice(hex ? 2 : 1), hex ? 16 : 10);
    if (!Number.isFinite(code) || code < 0 || code > 0x10ffff) {
      return null;
    }
    return String.fromCodePoint(code);
  }
  return Object.prototype.hasOwnProperty.call(NAMED_ENTITIES, name)
    ? NAMED_ENTITIES[name]
    : null;
}
