/**
 * Keras 3 operations called in a functional model (`keras.ops.mean(x)`,
 * `x + y`, …): they are rows of their own (`keras.src.ops.*` classes) and
 * follow NumPy's shape rules: element-wise ones keep or broadcast shapes,
 * reductions drop (or keep as 1) their axes, and a few move axes.
 * Operations whose arguments the payload does not carry (reshape's new
 * shape, a slice's key) have no rule here.
 */
import { axisIndex, boolOf, first, keepShape, names, table } from './config';
import { broadcast, concatenate } from './merging';
import type { RuleResult, Shape, ShapeRule } from './types';

/** Operations whose output has their (first) input's shape. */
const SHAPE_KEEPING = names(`
  Absolute Abs Angle Arccos Arccosh Arcsin Arcsinh Arctan Arctanh Argsort
  BitwiseInvert BitwiseNot Cast Ceil Clip Conjugate Conj Copy Cos Cosh
  Deg2rad Rad2deg Digitize EmptyLike Exp Exp2 Expm1 Flip Fliplr Flipud
  Floor FullLike Imag I0 Isfinite Isinf Isnan Isneginf Isposinf Isreal Log
  Log10 Log1p Log2 LogicalNot NanToNum OnesLike ZerosLike Real Reciprocal
  Roll Round Sign Signbit Sin Sinc Sinh Sort Tan Tanh Tril Triu Trunc
  Negative Square Sqrt Rsqrt Relu Relu6 Sigmoid SparseSigmoid Softplus
  Softsign SoftShrink SparsePlus Silu Squareplus LogSigmoid LeakyRelu
  HardSigmoid HardSilu Elu Selu Gelu Celu TanhShrink HardTanh HardShrink
  Threshold Softmax LogSoftmax Sparsemax BatchNorm StopGradient
  SliceUpdate ScatterUpdate IsIn
`);

/** Element-wise operations on several operands, broadcast together. */
const BROADCASTING = names(`
  Add Subtract Multiply Divide TrueDivide DivideNoNan Power Maximum
  Minimum Fmax Fmin Mod Fmod FloorDivide Equal NotEqual Greater
  GreaterEqual Less LessEqual LogicalAnd LogicalOr LogicalXor Arctan2
  Heaviside Hypot Isclose Gcd Lcm Ldexp Logaddexp Logaddexp2 Nextafter
  BitwiseAnd BitwiseOr BitwiseXor BitwiseLeftShift LeftShift
  BitwiseRightShift RightShift Where
`);

/** Reductions over `axis` (all axes when None), `keepdims` keeping them as 1. */
const REDUCING = names(`
  All Any Amax Amin Argmax Argmin Average CountNonzero Max Min Mean Sum
  Prod Std Var Median Ptp Logsumexp Nanargmax Nanargmin Nanmax Nanmean
  Nanmedian Nanmin Nanprod Nanstd Nansum Nanvar
`);

/** The axes an `axis` config names in a tensor of `rank` (null: all; undefined: not readable). */
function axesOf(value: unknown, rank: number): number[] | null | undefined {
  if (value === null || value === undefined) {
    return null;
  }
  const list = Array.isArray(value) ? value : [value];
  const axes: number[] = [];
  for (const a of list) {
    const k = Number.isInteger(a) ? axisIndex(a as number, rank) : undefined;
    if (k === undefined) {
      return undefined;
    }
    axes.push(k);
  }
  return axes;
}

/** Keras's `reduce_shape`. */
function reduce(x: Shape, axis: unknown, keepdims: boolean): Shape | null {
  const axes = axesOf(axis, x.length);
  if (axes === undefined) {
    return null;
  }
  if (axes === null) {
    return keepdims ? x.map(() => 1) : [];
  }
  return keepdims
    ? x.map((d, k) => (axes.includes(k) ? 1 : d))
    : x.filter((_, k) => !axes.includes(k));
}

const reducing: ShapeRule = call => {
  const x = first(call);
  const shape =
    x && reduce(x, call.config.axis, boolOf(call.config, 'keepdims', false));
  return shape ? { shapes: call.outputs.map(() => shape.slice()) } : null;
};

