/**
 * The kernel's part of a Param # explanation: the row's weights as the live
 * model holds them (each weight's name, shape, dtype and whether it is
 * trained), what they add up to against the printed count, the layer's
 * dtype policy when it is not plain float32 (mixed precision computes in
 * another dtype; a quantized layer stores its kernel as int8 with a scale
 * beside it, which the list shows) and its configuration. No inference:
 * these are facts from the kernel, and the explanation says so.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { formatCount } from '../../analyze';
import type { LayerRow, PayloadWeight, Summary } from '../../parse';
import { h, text } from '../dom';
import {
  configFacts,
  kernelWeights,
  rowPolicy,
  weightCountText,
  weightSize,
  weightsOmitted
} from '../kernel-facts';

/** `kernel (5, 100, 32) float32, trained: 5 × 100 × 32 = 16,000`. */
function weightLine(trans: TranslationBundle, w: PayloadWeight): string {
  const shape = Array.isArray(w.shape)
    ? `(${w.shape.map(d => (d === null ? 'None' : String(d))).join(', ')}${w.shape.length === 1 ? ',' : ''})`
    : '?';
  const dtype = typeof w.dtype === 'string' && w.dtype ? w.dtype : '?';
  const name = typeof w.name === 'string' ? w.name : '?';
  return w.trainable
    ? trans.__(
        '%1 %2 %3, trainable: %4',
        name,
        shape,
        dtype,
        weightCountText(w)
      )
    : trans.__(
        '%1 %2 %3, not trainable: %4',
        name,
        shape,
        dtype,
        weightCountText(w)
      );
}

/** `Together: 16,032 ✓ the printed count`, or how they differ. */
function sumLine(
  trans: TranslationBundle,
  weights: PayloadWeight[],
  count: number | null
): HTMLElement {
  let sum = 0;
  let known = true;
  for (const w of weights) {
    const n = weightSize(w);
    if (n === null) {
      known = false;
    } else {
      sum += n;
    }
  }
  const p = h('p', 'jp-KerasSummary-explainText jp-KerasSummary-weightsSum');
  if (!known) {
    p.textContent = trans.__('Some weights have no known shape.');
  } else if (count === sum) {
    p.textContent = trans.__(
      'Together: %1, the printed count.',
      formatCount(sum)
    );
  } else {
    p.textContent = trans.__(
      'Together: %1 values; Keras counts %2.',
      formatCount(sum),
      formatCount(count ?? 0)
    );
  }
  return p;
}

/** What a dtype policy that is not plain float32 means for the count. */
function policyLine(
  trans: TranslationBundle,
  policy: NonNullable<ReturnType<typeof rowPolicy>>
): DocumentFragment {
  if (policy.quantization) {
    return text(
      trans.__(
        'Dtype policy %1: quantized to %2. The weights are stored as listed, in %2 with their scales beside them, and the count adds every stored value; it computes in %3.',
        policy.name,
        policy.quantization,
        policy.compute ?? '?'
      )
    );
  }
  return text(
    trans.__(
      'Dtype policy %1: it computes in %2 and keeps its weights in %3 (mixed precision), so the count is that of the %3 weights listed.',
      policy.name,
      policy.compute ?? '?',
      policy.variable ?? '?'
    )
  );
}

/**
 * The kernel's paragraphs for the Param # of `layer`; none for a row of a
 * parsed text (or a kernel row without weights, e.g. an InputLayer).
 */
export function weightParagraphs(
  trans: TranslationBundle,
  summary: Summary,
  layer: LayerRow | undefined
): (DocumentFragment | HTMLElement)[] {
  if (!layer?.kernel) {
    return [];
  }
  const out: (DocumentFragment | HTMLElement)[] = [];
  const weights = kernelWeights(layer);
  if (weights && weights.length > 0) {
    const block = h(
      'div',
      'jp-KerasSummary-formulaBlock jp-KerasSummary-weights'
    );
    block.appendChild(
      h(
        'p',
        'jp-KerasSummary-explainText',
        trans.__(
          'Its weights, from the kernel (the live model holds exactly these; nothing is inferred):'
        )
      )
    );
    const list = h('ul', 'jp-KerasSummary-formulaList');
    for (const w of weights) {
      list.appendChild(h('li', 'jp-KerasSummary-weight', weightLine(trans, w)));
    }
    block.appendChild(list);
    out.push(block);
    out.push(sumLine(trans, weights, layer.params));
  } else if (weightsOmitted(summary)) {
    out.push(
      text(
        trans.__(
          'The kernel left out the weights of each layer: this model has too many rows for them.'
        )
      )
    );
  }
  const policy = rowPolicy(layer);
  if (policy) {
    out.push(policyLine(trans, policy));
  }
  const config = configFacts(layer);
  if (config.length > 0) {
    out.push(
      text(
        trans.__('Its configuration, from the kernel: %1.', config.join(', '))
      )
    );
  }
  return out;
}
