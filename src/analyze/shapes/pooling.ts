/**
 * Pooling: max and average over 1D/2D/3D windows (`compute_pooling_output_shape`
 * in Keras 3, `conv_output_length` in tf-keras), global pooling, and the
 * adaptive pooling of Keras 3 (a fixed output size).
 */
import { boolOf, channelsFirst, first, keepBatch, table } from './config';
import { slideAll, windows } from './conv';
import type { ShapeRule } from './types';

const pool =
  (n: number): ShapeRule =>
  call => {
    const x = first(call);
    const wins = windows(call.config, n, 'pool_size');
    if (!x || !wins || x.length !== n + 2) {
      return null;
    }
    const slid = slideAll(x, wins, channelsFirst(call.config), call.framework);
    return slid.flag ? { flag: slid.flag } : { shapes: [slid.shape] };
  };

/** Global pooling: the spatial axes go (or stay as 1 with keepdims). */
const globalPool: ShapeRule = call => {
  const x = first(call);
  if (!x || x.length < 3) {
    return null;
  }
  const cf = channelsFirst(call.config);
  const c = cf ? x[1] : x[x.length - 1];
  const spatial = x.length - 2;
  if (boolOf(call.config, 'keepdims', false)) {
    const ones = Array.from({ length: spatial }, () => 1);
    return { shapes: [cf ? [x[0], c, ...ones] : [x[0], ...ones, c]] };
  }
  return { shapes: [[x[0], c]] };
};

export const POOLING_RULES: Record<string, ShapeRule> = {
  MaxPooling1D: pool(1),
  MaxPooling2D: pool(2),
  MaxPooling3D: pool(3),
  AveragePooling1D: pool(1),
  AveragePooling2D: pool(2),
  AveragePooling3D: pool(3),
  ...table(
    [
      'GlobalMaxPooling1D',
      'GlobalMaxPooling2D',
      'GlobalMaxPooling3D',
      'GlobalAveragePooling1D',
      'GlobalAveragePooling2D',
      'GlobalAveragePooling3D'
    ],
    globalPool
  ),
  ...table(
    [
      'AdaptiveAveragePooling1D',
      'AdaptiveAveragePooling2D',
      'AdaptiveAveragePooling3D',
      'AdaptiveMaxPooling1D',
      'AdaptiveMaxPooling2D',
      'AdaptiveMaxPooling3D'
    ],
    keepBatch
  )
};