/** moments(x, axes): mean and variance, reduced over `axes`. */
const moments: ShapeRule = call => {
  const x = first(call);
  const shape =
    x && reduce(x, call.config.axes, boolOf(call.config, 'keepdims', false));
  return shape ? { shapes: [shape, shape.slice()] } : null;
};

const broadcasting: ShapeRule = call =>
  broadcast(call.inputs, call.outputs[0]?.length ?? 0);

/** transpose(x, axes): the axes in that order (reversed when None). */
const transpose: ShapeRule = call => {
  const x = first(call);
  if (!x) {
    return null;
  }
  const axes = axesOf(call.config.axes, x.length);
  if (axes === undefined || (axes && axes.length !== x.length)) {
    return null;
  }
  return { shapes: [axes ? axes.map(k => x[k]) : x.slice().reverse()] };
};

/** expand_dims(x, axis): a 1 at each axis of the output. */
const expandDims: ShapeRule = call => {
  const x = first(call);
  const given = call.config.axis;
  if (!x) {
    return null;
  }
  const list =
    given === null || given === undefined
      ? [x.length]
      : Array.isArray(given)
        ? given
        : [given];
  const rank = x.length + list.length;
  const axes = axesOf(list, rank);
  if (!axes) {
    return null;
  }
  let next = 0;
  return {
    shapes: [
      Array.from({ length: rank }, (_, k) => (axes.includes(k) ? 1 : x[next++]))
    ]
  };
};

/** squeeze(x, axis): those axes go (they must be 1); without an axis, every 1 would, which sizes decide: no rule. */
const squeeze: ShapeRule = call => {
  const x = first(call);
  const axes = x && axesOf(call.config.axis, x.length);
  if (!x || !axes) {
    return null;
  }
  return { shapes: [x.filter((_, k) => !axes.includes(k))] };
};

/** concatenate(xs, axis=0). */
const concatenateOp: ShapeRule = call => {
  const axis = call.config.axis ?? 0;
  return call.inputs.length > 0 && Number.isInteger(axis)
    ? concatenate(call.inputs, axis as number)
    : null;
};

/** stack(xs, axis=0): a new axis of len(xs); the inputs must have the same shape. */
const stack: ShapeRule = call => {
  const x = first(call);
  const axis = call.config.axis ?? 0;
  if (!x || !Number.isInteger(axis)) {
    return null;
  }
  const joined: RuleResult = concatenate(
    call.inputs.map(s => [1, ...s]),
    0
  );
  if (!joined || joined.flag) {
    return joined;
  }
  const [count, ...rest] = joined.shapes[0];
  const k = axisIndex(axis as number, x.length + 1);
  if (k === undefined) {
    return null;
  }
  rest.splice(k, 0, count);
  return { shapes: [rest] };
};

/** matmul(a, b): batch axes broadcast, (…, n, k) @ (…, k, m) → (…, n, m); k must agree. */
const matmul: ShapeRule = call => {
  const [a0, b0] = call.inputs;
  if (!a0 || !b0 || call.inputs.length !== 2) {
    return null;
  }
  const a = a0.length === 1 ? [1, a0[0]] : a0;
  const b = b0.length === 1 ? [b0[0], 1] : b0;
  const ka = a[a.length - 1];
  const kb = b[b.length - 2];
  if (ka !== null && kb !== null && ka !== kb) {
    return { flag: { kind: 'mismatch', axis: a0.length - 1, sizes: [ka, kb] } };
  }
  const lead = broadcast(
    [a.slice(0, -2), b.slice(0, -2)],
    Math.max(a.length, b.length) - 2
  );
  if (!lead || lead.flag) {
    return lead;
  }
  const out = [...lead.shapes[0], a[a.length - 2], b[b.length - 1]];
  if (a0.length === 1) {
    out.splice(out.length - 2, 1);
  }
  if (b0.length === 1) {
    out.pop();
  }
  return { shapes: [out] };
};

/** The rules of `keras.src.ops` classes (looked up apart: some share a name with a layer). */
export const OP_RULES: Record<string, ShapeRule> = {
  ...table(SHAPE_KEEPING, keepShape),
  ...table(BROADCASTING, broadcasting),
  ...table(REDUCING, reducing),
  Moments: moments,
  Transpose: transpose,
  ExpandDims: expandDims,
  Squeeze: squeeze,
  Concatenate: concatenateOp,
  Stack: stack,
  Matmul: matmul
};
