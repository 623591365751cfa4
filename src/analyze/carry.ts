/**
 * Which input axes a layer's output axes carry, for a call fed by several
 * different tensors: the per-class knowledge the dimension graph (dims.ts)
 * needs so that it never merges dimensions of different inputs unless the
 * layer forces them equal.
 *
 * - Element-wise merges (Add, Multiply, …, and Keras 3's element-wise ops)
 *   force every input's axis to one size: each output axis carries all.
 * - Concatenate forces every axis but the one it joins along; along that
 *   one the output is a new size (the sum): it carries none. The axis is
 *   read from the shapes (where the output's size is the inputs' sum, or
 *   the one axis not equal everywhere), else Keras's default, the last.
 * - Attention, AdditiveAttention, MultiHeadAttention: the output is the
 *   query's (its length Tq, never the value's); the value's and the key's
 *   lengths are forced equal; a scores output (…, Tq, Tv) carries both.
 * - Dot: the output is the first input's axes then the second's, without
 *   the two it contracts (read from the shapes), which it forces equal.
 * - Any other class with several inputs (a custom layer, an RNN given
 *   initial states): the first input's axes, by position; the others end.
 * - One input: each axis by position (`carry` returns null), except for a
 *   global pooling, whose output keeps its input's last axes (the
 *   channels: a pooled (B, Tq, Tv) is (B, Tv)).
 */
import type { TensorShape } from '../parse/types';
import { ELEMENTWISE_MERGES } from './classes';

/** One input of a call: the shape of the tensor it feeds, and its open axes as they arrive. */
export interface CallInput {
  shape: TensorShape | null;
  /** The open axes (axis ≥ 1) arriving from it, in order: their tensor and axis. */
  open: { tensor: number; axis: number }[];
}

/** The output's open axes, by tensor and axis. */
export interface CallOutput {
  shapes: TensorShape[];
  open: { tensor: number; axis: number }[];
}

/** What a call does with its inputs' open axes. */
export interface Carry {
  /** [output open axis, input, that input's open axis, same size]: the output axis is that dimension. */
  joins: [number, number, number, boolean][];
  /** [input, open axis, input, open axis]: two input axes the layer forces to one size. */
  equal: [number, number, number, number][];
}

type Rule =
  'elementwise' | 'concatenate' | 'attention' | 'dot' | 'pooling' | 'first';

/** `GlobalAveragePooling1D`, `GlobalMaxPool2D`, … (Keras 1 to 3 names). */
const GLOBAL_POOLING = /^Global(Max|Average|Avg)Pool(ing)?[123]D$/;

/** Whether a call of class `type` fed by one tensor needs `carry` (else: by position). */
export function hasOneInputRule(type: string): boolean {
  return GLOBAL_POOLING.test(type.trim());
}

const ELEMENTWISE = new Set([
  ...ELEMENTWISE_MERGES,
  // Keras 3 prints keras.ops calls on tensors as rows of their own.
  'Divide',
  'TrueDivide',
  'Power',
  'Equal',
  'NotEqual',
  'Greater',
  'GreaterEqual',
  'Less',
  'LessEqual',
  'LogicalAnd',
  'LogicalOr',
  'LogicalXor',
  'Where'
]);

const ATTENTION = new Set([
  'Attention',
  'AdditiveAttention',
  'MultiHeadAttention',
  'GroupQueryAttention',
  'GroupedQueryAttention'
]);

function ruleOf(type: string): Rule {
  const name = type.trim();
  if (ELEMENTWISE.has(name)) {
    return 'elementwise';
  }
  if (name === 'Concatenate') {
    return 'concatenate';
  }
  if (ATTENTION.has(name)) {
    return 'attention';
  }
  if (name === 'Dot') {
    return 'dot';
  }
  if (GLOBAL_POOLING.test(name)) {
    return 'pooling';
  }
  return 'first';
}

/**
 * How a call of a layer of class `type` relates its output's open axes to
 * its inputs' (`inputs[k]` is the k-th distinct tensor feeding it), or
 * null when each output axis carries every arriving axis at its position.
 */
