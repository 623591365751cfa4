/**
 * The shape engine: every tensor's shape of a kernel summary for the sizes
 * a user types (`{batch: 32, 'i0.1': 200}`, keyed by the payload's
 * `dims.sources`), in the page, without a kernel.
 *
 * It walks the payload's graph as Keras's own abstract walk does (each call
 * once its inputs are known, nested models inside with their own rows) and
 * applies each class's rule (`rules.ts`). The payload's fixed sizes stand;
 * the rules give the ones that change. A call that cannot take its inputs'
 * sizes is flagged on its row, and the calls that depend on it are not
 * walked (the others are). A class without a rule gets the sizes the
 * payload says are equal to sizes already known (`dims.sizes`), and the
 * others are unknown: the caller asks the user for them, under
 * `UnknownSize.key`, and passes them back in `sizes`.
 *
 * Pure, never throws, linear in rows + references.
 */
import type { Summary } from '../../parse/types';
import { isSize, type Sizes } from '../whatif';
import { type Call, type Plan, planOf, type Scope } from './graph';
import { layerRule, ruleFor } from './rules';
import type {
  CallShapes,
  CallVia,
  ExactShapes,
  RowFlag,
  RuleCall,
  RuleResult,
  Shape,
  ShapeFlag,
  ShapeRule,
  UnknownSize
} from './types';

/** Nested models deeper than this are walked by their sizes only. */
const MAX_NESTING = 64;

interface Walk {
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
  result: ExactShapes;
  depth: number;
}

/** Every tensor's shape for `sizes`; see the module comment. */
export function computeShapes(
  summary: Summary,
  sizes?: Sizes | null
): ExactShapes {
  return walkSummary(summary, sizes).result;
}

/**
 * The walk itself, and the size ids some rule gives: `fields.ts` leaves
 * those out of the sizes it asks for.
 */
export function walkSummary(
  summary: Summary,
  sizes?: Sizes | null
): { result: ExactShapes; ruled: Set<string> } {
  const plan = planOf(summary);
  const result = emptyResult(
    summary.layers.length,
    plan?.templates.length ?? 0
  );
  if (!plan) {
    return {
      result: { ...result, status: 'unavailable', reason: 'notKernel' },
      ruled: new Set()
    };
  }
  if (plan.rows.every(row => !row || row.nodes.length === 0)) {
    return {
      result: { ...result, status: 'unavailable', reason: 'noCalls' },
      ruled: new Set()
    };
  }
  const n = plan.templates.length;
  const walk: Walk = {
    plan,
    sizes: validSizes(sizes),
    shapes: new Array(n).fill(null),
    done: new Array(n).fill(false),
    blocked: new Array(n).fill(false),
    needs: Array.from({ length: n }, () => []),
    known: new Map(),
    ruled: new Set(),
    rows: result.rows,
    flags: result.flags,
    flagged: new Set(),
    raised: [],
    unknowns: new Map(),
    result,
    depth: 0
  };
  try {
    seedInputs(walk);
    walkScope(walk, plan.top);
    fillUnreached(walk);
  } catch {
    // A payload odd enough to break a rule's assumptions: what was walked stands.
  }
  result.tensors = walk.shapes.map((s, t) => (walk.blocked[t] ? null : s));
  result.needs = walk.needs;
  result.unknowns = [...walk.unknowns.values()];
  return { result, ruled: walk.ruled };
}

/**
 * Tensors no row made (the model's outputs beyond a layer_range): their
 * sizes by id where known, so that every tensor of the payload has a shape.
 */
function fillUnreached(walk: Walk): void {
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

function emptyResult(rows: number, tensors: number): ExactShapes {
  return {
    status: 'ok',
    tensors: new Array(tensors).fill(null),
    needs: Array.from({ length: tensors }, () => []),
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

function validSizes(sizes: Sizes | null | undefined): Map<string, number> {
  const valid = new Map<string, number>();
  for (const [key, value] of Object.entries(sizes ?? {})) {
    if (isSize(value)) {
      valid.set(key, value);
    }
  }
  return valid;
}

/** The model's inputs: their fixed sizes, and the batch and open axes from the sizes given. */
function seedInputs(walk: Walk): void {
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
        walk.needs[tensor].push(source.id);
      }
    }
  }
  for (const t of plan.inputs) {
    noteSizes(walk, t, true);
  }
}

function setTensor(walk: Walk, t: number, shape: Shape, needs: string[]): void {
  walk.shapes[t] = shape;
  walk.done[t] = true;
  walk.blocked[t] = false;
  walk.needs[t] = needs;
}

