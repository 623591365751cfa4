/**
 * Give every `None` in a summary a role, a meaning and a lineage.
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
 * group (what size it has): a convolution or a pooling passes the height on
 * but may change its size, so a what-if size stops there.
 */
import type { LayerRow, Summary } from '../parse/types';
import { refIndexes, RowInput } from './inputs';
import {
  AXIS_LETTER,
  AxisKind,
  axisKind,
  axisMeaning,
  BATCH_MEANING,
  fixedBatchMeaning,
  keepsSize
} from './meaning';
import type { ParamFormula } from './params/types';
import type {
  CallFacts,
  Connection,
  DimFact,
  LayerFacts,
  SizeGroup,
  SummaryFacts
} from './types';

/** Union–find over open-dimension nodes. */
class UnionFind {
  private parent: number[] = [];
  make(): number {
    this.parent.push(this.parent.length);
    return this.parent.length - 1;
  }
  find(x: number): number {
    let root = x;
    while (this.parent[root] !== root) {
      root = this.parent[root];
    }
    while (this.parent[x] !== root) {
      const next = this.parent[x];
      this.parent[x] = root;
      x = next;
    }
    return root;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) {
      // Keep the older node as root so ids follow row order.
      if (ra < rb) {
        this.parent[rb] = ra;
      } else {
        this.parent[ra] = rb;
      }
    }
  }
}

interface OpenDim {
  tensor: number;
  axis: number;
  node: number;
}

/** How many calls each row has, and which call each of its inputs feeds. */
interface CallPlan {
  calls: number[];
  /** callOf[row][k]: the call fed by inputs[row][k]. */
  callOf: number[][];
}

/**
 * A layer called n times is named with node indexes 0…n-1 by the rows it
 * feeds; Keras lists its own references call by call, so k references split
 * into n equal runs. When they do not split evenly (a reference that did not
 * resolve, a call not used in this model) the row keeps one call.
 */
function callPlan(layers: LayerRow[], inputs: RowInput[][]): CallPlan {
  const calls = layers.map(() => 1);
  for (const list of inputs) {
    for (const input of list) {
      if (input.node !== null && input.node + 1 > calls[input.row]) {
        calls[input.row] = input.node + 1;
      }
    }
  }
  const callOf = inputs.map((list, i) => {
    const n = calls[i];
    const k = layers[i].connectedTo.length;
    const own = list.every(input => input.ref >= 0);
    if (n > 1 && own && list.length === k && k % n === 0) {
      const per = k / n;
      return list.map(input => Math.floor(input.ref / per));
    }
    calls[i] = 1;
    return list.map(() => 0);
  });
  return { calls, callOf };
}

/**
 * The dimension facts of every row, given which rows feed each row
 * (`rowInputs`) and each row's formula (`explainRows`), which go into the
 * facts as they are. `analyzeSummary` (summary.ts) is the entry point.
 */