export function carry(
  type: string,
  output: CallOutput,
  inputs: CallInput[],
  keeps: boolean
): Carry | null {
  const rule = ruleOf(type);
  if (inputs.length === 0 || rule === 'elementwise') {
    return null;
  }
  if (inputs.length === 1 && rule !== 'pooling') {
    return null;
  }
  const result: Carry = { joins: [], equal: [] };
  /** Join output open axes of `tensor` to input k's open axes at the axis `map` gives. */
  const byPosition = (
    k: number,
    tensor: number,
    map: (axis: number) => number
  ) => {
    output.open.forEach((o, j) => {
      if (o.tensor !== tensor) {
        return;
      }
      inputs[k].open.forEach((a, m) => {
        if (a.axis === map(o.axis)) {
          result.joins.push([j, k, m, keeps]);
        }
      });
    });
  };
  if (rule === 'first') {
    byPosition(0, 0, axis => axis);
    return result;
  }
  if (rule === 'pooling') {
    // The pooled axes go (consumed); the last ones stay, at the same size.
    const dropped =
      (inputs[0].shape?.length ?? 0) - (output.shapes[0]?.length ?? 0);
    if (dropped <= 0) {
      return null;
    }
    output.open.forEach((o, j) => {
      inputs[0].open.forEach((a, m) => {
        if (o.tensor === 0 && a.axis === o.axis + dropped) {
          result.joins.push([j, 0, m, true]);
        }
      });
    });
    return result;
  }
  if (rule === 'concatenate') {
    const along = concatAxis(output.shapes[0], inputs);
    for (let k = 0; k < inputs.length; k++) {
      output.open.forEach((o, j) => {
        if (o.tensor !== 0 || o.axis === along) {
          return;
        }
        inputs[k].open.forEach((a, m) => {
          if (a.axis === o.axis) {
            result.joins.push([j, k, m, keeps]);
          }
        });
      });
    }
    return result;
  }
  if (rule === 'attention') {
    // query, value, key (the key is the value when not given).
    byPosition(0, 0, axis => axis);
    const length = (k: number) =>
      inputs[k]?.open.findIndex(a => a.axis === 1) ?? -1;
    const v = length(1);
    const key = inputs.length > 2 ? length(2) : -1;
    if (v >= 0 && key >= 0) {
      result.equal.push([1, v, 2, key]);
    }
    // Attention scores: (…, Tq, Tv).
    output.open.forEach((o, j) => {
      const rank = output.shapes[o.tensor]?.length ?? 0;
      if (o.tensor === 0 || rank < 3) {
        return;
      }
      const q = length(0);
      if (o.axis === rank - 1 && v >= 0) {
        result.joins.push([j, 1, v, true]);
      } else if (o.axis === rank - 2 && q >= 0) {
        result.joins.push([j, 0, q, true]);
      }
    });
    return result;
  }
  // Dot.
  const pair = dotAxes(output.shapes[0], inputs);
  if (!pair) {
    byPosition(0, 0, axis => axis);
    return result;
  }
  const [i, j0] = pair;
  const r0 = inputs[0].shape?.length ?? 0;
  output.open.forEach((o, j) => {
    if (o.tensor !== 0) {
      return;
    }
    // Output axes 1 … r0-2 are the first input's (skipping i), then the second's (skipping j0).
    let k = 0;
    let axis = o.axis;
    if (axis <= r0 - 2) {
      axis = axis < i ? axis : axis + 1;
    } else {
      k = 1;
      axis = axis - (r0 - 2);
      axis = axis < j0 ? axis : axis + 1;
    }
    inputs[k].open.forEach((a, m) => {
      if (a.axis === axis) {
        result.joins.push([j, k, m, true]);
      }
    });
  });
  const a = inputs[0].open.findIndex(x => x.axis === i);
  const b = inputs[1].open.findIndex(x => x.axis === j0);
  if (a >= 0 && b >= 0) {
    result.equal.push([0, a, 1, b]);
  }
  return result;
}

/** The axis a Concatenate joins along, read from the shapes; else the last (Keras's default). */
function concatAxis(out: TensorShape | undefined, inputs: CallInput[]): number {
  const rank = out?.length ?? 0;
  const open: number[] = [];
  for (let axis = 1; axis < rank; axis++) {
    const sizes = inputs.map(x => x.shape?.[axis]);
    const o = out![axis];
    if (typeof o === 'number' && sizes.every(s => typeof s === 'number')) {
      const sum = (sizes as number[]).reduce((t, s) => t + s, 0);
      if (sum === o) {
        return axis;
      }
      if (!sizes.every(s => s === o)) {
        open.push(axis);
      }
    } else {
      open.push(axis);
    }
  }
  return open.length === 1 ? open[0] : rank - 1;
}

/** Whether two printed sizes can be the same: both `None`, the same number, or one unknown (`?`). */
function sameSize(a: unknown, b: unknown): boolean {
  return a === b || a === '?' || b === '?';
}

/**
 * The axes a Dot contracts, (first input's, second's), when exactly one
 * pair makes the printed output shape (the default, the last axes, when
 * several do); null when none does.
 */
function dotAxes(
  out: TensorShape | undefined,
  inputs: CallInput[]
): [number, number] | null {
  const s0 = inputs[0].shape;
  const s1 = inputs[1].shape;
  if (!out || !s0 || !s1 || inputs.length !== 2) {
    return null;
  }
  const fits: [number, number][] = [];
  for (let i = 1; i < s0.length; i++) {
    for (let j = 1; j < s1.length; j++) {
      const rest = [
        ...s0.slice(1).filter((_, k) => k + 1 !== i),
        ...s1.slice(1).filter((_, k) => k + 1 !== j)
      ];
      const want = rest.length === 0 ? [1] : rest;
      if (
        want.length === out.length - 1 &&
        want.every((d, k) => sameSize(d, out[k + 1]))
      ) {
        fits.push([i, j]);
      }
    }
  }
  if (fits.length === 1) {
    return fits[0];
  }
  const last = fits.find(
    ([i, j]) => i === s0.length - 1 && j === s1.length - 1
  );
  return last ?? null;
}
