/**
 * Each row's facts, built from the summary's dimension graph (dims.ts)
 * when asked for: its dimensions, its calls, its connections. A row the
 * kernel described exactly (`LayerRow.exactAxes`) takes `source` and `size`
 * from there; every other row's are inferred from the text.
 */
import type { ExactAxis, LayerRow } from '../parse/types';
import { DimGraph, primes } from './dims';
import { refIndexes, RowInput } from './inputs';
import {
  axisKind,
  axisMeaning,
  BATCH_MEANING,
  fixedBatchMeaning
} from './meaning';
import type { CallFacts, Connection, DimFact, DimSource } from './types';

/** Exact sizes are kept apart from inferred ones (`v0`, `v0.1`) by this prefix. */
const EXACT = 'k:';

/** What the analysis adds to the graph for the kernel's exact facts. */
export interface ExactSizes {
  /** Row index of each model input, by name (for `source`). */
  inputRows: Map<string, number>;
}

/**
 * Add the sizes the kernel gave to `graph.sizes` (each with the lineage
 * and row where it first appears, and its letter); nothing for parsed text.
 */
export function addExactSizes(graph: DimGraph): ExactSizes {
  const layers = graph.summary.layers;
  const inputRows = new Map<string, number>();
  if (!layers.some(l => l.exactAxes)) {
    return { inputRows };
  }
  layers.forEach((layer, i) => {
    if (graph.inputs[i].length === 0 && !inputRows.has(layer.name)) {
      inputRows.set(layer.name, i);
    }
  });
  const derived = new Map<string, number>();
  const mains = new Set<string>();
  layers.forEach((layer, i) => {
    forEachDim(graph, i, (t, axis, node) => {
      const exact = layer.exactAxes?.[t]?.[axis];
      if (!exact || exact.source === 'batch' || axis === 0) {
        return;
      }
      const id = exactSize(exact);
      if (graph.sizes[id]) {
        return;
      }
      const lineage = node >= 0 ? graph.lineages[graph.lineageOf[node]] : null;
      const key = lineage?.id ?? '';
      const main = !mains.has(key);
      mains.add(key);
      const k = main ? 0 : (derived.get(key) ?? 0) + 1;
      derived.set(key, k);
      const letter = lineage?.label ?? 'N';
      graph.sizes[id] = {
        lineage: lineage?.id ?? '',
        origin: i,
        derived: !main,
        label: main ? letter : letter + primes(k),
        exact: true
      };
    });
  });
  return { inputRows };
}

/**
 * Calls `each(tensor, axis, node)` for every dimension of row i in the
 * printed order (a `None` or fixed batch at axis 0, every `None` after);
 * `node` is the open axis's node in the printed (last) call, -1 at axis 0.
 */
function forEachDim(
  graph: DimGraph,
  i: number,
  each: (tensor: number, axis: number, node: number) => void
): void {
  const m = graph.openStart[i + 1] - graph.openStart[i];
  let node = graph.nodeStart[i] + (graph.calls[i] - 1) * m;
  graph.summary.layers[i].tensors.forEach((shape, t) => {
    const first = shape[0];
    if (first === null || typeof first === 'number') {
      each(t, 0, -1);
    }
    shape.forEach((dim, axis) => {
      if (axis > 0 && dim === null) {
        each(t, axis, node++);
      }
    });
  });
}

/** Row i's dimensions: every `None`, and axis 0 when it holds a fixed batch size. */
export function rowDims(
  graph: DimGraph,
  exactSizes: ExactSizes,
  i: number
): DimFact[] {
  const layer = graph.summary.layers[i];
  const dims: DimFact[] = [];
  forEachDim(graph, i, (t, axis, node) => {
    const shape = layer.tensors[t];
    const exact = layer.exactAxes?.[t]?.[axis] ?? null;
    const fact =
      node < 0
        ? batchFact(t, shape[0] as number | null)
        : variableFact(graph, layer, shape, t, axis, node);
    if (exact) {
      applyExact(graph, exactSizes, fact, exact);
    }
    dims.push(fact);
  });
  return dims;
}

