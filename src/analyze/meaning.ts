/**
 * What an axis means, told from the tensor's rank, the axis and the layer
 * type. Keras defaults to channels-last; a 4-D or 5-D shape with a small
 * fixed axis 1 and open axes after it reads as channels-first.
 */
import type { TensorShape } from '../parse/types';
import { ELEMENTWISE_MERGES } from './classes';

/** The kind of an open axis, which also names its letter (T, H, W, D, L). */
export type AxisKind =
  'timesteps' | 'length' | 'height' | 'width' | 'depth' | 'features' | 'other';

export const AXIS_LETTER: Record<AxisKind, string> = {
  timesteps: 'T',
  length: 'T',
  height: 'H',
  width: 'W',
  depth: 'D',
  features: 'F',
  other: 'N'
};

const MEANING: Record<AxisKind, string> = {
  timesteps:
    'timesteps of a sequence (its length, which may differ from batch to batch)',
  length:
    'length of each input sequence, e.g. tokens per text (may differ from batch to batch)',
  height: 'height of an image (left open, so images of any height fit)',
  width: 'width of an image (left open, so images of any width fit)',
  depth: 'depth of a volume (left open, so volumes of any depth fit)',
  features: 'features per step, left open',
  other: 'a size left open (None): known only when data arrives'
};

export const BATCH_MEANING =
  'samples per batch: left open so any batch size fits; it is chosen at fit/predict time (batch_size=…)';

export function fixedBatchMeaning(size: number): string {
  return (
    `a batch size of ${size} fixed in the shape: set with Input(batch_size=${size}) ` +
    `(or batch_input_shape), or recorded when a subclassed model was built by calling it ` +
    `on a batch of ${size}; such a model expects batches of exactly ${size} samples`
  );
}

/** Whether a rank-4/5 shape looks channels-first: `(None, 3, None, None)`. */
function channelsFirst(shape: TensorShape): boolean {
  const c = shape[1];
  return (
    typeof c === 'number' && c <= 4 && shape.slice(2).some(d => d === null)
  );
}

/** The kind of axis `axis` (> 0) of `shape` for a layer of class `type`. */
export function axisKind(
  shape: TensorShape,
  axis: number,
  type: string
): AxisKind {
  const rank = shape.length;
  if (rank === 2) {
    // (batch, length): integer token ids before an Embedding, or a 1-D signal.
    return axis === 1 ? 'length' : 'other';
  }
  if (rank === 3) {
    return axis === 1 ? 'timesteps' : 'features';
  }
  if (rank === 4 || rank === 5) {
    const spatial =
      rank === 4 ? ['height', 'width'] : ['depth', 'height', 'width'];
    const first = channelsFirst(shape) ? 2 : 1;
    const k = axis - first;
    if (k >= 0 && k < spatial.length) {
      return spatial[k] as AxisKind;
    }
    return 'features';
  }
  void type;
  return 'other';
}

export function axisMeaning(kind: AxisKind): string {
  return MEANING[kind];
}

/**
 * Layer classes that pass every open axis on at the same size: whatever
 * size a `None` takes at their input, their output has it too. Any other
 * class (convolutions, poolings, padding, cropping, reshaping, custom
 * layers) may resize it, so a what-if size stops there.
 */
const SIZE_KEEPING = new Set([
  'InputLayer',
  'Embedding',
  'Masking',
  'Dense',
  'Activation',
  'ReLU',
  'LeakyReLU',
  'PReLU',
  'ELU',
  'Softmax',
  'Dropout',
  'SpatialDropout1D',
  'SpatialDropout2D',
  'SpatialDropout3D',
  'GaussianNoise',
  'GaussianDropout',
  'AlphaDropout',
  'ActivityRegularization',
  'BatchNormalization',
  'LayerNormalization',
  'GroupNormalization',
  'UnitNormalization',
  'Normalization',
  'Rescaling',
  'Identity',
  'SimpleRNN',
  'LSTM',
  'GRU',
  'Bidirectional',
  ...ELEMENTWISE_MERGES,
  'Concatenate',
  'Attention',
  'AdditiveAttention',
  'MultiHeadAttention',
  // Keras 3 op layers that a Masking adds.
  'NotEqual',
  'Any',
  'LogicalOr',
  'LogicalAnd',
  'Cast'
]);

/** Whether a layer of class `type` keeps the size of open axes (a cut `Batch…` type counts when a keeping class starts so). */
export function keepsSize(type: string): boolean {
  if (SIZE_KEEPING.has(type)) {
    return true;
  }
  if (type.endsWith('…')) {
    const prefix = type.slice(0, -1);
    if (prefix.length >= 4) {
      for (const known of SIZE_KEEPING) {
        if (known.startsWith(prefix)) {
          return true;
        }
      }
    }
  }
  return false;
}
