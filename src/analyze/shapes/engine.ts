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
import { layerRule, ruleFor } from './rules';
import type {
  CallVia,
  ExactShapes,
  RuleCall,
  RuleResult,
  Shape,
  ShapeRule
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
    const node = walk.plan.rows[call.row].nodes[call.slot];
    block(walk, call, node.out, null, 'blocked');
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
    const node = walk.plan.rows[call.row].nodes[call.slot];
    block(walk, call, node.out, null, 'blocked');
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
    const scope = walk.plan.nested.get(call.row);
    if (scope) {
      blockScope(walk, scope);
    }
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
    result = walkNested(walk, call, scope, ins, walkScope);
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
