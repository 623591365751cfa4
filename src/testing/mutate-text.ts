/**
 * Edits of a text line by line, as the parser's property tests make them
 * (test-only): drop or repeat lines, cut a line short, colour it with ANSI
 * codes, end every line with `\r`, turn runs of spaces into tabs, put an
 * odd character (zero-width, right-to-left, combining, astral) in a line,
 * move a line. `TEXT_EDITS` draws a list of them for fast-check.
 */
import * as fc from 'fast-check';

export interface TextEdit {
  /** Which edit (0–7). */
  kind: number;
  /** The line, modulo the line count. */
  at: number;
  /** The edit's own number (how many lines, where to cut, which character). */
  n: number;
}

export const TEXT_EDITS = fc.array(
  fc.record({ kind: fc.nat(7), at: fc.nat(10000), n: fc.nat(1000) }),
  { minLength: 1, maxLength: 6 }
);

export function mutateText(text: string, ops: TextEdit[]): string {
  let lines = text.split('\n');
  for (const op of ops) {
    const i = lines.length ? op.at % lines.length : 0;
    switch (op.kind) {
      case 0:
        lines.splice(i, 1 + (op.n % 3));
        break;
      case 1:
        lines.splice(i, 0, ...lines.slice(i, i + 1 + (op.n % 3)));
        break;
      case 2:
        lines[i] = (lines[i] ?? '').slice(0, op.n % 80);
        break;
      case 3:
        lines[i] = `\x1b[38;5;${op.n % 256}m${lines[i] ?? ''}\x1b[0m`;
        break;
      case 4:
        lines = lines.map(l => l + '\r');
        break;
      case 5:
        lines[i] = (lines[i] ?? '').replace(/ {2,}/g, '\t');
        break;
      case 6:
        lines[i] = (lines[i] ?? '').replace(
          /[a-z]/,
          ['\u200b', '\u202e', 'é', '😀', '\u0301'][op.n % 5]
        );
        break;
      default:
        lines.splice(i, 0, lines[(i + op.n) % lines.length] ?? '');
    }
  }
  return lines.join('\n');
}
