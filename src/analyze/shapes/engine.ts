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
import type { Sizes } from '../whatif';
import { type Call, planOf, type Scope } from './graph';
import { walkNested } from './nested';
import type {
  CallVia,
  ExactShapes,
  RuleResult,
  Shape,
  ShapeRule,
  Size
} from './types';
import {
  block,
  blockTensors,
  emptyResult,
  fillUnreached,
  loose,
  noteSizes,
  record,
  seedInputs,
  setTensor,
  sizeById,
  startWalk,
  union,
  type Walk
} from './walk';

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
  const walk = startWalk(plan, sizes, result);

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

/** A nested model not walked: neither are its rows. */
function blockScope(walk: Walk, scope: Scope): void {
  blockTensors(walk, scope.inputs);
  for (const call of [...scope.order, ...scope.stuck]) {
    block(walk, call, null, 'blocked');
    const inner = walk.plan.nested.get(call.row);
    if (inner) {
      blockScope(walk, inner);
    }
  }
}

function walkScope(walk: Walk, scope: Scope): void {
  for (const call of scope.order) {
    walkCall(walk, call);
  }
  for (const call of scope.stuck) {
    block(walk, call, null, 'blocked');
  }
}

/** The sizes any of `ins` waits for (one list, empty when none). */
function needsOf(walk: Walk, ins: number[]): string[] {
  let found: string[] | null = null;
  for (const t of ins) {
    const needs = walk.needs[t];
    if (needs.length > 0 && needs !== found) {
      // Tensors of one chain share their list: no new one then.
      found = found ? union([found, needs]) : needs;
    }
  }
  return found ?? NO_NEEDS;
}

const NO_NEEDS: string[] = [];

function walkCall(walk: Walk, call: Call): void {
  const { ins, outs } = call;
  let blocked = false;
  for (const t of ins) {
    if (!walk.done[t]) {
      loose(walk, t, call);
    }
    blocked = blocked || walk.blocked[t];
  }
  if (blocked) {
    block(walk, call, null, 'blocked');
    const scope = walk.plan.nested.get(call.row);
    if (scope) {
      blockScope(walk, scope);
    }
    return;
  }
  if (ins.length === 0) {
    for (const t of outs) {
      if (!walk.done[t]) {
        loose(walk, t, call);
      }
    }
    record(
      walk,
      call,
      'input',
      outs.map(t => walk.shapes[t] ?? []),
      null
    );
    return;
  }
  const inNeeds = needsOf(walk, ins);
  const scope = walk.plan.nested.get(call.row);
  let result: RuleResult;
  let via: CallVia;
  if (scope) {
    result = walkNested(walk, call, scope, ins, walkScope);
    via = result ? 'nested' : 'size';
  } else {
    result = call.rule ? apply(walk, call, call.rule) : null;
    via = result ? 'rule' : 'size';
  }
  if (result?.flag) {
    block(walk, call, result.flag, via);
    return;
  }
  if (via === 'size') {
    const counts = walk.result.coverage.withoutRule;
    const cls = call.className;
    counts[cls] = (counts[cls] ?? 0) + 1;
  }
  const shapes: Shape[] = new Array(outs.length);
  for (let k = 0; k < outs.length; k++) {
    shapes[k] = finishTensor(walk, call, outs[k], result?.shapes?.[k], inNeeds);
  }
  record(walk, call, via, shapes, null);
}

function apply(walk: Walk, call: Call, rule: ShapeRule): RuleResult {
  // One list for every call's input shapes: a rule only reads it while it runs.
  const inputs = walk.inputs;
  inputs.length = 0;
  for (const t of call.ins) {
    const shape = walk.shapes[t];
    if (!shape) {
      return null;
    }
    inputs.push(shape);
  }
  call.inputs = inputs;
  try {
    return rule(call);
  } catch {
    return null;
  } finally {
    call.inputs = NO_SHAPES;
  }
}

const NO_SHAPES: Shape[] = [];

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
  const coverage = walk.result.coverage;
  let rule = got;
  if (template && rule && rule.length !== template.length) {
    coverage.disagreements.push({
      row: call.row,
      node: call.node,
      tensor: t,
      axis: -1
    });
    rule = undefined;
  }
  if (!template) {
    setTensor(walk, t, rule ? rule.slice() : [], inNeeds);
    return walk.shapes[t] as Shape;
  }
  let unknown: string[] | null = null;
  let open = false;
  // A rule's shapes are its own new lists: the tensor's shape is written into it.
  const shape: Shape = rule ?? new Array(template.length);
  const ids = walk.plan.sizeIds[t];
  for (let a = 0; a < template.length; a++) {
    const d = template[a];
    const size = rule ? rule[a] : undefined;
    let value: Size;
    if (d !== null) {
      if (size !== undefined && size !== null && size !== d) {
        coverage.disagreements.push({
          row: call.row,
          node: call.node,
          tensor: t,
          axis: a
        });
      }
      value = d;
    } else if (size !== undefined && (size !== null || inNeeds.length > 0)) {
      value = size;
      if (ids[a]) {
        walk.ruled.add(ids[a] as string);
      }
    } else {
      unknown = unknown ?? [];
      value = sizeById(walk, t, a, call, unknown);
    }
    shape[a] = value;
    open = open || value === null;
  }
  setTensor(
    walk,
    t,
    shape,
    !open ? NO_NEEDS : unknown?.length ? union([inNeeds, unknown]) : inNeeds
  );
  noteSizes(walk, t, false);
  return shape;
}
