/**
 * The scaled real summaries of `scale.ts` with their `Connected to`
 * references changed, to measure the analysis on each way a reference can
 * reach it:
 *
 * - `printed`: as Keras printed them (tf.keras: whole names; Keras 3 cuts
 *   the long ones with `…`, e.g. `conv2_block1_1_c…`);
 * - `cut`: every reference cut to the first half of its name and `…`, as
 *   rich does in a narrower column (`conv2_b…`): each must be matched to
 *   the nearest earlier row whose name starts so;
 * - `unresolved`: no reference names a row (the names in `Connected to`
 *   upper-cased, as after `layer_range` or renamed rows): each is looked for
 *   and not found.
 *
 * The table keeps its layout (cells keep their width); only the text of the
 * `Connected to` cells changes.
 */
import { Flavour, scaledWith } from './scaled';

export type References = 'printed' | 'cut' | 'unresolved';

export const REFERENCES: References[] = ['printed', 'cut', 'unresolved'];

/** `abc` upper-cased outside `<…>` tags (rich's HTML keeps its spans). */
function upperOutsideTags(s: string): string {
  let out = '';
  let inTag = false;
  for (const ch of s) {
    if (ch === '<') {
      inTag = true;
    } else if (ch === '>') {
      inTag = false;
    }
    out += inTag ? ch : ch.toUpperCase();
  }
  return out;
}

/** The text of a cell without its tags. */
function visible(s: string): string {
  return s.replace(/<[^>]*>/g, '');
}

/** `conv2_block1_1_conv[0][0]` or `conv2_block1_1_c…` → `conv2_b…`. */
function cutName(ref: string): string {
  const name = ref.replace(/…$/, '').replace(/\[[\d[\]]*$/, '');
  return `${name.slice(0, Math.max(3, Math.ceil(name.length / 2)))}…`;
}

/** A box-table row line: change its last cell (`Connected to`). */
function boxLine(line: string, refs: References): string {
  const end = line.lastIndexOf('│');
  const start = end > 0 ? line.lastIndexOf('│', end - 1) : -1;
  if (start < 0 || line.indexOf('│') === start) {
    return line;
  }
  const cell = line.slice(start + 1, end);
  const text = visible(cell).trim();
  if (text === '' || text === '-') {
    return line;
  }
  let next: string;
  if (refs === 'unresolved') {
    next = upperOutsideTags(cell);
  } else {
    const width = visible(cell).length;
    next = ` ${cutName(text)}`.padEnd(width);
  }
  return line.slice(0, start + 1) + next + line.slice(end);
}

/** An ASCII row line: change the references after the `Connected to` column's start. */
function asciiLine(line: string, refs: References, column: number): string {
  if (column < 0 || line.length <= column) {
    return line;
  }
  const tail = line.slice(column);
  const next =
    refs === 'unresolved'
      ? tail.toUpperCase()
      : tail
          .replace(/'([^']+)'/g, (_, ref: string) => `'${cutName(ref)}'`)
          .padEnd(tail.length);
  return line.slice(0, column) + next;
}

/** The captured table scaled to `n` layer rows, its references changed as `refs` says. */
export function scaledRefs(
  flavour: Flavour,
  n: number,
  refs: References
): string {
  if (refs === 'printed') {
    return scaledWith(flavour, n, line => line);
  }
  if (flavour === 'ascii') {
    let column = -1;
    return scaledWith(flavour, n, (line, header) => {
      if (column < 0) {
        column = header.indexOf('Connected to');
      }
      return asciiLine(line, refs, column);
    });
  }
  return scaledWith(flavour, n, line => boxLine(line, refs));
}
