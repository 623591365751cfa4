/**
 * The state of one walk of a kernel summary's graph and what changes it:
 * a tensor's shape set, sizes noted under their ids, a size looked up by id
 * (or registered as unknown), a call recorded or blocked.
 */
import { isSize, type Sizes } from '../whatif';
import type { Call, Plan } from './graph';
import type {
  CallShapes,
  CallVia,
  ExactShapes,
  RowFlag,
  Shape,
  ShapeFlag,
  UnknownSize
} from './types';

export interface Walk {
  plan: Plan;
  sizes: Map<string, number>;
  shapes: (Shape | null)[];
  done: boolean[];
  blocked: boolean[];
  needs: string[][];
  /** Size id → its size in this walk. */
  known: Map<string, number>;
  /** Size ids some rule or source gives (whatever their value). */
  ruled: Set<string>;
  rows: CallShapes[][];
  flags: RowFlag[];
  flagged: Set<string>;
  /** Every flag raised (also again, for a nested model called twice). */
  raised: RowFlag[];
  unknowns: Map<string, UnknownSize>;
  /** `key tensor.axis` of every axis listed under an unknown size. */
  unknownAxes: Set<string>;
  result: ExactShapes;
  depth: number;
  /** The input shapes of the call whose rule runs (one list, reused). */
  inputs: Shape[];
}

/** A walk of `plan` with `sizes`, nothing walked yet. */
export function startWalk(
  plan: Plan,
  sizes: Sizes | null | undefined,
  result: ExactShapes
): Walk {
  const n = plan.templates.length;
  return {
    plan,
    sizes: validSizes(sizes),
    shapes: new Array(n).fill(null),
    done: new Array(n).fill(false),
    blocked: new Array(n).fill(false),
    needs: new Array(n).fill(NONE),
    known: new Map(),
    ruled: new Set(),
    rows: result.rows,
    flags: result.flags,
    flagged: new Set(),
    raised: [],
    unknowns: new Map(),
    unknownAxes: new Set(),
    result,
    depth: 0,
    inputs: []
  };
}

/** The empty list of sizes a tensor waits for (shared: needs lists are replaced, never changed). */
const NONE: string[] = [];

export function emptyResult(rows: number, tensors: number): ExactShapes {
  return {
    status: 'ok',
    tensors: new Array(tensors).fill(null),
    needs: new Array(tensors).fill(NONE),
    rows: Array.from({ length: rows }, () => []),
    flags: [],
    unknowns: [],
    coverage: {
      calls: { rule: 0, nested: 0, size: 0, input: 0, blocked: 0 },
      withoutRule: {},
      disagreements: []
    }
  };
}

export function validSizes(
  sizes: Sizes | null | undefined
): Map<string, number> {
  const valid = new Map<string, number>();
  for (const [key, value] of Object.entries(sizes ?? {})) {
    if (isSize(value)) {
      valid.set(key, value);
    }
  }
  return valid;
}

/** The model's inputs: their fixed sizes, and the batch and open axes from the sizes given. */
export function seedInputs(walk: Walk): void {
  const { plan } = walk;
  for (const t of plan.inputs) {
    const template = plan.templates[t];
    if (template) {
      setTensor(walk, t, template.slice(), []);
    }
  }
  for (const source of plan.sources) {
    const value = walk.sizes.get(source.id) ?? source.fixed;
    for (const { tensor, axis } of source.sets) {
      const shape = walk.shapes[tensor];
      if (
        !shape ||
        axis >= shape.length ||
        plan.templates[tensor]?.[axis] !== null
      ) {
        continue;
      }
      shape[axis] = value;
      if (value === null && !walk.needs[tensor].includes(source.id)) {
        walk.needs[tensor] = [...walk.needs[tensor], source.id];
      }
    }
  }
  for (const t of plan.inputs) {
    noteSizes(walk, t, true);
  }
}

export function setTensor(
  walk: Walk,
  t: number,
  shape: Shape,
  needs: string[]
): void {
  walk.shapes[t] = shape;
  walk.done[t] = true;
  walk.blocked[t] = false;
  walk.needs[t] = needs;
}

