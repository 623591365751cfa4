/**
 * Layers that join tensors: Add, Subtract, Multiply, Average, Maximum,
 * Minimum (broadcast, as `_compute_elemwise_op_output_shape`), Concatenate
 * (on one axis, every other axis the same) and Dot; and the broadcasting
 * the element-wise `keras.ops` share.
 */
import { axisIndex, intTuple } from './config';
import type { RuleResult, Shape, ShapeFlag, ShapeRule, Size } from './types';

/** The flag for inputs that differ on `axis` of the output (inputs right-aligned to `rank`). */
function mismatch(inputs: Shape[], axis: number, rank: number): ShapeFlag {
  return {
    kind: 'mismatch',
    axis,
    sizes: inputs.map(s => s[axis - (rank - s.length)] ?? null)
  };
}

/**
 * Keras's merge broadcasting of two shapes (batch apart): right-aligned, a
 * 1 takes the other's size, unknown stays unknown, two different sizes
 * refuse. Returns the axis (from the right, 1 = last) that refuses.
 */
function mergePair(a: Shape, b: Shape): Shape | { refuses: number } {
  const [long, short] = a.length < b.length ? [b, a] : [a, b];
  if (short.length === 0) {
    return long.slice();
  }
  const out = long.slice(0, long.length - short.length);
  const offset = long.length - short.length;
  for (let k = 0; k < short.length; k++) {
    const i = long[offset + k];
    const j = short[k];
    if (i === null || j === null) {
      out.push(null);
    } else if (i === 1) {
      out.push(j);
    } else if (j === 1 || i === j) {
      out.push(i);
    } else {
      return { refuses: short.length - k };
    }
  }
  return out;
}

/**
 * Add/Subtract/Multiply/Average/Maximum/Minimum: the inputs without their
 * batch broadcast together; the batch is the inputs' one known batch size
 * (unknown when they have none or several, as Keras).
 */
const elementwise: ShapeRule = call => {
  const inputs = call.inputs;
  if (inputs.length === 0) {
    return null;
  }
  let out: Shape = inputs[0].slice(1);
  for (let i = 1; i < inputs.length; i++) {
    const next = mergePair(out, inputs[i].slice(1));
    if (!Array.isArray(next)) {
      const rank = Math.max(...inputs.map(s => s.length));
      return { flag: mismatch(inputs, rank - next.refuses, rank) };
    }
    out = next;
  }
  // Keras: the one batch size the inputs know, else unknown.
  let batch: Size = null;
  let several = false;
  for (const s of inputs) {
    if (s[0] !== null && s[0] !== undefined) {
      several = several || (batch !== null && batch !== s[0]);
      batch = s[0];
    }
  }
  out.unshift(several ? null : batch);
  return { shapes: [out] };
};

/**
 * Joining on `axis`: every input of the same rank and the same size on
 * every other axis (where known; Keras's own shape rule does not check it,
 * a call does, and so does the companion's walk); the joined axis sums, and
 * the other axes are the first input's.
 */
export function concatenate(inputs: Shape[], axis: number): RuleResult {
  const rank = inputs[0]?.length ?? 0;
  if (inputs.some(s => s.length !== rank)) {
    return { flag: { kind: 'rank', ranks: inputs.map(s => s.length) } };
  }
  const k = axisIndex(axis, rank);
  if (k === undefined) {
    return null;
  }
  for (let a = 0; a < rank; a++) {
    if (a === k) {
      continue;
    }
    const known = new Set(inputs.map(s => s[a]).filter(d => d !== null));
    if (known.size > 1) {
      return { flag: mismatch(inputs, a, rank) };
    }
  }
  const out = inputs[0].slice();
  let sum: Size = 0;
  for (const s of inputs) {
    sum = sum === null || s[k] === null ? null : sum + (s[k] as number);
  }
  out[k] = sum;
  return { shapes: [out] };
}

const concatenateLayer: ShapeRule = call => {
  const axis = call.config.axis ?? -1;
  return call.inputs.length > 0 && Number.isInteger(axis)
    ? concatenate(call.inputs, axis as number)
    : null;
};

/**
 * Dot([a, b]) on `axes`: a without its axis, then b without its axis and
 * its batch ((batch, 1) when nothing else is left). The contracted sizes
 * must be equal: Keras's shape rule does not check it, a call does.
 */
const dot: ShapeRule = call => {
  const [a, b] = call.inputs;
  if (!a || !b || call.inputs.length !== 2) {
    return null;
  }
  const given = call.config.axes ?? -1;
  let axes: number[] | null;
  if (Number.isInteger(given)) {
    const n = given as number;
    axes = n < 0 ? [n + a.length, n + b.length] : [n, n];
  } else {
    axes = intTuple(given, 2);
  }
  const ka = axes && axisIndex(axes[0], a.length);
  const kb = axes && axisIndex(axes[1], b.length);
  if (
    ka === undefined ||
    kb === undefined ||
    ka === null ||
    kb === null ||
    kb === 0
  ) {
    return null;
  }
  if (a[ka] !== null && b[kb] !== null && a[ka] !== b[kb]) {
    return { flag: { kind: 'mismatch', axis: ka, sizes: [a[ka], b[kb]] } };
  }
  const rest = a.filter((_, i) => i !== ka);
  const restB = b.filter((_, i) => i !== kb).slice(1);
  const out = [...rest, ...restB];
  return { shapes: [out.length === 1 ? [...out, 1] : out] };
};

/**
 * NumPy broadcasting of all `inputs` (Keras's `broadcast_shapes`), to the
 * output's `rank` (an operand that is not a tensor, a constant, is not in
 * the payload: its axes are the output's).
 */
export function broadcast(inputs: Shape[], rank: number): RuleResult {
  if (inputs.length === 0) {
    return null;
  }
  const width = Math.max(rank, ...inputs.map(s => s.length));
  const out: Shape = Array(width).fill(null);
  for (let k = 0; k < width; k++) {
    const sizes = inputs
      .map(s => s[k - (width - s.length)])
      .filter((d): d is Size => d !== undefined);
    const big = new Set(sizes.filter(d => d !== null && d !== 1));
    if (big.size > 1) {
      return { flag: mismatch(inputs, k, width) };
    }
    if (big.size === 1) {
      out[k] = [...big][0];
    } else if (sizes.length > 0 && sizes.every(d => d === 1)) {
      out[k] = 1;
    }
  }
  return { shapes: [out.slice(width - rank)] };
}

export const MERGING_RULES: Record<string, ShapeRule> = {
  Add: elementwise,
  Subtract: elementwise,
  Multiply: elementwise,
  Average: elementwise,
  Maximum: elementwise,
  Minimum: elementwise,
  Concatenate: concatenateLayer,
  Dot: dot
};
