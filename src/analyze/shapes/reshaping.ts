/**
 * Layers that move sizes around: zero padding and cropping (1D/2D/3D),
 * up-sampling, reshape, flatten, permute and repeat vector, as their
 * `compute_output_shape` in Keras 3 and tf-keras.
 */
import {
  channelsFirst,
  elements,
  first,
  intOf,
  pairs,
  plus,
  spatialAxes,
  times,
  tupleOf
} from './config';
import type { Framework, RuleResult, Shape, ShapeRule, Size } from './types';

/** Zero padding: each spatial axis grows by its two amounts. */
const zeroPadding =
  (n: number): ShapeRule =>
  call => {
    const x = first(call);
    const amounts = pairs(call.config.padding ?? 1, n);
    if (!x || !amounts || x.length !== n + 2) {
      return null;
    }
    const axes = spatialAxes(x.length, n, channelsFirst(call.config));
    const shape = x.slice();
    axes.forEach((axis, i) => {
      shape[axis] = plus(x[axis], amounts[i][0] + amounts[i][1]);
    });
    return { shapes: [shape] };
  };

/**
 * Whether a cropped length is refused: Keras 3 wants at least one step
 * left; tf-keras only refuses a negative length (its `TensorShape` takes 0).
 */
const cropRefused = (left: number, framework: Framework) =>
  framework === 'tf_keras' ? left < 0 : left <= 0;

/** Cropping: each spatial axis loses its two amounts, and must keep some steps. */
const cropping =
  (n: number): ShapeRule =>
  call => {
    const x = first(call);
    const amounts = pairs(call.config.cropping ?? (n === 1 ? 1 : 0), n);
    if (!x || !amounts || x.length !== n + 2) {
      return null;
    }
    const axes = spatialAxes(x.length, n, channelsFirst(call.config));
    const shape = x.slice();
    for (let i = 0; i < n; i++) {
      const size = x[axes[i]];
      if (size === null) {
        continue;
      }
      const crop = amounts[i][0] + amounts[i][1];
      if (cropRefused(size - crop, call.framework)) {
        return {
          flag: {
            kind: 'tooSmall',
            what: 'cropping',
            input: 0,
            axis: axes[i],
            size,
            window: crop,
            result: size - crop
          }
        };
      }
      shape[axes[i]] = size - crop;
    }
    return { shapes: [shape] };
  };

/** Up-sampling: each spatial axis times its factor. */
const upSampling =
  (n: number): ShapeRule =>
  call => {
    const x = first(call);
    const factors = tupleOf(call.config, 'size', n, 2);
    if (!x || !factors || x.length !== n + 2) {
      return null;
    }
    const axes = spatialAxes(x.length, n, channelsFirst(call.config));
    const shape = x.slice();
    axes.forEach((axis, i) => {
      shape[axis] = times(x[axis], factors[i]);
    });
    return { shapes: [shape] };
  };

/**
 * Reshape to `target_shape` (the batch apart): a `-1` takes what is left.
 * With every input size known the elements must fit, else the `-1` stays
 * open (Keras: `compute_reshape_output_shape`, tf-keras `_fix_unknown_dimension`).
 */
const reshape: ShapeRule = call => {
  const x = first(call);
  const target = call.config.target_shape;
  if (!x || !Array.isArray(target) || !target.every(Number.isInteger)) {
    return null;
  }
  const r = reshapeTo(x.slice(1), target as number[]);
  return r?.shapes ? { shapes: [[x[0], ...r.shapes[0]]] } : r;
};

/** Flatten: every axis but the batch into one (unknown if one of them is). */
const flatten: ShapeRule = call => {
  const x = first(call);
  if (!x) {
    return null;
  }
  const rest = x.slice(1);
  let size: Size = rest.length === 0 ? 1 : elements(rest);
  // tf-keras's `np.all(input_shape[1:])` reads a 0-step axis as unknown.
  if (call.framework === 'tf_keras' && rest.includes(0)) {
    size = null;
  }
  return { shapes: [[x[0], size]] };
};

/** Permute: the axes after the batch in the order `dims` gives (1-based). */
const permute: ShapeRule = call => {
  const x = first(call);
  const dims = call.config.dims;
  if (
    !x ||
    !Array.isArray(dims) ||
    dims.length !== x.length - 1 ||
    !dims.every(d => Number.isInteger(d) && d >= 1 && d < x.length)
  ) {
    return null;
  }
  return { shapes: [[x[0], ...(dims as number[]).map(d => x[d])]] };
};

/** RepeatVector: (batch, features) → (batch, n, features). */
const repeatVector: ShapeRule = call => {
  const x = first(call);
  const n = intOf(call.config, 'n');
  return x && x.length === 2 ? { shapes: [[x[0], n, x[1]]] } : null;
};

export const RESHAPING_RULES: Record<string, ShapeRule> = {
  ZeroPadding1D: zeroPadding(1),
  ZeroPadding2D: zeroPadding(2),
  ZeroPadding3D: zeroPadding(3),
  Cropping1D: cropping(1),
  Cropping2D: cropping(2),
  Cropping3D: cropping(3),
  UpSampling1D: upSampling(1),
  UpSampling2D: upSampling(2),
  UpSampling3D: upSampling(3),
  Reshape: reshape,
  Flatten: flatten,
  Permute: permute,
  RepeatVector: repeatVector
};

/** `x` reshaped to `target` (one `-1` at most), or the flag when its elements do not fit. */
export function reshapeTo(x: Shape, target: number[]): RuleResult {
  const known = elements(x);
  const free = target.indexOf(-1);
  if (known === null) {
    return { shapes: [target.map(d => (d === -1 ? null : d))] };
  }
  const fixed = target.reduce((n, d) => (d === -1 ? n : n * d), 1);
  const fits =
    free === -1 ? fixed === known : fixed !== 0 && known % fixed === 0;
  if (!fits) {
    return { flag: { kind: 'reshape', elements: known, target } };
  }
  const shape: Shape = target.slice();
  if (free !== -1) {
    shape[free] = known / fixed;
  }
  return { shapes: [shape] };
}
