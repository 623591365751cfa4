/**
 * Dense, EinsumDense and Embedding; the layers that keep their input's
 * shape (activations, normalization, dropout and noise, masking, image
 * augmentation, rescaling); and the image layers that fix their output's
 * height and width (Resizing, CenterCrop, RandomCrop).
 */
import { first, intOf, keepBatch, keepShape, names, table } from './config';
import type { Shape, ShapeRule, Size } from './types';

/** Dense: the last axis becomes `units`. */
const dense: ShapeRule = call => {
  const x = first(call);
  if (!x || x.length === 0) {
    return null;
  }
  const out = x.slice();
  out[out.length - 1] = intOf(call.config, 'units');
  return { shapes: [out] };
};

/** The letters of one side of an einsum equation, and where its `...` is (start, end, or none). */
function einsumSide(
  spec: string
): { letters: string; ellipsis: 'start' | 'end' | null } | null {
  const bare = spec.replace('...', '');
  if (!/^[a-zA-Z]*$/.test(bare) || spec.split('...').length > 2) {
    return null;
  }
  const ellipsis = spec.startsWith('...')
    ? 'start'
    : spec.endsWith('...')
      ? 'end'
      : spec.includes('...')
        ? undefined
        : null;
  return ellipsis === undefined ? null : { letters: bare, ellipsis };
}

/**
 * EinsumDense: each output letter the input has keeps the input's size; the
 * others are the weight's (the layer's output_shape: the payload's sizes);
 * `...` carries the input's extra axes.
 */
const einsumDense: ShapeRule = call => {
  const x = first(call);
  const equation = call.config.equation;
  if (!x || typeof equation !== 'string') {
    return null;
  }
  const m = /^([a-zA-Z.]+),([a-zA-Z.]+)->([a-zA-Z.]+)$/.exec(
    equation.replace(/\s/g, '')
  );
  const input = m && einsumSide(m[1]);
  const output = m && einsumSide(m[3]);
  if (!input || !output) {
    return null;
  }
  const extra = x.length - input.letters.length;
  if (extra < 0 || (extra > 0 && !input.ellipsis)) {
    return null;
  }
  const named =
    input.ellipsis === 'start'
      ? x.slice(extra)
      : x.slice(0, input.letters.length);
  const rest =
    input.ellipsis === 'start'
      ? x.slice(0, extra)
      : x.slice(input.letters.length);
  const sizes: Size[] = [...output.letters].map(letter => {
    const i = input.letters.indexOf(letter);
    return i >= 0 ? named[i] : null;
  });
  const out: Shape =
    output.ellipsis === 'start'
      ? [...rest, ...sizes]
      : output.ellipsis === 'end'
        ? [...sizes, ...rest]
        : sizes;
  return { shapes: [out] };
};

/** Embedding: one more axis, `output_dim`. */
const embedding: ShapeRule = call => {
  const x = first(call);
  return x ? { shapes: [[...x, intOf(call.config, 'output_dim')]] } : null;
};

/** A wrapper whose shapes are its layer's (SpectralNormalization). */
const wrapped: ShapeRule = call => {
  const inner = call.config.layer as
    { class?: unknown; config?: unknown } | undefined;
  const rule =
    inner && typeof inner.class === 'string'
      ? call.ruleOf(inner.class)
      : undefined;
  if (!inner || !rule) {
    return null;
  }
  return rule({
    ...call,
    className: inner.class as string,
    config: (inner.config ?? {}) as Record<string, unknown>
  });
};

/**
 * Layers whose output has the input's shape (`compute_output_shape` returns
 * it): activations; normalization; regularization and noise; masking and
 * identity; preprocessing that keeps the image's size.
 */
const SHAPE_KEEPING = names(`
  Activation ReLU LeakyReLU PReLU ELU Softmax ThresholdedReLU
  BatchNormalization SyncBatchNormalization LayerNormalization
  GroupNormalization UnitNormalization RMSNormalization
  Dropout SpatialDropout1D SpatialDropout2D SpatialDropout3D
  GaussianDropout GaussianNoise AlphaDropout ActivityRegularization
  Masking Identity
  Rescaling Normalization RandomFlip RandomRotation RandomZoom
  RandomTranslation RandomContrast RandomBrightness RandomHue
  RandomSaturation RandomColorDegeneration RandomColorJitter
  RandomGrayscale RandomInvert RandomPosterization RandomSharpness
  RandomShear RandomGaussianBlur RandomErasing RandomPerspective
  RandomElasticTransform AutoContrast Equalization Solarization MixUp
  CutMix AugMix RandAugment CLAHE
`);

export const CORE_RULES: Record<string, ShapeRule> = {
  Dense: dense,
  EinsumDense: einsumDense,
  Embedding: embedding,
  ReversibleEmbedding: embedding,
  SpectralNormalization: wrapped,
  ...table(SHAPE_KEEPING, keepShape),
  ...table(['Resizing', 'CenterCrop', 'RandomCrop'], keepBatch)
};
