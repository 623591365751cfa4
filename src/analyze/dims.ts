/**
 * Follow every `None` of a summary from row to row: which open axes are the
 * same dimension (a lineage), and which always have the same size.
 *
 * Axis 0 is the batch. Any other `None` is a variable-length dimension; we
 * follow it from row to row (through `Connected to`, or row order) by
 * matching open axes at the same position, so the dimension a layer receives
 * and passes on keeps one identity. A layer whose output no longer has an
 * open axis it received consumes it (GlobalPooling, Flatten, an RNN without
 * `return_sequences`).
 *
 * A shared layer (called on several inputs) has one row but several calls;
 * `[node][tensor]` references say which call fed which layer, so each call
 * carries its own dimensions: two inputs of different lengths fed through
 * one shared LSTM stay two dimensions (T1, T2).
 *
 * Beside the lineage (what the dimension is), each open axis gets a size
 * (what size it has): a convolution or a pooling passes the height on but
 * may change its size, so a size stops there and a new one (`H′`) starts.
 *
 * How: every open axis of every call is a node; one pass over the rows joins
 * the nodes a row passes on (two union–finds: same dimension, same size),
 * and notes the nodes a row consumes. The nodes of a row are numbered in a
 * row (call by call, in the printed shape's order), so they live in typed
 * arrays: linear in rows + references. Each row's facts are built from them
 * when asked for (rows.ts).
 */
import type { LayerRow, Summary } from '../parse/types';
import { carry, hasOneInputRule } from './carry';
import { feedingShape, RowInput } from './inputs';
import { AXIS_LETTER, AxisKind, axisKind, keepsSize } from './meaning';
import { IntList, UnionFind } from './sets';
import type { LineageFact, SizeFact } from './types';

/** `′`, `″`, `‴`, then `′4`: the sizes layers derive from a dimension. */
const PRIMES = ['′', '″', '‴'];

export function primes(k: number): string {
  return PRIMES[k - 1] ?? `′${k}`;
}

/** The open axes of a summary, joined into lineages and sizes. */
export interface DimGraph {
  summary: Summary;
  inputs: RowInput[][];
  /** Calls per row, and which call each input of a row feeds (null: all call 0). */
  calls: Int32Array;
  callOf: (number[] | null)[];
  /** Row i's open axes (the same in every call) are openStart[i] … openStart[i + 1]. */
  openStart: Int32Array;
  openTensor: Int32Array;
  openAxis: Int32Array;
  /** Row i's nodes: call c's open axis j is nodeStart[i] + c × (open axes) + j. */
  nodeStart: Int32Array;
  /** Each node's lineage (index into `lineages`) and size (index into `sizeIds`). */
  lineageOf: Int32Array;
  sizeOf: Int32Array;
  lineages: LineageFact[];
  /** The axis where each lineage first appears (its origin row's open axis). */
  lineageAxis: Int32Array;
  sizeIds: string[];
  sizes: Record<string, SizeFact>;
  lineageLabels: Record<string, string>;
  sequential: boolean;
}

/**
 * How many calls each row has, and which call each of its inputs feeds.
 *
 * A layer called n times is named with node indexes 0…n-1 by the rows it
 * feeds; Keras lists its own references call by call, so k references split
 * into n equal runs. When they do not split evenly (a reference that did not
 * resolve, a call not used in this model) the row keeps one call.
 */
function callPlan(
  layers: LayerRow[],
  inputs: RowInput[][]
): { calls: Int32Array; callOf: (number[] | null)[] } {
  const n = layers.length;
  const calls = new Int32Array(n).fill(1);
  for (const list of inputs) {
    for (const input of list) {
      if (input.node !== null && input.node + 1 > calls[input.row]) {
        calls[input.row] = input.node + 1;
      }
    }
  }
  const callOf: (number[] | null)[] = new Array(n).fill(null);
  for (let i = 0; i < n; i++) {
    const list = inputs[i];
    const c = calls[i];
    const k = layers[i].connectedTo.length;
    if (
      c > 1 &&
      list.length === k &&
      k % c === 0 &&
      list.every(input => input.ref >= 0)
    ) {
      const per = k / c;
      callOf[i] = list.map(input => Math.floor(input.ref / per));
    } else {
      calls[i] = 1;
    }
  }
  return { calls, callOf };
}

