/**
 * The explainers of what Keras prints instead of a shape or a count: Keras
 * 3's `?` and `0 (unbuilt)` before the model is built, and tf.keras'
 * `multiple`.
 */
import { text } from '../dom';
import { buildAdvice } from '../strings';
import type { Explainer } from '../types';

export const explainUnknownShape: Explainer = ({ trans }) => ({
  title: trans.__('Shape not known yet'),
  paragraphs: [
    text(
      trans.__(
        'Keras 3 prints ? when the model is not built yet: its layers have not seen any input, so the output shape of this layer is not known.'
      )
    ),
    text(buildAdvice(trans))
  ]
});

export const explainUnbuilt: Explainer = ({ trans }) => ({
  title: trans.__('Parameters not created yet'),
  paragraphs: [
    text(
      trans.__(
        'This layer has not created its weights yet (it is not built), so Keras counts 0 parameters for it, and the totals leave them out too.'
      )
    ),
    text(buildAdvice(trans))
  ]
});

export const explainMultiple: Explainer = ({ trans }) => ({
  title: trans.__('Several shapes'),
  paragraphs: [
    text(
      trans.__(
        'tf.keras prints multiple when the layer was called on several inputs or has several outputs, or when a subclassed model did not record one output shape for it: tf.keras can’t show one shape.'
      )
    ),
    text(
      trans.__(
        'To see shapes, build the model with the functional API (keras.Input(shape=…) and calling the layers on it), or read layer.get_output_shape_at(i) for each call.'
      )
    )
  ]
});
