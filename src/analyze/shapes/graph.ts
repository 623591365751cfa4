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
import type { Framework, Shape } from './types';

/** One call: a row's node. */
export interface Call {
  row: number;
  /** Index in `row.nodes`. */
  slot: number;
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
  /** Tensors some call of the scope makes. */
  made: Set<number>;
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
  const sizeIds = kernel.tensors.map((t, id) => {
    const ids = dims?.axes?.[String(id)];
    return (t.shape ?? []).map((_, axis) => ids?.[axis] ?? null);
  });
  const templates = kernel.tensors.map((t, id): Shape | null => {
    if (!t.shape) {
      return null;
    }
    const ids = dims?.axes?.[String(id)];
    // With the kernel's dims, an axis is fixed when no size changes it (a
    // fixed batch of 32 still takes the batch typed); without, when it has a number.
    return t.shape.map((d, axis) => (ids ? (ids[axis] ? null : d) : d));
  });
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
  const nested = new Map<number, Scope>();
  for (const [owner, list] of children) {
    nested.set(owner, scopeOf(owner, list, rows, []));
  }
  return {
    framework: kernel.producer?.framework === 'tf_keras' ? 'tf_keras' : 'keras',
    rows,
    templates,
    sizeIds,
    top: scopeOf(null, topRows, rows, inputs),
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
  given: number[]
): Scope {
  const made = new Map<number, number>(); // tensor → index in calls
  const calls: Call[] = [];
  for (const row of list) {
    rows[row].nodes.forEach((node, slot) => {
      for (const t of node.out) {
        made.set(t, calls.length);
      }
      calls.push({ row, slot });
    });
  }
  const waiting = new Array<number>(calls.length).fill(0);
  const users: number[][] = calls.map(() => []);
  const used = new Set<number>();
  const outside: number[] = [];
  const seenOutside = new Set<number>(given);
  calls.forEach((call, c) => {
    const node = rows[call.row].nodes[call.slot];
    if (node.in.length === 0) {
      // An input layer: its tensor is one of the scope's inputs.
      for (const t of node.out) {
        if (!seenOutside.has(t)) {
          seenOutside.add(t);
          outside.push(t);
        }
      }
    }
    for (const ref of node.in) {
      used.add(ref.tensor);
      const maker = made.get(ref.tensor);
      if (maker === undefined) {
        if (!seenOutside.has(ref.tensor)) {
          seenOutside.add(ref.tensor);
          outside.push(ref.tensor);
        }
      } else if (maker !== c) {
        waiting[c]++;
        users[maker].push(c);
      }
    }
  });
  const order: Call[] = [];
  const queue: number[] = [];
  waiting.forEach((n, c) => n === 0 && queue.push(c));
  for (let head = 0; head < queue.length; head++) {
    const c = queue[head];
    order.push(calls[c]);
    for (const user of users[c]) {
      if (--waiting[user] === 0) {
        queue.push(user);
      }
    }
  }
  const stuck = calls.filter((_, c) => waiting[c] > 0);
  const outputs: number[] = [];
  for (const call of calls) {
    for (const t of rows[call.row].nodes[call.slot].out) {
      if (!used.has(t)) {
        outputs.push(t);
      }
    }
  }
  return {
    owner,
    order,
    stuck,
    inputs: owner === null ? given : outside,
    outputs,
    made: new Set(made.keys())
  };
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
