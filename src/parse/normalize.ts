/**
 * Turn what a notebook output holds (plain text, text with ANSI escape codes,
 * or the HTML rich writes for Jupyter) into plain text the table readers can
 * scan, keeping a map back to the original offsets so that a summary's span
 * can be cut out of the original text exactly.
 */

/** Plain text plus, for each of its characters, where it came from. */
export interface NormalizedText {
  text: string;
  /**
   * `origin[i]` is the offset in the original input of `text[i]`;
   * `origin[text.length]` is the original length. Null when the text is the
   * input itself (no escape codes, no HTML): then offsets are identical.
   */
  origin: Int32Array | null;
  /** `after[i]`: the offset just past the source of `text[i]` (an entity can be several characters). */
  after: Int32Array | null;
  /** Length of the original input. */
  originalLength: number;
}

export type InputKind = 'text' | 'html';

const ESC = 0x1b;

/** Whether a text is rich-style HTML rather than plain text. */
export function looksLikeHtml(input: string): boolean {
  // rich writes `<pre style="white-space:pre;…">…</pre>`; a plain-text summary
  // never starts with a tag.
  return (
    /^\s*<(pre|div|code|span)[\s>]/i.test(input) &&
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
  const a = norm.after;
  if (!a) {
    return [start, end];
  }
  const n = norm.text.length;
  // A span runs from just past the previous character's source to just past
  // its last character's: escape codes and tags before its first character
  // (e.g. the bold code before `Model:`) belong to it, and consecutive spans
  // never overlap.
  const s = start <= 0 ? 0 : a[start - 1];
  const e = end >= n ? norm.originalLength : end <= 0 ? 0 : a[end - 1];
  return [Math.min(s, e), e];
}

class Builder {
  private chars: string[] = [];
  private offsets: number[] = [];
  private ends: number[] = [];
  /** Add `ch`, decoded from the input's characters `[from, to)`. */
  push(ch: string, from: number, to = from + 1): void {
    // A decoded astral character is two UTF-16 units; both map to its source.
    for (let k = 0; k < ch.length; k++) {
      this.chars.push(ch[k]);
      this.offsets.push(from);
      this.ends.push(to);
    }
  }
  finish(originalLength: number): NormalizedText {
    const origin = new Int32Array(this.offsets.length + 1);
    origin.set(this.offsets);
    origin[this.offsets.length] = originalLength;
    const after = Int32Array.from(this.ends);
    return { text: this.chars.join(''), origin, after, originalLength };
  }
}

/**
 * Drop ANSI escape sequences (CSI `ESC [ … final`, OSC `ESC ] … BEL|ESC \`,
 * and two-character escapes) and turn `\r\n` into `\n`. Lone `\r` are kept:
 * they are progress-bar overwrites, which the readers treat as plain text.
 */
function stripAnsi(input: string): NormalizedText {
  const b = new Builder();
  const n = input.length;
  let i = 0;
  while (i < n) {
    const c = input.charCodeAt(i);
    if (c === ESC) {
      i = skipEscape(input, i);
      continue;
    }
    if (c === 0x0d && input.charCodeAt(i + 1) === 0x0a) {
      i++;
      continue;
    }
    b.push(input[i], i);
    i++;
  }
  return b.finish(n);
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
  const b = new Builder();
  const n = input.length;
  // The next `>` at or after the current position (-1: none left). Cached so
  // that many unclosed `<` cost one scan, not one scan each.
  let close = -2;
  let i = 0;
  while (i < n) {
    const c = input.charCodeAt(i);
    if (c === 0x3c /* < */ && startsTag(input, i)) {
      if (close !== -1 && close <= i) {
        close = input.indexOf('>', i + 1);
      }
      if (close !== -1) {
        const tag = input.slice(i + 1, Math.min(close, i + 4)).toLowerCase();
        if (tag.startsWith('br')) {
          b.push('\n', i, close + 1);
        }
        i = close + 1;
        continue;
      }
    }
    if (c === 0x26 /* & */) {
      const semi = entityEnd(input, i);
      if (semi !== -1) {
        const decoded = decodeEntity(input.slice(i + 1, semi));
        if (decoded !== null) {
          b.push(decoded, i, semi + 1);
          i = semi + 1;
          continue;
        }
      }
    }
    if (c === ESC) {
      i = skipEscape(input, i);
      continue;
    }
    if (c === 0x0d && input.charCodeAt(i + 1) === 0x0a) {
      i++;
      continue;
    }
    b.push(input[i], i);
    i++;
  }
  return b.finish(n);
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
