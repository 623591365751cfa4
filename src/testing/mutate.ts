/**
 * Summaries changed at random (test-only), for checking the analysis on
 * what a table can hold beyond the fixtures: repeated and cut names, cut,
 * renamed and dangling references, shared layers, jumping depths, open
 * axes where the capture had sizes. Each change is one `Edit` of the
 * summary's rows; fast-check draws the edits.
 */
import * as fc from 'fast-check';
import type { LayerRow, Summary } from '../parse/types';

export interface Edit {
  kind: number;
  at: number;
  n: number;
}

export const edits = (max = 8): fc.Arbitrary<Edit[]> =>
  fc.array(
    fc.record({
      kind: fc.nat(11),
      at: fc.nat(10000),
      n: fc.nat(10000)
    }),
    { maxLength: max }
  );

const copy = (row: LayerRow): LayerRow => ({
  ...row,
  tensors: row.tensors.map(t => [...t]),
  connectedTo: [...row.connectedTo],
  cut: row.cut.map(c => ({ ...c }))
});

/** `summary` with `list` applied to its rows, in order (the input is not changed). */
export function mutate(summary: Summary, list: Edit[]): Summary {
  const layers = summary.layers.map(copy);
  for (const { kind, at, n } of list) {
    if (layers.length === 0) {
      break;
    }
    const i = at % layers.length;
    const row = layers[i];
    const other = layers[n % layers.length];
    switch (kind) {
      case 0: {
        // A reference cut with `…` after a few characters.
        const k = row.connectedTo.length ? n % row.connectedTo.length : -1;
        if (k >= 0) {
          const ref = row.connectedTo[k];
          row.connectedTo[k] =
            ref.slice(0, 1 + (n % Math.max(1, ref.length))) + '…';
        }
        break;
      }
      case 1:
        // A name cut with `…` (a narrow first column).
        row.name =
          row.name.slice(0, 1 + (n % Math.max(1, row.name.length))) + '…';
        break;
      case 2:
        // Another row's name: names that repeat.
        row.name = other.name;
        break;
      case 3:
        // A reference to any row, by node and tensor index.
        row.connectedTo.push(`${other.name}[${n % 3}][${(n >> 2) % 2}]`);
        break;
      case 4:
        // A reference that names no row.
        row.connectedTo.push(`missing_${n % 7}[0][0]`);
        break;
      case 5:
        // Drop a reference.
        row.connectedTo.splice(n % Math.max(1, row.connectedTo.length), 1);
        break;
      case 6:
        // An open axis where a size was printed.
        for (const t of row.tensors) {
          if (t.length > 1) {
            t[1 + (n % (t.length - 1))] = null;
          }
        }
        break;
      case 7:
        // Another depth (nested rows, jumps, odd values).
        row.depth = [0, 1, 2, 3, 5, -1, 0.5][n % 7];
        break;
      case 8:
        // Another class: one that keeps sizes, one that changes them, a cut one.
        row.type = [
          'Dense',
          'Conv1D',
          'MaxPooling2D',
          'Add',
          'Concatenate',
          'BatchNormalizatio…',
          'LSTM'
        ][n % 7];
        break;
      case 9:
        // Another row's shape.
        row.tensors = other.tensors.map(t => [...t]);
        row.shapeKind = other.shapeKind;
        break;
      case 10:
        // A repeated row: the same layer printed again below.
        layers.splice(i + 1, 0, copy(row));
        break;
      case 11:
        // A second output tensor.
        if (row.tensors.length > 0) {
          row.tensors.push([...row.tensors[0]]);
        }
        break;
    }
  }
  return { ...summary, layers };
}