export function buildDimGraph(
  summary: Summary,
  inputs: RowInput[][]
): DimGraph {
  const layers = summary.layers;
  const n = layers.length;
  const { calls, callOf } = callPlan(layers, inputs);

  const openStart = new Int32Array(n + 1);
  const tensorList = new IntList();
  const axisList = new IntList();
  const nodeStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    openStart[i] = tensorList.length;
    layers[i].tensors.forEach((shape, t) => {
      shape.forEach((dim, axis) => {
        if (axis > 0 && dim === null) {
          tensorList.push(t);
          axisList.push(axis);
        }
      });
    });
    const m = tensorList.length - openStart[i];
    nodeStart[i + 1] = nodeStart[i] + calls[i] * m;
  }
  openStart[n] = tensorList.length;
  const openTensor = tensorList.data.subarray(0, tensorList.length);
  const openAxis = axisList.data.subarray(0, axisList.length);
  const nodes = nodeStart[n];
  // Each node's row and open axis.
  const nodeRow = new Int32Array(nodes);
  const nodeOpen = new Int32Array(nodes);
  for (let i = 0; i < n; i++) {
    const m = openStart[i + 1] - openStart[i];
    for (let node = nodeStart[i]; node < nodeStart[i + 1]; node++) {
      nodeRow[node] = i;
      nodeOpen[node] = openStart[i] + ((node - nodeStart[i]) % m);
    }
  }

  /** The tensor and axis of each node in arriving[start … end). */
  const nodeAxes = (start: number, end: number) => {
    const out = [];
    for (let a = start; a < end; a++) {
      const o = nodeOpen[arriving[a]];
      out.push({ tensor: openTensor[o], axis: openAxis[o] });
    }
    return out;
  };
  /** A row's output shapes and open axes, as `carry` reads them. */
  const callOutput = (layer: LayerRow, start: number, m: number) => {
    const open = [];
    for (let j = 0; j < m; j++) {
      open.push({ tensor: openTensor[start + j], axis: openAxis[start + j] });
    }
    return { shapes: layer.tensors, open };
  };
  const same = new UnionFind(nodes);
  const sized = new UnionFind(nodes);
  const consumedNode = new IntList();
  const consumedRow = new IntList();
  let arriving = new Int32Array(16);
  let matched = new Uint8Array(16);
  // The distinct tensors feeding a call: where each one's nodes are in `arriving`.
  const sources: {
    call: number;
    start: number;
    end: number;
    row: number;
    tensor: number | null;
  }[] = [];
  // Per class: whether it keeps sizes, and whether one input needs `carry`.
  const classes = new Map<string, { keeps: boolean; byRule: boolean }>();
  for (let i = 0; i < n; i++) {
    const m = openStart[i + 1] - openStart[i];
    const own = inputs[i];
    const feeds = callOf[i];
    let type: { keeps: boolean; byRule: boolean } | undefined;
    for (let c = 0; c < calls[i]; c++) {
      // Most rows of a deep model receive no open axis: nothing to follow.
      let none = true;
      for (let k = 0; k < own.length && none; k++) {
        const r = own[k].row;
        none =
          (feeds === null ? 0 : feeds[k]) !== c ||
          openStart[r + 1] === openStart[r];
      }
      if (none) {
        continue;
      }
      if (!type) {
        type = classes.get(layers[i].type);
        if (!type) {
          type = {
            keeps: keepsSize(layers[i].type),
            byRule: hasOneInputRule(layers[i].type)
          };
          classes.set(layers[i].type, type);
        }
      }
      const { keeps, byRule } = type;
      // Open dims arriving from the rows that feed this call.
      let count = 0;
      sources.length = 0;
      for (let k = 0; k < own.length; k++) {
        if ((feeds === null ? 0 : feeds[k]) !== c) {
          continue;
        }
        const input = own[k];
        const r = input.row;
        const rm = openStart[r + 1] - openStart[r];
        // The call named by the node index; else the printed (last) one.
        const call =
          input.node !== null && input.node < calls[r]
            ? input.node
            : calls[r] - 1;
        const first = nodeStart[r] + call * rm;
        const start = count;
        for (let j = 0; j < rm; j++) {
          if (
            input.tensor === null ||
            openTensor[openStart[r] + j] === input.tensor
          ) {
            if (count === arriving.length) {
              const grown = new Int32Array(count * 2);
              grown.set(arriving);
              arriving = grown;
              matched = new Uint8Array(count * 2);
            }
            arriving[count++] = first + j;
          }
        }
        if (
          !sources.some(
            x => x.row === r && x.call === call && x.tensor === input.tensor
          )
        ) {
          sources.push({
            call,
            start,
            end: count,
            row: r,
            tensor: input.tensor
          });
        }
      }
      matched.fill(0, 0, count);
      const outFirst = nodeStart[i] + c * m;
      const rule =
        sources.length > 1 || (sources.length === 1 && byRule)
          ? carry(
              layers[i].type,
              callOutput(layers[i], openStart[i], m),
              sources.map(x => ({
                shape: feedingShape(layers[x.row], x.tensor),
                open: nodeAxes(x.start, x.end)
              })),
              keeps
            )
          : null;
      if (rule) {
        // Carried nodes, not positions: a tensor that feeds the call twice
        // (a whole reference and a cut one to the same row) is carried on
        // by one and so not consumed by the other.
        const carried = new Set<number>();
        for (const [j, k, a, sameSize] of rule.joins) {
          const node = arriving[sources[k].start + a];
          same.union(node, outFirst + j);
          if (sameSize) {
            sized.union(node, outFirst + j);
          }
          carried.add(node);
        }
        for (const [k1, a1, k2, a2] of rule.equal) {
          const x = arriving[sources[k1].start + a1];
          const y = arriving[sources[k2].start + a2];
          same.union(x, y);
          sized.union(x, y);
        }
        // Each distinct tensor's axes end here unless carried on.
        for (const x of sources) {
          for (let a = x.start; a < x.end; a++) {
            if (!carried.has(arriving[a])) {
              consumedNode.push(arriving[a]);
              consumedRow.push(i);
            }
          }
        }
        continue;
      }
      for (let j = 0; j < m; j++) {
        const axis = openAxis[openStart[i] + j];
        for (let a = 0; a < count; a++) {
          if (openAxis[nodeOpen[arriving[a]]] === axis) {
            same.union(arriving[a], outFirst + j);
            if (keeps) {
              sized.union(arriving[a], outFirst + j);
            }
            matched[a] = 1;
          }
        }
      }
      for (let a = 0; a < count; a++) {
        if (!matched[a]) {
          consumedNode.push(arriving[a]);
          consumedRow.push(i);
        }
      }
    }
  }

  // Lineage ids in order of their first node (each set's root).
  const lineageOf = new Int32Array(nodes);
  const roots: number[] = [];
  for (let node = 0; node < nodes; node++) {
    const root = same.find(node);
    if (root === node) {
      lineageOf[node] = roots.length;
      roots.push(node);
    } else {
      lineageOf[node] = lineageOf[root];
    }
  }
  const consumers = lineageConsumers(
    roots.length,
    lineageOf,
    consumedNode,
    consumedRow
  );
  // Each lineage's kind is what its origin says (an Input's length becomes
  // an Embedding's timesteps: both are T).
  const kinds: AxisKind[] = roots.map(node => {
    const layer = layers[nodeRow[node]];
    const o = nodeOpen[node];
    return axisKind(layer.tensors[openTensor[o]], openAxis[o], layer.type);
  });
  const labels = lineageLetters(kinds);
  const lineageAxis = Int32Array.from(roots, node => openAxis[nodeOpen[node]]);
  const lineageLabels: Record<string, string> = {};
  const lineages: LineageFact[] = roots.map((node, k) => {
    const origin = nodeRow[node];
    lineageLabels[`v${k}`] = labels[k];
    return {
      id: `v${k}`,
      label: labels[k],
      kind: kinds[k],
      origin,
      consumers: consumers[k],
      fromInput: inputs[origin].length === 0
    };
  });
  lineageLabels.batch = BATCH_LETTER;

  // Sizes: the one holding the lineage's first node takes the lineage's
  // id; the others (started by a layer that may resize) are numbered after
  // it, in order of their first node.
  const sizes: Record<string, SizeFact> = {
    batch: batchSize()
  };
  const sizeIds: string[] = [];
  const sizeOf = new Int32Array(nodes);
  const derivedCount = new Int32Array(roots.length);
  for (let node = 0; node < nodes; node++) {
    const root = sized.find(node);
    if (root !== node) {
      sizeOf[node] = sizeOf[root];
      continue;
    }
    const k = lineageOf[node];
    const main = roots[k] === node;
    const derived = main ? 0 : ++derivedCount[k];
    const id = main ? `v${k}` : `v${k}.${derived}`;
    sizeOf[node] = sizeIds.length;
    sizeIds.push(id);
    sizes[id] = {
      lineage: `v${k}`,
      origin: nodeRow[node],
      derived: !main,
      label: main ? labels[k] : labels[k] + primes(derived),
      exact: false
    };
  }

  return {
    summary,
    inputs,
    calls,
    callOf,
    openStart,
    openTensor,
    openAxis,
    nodeStart,
    lineageOf,
    sizeOf,
    lineages,
    lineageAxis,
    sizeIds,
    sizes,
    lineageLabels,
    sequential: !summary.columns.some(c => c.kind === 'connected')
  };
}

