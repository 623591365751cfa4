/**
 * The framed rows of a nested model in an ASCII table (tf.keras 2.7+,
 * `expand_nested=True`): `|` bars per level at the line's start and end,
 * and, in 2.7 to 2.12, columns that start early (fixtures/BRANCHES.md).
 * The table reader reads such a line through `unframe`, which puts its
 * cells back at the header's positions.
 */
import { trimEnd } from './lines';

/** Leading `|` count: the nesting depth of a framed (nested model) row. */
export function frameDepth(text: string): number {
  let depth = 0;
  while (depth < text.length && text.charCodeAt(depth) === 0x7c /* | */) {
    depth++;
  }
  return depth;
}

/**
 * The line with its frame of `depth` bars removed, its columns at the
 * header's positions. tf.keras 2.13 and later keep a framed row's columns
 * there (the bars become spaces); 2.7 to 2.12 start every column after the
 * first `depth` characters early, so the columns are moved back.
 */
export function unframe(text: string, depth: number, starts: number[]): string {
  let end = trimEnd(text).length;
  let closing = 0;
  while (closing < depth && end > depth && text[end - 1] === '|') {
    end--;
    closing++;
  }
  // Keep positions: the frame's bars become spaces.
  const inner = ' '.repeat(depth) + text.slice(depth, end);
  if (starts.length < 2 || !isShifted(inner, depth, starts)) {
    return inner;
  }
  const at = starts[1] - depth;
  // Where the third column starts in this line, and its width in the header's.
  const end2 = starts.length > 2 ? starts[2] - depth : inner.length;
  const width2 = starts.length > 2 ? starts[2] - starts[1] : 0;
  // A first cell cut as wide as an unframed row's runs past the early
  // column start (`| random_rotation (RandomRota  (None, …`): it ends at
  // the two spaces the printer puts after every cell, and the second
  // cell, pushed right, still ends before the third column.
  if (at > 0 && at < inner.length && inner.charCodeAt(at - 1) !== 0x20) {
    const gap = inner.indexOf('  ', at);
    const cell = (gap === -1 ? inner : inner.slice(0, gap)).trimStart();
    if (gap !== -1 && gap < end2 && cell.length < starts[1]) {
      return (
        (' ' + cell).padEnd(starts[1]) +
        inner.slice(gap, end2).trimStart().padEnd(width2) +
        inner.slice(end2)
      );
    }
  }
  return inner.slice(0, at) + ' '.repeat(depth) + inner.slice(at);
}

/**
 * Whether a framed line's columns start `depth` characters before the
 * header's. Where they are in place, the two characters before a column
 * are always padding (three before the third column on), so text starting
 * just there, after a space, says the columns moved. Deeper than three
 * levels the two cannot be told apart: they are taken as in place.
 */
function isShifted(inner: string, depth: number, starts: number[]): boolean {
  if (depth > 3) {
    return false;
  }
  for (let k = depth === 3 ? 2 : 1; k < starts.length; k++) {
    const at = starts[k] - depth;
    if (
      at > 0 &&
      at < inner.length &&
      inner.charCodeAt(at) !== 0x20 &&
      inner.charCodeAt(at - 1) === 0x20
    ) {
      return true;
    }
  }
  return false;
}
