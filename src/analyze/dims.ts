/**
 * Give every `None` in a summary a role, a meaning and a lineage.
 *
 * Axis 0 is the batch. Any other `None` is a variable-length dimension; we
 * follow it from row to row (through `Connected to`, or row order) by
 * matching open axes at the same position, so the dimension a layer receives
 * and passes on keeps one identity. A layer whose output no longer has an
 * open axis it received consumes it (GlobalPooling, Flatten, an RNN without
 * `return_sequences`).
 */
import type { Summary } from '../parse/types';
import { rowInputs } from './inputs';
import {
  AXIS_LETTER,
  AxisKind,
  axisKind,
  axisMeaning,
  BATCH_MEANING,
  fixedBatchMeaning
} from './meaning';
import type { DimFact, LayerFacts, SummaryFacts } from './types';

/** Union–find over open-dimension nodes. */
class Lineages {
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

export function analyzeSummary(summary: Summary): SummaryFacts {
  const layers = summary.layers;
  const hasConnections = summary.columns.some(c => c.kind === 'connected');
  const inputs = rowInputs(layers, hasConnections);
  const lineages = new Lineages();
  const open: OpenDim[][] = [];
  const nodeRow: number[] = [];
  const nodeKind: AxisKind[] = [];
  const consumedAt = new Map<number, number[]>();

  layers.forEach((layer, i) => {
    const outs: OpenDim[] = [];
    layer.tensors.forEach((shape, t) => {
      shape.forEach((dim, axis) => {
        if (axis > 0 && dim === null) {
          const node = lineages.make();
          nodeRow.push(i);
          nodeKind.push(axisKind(shape, axis, layer.type));
          outs.push({ tensor: t, axis, node });
        }
      });
    });
    open.push(outs);
    // Open dims arriving from the rows that feed this one.
    const arriving: OpenDim[] = [];
    for (const input of inputs[i]) {
      for (const d of open[input.row] ?? []) {
        if (input.tensor === null || d.tensor === input.tensor) {
          arriving.push(d);
        }
      }
    }
    const matched = new Set<OpenDim>();
    for (const out of outs) {
      for (const inc of arriving) {
        if (inc.axis === out.axis) {
          lineages.union(inc.node, out.node);
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
  });

  // Settle each lineage: id, origin row, consumers, letter.
  const rootInfo = new Map<
    number,
    { id: string; origin: number; consumers: Set<number>; kind: AxisKind }
  >();
  let nextId = 0;
  for (let node = 0; node < nodeRow.length; node++) {
    const root = lineages.find(node);
    let info = rootInfo.get(root);
    if (!info) {
      info = {
        id: `v${nextId++}`,
        origin: nodeRow[node],
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
  // an Embedding's timesteps: both are T).
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

  const facts: LayerFacts[] = layers.map((layer, i) => {
    const dims: DimFact[] = [];
    const byPosition = new Map(
      open[i].map(d => [`${d.tensor}:${d.axis}`, d.node])
    );
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
          fromInput: true
        });
      }
      shape.forEach((dim, axis) => {
        if (axis === 0 || dim !== null) {
          return;
        }
        const node = byPosition.get(`${t}:${axis}`) as number;
        const info = rootInfo.get(lineages.find(node))!;
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
          fromInput: inputs[info.origin].length === 0
        });
      });
    });
    return { dims, inputs: inputs[i].map(x => x.row) };
  });

  return { layers: facts, lineageLabels, sequential: !hasConnections };
}
