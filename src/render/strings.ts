/**
 * The view's words, translated. Every user-facing string of `src/render`
 * goes through `trans.__()` / `trans._n()` here or next to where it is used;
 * the English `meaning` of the analysis is for the CLI only.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { formatCount } from '../analyze';
import type { DimFact } from '../analyze';
import type { ColumnKind } from '../parse';
import type { RowWords } from './types';

/** Column headers, by meaning (the printed header may be cut: `Trai…`). */
export function columnTitle(
  trans: TranslationBundle,
  kind: ColumnKind | 'type'
): string {
  switch (kind) {
    case 'layer':
      return trans.__('Layer');
    case 'type':
      return trans.__('Type');
    case 'shape':
      return trans.__('Output Shape');
    case 'params':
      return trans.__('Param #');
    case 'connected':
      return trans.__('Connected to');
    case 'trainable':
      return trans.__('Trainable');
  }
}

/** What the axis is, as a sentence following "It is …" thoughts. */
export function axisMeaning(
  trans: TranslationBundle,
  kind: DimFact['kind']
): string {
  switch (kind) {
    case 'batch':
      return trans.__(
        'It counts the samples in each batch. It is left open so that any batch size fits: the size is chosen at fit/predict time (batch_size=…), or is the number of samples you pass.'
      );
    case 'fixedBatch':
      return trans.__(
        'It counts the samples in each batch, and here that number is fixed.'
      );
    case 'timesteps':
      return trans.__(
        'It counts the timesteps of a sequence: its length, which may differ from batch to batch.'
      );
    case 'length':
      return trans.__(
        'It is the length of each input sequence (for example, tokens per text), which may differ from batch to batch.'
      );
    case 'height':
      return trans.__(
        'It is the height of an image, left open so that images of any height fit.'
      );
    case 'width':
      return trans.__(
        'It is the width of an image, left open so that images of any width fit.'
      );
    case 'depth':
      return trans.__(
        'It is the depth of a volume, left open so that volumes of any depth fit.'
      );
    case 'features':
      return trans.__(
        'It counts the features of each step, left open: known only when data arrives.'
      );
    default:
      return trans.__('It is a size left open: known only when data arrives.');
  }
}

/** How to get real shapes and counts out of an unbuilt model. */
export function buildAdvice(trans: TranslationBundle): string {
  return trans.__(
    'To see real values, build the model: call it on data or use model.build(input_shape), or give the first layer an Input(shape=…).'
  );
}

/** The fix for cells Keras cut short. */
export function cutAdvice(trans: TranslationBundle): string {
  return trans.__(
    'Keras cut this cell short to fit the table width. Print the summary with model.summary(line_length=…) or set a wider COLUMNS environment variable to see it whole.'
  );
}

/**
 * A dimension in a few words, for the letters' legend and the what-if's
 * fields: `T: timesteps of a sequence`.
 */
export function dimensionName(
  trans: TranslationBundle,
  kind: DimFact['kind']
): string {
  switch (kind) {
    case 'batch':
    case 'fixedBatch':
      return trans.__('batch size (samples per batch)');
    case 'timesteps':
      return trans.__('timesteps of a sequence');
    case 'length':
      return trans.__('length of each input sequence');
    case 'height':
      return trans.__('height of an image');
    case 'width':
      return trans.__('width of an image');
    case 'depth':
      return trans.__('depth of a volume');
    case 'features':
      return trans.__('features per step');
    default:
      return trans.__('a size left open');
  }
}

/** The accessible names and titles every row uses, translated once per table. */
export function rowWords(trans: TranslationBundle): RowWords {
  return {
    cut: trans.__('cut short'),
    cutAdvice: cutAdvice(trans),
    batch: trans.__('Batch dimension: activate to explain'),
    fixedBatch: trans.__('Fixed batch size: activate to explain'),
    firstCallBatch: trans.__('Batch of the first call: activate to explain'),
    variable: trans.__('Variable-length dimension: activate to explain'),
    unknownShape: trans.__('Shape not known yet: activate to explain'),
    multiple: trans.__('Several shapes: activate to explain'),
    unbuilt: trans.__('Parameters not created yet: activate to explain'),
    trainable: trans.__('Trainable'),
    frozen: trans.__('Not trainable (frozen)'),
    nested: trans.__('Nested layers'),
    ref: trans.__(
      'Input of this layer: activate to explain node and tensor index'
    ),
    params: trans.__('How this count is computed: activate to explain')
  };
}

/** `Param # 100,480: how it is computed`, the accessible name of a count's button. */
export function paramsLabel(trans: TranslationBundle, count: number): string {
  return trans.__('Param # %1: how it is computed', formatCount(count));
}