/** Remember the sizes a tensor now has under their size ids (`ruled`: which axes a rule or a source gave). */
export function noteSizes(
  walk: Walk,
  t: number,
  ruled: boolean | boolean[]
): void {
  const shape = walk.shapes[t];
  const ids = walk.plan.sizeIds[t];
  if (!shape || !ids) {
    return;
  }
  for (let a = 0; a < shape.length; a++) {
    const id = ids[a];
    if (!id) {
      continue;
    }
    if (ruled === true || (Array.isArray(ruled) && ruled[a])) {
      walk.ruled.add(id);
    }
    const size = shape[a];
    if (size !== null && !walk.known.has(id)) {
      walk.known.set(id, size);
    }
  }
}

/**
 * A size no rule gives: the size of the same id already known, one the
 * user gave under its key, or unknown (registered so the user is asked).
 */
export function sizeById(
  walk: Walk,
  t: number,
  a: number,
  call: Call,
  unknown: string[],
  side: 'output' | 'input' = 'output'
): number | null {
  const id = walk.plan.sizeIds[t]?.[a] ?? null;
  if (id !== null && walk.known.has(id)) {
    return walk.known.get(id) as number;
  }
  const key = id ?? `t${t}.${a}`;
  const given = walk.sizes.get(key);
  if (given !== undefined) {
    if (id !== null) {
      walk.known.set(id, given);
    }
    return given;
  }
  if (id !== null && walk.ruled.has(id)) {
    // A rule gives this size once the sizes it waits for are typed.
    return null;
  }
  let entry = walk.unknowns.get(key);
  if (!entry) {
    const row = walk.plan.rows[call.row];
    entry = {
      key,
      row: call.row,
      node: call.node,
      side,
      className: row.class,
      axes: []
    };
    walk.unknowns.set(key, entry);
  }
  const place = `${key} ${t}.${a}`;
  if (!walk.unknownAxes.has(place)) {
    walk.unknownAxes.add(place);
    entry.axes.push({ tensor: t, axis: a });
  }
  if (!unknown.includes(key)) {
    unknown.push(key);
  }
  return null;
}

/** A tensor from outside the rows walked (a layer_range cut): its sizes by id. */
export function loose(walk: Walk, t: number, call: Call): void {
  const template = walk.plan.templates[t];
  const unknown: string[] = [];
  const shape = template
    ? template.map((d, a) =>
        d !== null ? d : sizeById(walk, t, a, call, unknown, 'input')
      )
    : null;
  setTensor(walk, t, shape as Shape, unknown);
  noteSizes(walk, t, false);
}

/**
 * Tensors no row made (the model's outputs beyond a layer_range): their
 * sizes by id where known, so that every tensor of the payload has a shape.
 */
export function fillUnreached(walk: Walk): void {
  walk.plan.templates.forEach((template, t) => {
    if (walk.done[t] || !template) {
      return;
    }
    const ids = walk.plan.sizeIds[t];
    const shape = template.map((d, a) =>
      d !== null
        ? d
        : ids[a]
          ? (walk.known.get(ids[a] as string) ?? null)
          : null
    );
    setTensor(walk, t, shape, []);
  });
}

export function union(lists: string[][]): string[] {
  const [first, ...rest] = lists;
  if (
    rest.every(
      l => l.length === 0 || l === first || l.every(k => first.includes(k))
    )
  ) {
    return first;
  }
  return [...new Set(lists.flat())];
}

/** What a call gave (its shapes are the tensors' own: read-only). */
export function record(
  walk: Walk,
  call: Call,
  via: CallVia,
  shapes: Shape[],
  flag: ShapeFlag | null
): void {
  walk.rows[call.row][call.slot] = { node: call.node, via, shapes, flag };
  walk.result.coverage.calls[via]++;
}

/** Tensors not reached: a call upstream cannot take the sizes. */
export function blockTensors(walk: Walk, tensors: number[]): void {
  for (const t of tensors) {
    walk.shapes[t] = walk.plan.templates[t]?.slice() ?? null;
    walk.done[t] = true;
    walk.blocked[t] = true;
    walk.needs[t] = NONE;
  }
}

/** A call not walked (`flag`: because it cannot take its inputs' sizes; else one upstream cannot). */
export function block(
  walk: Walk,
  call: Call,
  flag: ShapeFlag | null,
  via: CallVia
): void {
  blockTensors(walk, call.outs);
  record(
    walk,
    call,
    via,
    call.outs.map(t => walk.shapes[t] ?? []),
    flag
  );
  if (flag) {
    const entry = { row: call.row, node: call.node, flag };
    walk.raised.push(entry);
    const key = `${entry.row}/${entry.node}`;
    if (!walk.flagged.has(key)) {
      walk.flagged.add(key);
      walk.flags.push(entry);
    }
  }
}