export function analyzeDims(
  summary: Summary,
  inputs: RowInput[][],
  formulas: (ParamFormula | null)[]
): SummaryFacts {
  const layers = summary.layers;
  const hasConnections = summary.columns.some(c => c.kind === 'connected');
  const plan = callPlan(layers, inputs);
  const lineages = new UnionFind();
  const sizes = new UnionFind();
  // open[row][call]: the open axes of each call's output.
  const open: OpenDim[][][] = [];
  const nodeRow: number[] = [];
  const nodeKind: AxisKind[] = [];
  const consumedAt = new Map<number, number[]>();

  layers.forEach((layer, i) => {
    const calls: OpenDim[][] = [];
    for (let c = 0; c < plan.calls[i]; c++) {
      const outs: OpenDim[] = [];
      layer.tensors.forEach((shape, t) => {
        shape.forEach((dim, axis) => {
          if (axis > 0 && dim === null) {
            const node = lineages.make();
            sizes.make();
            nodeRow.push(i);
            nodeKind.push(axisKind(shape, axis, layer.type));
            outs.push({ tensor: t, axis, node });
          }
        });
      });
      calls.push(outs);
    }
    open.push(calls);
    const keeps = keepsSize(layer.type);
    for (let c = 0; c < calls.length; c++) {
      // Open dims arriving from the rows that feed this call.
      const arriving: OpenDim[] = [];
      inputs[i].forEach((input, k) => {
        if (plan.callOf[i][k] !== c) {
          return;
        }
        const from = open[input.row] ?? [];
        // The call named by the node index; else the printed (last) one.
        const call =
          input.node !== null && input.node < from.length
            ? from[input.node]
            : from[from.length - 1];
        for (const d of call ?? []) {
          if (input.tensor === null || d.tensor === input.tensor) {
            arriving.push(d);
          }
        }
      });
      const matched = new Set<OpenDim>();
      for (const out of calls[c]) {
        for (const inc of arriving) {
          if (inc.axis === out.axis) {
            lineages.union(inc.node, out.node);
            if (keeps) {
              sizes.union(inc.node, out.node);
            }
            matched.add(inc);
          }
        }
      }
      for (const inc of arriving) {
        if (!matched.has(inc)) {
          const list = consumedAt.get(inc.node) ?? [];
          list.push(i);
          consumedAt.set(inc.node, list);
        }
      }
    }
  });

  // Settle each lineage: id, origin row, consumers, letter.
  const rootInfo = new Map<
    number,
    {
      id: string;
      origin: number;
      first: number;
      consumers: Set<number>;
      kind: AxisKind;
    }
  >();
  let nextId = 0;
  for (let node = 0; node < nodeRow.length; node++) {
    const root = lineages.find(node);
    let info = rootInfo.get(root);
    if (!info) {
      info = {
        id: `v${nextId++}`,
        origin: nodeRow[node],
        first: node,
        consumers: new Set(),
        kind: nodeKind[node]
      };
      rootInfo.set(root, info);
    }
    info.origin = Math.min(info.origin, nodeRow[node]);
    for (const row of consumedAt.get(node) ?? []) {
      info.consumers.add(row);
    }
  }
  // Each lineage's kind is what its origin says (an Input's length becomes
  // an Embedding's timesteps: both are T). Several lineages with one letter
  // are numbered in order of appearance: T1, T2.
  const lineageLabels: Record<string, string> = {};
  const counts = new Map<string, number>();
  const ordered = [...rootInfo.values()];
  for (const info of ordered) {
    const letter = AXIS_LETTER[info.kind];
    counts.set(letter, (counts.get(letter) ?? 0) + 1);
  }
  const seen = new Map<string, number>();
  for (const info of ordered) {
    const letter = AXIS_LETTER[info.kind];
    const k = (seen.get(letter) ?? 0) + 1;
    seen.set(letter, k);
    lineageLabels[info.id] =
      (counts.get(letter) ?? 0) > 1 ? `${letter}${k}` : letter;
  }
  lineageLabels.batch = 'B';

  // Size groups: the one holding the lineage's first node takes the
  // lineage's id; the others (started by a layer that may resize) are
  // numbered after it.
  const sizeGroups: Record<string, SizeGroup> = {
    batch: { lineage: 'batch', origin: null, derived: false }
  };
  const sizeIds = new Map<number, string>();
  const derivedCount = new Map<string, number>();
  for (let node = 0; node < nodeRow.length; node++) {
    const root = sizes.find(node);
    if (sizeIds.has(root)) {
      const group = sizeGroups[sizeIds.get(root)!];
      group.origin = Math.min(group.origin ?? nodeRow[node], nodeRow[node]);
      continue;
    }
    const info = rootInfo.get(lineages.find(node))!;
    const main = sizes.find(info.first) === root;
    let id = info.id;
    if (!main) {
      const k = (derivedCount.get(info.id) ?? 0) + 1;
      derivedCount.set(info.id, k);
      id = `${info.id}.${k}`;
    }
    sizeIds.set(root, id);
    sizeGroups[id] = {
      lineage: info.id,
      origin: nodeRow[node],
      derived: !main
    };
  }
  const lineageOf = (node: number) => rootInfo.get(lineages.find(node))!;
  const sizeOf = (node: number) => sizeIds.get(sizes.find(node))!;

  const facts: LayerFacts[] = layers.map((layer, i) => {
    const dims: DimFact[] = [];
    const calls = open[i];
    // The row prints one call's shape: the last one (Keras 3 prints the
    // last node's; tf.keras prints a shape only when all calls agree).
    const printed = calls[calls.length - 1] ?? [];
    const byPosition = new Map(printed.map(d => [`${d.tensor}:${d.axis}`, d]));
    layer.tensors.forEach((shape, t) => {
      const first = shape[0];
      if (first === null || typeof first === 'number') {
        dims.push({
          tensor: t,
          axis: 0,
          role: 'batch',
          value: first,
          meaning: first === null ? BATCH_MEANING : fixedBatchMeaning(first),
          kind: first === null ? 'batch' : 'fixedBatch',
          lineage: 'batch',
          origin: null,
          consumer: null,
          consumers: [],
          fromInput: true,
          sizeGroup: 'batch'
        });
      }
      shape.forEach((dim, axis) => {
        if (axis === 0 || dim !== null) {
          return;
        }
        const d = byPosition.get(`${t}:${axis}`)!;
        const info = lineageOf(d.node);
        const consumers = [...info.consumers].sort((a, b) => a - b);
        const kind = axisKind(shape, axis, layer.type);
        dims.push({
          tensor: t,
          axis,
          role: 'variable',
          value: null,
          meaning: axisMeaning(kind),
          kind,
          lineage: info.id,
          origin: info.origin,
          consumer: consumers.length > 0 ? consumers[0] : null,
          consumers,
          fromInput: inputs[info.origin].length === 0,
          sizeGroup: sizeOf(d.node)
        });
      });
    });
    const callFacts: CallFacts[] = calls.map(outs => ({
      open: outs.map(d => ({
        tensor: d.tensor,
        axis: d.axis,
        lineage: lineageOf(d.node).id,
        sizeGroup: sizeOf(d.node)
      }))
    }));
    const connections: Connection[] = layer.connectedTo.map((text, ref) => {
      const k = inputs[i].findIndex(input => input.ref === ref);
      const { node, tensor } = refIndexes(text);
      return {
        ref,
        row: k >= 0 ? inputs[i][k].row : null,
        node,
        tensor,
        call: k >= 0 ? plan.callOf[i][k] : 0
      };
    });
    return {
      dims,
      inputs: inputs[i].map(x => x.row),
      calls: callFacts.length > 0 ? callFacts : [{ open: [] }],
      connections,
      formula: formulas[i] ?? null
    };
  });

  return {
    layers: facts,
    lineageLabels,
    sizeGroups,
    sequential: !hasConnections
  };
}