/** The batch's letter (a symbol, like T and H: not translated). */
const BATCH_LETTER = 'B';

export function batchSize(): SizeFact {
  return {
    lineage: 'batch',
    origin: null,
    derived: false,
    label: BATCH_LETTER,
    exact: false
  };
}

/** Each lineage's letter; several lineages with one letter are numbered in order: T1, T2. */
function lineageLetters(kinds: AxisKind[]): string[] {
  const count = new Map<string, number>();
  for (const kind of kinds) {
    const letter = AXIS_LETTER[kind];
    count.set(letter, (count.get(letter) ?? 0) + 1);
  }
  const seen = new Map<string, number>();
  return kinds.map(kind => {
    const letter = AXIS_LETTER[kind];
    const k = (seen.get(letter) ?? 0) + 1;
    seen.set(letter, k);
    return (count.get(letter) ?? 0) > 1 ? `${letter}${k}` : letter;
  });
}

/** Each lineage's consumer rows, ascending and each once. */
function lineageConsumers(
  count: number,
  lineageOf: Int32Array,
  nodes: IntList,
  rows: IntList
): number[][] {
  const lists: number[][] = [];
  for (let k = 0; k < count; k++) {
    lists.push([]);
  }
  for (let p = 0; p < nodes.length; p++) {
    lists[lineageOf[nodes.data[p]]].push(rows.data[p]);
  }
  for (const list of lists) {
    if (list.length > 1) {
      list.sort((a, b) => a - b);
      let w = 1;
      for (let r = 1; r < list.length; r++) {
        if (list[r] !== list[w - 1]) {
          list[w++] = list[r];
        }
      }
      list.length = w;
    }
  }
  return lists;
}
