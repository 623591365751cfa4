/**
 * Convolutions: 1D/2D/3D, separable, depthwise, transposed, and the
 * convolutional LSTMs, as Keras computes their output shapes
 * (`compute_conv_output_shape`, `compute_conv_transpose_output_shape` in
 * Keras 3; `conv_utils.conv_output_length` / `deconv_output_length` in
 * tf-keras). Also the sliding-window arithmetic pooling shares.
 */
import {
  channelsFirst,
  first,
  intOf,
  keepBatch,
  spatialAxes,
  stringOf,
  table,
  tupleOf
} from './config';
import type {
  Framework,
  RuleCall,
  RuleResult,
  Shape,
  ShapeFlag,
  ShapeRule,
  Size
} from './types';

/** One window sliding along one axis. */
export interface Slide {
  kernel: number;
  stride: number;
  dilation: number;
  padding: string;
}

/** The output length of a window sliding over `size` steps, or how it fails. */
export type SlideResult =
  | { size: Size; window?: undefined }
  | { window: number; result: number; size?: undefined };

/**
 * Steps out of a sliding window. `valid`: the window must fit; `same` and
 * `causal`: one step per stride. Keras 3 refuses an output of 0 steps or
 * fewer; tf-keras refuses only a negative one (its `TensorShape` takes 0).
 */
export function slide(size: Size, w: Slide, framework: Framework): SlideResult {
  if (size === null) {
    return { size: null };
  }
  if (w.padding === 'same' || w.padding === 'causal') {
    return { size: Math.floor((size - 1) / w.stride) + 1 };
  }
  if (w.padding !== 'valid') {
    return { size: null };
  }
  const window = w.dilation * (w.kernel - 1) + 1;
  const result = Math.floor((size - window) / w.stride) + 1;
  const refused = framework === 'tf_keras' ? result < 0 : result <= 0;
  return refused ? { window, result } : { size: result };
}

/** The size a transposed convolution makes of `size` steps (the same in both frameworks). */
export function unslide(
  size: Size,
  w: Slide,
  outputPadding: number | null
): Size {
  if (size === null) {
    return null;
  }
  const window = (w.kernel - 1) * w.dilation + 1;
  if (w.padding === 'valid') {
    return outputPadding === null
      ? (size - 1) * w.stride + Math.max(window, w.stride)
      : (size - 1) * w.stride + window + outputPadding;
  }
  if (w.padding === 'same') {
    return outputPadding === null
      ? size * w.stride
      : (size - 1) * w.stride + (window % 2) + outputPadding;
  }
  return null;
}

/** Windows read from each config once (a config is a row's, the same in every walk). */
const read = new WeakMap<object, Slide[] | null>();

/** The windows of an `n`-D layer from its config (pool layers: `pool_size`, strides default to it). */
export function windows(
  config: RuleCall['config'],
  n: number,
  kernelKey: 'kernel_size' | 'pool_size'
): Slide[] | null {
  let wins = read.get(config);
  if (wins === undefined || (wins && wins.length !== n)) {
    wins = readWindows(config, n, kernelKey);
    read.set(config, wins);
  }
  return wins;
}

function readWindows(
  config: RuleCall['config'],
  n: number,
  kernelKey: 'kernel_size' | 'pool_size'
): Slide[] | null {
  const kernel = tupleOf(config, kernelKey, n, null);
  if (!kernel) {
    return null;
  }
  const strides =
    kernelKey === 'pool_size' &&
    (config.strides === null || config.strides === undefined)
      ? kernel
      : tupleOf(config, 'strides', n, 1);
  const dilation = tupleOf(config, 'dilation_rate', n, 1);
  if (!strides || !dilation) {
    return null;
  }
  const padding = stringOf(config, 'padding', 'valid');
  return kernel.map((k, i) => ({
    kernel: k,
    stride: strides[i],
    dilation: kernelKey === 'pool_size' ? 1 : dilation[i],
    padding
  }));
}

/**
 * Slide `wins` over the spatial axes of `x`: the new shape, or the flag of
 * the first axis the window does not fit.
 */
export function slideAll(
  x: Shape,
  wins: Slide[],
  first: boolean,
  framework: Framework
): { shape: Shape; flag?: undefined } | { flag: ShapeFlag; shape?: undefined } {
  const axes = spatialAxes(x.length, wins.length, first);
  const shape = x.slice();
  for (let i = 0; i < axes.length; i++) {
    const r = slide(x[axes[i]], wins[i], framework);
    if (r.window !== undefined) {
      return {
        flag: {
          kind: 'tooSmall',
          what: 'window',
          input: 0,
          axis: axes[i],
          size: x[axes[i]] as number,
          window: r.window,
          result: r.result
        }
      };
    }
    shape[axes[i]] = r.size;
  }
  return { shape };
}