/**
 * The distinct dimension facts of a summary, numbered in order of first
 * appearance: most rows of a deep model repeat a few facts (the batch, a
 * timestep dimension), so a report says each once and rows list indexes.
 */
export class DimTable {
  readonly facts: DimFact[] = [];
  private ids = new Map<string, number>();
  /** The id of the batch of a row's only output, once known. */
  private batchOnly = -1;

  constructor(
    private readonly graph: DimGraph,
    private readonly exactSizes: ExactSizes
  ) {}

  /** Row i's dimensions (as `rowDims` gives them), as indexes into `facts`. */
  row(i: number): number[] {
    const graph = this.graph;
    const layer = graph.summary.layers[i];
    const ids: number[] = [];
    if (layer.exactAxes) {
      for (const d of rowDims(graph, this.exactSizes, i)) {
        ids.push(this.idOf(factKey(d), () => d));
      }
      return ids;
    }
    const tensors = layer.tensors;
    if (
      tensors.length === 1 &&
      graph.openStart[i + 1] === graph.openStart[i] &&
      tensors[0][0] === null
    ) {
      // Most rows of a deep model: one output, and its only None the batch.
      if (this.batchOnly < 0) {
        this.batchOnly = this.idOf('0,0,null', () => batchFact(0, null));
      }
      ids.push(this.batchOnly);
      return ids;
    }
    // A fact of a row without exact axes is its tensor, axis, kind and
    // size: the size gives the lineage, and the lineage the source.
    forEachDim(graph, i, (t, axis, node) => {
      const shape = layer.tensors[t];
      if (node < 0) {
        const value = shape[0] as number | null;
        ids.push(this.idOf(`${t},0,${value}`, () => batchFact(t, value)));
      } else {
        const kind = axisKind(shape, axis, layer.type);
        ids.push(
          this.idOf(`${t},${axis},${kind},${graph.sizeOf[node]}`, () =>
            variableFact(graph, layer, shape, t, axis, node)
          )
        );
      }
    });
    return ids;
  }

  private idOf(key: string, make: () => DimFact): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.facts.length;
      this.ids.set(key, id);
      this.facts.push(make());
    }
    return id;
  }
}

/** Everything a fact holds that can differ between facts (for exact ones). */
function factKey(d: DimFact): string {
  const s = d.source;
  const where =
    s === null || s === undefined || s === 'batch'
      ? String(s)
      : `${s.row}:${s.axis}:${s.input}`;
  return `=${d.tensor},${d.axis},${d.kind},${d.value},${d.lineage},${d.size},${d.exact},${where}`;
}

/** The fact of axis 0: the batch (`value` null) or a fixed batch size. */
export function batchFact(tensor: number, value: number | null): DimFact {
  return {
    tensor,
    axis: 0,
    role: 'batch',
    value,
    meaning: value === null ? BATCH_MEANING : fixedBatchMeaning(value),
    kind: value === null ? 'batch' : 'fixedBatch',
    lineage: 'batch',
    origin: null,
    consumer: null,
    consumers: [],
    fromInput: true,
    sizeGroup: 'batch',
    source: 'batch',
    size: 'batch',
    sizeOrigin: null,
    exact: false
  };
}

function variableFact(
  graph: DimGraph,
  layer: LayerRow,
  shape: LayerRow['tensors'][number],
  tensor: number,
  axis: number,
  node: number
): DimFact {
  const k = graph.lineageOf[node];
  const lineage = graph.lineages[k];
  const kind = axisKind(shape, axis, layer.type);
  const size = graph.sizeIds[graph.sizeOf[node]];
  return {
    tensor,
    axis,
    role: 'variable',
    value: null,
    meaning: axisMeaning(kind),
    kind,
    lineage: lineage.id,
    origin: lineage.origin,
    consumer: lineage.consumers.length > 0 ? lineage.consumers[0] : null,
    consumers: lineage.consumers,
    fromInput: lineage.fromInput,
    sizeGroup: size,
    source: inferredSource(graph, k),
    size,
    sizeOrigin: graph.sizes[size].origin,
    exact: false
  };
}

