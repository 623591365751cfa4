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

const sizeList = (v: unknown): Size[] | null =>
  Number.isInteger(v)
    ? [v as number]
    : Array.isArray(v) && v.every(d => d === null || Number.isInteger(d))
      ? (v as Size[])
      : null;

/**
 * EinsumDense, as Keras builds its output shape (`_analyze_split_string`):
 * the input's batch, then the layer's `output_shape` as given (an axis given
 * as None stays unknown, whatever the input), with the axes `...` stands
 * for taken from the input. tf-keras returns the shape it was built with.
 */
const einsumDense: ShapeRule = call => {
  const x = first(call);
  const equation = call.config.equation;
  if (call.framework === 'tf_keras') {
    const full = sizeList(call.config.full_output_shape);
    return { shapes: [full ? full.slice() : (call.outputs[0] ?? []).slice()] };
  }
  const partial = sizeList(call.config.partial_output_shape);
  if (!x || !partial || typeof equation !== 'string') {
    return null;
  }
  const spec = equation.replace(/\s/g, '').replace(/\.\.\./g, '0');
  const left = /^0([a-zA-Z]+),([a-zA-Z]+)->0([a-zA-Z]+)$/.exec(spec);
  const right = /^([a-zA-Z]{2,})0,([a-zA-Z]+)->([a-zA-Z]+)0$/.exec(spec);
  const plain = /^([a-zA-Z]+),([a-zA-Z]+)->([a-zA-Z]+)$/.exec(spec);
  const input = (left ?? right ?? plain)?.[1];
  if (!input) {
    return null;
  }
  const elided = x.length - input.length;
  const out: Shape = [x[0], ...partial];
  if (elided > 0 && left) {
    for (let i = 1; i < elided; i++) {
      out.splice(1, 0, x[i]);
    }
  } else if (elided > 0 && right) {
    out.push(...x.slice(x.length - elided));
  }
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
