/**
 * Which layer classes have a parameter formula, by the class name Keras
 * prints (Keras 1, tf.keras 2 and Keras 3 names alike). A name cut short
 * (`BatchNormalizatio…` in Keras 3, `GlobalMaxP` at a Keras 1 column edge)
 * is matched by its prefix.
 */
import type { LayerRow } from '../../parse/types';
import { ELEMENTWISE_MERGES } from '../classes';
import type { RnnKind, TypeInfo } from './types';

const REGISTRY = new Map<string, TypeInfo>();

function add(info: TypeInfo): void {
  REGISTRY.set(info.name, info);
}

add({ family: 'dense', name: 'Dense' });
add({ family: 'einsum', name: 'EinsumDense' });
add({ family: 'embedding', name: 'Embedding' });
for (const rank of [1, 2, 3]) {
  add({ family: 'conv', name: `Conv${rank}D`, rank, transpose: false });
  add({ family: 'conv', name: `Convolution${rank}D`, rank, transpose: false });
  add({ family: 'conv', name: `Conv${rank}DTranspose`, rank, transpose: true });
  add({
    family: 'conv',
    name: `Convolution${rank}DTranspose`,
    rank,
    transpose: true
  });
}
add({ family: 'conv', name: 'AtrousConvolution1D', rank: 1, transpose: false });
add({ family: 'conv', name: 'AtrousConvolution2D', rank: 2, transpose: false });
add({ family: 'conv', name: 'Deconvolution2D', rank: 2, transpose: true });
add({ family: 'conv', name: 'Deconvolution3D', rank: 3, transpose: true });
for (const rank of [1, 2]) {
  add({ family: 'separable', name: `SeparableConv${rank}D`, rank });
  add({ family: 'separable', name: `SeparableConvolution${rank}D`, rank });
  add({ family: 'depthwise', name: `DepthwiseConv${rank}D`, rank });
}
for (const rnn of [
  'SimpleRNN',
  'LSTM',
  'GRU',
  'CuDNNLSTM',
  'CuDNNGRU'
] as RnnKind[]) {
  add({ family: 'rnn', name: rnn, rnn });
}
add({ family: 'bidirectional', name: 'Bidirectional' });
add({ family: 'batchnorm', name: 'BatchNormalization' });
add({ family: 'layernorm', name: 'LayerNormalization' });
add({ family: 'groupnorm', name: 'GroupNormalization' });
add({ family: 'mha', name: 'MultiHeadAttention' });
for (const name of ['Sequential', 'Functional', 'Model']) {
  add({ family: 'model', name });
}

/** Classes that never hold weights (their count is always 0). */
const WEIGHTLESS = [
  'InputLayer',
  'Flatten',
  'Reshape',
  'Permute',
  'RepeatVector',
  'Dropout',
  'SpatialDropout1D',
  'SpatialDropout2D',
  'SpatialDropout3D',
  'GaussianNoise',
  'GaussianDropout',
  'AlphaDropout',
  'ActivityRegularization',
  'Activation',
  'ReLU',
  'LeakyReLU',
  'ELU',
  'Softmax',
  'ThresholdedReLU',
  'Masking',
  'Identity',
  'UnitNormalization',
  'Concatenate',
  ...ELEMENTWISE_MERGES,
  'Dot',
  'Merge',
  'Rescaling',
  'Resizing',
  'CenterCrop',
  // Keras 3 operation layers (e.g. the mask of a Masking layer).
  'NotEqual',
  'Any'
];
for (const name of WEIGHTLESS) {
  add({ family: 'weightless', name });
}
for (const rank of [1, 2, 3]) {
  for (const prefix of [
    'MaxPooling',
    'AveragePooling',
    'GlobalMaxPooling',
    'GlobalAveragePooling',
    'ZeroPadding',
    'Cropping',
    'UpSampling'
  ]) {
    add({ family: 'weightless', name: `${prefix}${rank}D` });
  }
}
for (const name of ['MaxPool', 'AvgPool', 'GlobalMaxPool', 'GlobalAvgPool']) {
  for (const rank of [1, 2, 3]) {
    add({ family: 'weightless', name: `${name}${rank}D` });
  }
}

/** Whether the row's class name was cut short (with `…`, or silently at a Keras 1 column edge). */
export function typeWasCut(row: LayerRow): boolean {
  if (row.type.endsWith('…')) {
    return true;
  }
  return row.cut.some(
    c => c.column === 'layer' && !c.text.trimEnd().endsWith(')')
  );
}

/**
 * The classes a printed type can be: the exact class when known, every
 * known class with that prefix when the name was cut, or none.
 */
export function resolveType(row: LayerRow): TypeInfo[] {
  const printed = row.type.trim();
  const exact = REGISTRY.get(printed);
  if (exact && !typeWasCut(row)) {
    return [exact];
  }
  if (!typeWasCut(row)) {
    return [];
  }
  const prefix = printed.replace(/…$/, '');
  if (prefix.length < 3) {
    return [];
  }
  return [...REGISTRY.values()].filter(info => info.name.startsWith(prefix));
}
