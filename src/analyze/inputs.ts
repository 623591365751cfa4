/**
 * Which rows feed each row: the rows named in `Connected to` for functional
 * models, and the previous row at the same nesting depth otherwise. The first
 * row inside an expanded nested model is fed by its parent's inputs.
 */
import { referencedLayer } from '../parse/cells';
import type { LayerRow } from '../parse/types';
import { layerDepth } from './nesting';

export interface RowInput {
  /** Index of the feeding row. */
  row: number;
  /** Which of its output tensors (from `[node][tensor]`), or null for all. */
  tensor: number | null;
  /** Which call of the feeding layer (the node index of `[node][tensor]`), or null when not printed. */
  node: number | null;
  /** Index of the reference in the row's `connectedTo`, or -1 for an input taken from row order. */
  ref: number;
}

export function rowInputs(
  layers: LayerRow[],
  hasConnections: boolean
): RowInput[][] {
  const result: RowInput[][] = layers.map(() => []);
  // latest[d]: the most recent row at depth d (deeper entries are dropped
  // whenever a shallower row closes their block).
  const latest: number[] = [];
  const byName = new Map<string, number>();
  const byBlockName = new Map<string, number>();

  layers.forEach((layer, i) => {
    // A depth may jump by more than one; never past the blocks open now.
    const d = Math.min(layerDepth(layer), latest.length);
    const parent = d > 0 ? latest[d - 1] : -1;
    if (hasConnections && layer.connectedTo.length > 0) {
      layer.connectedTo.forEach((ref, k) => {
        const name = referencedLayer(ref);
        // A name inside the same nested model first, then model-wide.
        const row =
          byBlockName.get(`${parent}\u0000${name}`) ??
          byName.get(name) ??
          cutMatch(layers, i, ref, name);
        if (row !== undefined && row !== i) {
          result[i].push({
            row,
            tensor: tensorIndex(ref),
            node: refIndexes(ref).node,
            ref: k
          });
        }
      });
    } else if (!hasConnections || d > 0) {
      const prev = latest[d];
      if (prev !== undefined && prev > parent) {
        result[i].push({ row: prev, tensor: null, node: null, ref: -1 });
      } else if (parent >= 0) {
        // The first layer of a nested model sees what its parent sees.
        result[i] = [...result[parent]];
      }
    }
    latest[d] = i;
    latest.length = d + 1;
    byBlockName.set(`${parent}\u0000${layer.name}`, i);
    if (!byName.has(layer.name)) {
      byName.set(layer.name, i);
    }
  });
  return result;
}

/** How far back a cut reference is looked for (it is nearly always close). */
const CUT_LOOKBACK = 2000;

/**
 * rich cuts long references (`conv2_block1_1_c…`) and long names alike:
 * take the nearest earlier row whose name and the reference agree on their
 * common, uncut start.
 */
function cutMatch(
  layers: LayerRow[],
  i: number,
  ref: string,
  name: string
): number | undefined {
  if (
    !ref.includes('…') &&
    !layers.some(
      (l, k) => k < i && k >= i - CUT_LOOKBACK && l.name.endsWith('…')
    )
  ) {
    return undefined;
  }
  const prefix = name.replace(/…$/, '');
  if (prefix === '') {
    return undefined;
  }
  for (let k = i - 1; k >= 0 && k >= i - CUT_LOOKBACK; k--) {
    const candidate = layers[k].name.replace(/…$/, '');
    if (
      candidate.startsWith(prefix) ||
      (layers[k].name.endsWith('…') && prefix.startsWith(candidate))
    ) {
      return k;
    }
  }
  return undefined;
}

function tensorIndex(ref: string): number | null {
  const m = /\[(\d+)\]$/.exec(ref);
  return m ? Number(m[1]) : null;
}

/**
 * The node index (which call of the layer) and the tensor index (which
 * output of that call) of a reference `name[node][tensor]`, as far as they
 * were printed: a reference cut with `…` may keep only the node index.
 */
export function refIndexes(ref: string): {
  node: number | null;
  tensor: number | null;
} {
  const cut = ref.endsWith('…');
  const text = cut ? ref.slice(0, -1) : ref;
  if (!cut) {
    const both = /\[(\d+)\]\[(\d+)\]$/.exec(text);
    return both
      ? { node: Number(both[1]), tensor: Number(both[2]) }
      : { node: null, tensor: null };
  }
  // `name[0]…` or `name[0][…`: the node index survived the cut.
  const node = /\[(\d+)\](?:\[\d*)?$/.exec(text);
  return { node: node ? Number(node[1]) : null, tensor: null };
}