/** The channels a convolution puts out: its filters, or `depth_multiplier` × the input's. */
function outChannels(call: RuleCall, inChannels: Size): Size {
  const filters = intOf(call.config, 'filters');
  if (filters !== null) {
    return filters;
  }
  const multiplier = intOf(call.config, 'depth_multiplier');
  return multiplier !== null && inChannels !== null
    ? multiplier * inChannels
    : null;
}

/** A convolution over `x` (batch, spatial…, channels), as the cell of a ConvLSTM applies it too. */
function convolve(call: RuleCall, x: Shape, n: number): RuleResult {
  const wins = windows(call.config, n, 'kernel_size');
  if (!wins || x.length < n + 2) {
    return null;
  }
  const cf = channelsFirst(call.config);
  const slid = slideAll(x, wins, cf, call.framework);
  if (slid.flag) {
    return { flag: slid.flag };
  }
  const c = cf ? x.length - n - 1 : x.length - 1;
  slid.shape[c] = outChannels(call, x[c]);
  return { shapes: [slid.shape] };
}

const conv =
  (n: number): ShapeRule =>
  call => {
    const x = first(call);
    return x ? convolve(call, x, n) : null;
  };

const convTranspose =
  (n: number): ShapeRule =>
  call => {
    const x = first(call);
    const wins = windows(call.config, n, 'kernel_size');
    if (!x || !wins || x.length !== n + 2) {
      return null;
    }
    const op = call.config.output_padding;
    const outputPadding =
      op === null || op === undefined
        ? null
        : tupleOf(call.config, 'output_padding', n, 0);
    if (op !== null && op !== undefined && !outputPadding) {
      return null;
    }
    const cf = channelsFirst(call.config);
    const axes = spatialAxes(x.length, n, cf);
    const shape = x.slice();
    axes.forEach((axis, i) => {
      shape[axis] = unslide(
        x[axis],
        wins[i],
        outputPadding ? outputPadding[i] : null
      );
    });
    shape[cf ? 1 : x.length - 1] = intOf(call.config, 'filters');
    return { shapes: [shape] };
  };

/** The call with its RNN cell's config facts under its own (a ConvLSTM's convolution is its cell's). */
function withCell(call: RuleCall): RuleCall {
  const cell = call.config.cell as
    { config?: Record<string, unknown> } | undefined;
  const inner = cell && typeof cell === 'object' ? cell.config : undefined;
  return inner ? { ...call, config: { ...inner, ...call.config } } : call;
}

/**
 * A convolutional LSTM over (batch, time, spatial…, channels): the cell's
 * convolution on each step; the sequence (return_sequences) or the last
 * step, and with return_state the two states (each a step's shape).
 */
const convLstm =
  (n: number): ShapeRule =>
  call => {
    const x = first(call);
    if (!x || x.length !== n + 3) {
      return null;
    }
    const step = [x[0], ...x.slice(2)];
    const stepOut = convolve(withCell(call), step, n);
    if (!stepOut) {
      return null;
    }
    if (stepOut.flag) {
      const flag = stepOut.flag;
      return flag.kind === 'tooSmall'
        ? { flag: { ...flag, axis: flag.axis + 1 } }
        : { flag };
    }
    const state = stepOut.shapes[0];
    const sequences = call.config.return_sequences === true;
    const out = sequences ? [x[0], x[1], ...state.slice(1)] : state;
    const shapes = [out];
    for (let k = 1; k < call.outputs.length; k++) {
      shapes.push(state.slice());
    }
    return { shapes };
  };

export const CONV_RULES: Record<string, ShapeRule> = {
  Conv1D: conv(1),
  Conv2D: conv(2),
  Conv3D: conv(3),
  SeparableConv1D: conv(1),
  SeparableConv2D: conv(2),
  DepthwiseConv1D: conv(1),
  DepthwiseConv2D: conv(2),
  Conv1DTranspose: convTranspose(1),
  Conv2DTranspose: convTranspose(2),
  Conv3DTranspose: convTranspose(3),
  ConvLSTM1D: convLstm(1),
  ConvLSTM2D: convLstm(2),
  ConvLSTM3D: convLstm(3),
  // tf-keras: weights per position, so the input's sizes are fixed.
  ...table(['LocallyConnected1D', 'LocallyConnected2D'], keepBatch)
};
