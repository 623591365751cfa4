/**
 * The walk plan of a kernel summary, made once per summary: which calls
 * run in which order (the payload's rows' nodes: each node's `in` tensors
 * to its `out` tensors), nested models as scopes of their own rows, which
 * axes of each tensor the sizes change (the payload's `dims.axes`), and
 * which model input axis each size source sets.
 *
 * Pure and linear in rows + references.
 */
import type {
  Payload,
  PayloadRow,
  PayloadSource
} from '../../parse/payload-types';
import type { Summary } from '../../parse/types';
import { layerRule, ruleFor } from './rules';
import type { Framework, RuleCall, Shape, ShapeRule } from './types';

/**
 * One call: a row's node, with what every walk of it needs made once. It
 * is also what its rule is given (a `RuleCall`): `inputs` is set to the
 * input shapes just before the rule runs.
 */
export interface Call extends RuleCall {
  row: number;
  /** Index in `row.nodes`. */
  slot: number;
  /** The node's index (as Keras numbers calls). */
  node: number;
  /** Its input and output tensors. */
  ins: number[];
  outs: number[];
  /** Its class's rule, if one is known. */
  rule: ShapeRule | undefined;
}

/** A graph to walk: the model's own rows, or a nested model's (expand_nested). */
export interface Scope {
  /** The nested model's row, or null for the model itself. */
  owner: number | null;
  /** The calls in an order where every input is made before it is used. */
  order: Call[];
  /** Calls left out of `order`: their inputs are made in a circle (a malformed payload). */
  stuck: Call[];
  /** Tensors the scope takes from outside (a nested model's inputs, in order). */
  inputs: number[];
  /** Tensors the scope makes and none of its calls uses (a nested model's outputs, in order). */
  outputs: number[];
}

/** A size the user gives: the batch or one open axis of one model input. */
export interface SizeSource {
  id: string;
  kind: 'batch' | 'input';
  /** The model input's name and index (input sources). */
  input: string | null;
  inputIndex: number | null;
  axis: number;
  /** The model input tensors and axes it sets. */
  sets: { tensor: number; axis: number }[];
  /** A fixed size the payload already has there (a fixed batch), used when none is given. */
  fixed: number | null;
  /** Other sources the kernel found it must change with. */
  tied: string[];
}

export interface Plan {
  framework: Framework;
  rows: PayloadRow[];
  /** Per tensor, its shape in the payload with the sizes that change set to null (null: no shape). */
  templates: (Shape | null)[];
  /** Per tensor and axis, the payload's size id (`dims.axes`), null when fixed or not known. */
  sizeIds: (string | null)[][];
  top: Scope;
  /** Row index → the scope of its own rows (nested models shown expanded). */
  nested: Map<number, Scope>;
  sources: SizeSource[];
  /** The model's input tensors, in order. */
  inputs: number[];
}

const plans = new WeakMap<object, Plan>();

const NO_IDS: (string | null)[] = [];
const NO_INPUTS: Shape[] = [];
const NO_SHAPE: Shape = [];
const NO_CONFIG: Record<string, unknown> = {};

/** The plan of a kernel summary (cached), or null when it has no payload facts to walk. */
export function planOf(summary: Summary): Plan | null {
  const kernel = summary.kernel;
  if (!kernel || summary.source !== 'kernel') {
    return null;
  }
  let plan = plans.get(kernel);
  if (!plan) {
    plan = buildPlan(
      kernel,
      summary.layers.map(l => l.kernel as PayloadRow)
    );
    plans.set(kernel, plan);
  }
  return plan;
}

function buildPlan(kernel: Omit<Payload, 'layers'>, rows: PayloadRow[]): Plan {
  const dims = kernel.dims?.status === 'ok' ? kernel.dims : null;
  const n = kernel.tensors.length;
  const sizeIds: (string | null)[][] = new Array(n);
  const templates: (Shape | null)[] = new Array(n);
  for (let id = 0; id < n; id++) {
    const shape = kernel.tensors[id].shape;
    const ids = dims?.axes?.[String(id)];
    const fits = ids && shape && ids.length === shape.length;
    sizeIds[id] = fits ? ids : NO_IDS;
    // With the kernel's dims, an axis is fixed when no size changes it (a
    // fixed batch of 32 still takes the batch typed); without, when it has a number.
    templates[id] = shape
      ? fits
        ? shape.map((d, a) => (ids[a] ? null : d))
        : shape
      : null;
  }
  const children = new Map<number, number[]>();
  const topRows: number[] = [];
  rows.forEach((row, i) => {
    const parent = row?.parent;
    if (parent === null || parent === undefined) {
      topRows.push(i);
    } else {
      const list = children.get(parent) ?? [];
      list.push(i);
      children.set(parent, list);
    }
  });
  const inputs = (kernel.model?.inputs ?? []).map(i => i.tensor);
  const framework: Framework =
    kernel.producer?.framework === 'tf_keras' ? 'tf_keras' : 'keras';
  const rules = new RuleCache();
  const makeCall = (row: number, slot: number): Call => {
    const r = rows[row];
    const node = r.nodes[slot];
    const outs = node.out;
    return {
      row,
      slot,
      node: node.index,
      ins: node.in.map(ref => ref.tensor),
      outs,
      rule: rules.get(r, ruleFor),
      className: r.class,
      inputs: NO_INPUTS,
      outputs: outs.map(t => templates[t] ?? NO_SHAPE),
      config: r.config ?? NO_CONFIG,
      framework,
      ruleOf: layerRule
    };
  };
  const nested = new Map<number, Scope>();
  for (const [owner, list] of children) {
    nested.set(owner, scopeOf(owner, list, rows, [], makeCall, n));
  }
  return {
    framework,
    rows,
    templates,
    sizeIds,
    top: scopeOf(null, topRows, rows, inputs, makeCall, n),
    nested,
    sources: sourcesOf(kernel, inputs),
    inputs
  };
}