/**
 * A lineage that starts at a model input derives from that input's axis;
 * one that starts at a row fed by nothing else (the first layer of a
 * Sequential model, whose input is not printed) from its input's, by
 * position.
 */
function inferredSource(graph: DimGraph, k: number): DimSource | null {
  const lineage = graph.lineages[k];
  if (!lineage.fromInput || lineage.origin === null) {
    return null;
  }
  const row = lineage.origin;
  const layer = graph.summary.layers[row];
  const axis = graph.lineageAxis[k];
  return layer.type.trim() === 'InputLayer'
    ? { input: layer.name, row, axis }
    : { input: null, row: null, axis };
}

function applyExact(
  graph: DimGraph,
  exactSizes: ExactSizes,
  fact: DimFact,
  exact: ExactAxis
): void {
  fact.exact = true;
  if (exact.source === 'batch' || fact.axis === 0) {
    fact.source = 'batch';
    fact.size = 'batch';
    fact.sizeOrigin = null;
  } else {
    fact.source = exact.source
      ? {
          input: exact.source.input,
          row: exactSizes.inputRows.get(exact.source.input) ?? null,
          axis: exact.source.axis
        }
      : null;
    fact.size = exactSize(exact);
    fact.sizeOrigin = graph.sizes[fact.size]?.origin ?? null;
  }
  fact.sizeGroup = fact.size;
}

/**
 * Row i's calls: the open axes of each call's output, with their lineage
 * and size (the kernel's, for the printed call of a row it described).
 */
export function rowCalls(graph: DimGraph, i: number): CallFacts[] {
  const m = graph.openStart[i + 1] - graph.openStart[i];
  const exactAxes = graph.summary.layers[i].exactAxes;
  const calls: CallFacts[] = [];
  for (let c = 0; c < graph.calls[i]; c++) {
    const open = [];
    const printed = c === graph.calls[i] - 1;
    for (let j = 0; j < m; j++) {
      const o = graph.openStart[i] + j;
      const node = graph.nodeStart[i] + c * m + j;
      const tensor = graph.openTensor[o];
      const axis = graph.openAxis[o];
      const exact = printed ? exactAxes?.[tensor]?.[axis] : undefined;
      const size = exact ? exactSize(exact) : graph.sizeIds[graph.sizeOf[node]];
      open.push({
        tensor,
        axis,
        lineage: graph.lineages[graph.lineageOf[node]].id,
        size,
        sizeGroup: size
      });
    }
    calls.push({ open });
  }
  return calls;
}

/** The size id of an exact axis. */
function exactSize(exact: ExactAxis): string {
  return exact.source === 'batch' ? 'batch' : EXACT + exact.size;
}

/** The row's `Connected to` references, resolved. */
export function rowConnections(
  row: LayerRow,
  inputs: RowInput[],
  feeds: number[] | null
): Connection[] {
  const refs = row.connectedTo;
  if (refs.length === 0) {
    return [];
  }
  // The first input read from each reference.
  const inputOf = new Int32Array(refs.length).fill(-1);
  inputs.forEach((input, k) => {
    if (input.ref >= 0 && input.ref < refs.length && inputOf[input.ref] < 0) {
      inputOf[input.ref] = k;
    }
  });
  return refs.map((text, ref) => {
    const k = inputOf[ref];
    const { node, tensor } = refIndexes(text);
    return {
      ref,
      row: k >= 0 ? inputs[k].row : null,
      node,
      tensor,
      call: k >= 0 && feeds !== null ? feeds[k] : 0
    };
  });
}