/** Remember the sizes a tensor now has under their size ids (`ruled`: which axes a rule or a source gave). */
function noteSizes(walk: Walk, t: number, ruled: boolean | boolean[]): void {
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

function walkScope(walk: Walk, scope: Scope): void {
  for (const call of scope.order) {
    walkCall(walk, call);
  }
  for (const call of scope.stuck) {
    const node = walk.plan.rows[call.row].nodes[call.slot];
    block(walk, call, node.out, null, 'blocked');
  }
}

/**
 * A size no rule gives: the size of the same id already known, one the
 * user gave under its key, or unknown (registered so the user is asked).
 */
function sizeById(
  walk: Walk,
  t: number,
  a: number,
  call: Call,
  unknown: string[]
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
  let entry = walk.unknowns.get(key);
  if (!entry) {
    const row = walk.plan.rows[call.row];
    entry = {
      key,
      row: call.row,
      node: row.nodes[call.slot]?.index ?? call.slot,
      className: row.class,
      axes: []
    };
    walk.unknowns.set(key, entry);
  }
  if (!entry.axes.some(x => x.tensor === t && x.axis === a)) {
    entry.axes.push({ tensor: t, axis: a });
  }
  if (!unknown.includes(key)) {
    unknown.push(key);
  }
  return null;
}

/** A tensor from outside the rows walked (a layer_range cut): its sizes by id. */
function loose(walk: Walk, t: number, call: Call): void {
  const template = walk.plan.templates[t];
  const unknown: string[] = [];
  const shape = template
    ? template.map((d, a) =>
        d !== null ? d : sizeById(walk, t, a, call, unknown)
      )
    : null;
  setTensor(walk, t, shape as Shape, unknown);
  noteSizes(walk, t, false);
}

function union(lists: string[][]): string[] {
  if (lists.every(l => l.length === 0)) {
    return [];
  }
  return [...new Set(lists.flat())];
}

function record(
  walk: Walk,
  call: Call,
  via: CallVia,
  shapes: Shape[],
  flag: ShapeFlag | null
): void {
  const node = walk.plan.rows[call.row].nodes[call.slot];
  walk.rows[call.row][call.slot] = { node: node.index, via, shapes, flag };
  walk.result.coverage.calls[via]++;
}

function block(
  walk: Walk,
  call: Call,
  outs: number[],
  flag: ShapeFlag | null,
  via: CallVia
): void {
  for (const t of outs) {
    walk.shapes[t] = walk.plan.templates[t]?.slice() ?? null;
    walk.done[t] = true;
    walk.blocked[t] = true;
    walk.needs[t] = [];
  }
  record(
    walk,
    call,
    via,
    outs.map(t => walk.plan.templates[t]?.slice() ?? []),
    flag
  );
  if (flag) {
    const row = walk.plan.rows[call.row];
    const entry = { row: call.row, node: row.nodes[call.slot].index, flag };
    walk.raised.push(entry);
    const key = `${entry.row}/${entry.node}`;
    if (!walk.flagged.has(key)) {
      walk.flagged.add(key);
      walk.flags.push(entry);
    }
  }
}

function walkCall(walk: Walk, call: Call): void {
  const row = walk.plan.rows[call.row];
  const node = row.nodes[call.slot];
  const ins = node.in.map(ref => ref.tensor);
  for (const t of ins) {
    if (!walk.done[t]) {
      loose(walk, t, call);
    }
  }
  if (ins.some(t => walk.blocked[t])) {
    block(walk, call, node.out, null, 'blocked');
    return;
  }
  if (node.in.length === 0) {
    for (const t of node.out) {
      if (!walk.done[t]) {
        loose(walk, t, call);
      }
    }
    record(
      walk,
      call,
      'input',
      node.out.map(t => walk.shapes[t]?.slice() ?? []),
      null
    );
    return;
  }
  const inputs = ins.map(t => walk.shapes[t] as Shape);
  const inNeeds = union(ins.map(t => walk.needs[t]));
  const scope = walk.plan.nested.get(call.row);
  let result: RuleResult;
  let via: CallVia;
  if (scope) {
    result = walkNested(walk, call, scope, ins);
    via = result ? 'nested' : 'size';
  } else {
    const rule = ruleFor(row.class, row.module ?? '');
    result =
      rule && inputs.every(s => s !== null)
        ? apply(walk, call, rule, inputs)
        : null;
    via = result ? 'rule' : 'size';
  }
  if (result?.flag) {
    block(walk, call, node.out, result.flag, via);
    return;
  }
  if (via === 'size') {
    const counts = walk.result.coverage.withoutRule;
    counts[row.class] = (counts[row.class] ?? 0) + 1;
  }
  const shapes = node.out.map((t, k) =>
    finishTensor(walk, call, t, result?.shapes?.[k], inNeeds)
  );
  record(walk, call, via, shapes, null);
}

function apply(
  walk: Walk,
  call: Call,
  rule: ShapeRule,
  inputs: Shape[]
): RuleResult {
  const row = walk.plan.rows[call.row];
  const node = row.nodes[call.slot];
  const context: RuleCall = {
    className: row.class,
    inputs,
    outputs: node.out.map(t => walk.plan.templates[t]?.slice() ?? []),
    config: row.config ?? {},
    framework: walk.plan.framework,
    ruleOf: layerRule
  };
  try {
    return rule(context);
  } catch {
    return null;
  }
}

/**
 * One output tensor: the payload's fixed sizes, the rule's sizes for the
 * others, and by size id what the rule leaves open although its inputs are
 * complete (or all of them without a rule).
 */
function finishTensor(
  walk: Walk,
  call: Call,
  t: number,
  got: Shape | undefined,
  inNeeds: string[]
): Shape {
  const template = walk.plan.templates[t];
  const unknown: string[] = [];
  const coverage = walk.result.coverage;
  let rule = got;
  if (template && rule && rule.length !== template.length) {
    coverage.disagreements.push({
      row: call.row,
      node: call.slot,
      tensor: t,
      axis: -1
    });
    rule = undefined;
  }
  const ruled: boolean[] = [];
  let shape: Shape;
  if (!template) {
    shape = rule ? rule.slice() : [];
  } else {
    shape = template.map((d, a) => {
      const size = rule?.[a];
      if (d !== null) {
        if (size !== undefined && size !== null && size !== d) {
          coverage.disagreements.push({
            row: call.row,
            node: call.slot,
            tensor: t,
            axis: a
          });
        }
        return d;
      }
      if (size !== undefined && (size !== null || inNeeds.length > 0)) {
        ruled[a] = true;
        return size;
      }
      return sizeById(walk, t, a, call, unknown);
    });
  }
  const open = shape.some(d => d === null);
  setTensor(walk, t, shape, open ? union([inNeeds, unknown]) : []);
  noteSizes(walk, t, ruled);
  return shape.slice();
}

/**
 * A nested model shown with its own rows: its inputs take the call's
 * inputs, its rows are walked, and its outputs are the call's. A row
 * inside that cannot take the sizes flags the nested model's row too.
 * Without a way to line its inputs and outputs up with the call's, its
 * rows are walked by size ids and the call gets no rule (null).
 */
function walkNested(
  walk: Walk,
  call: Call,
  scope: Scope,
  ins: number[]
): RuleResult {
  const node = walk.plan.rows[call.row].nodes[call.slot];
  const innerIns = lineUp(walk.plan, ins, scope.inputs, false);
  const innerOuts = lineUp(walk.plan, node.out, scope.outputs, true);
  if (walk.depth >= MAX_NESTING) {
    return null;
  }
  if (innerIns) {
    innerIns.forEach((inner, k) => {
      const outer = walk.shapes[ins[k]] as Shape;
      const template = walk.plan.templates[inner];
      const shape = template
        ? template.map((d, a) => (d !== null ? d : (outer[a] ?? null)))
        : outer.slice();
      setTensor(walk, inner, shape, walk.needs[ins[k]].slice());
      noteSizes(walk, inner, false);
    });
  } else {
    for (const inner of scope.inputs) {
      walk.done[inner] = false;
    }
  }
  const raised = walk.raised.length;
  walk.depth++;
  try {
    walkScope(walk, scope);
  } finally {
    walk.depth--;
  }
  if (walk.raised.length > raised) {
    const inner = walk.raised[raised];
    return { flag: { kind: 'nested', row: inner.row, node: inner.node } };
  }
  if (
    !innerIns ||
    !innerOuts ||
    innerOuts.some(t => walk.blocked[t] || !walk.shapes[t])
  ) {
    return null;
  }
  return { shapes: innerOuts.map(t => (walk.shapes[t] as Shape).slice()) };
}

/**
 * Which of a nested model's own tensors each of the call's tensors is: in
 * order when they fit (same rank, same fixed sizes, same size ids), else
 * the first that fits; null when some tensor has none.
 */
function lineUp(
  plan: Plan,
  outer: number[],
  inner: number[],
  latestFirst: boolean
): number[] | null {
  const fits = (a: number, b: number, strict: boolean) => {
    const ta = plan.templates[a];
    const tb = plan.templates[b];
    if (!ta || !tb) {
      return ta === tb;
    }
    if (ta.length !== tb.length) {
      return false;
    }
    const ia = plan.sizeIds[a];
    const ib = plan.sizeIds[b];
    return ta.every(
      (d, k) =>
        (d === null || tb[k] === null || d === tb[k]) &&
        (!strict || !ia[k] || !ib[k] || ia[k] === ib[k])
    );
  };
  if (
    outer.length === inner.length &&
    outer.every((t, k) => fits(t, inner[k], false))
  ) {
    return inner.slice();
  }
  const pool = latestFirst ? inner.slice().reverse() : inner.slice();
  const used = new Set<number>();
  const out: number[] = [];
  for (const t of outer) {
    const pick =
      pool.find(c => !used.has(c) && fits(t, c, true)) ??
      pool.find(c => !used.has(c) && fits(t, c, false));
    if (pick === undefined) {
      return null;
    }
    used.add(pick);
    out.push(pick);
  }
  return out;
}