/**
 * A scope's calls in dependency order (Kahn's algorithm, ties in printed
 * order), the tensors it takes from outside and those it leaves unused.
 */
function scopeOf(
  owner: number | null,
  list: number[],
  rows: PayloadRow[],
  given: number[],
  makeCall: (row: number, slot: number) => Call,
  tensors: number
): Scope {
  const calls: Call[] = [];
  // Tensor → 1 + the index of the call that makes it (0: none in the scope).
  const made = new Int32Array(tensors);
  for (const row of list) {
    const nodes = rows[row].nodes;
    for (let slot = 0; slot < nodes.length; slot++) {
      const call = makeCall(row, slot);
      for (const t of call.outs) {
        made[t] = calls.length + 1;
      }
      calls.push(call);
    }
  }
  // Each call's users as one flat list (offsets per call): no list per call.
  const waiting = new Int32Array(calls.length);
  const edges: number[] = [];
  const used = new Uint8Array(tensors);
  const outside: number[] = [];
  const seenOutside = new Uint8Array(tensors);
  given.forEach(t => (seenOutside[t] = 1));
  const see = (t: number) => {
    if (!seenOutside[t]) {
      seenOutside[t] = 1;
      outside.push(t);
    }
  };
  for (let c = 0; c < calls.length; c++) {
    const { ins, outs } = calls[c];
    if (ins.length === 0) {
      // An input layer: its tensor is one of the scope's inputs.
      outs.forEach(see);
    }
    for (const t of ins) {
      used[t] = 1;
      const maker = made[t] - 1;
      if (maker < 0) {
        see(t);
      } else if (maker !== c) {
        waiting[c]++;
        edges.push(maker, c);
      }
    }
  }
  const start = new Int32Array(calls.length + 1);
  for (let e = 0; e < edges.length; e += 2) {
    start[edges[e] + 1]++;
  }
  for (let c = 0; c < calls.length; c++) {
    start[c + 1] += start[c];
  }
  const users = new Int32Array(edges.length / 2);
  const fill = start.slice(0, calls.length);
  for (let e = 0; e < edges.length; e += 2) {
    users[fill[edges[e]]++] = edges[e + 1];
  }
  const order: Call[] = [];
  const queue: number[] = [];
  for (let c = 0; c < calls.length; c++) {
    if (waiting[c] === 0) {
      queue.push(c);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const c = queue[head];
    order.push(calls[c]);
    for (let u = start[c]; u < start[c + 1]; u++) {
      if (--waiting[users[u]] === 0) {
        queue.push(users[u]);
      }
    }
  }
  const stuck = calls.filter((_, c) => waiting[c] > 0);
  const outputs: number[] = [];
  for (const call of calls) {
    for (const t of call.outs) {
      if (!used[t]) {
        outputs.push(t);
      }
    }
  }
  return {
    owner,
    order,
    stuck,
    inputs: owner === null ? given : outside,
    outputs
  };
}

/** Rules by class and module, looked up once per pair. */
class RuleCache {
  private readonly found = new Map<
    string,
    Map<string, ShapeRule | undefined>
  >();

  get(row: PayloadRow, lookUp: typeof ruleFor): ShapeRule | undefined {
    const module = row.module ?? '';
    let byClass = this.found.get(module);
    if (!byClass) {
      byClass = new Map();
      this.found.set(module, byClass);
    }
    if (!byClass.has(row.class)) {
      byClass.set(row.class, lookUp(row.class, module));
    }
    return byClass.get(row.class);
  }
}

/** The sizes the user gives, as the kernel's `check_sizes` reads them (`dims.sources`, or the same ids made here). */
function sourcesOf(
  kernel: Omit<Payload, 'layers'>,
  inputs: number[]
): SizeSource[] {
  const shapes = inputs.map(t => kernel.tensors[t]?.shape ?? null);
  const names = (kernel.model?.inputs ?? []).map(i => i.name ?? null);
  const batchSets = inputs
    .map((tensor, i) =>
      shapes[i] && shapes[i].length > 0 ? { tensor, axis: 0 } : null
    )
    .filter((s): s is { tensor: number; axis: number } => s !== null);
  const fixedBatch =
    shapes.find(s => s && typeof s[0] === 'number')?.[0] ?? null;
  const given = kernel.dims?.status === 'ok' ? kernel.dims.sources : undefined;
  const list: PayloadSource[] = given ?? [
    { id: 'batch', kind: 'batch' },
    ...shapes.flatMap((shape, i) =>
      (shape ?? [])
        .map((d, axis) => ({ d, axis }))
        .filter(({ d, axis }) => axis > 0 && d === null)
        .map(({ axis }): PayloadSource => ({
          id: `i${i}.${axis}`,
          kind: 'input',
          input_index: i,
          axis
        }))
    )
  ];
  return list.map(src => {
    if (src.kind === 'batch') {
      return {
        id: src.id,
        kind: 'batch',
        input: null,
        inputIndex: null,
        axis: 0,
        sets: batchSets,
        fixed: typeof fixedBatch === 'number' ? fixedBatch : null,
        tied: src.tied ?? []
      };
    }
    const i = src.input_index ?? -1;
    const axis = src.axis ?? -1;
    return {
      id: src.id,
      kind: 'input',
      input: names[i] ?? null,
      inputIndex: i,
      axis,
      sets:
        i >= 0 && i < inputs.length && axis >= 0
          ? [{ tensor: inputs[i], axis }]
          : [],
      fixed: null,
      tied: src.tied ?? []
    };
  });
}
