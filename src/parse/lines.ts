/** A text cut into lines, each knowing its offsets in that text. */

export interface Line {
  /** The line without its newline (and without a `\r` before it). */
  text: string;
  /** Offset of the first character. */
  start: number;
  /** Offset just after the line's newline (or the text's end). */
  next: number;
}

export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  const n = text.length;
  while (start < n) {
    let nl = text.indexOf('\n', start);
    const next = nl === -1 ? n : nl + 1;
    if (nl === -1) {
      nl = n;
    }
    let end = nl;
    if (end > start && text.charCodeAt(end - 1) === 0x0d) {
      end--;
    }
    lines.push({ text: text.slice(start, end), start, next });
    start = next;
  }
  return lines;
}

/** True for a line holding only spaces and tabs. */
export function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) {
      return false;
    }
  }
  return true;
}

/** True when `s`, trimmed, is `min` or more repeats of `ch` and nothing else. */
export function isRule(s: string, ch: string, min = 10): boolean {
  let count = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === ch) {
      count++;
    } else if (c !== ' ' && c !== '\t' && c !== '\r') {
      return false;
    }
  }
  return count >= min;
}

/** `s` without trailing white space (linear; a `\s+$` regex can backtrack). */
export function trimEnd(s: string): string {
  let end = s.length;
  while (end > 0) {
    const c = s.charCodeAt(end - 1);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x0a && c !== 0xa0) {
      break;
    }
    end--;
  }
  return end === s.length ? s : s.slice(0, end);
}
