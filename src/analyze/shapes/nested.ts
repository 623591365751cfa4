/**
 * Nested models shown with their own rows (expand_nested): a call of one
 * walks its rows with the call's inputs, and its outputs are the call's.
 */
import type { Call, Plan, Scope } from './graph';
import type { RuleResult, Shape } from './types';
import { noteSizes, setTensor, type Walk } from './walk';

/** Nested models deeper than this are walked by their sizes only. */
const MAX_NESTING = 64;

/**
 * A nested model shown with its own rows: its inputs take the call's
 * inputs, its rows are walked, and its outputs are the call's. A row
 * inside that cannot take the sizes flags the nested model's row too.
 * Without a way to line its inputs and outputs up with the call's, its
 * rows are walked by size ids and the call gets no rule (null).
 */
export function walkNested(
  walk: Walk,
  call: Call,
  scope: Scope,
  ins: number[],
  walkScope: (walk: Walk, scope: Scope) => void
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
