/**
 * The explainer of a row's Param #: the formula of the count, with a
 * "matches the printed count" mark, its parts (weights, biases, …), what was
 * inferred, and for BatchNormalization which half is non-trainable and why.
 * The count is a button only where the analysis knows a formula for the row
 * (`SummaryAnalysis.formulas`); a supported layer whose count no formula
 * gives is said to be "not explained", and no formula is shown for it.
 *
 * The formula, term and note texts come from the analysis in English (like
 * the analysis' `meaning` strings); the words around them are translated.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { formatCount } from '../../analyze';
import type { ParamFormula } from '../../analyze';
import type { LayerRow, TensorShape } from '../../parse';
import { fill, h, slot, text } from '../dom';
import { rowLinks, shapeText } from '../links';
import type { ExplainContext, Explainer } from '../types';
import { weightParagraphs } from './weights';

/**
 * Whether a formula may be shown as one: it says it matches and its parts
 * add up to the printed count. The analysis promises this; the view checks
 * again, so a formula that does not add up is never shown as matching.
 */
export function formulaHolds(
  formula: ParamFormula,
  layer: LayerRow | undefined
): boolean {
  const count = layer?.params;
  if (!formula.matches || typeof count !== 'number') {
    return false;
  }
  if (formula.terms.length === 0) {
    return count === 0;
  }
  return formula.terms.reduce((sum, t) => sum + t.value, 0) === count;
}

function para(className: string): HTMLParagraphElement {
  return h('p', `jp-KerasSummary-explainText ${className}`);
}

/** The formula, then `✓ matches the printed count`. */
function formulaLine(
  trans: TranslationBundle,
  formula: ParamFormula
): HTMLElement {
  const p = para('jp-KerasSummary-formula');
  p.appendChild(h('span', 'jp-KerasSummary-formulaText', formula.text));
  p.appendChild(document.createTextNode(' '));
  const mark = h('span', 'jp-KerasSummary-formulaMatch');
  const tick = h('span', 'jp-KerasSummary-formulaTick', '✓');
  tick.setAttribute('aria-hidden', 'true');
  mark.appendChild(tick);
  mark.appendChild(
    document.createTextNode(' ' + trans.__('matches the printed count'))
  );
  p.appendChild(mark);
  return p;
}

/** A small list under a lead-in: the parts of the count, or the notes. */
function list(lead: string, items: string[], className: string): HTMLElement {
  const block = h('div', `jp-KerasSummary-formulaBlock ${className}`);
  const title = h('p', 'jp-KerasSummary-explainText', lead);
  block.appendChild(title);
  const ul = h('ul', 'jp-KerasSummary-formulaList');
  for (const item of items) {
    ul.appendChild(h('li', undefined, item));
  }
  block.appendChild(ul);
  return block;
}

/** `weights: 784 × 128 = 100,352`, or `biases: 128` when there is nothing to compute. */
function termLines(trans: TranslationBundle, formula: ParamFormula): string[] {
  return formula.terms.map(t => {
    const value = formatCount(t.value);
    const how = t.text === value ? value : `${t.text} = ${value}`;
    return trans.__('%1: %2', t.label, how);
  });
}

/** BatchNormalization: which part is trained and which is not, and why. */
function trainableSplit(
  trans: TranslationBundle,
  formula: ParamFormula,
  count: number
): DocumentFragment | null {
  const frozen = formula.nonTrainable;
  if (!frozen || frozen.value <= 0 || frozen.value > count) {
    return null;
  }
  return text(
    trans.__(
      'Trainable: %1 of the %2 (learned by gradients). Non-trainable: %3, because the %4.',
      formatCount(count - frozen.value),
      formatCount(count),
      formatCount(frozen.value),
      frozen.why
    )
  );
}

/** `Its input: the output of flatten (Flatten), shaped (None, 784).` */
function inputSentence(
  ctx: ExplainContext,
  row: number
): DocumentFragment | null {
  const layers = ctx.summary.layers;
  const inputs = (ctx.analysis.facts?.layers[row]?.inputs ?? []).filter(
    r => Number.isInteger(r) && r >= 0 && r < layers.length && r !== row
  );
  if (inputs.length === 0) {
    return null;
  }
  const { trans } = ctx;
  if (inputs.length === 1) {
    const source = layers[inputs[0]];
    const shape: TensorShape | undefined =
      source.shapeKind === 'tensors' && source.tensors.length === 1
        ? source.tensors[0]
        : undefined;
    if (shape) {
      return fill(
        trans.__('Its input: the output of %1, shaped %2.', slot(0), slot(1)),
        [
          rowLinks(ctx, inputs),
          h('span', 'jp-KerasSummary-formulaShape', shapeText(shape))
        ]
      );
    }
  }
  return fill(
    trans._n(
      'Its input: the output of %2.',
      'Its inputs: the outputs of %2.',
      inputs.length,
      slot(0)
    ),
    [rowLinks(ctx, inputs)]
  );
}

/** The explainer of row `ref.row`'s Param #. */
export const explainParams: Explainer = (ctx, ref) => {
  const { trans, summary } = ctx;
  const row = ref.row;
  const layer: LayerRow | undefined = summary.layers[row];
  const name = layer?.name ?? '';
  const title = layer?.type
    ? trans.__('Parameters of %1 (%2)', name, layer.type)
    : trans.__('Parameters of %1', name);
  const formula = layer ? (ctx.analysis.formulas[row] ?? null) : null;
  const count = layer?.params;
  // A kernel row's weights explain its count without a formula.
  const exact = weightParagraphs(trans, summary, layer);
  if (!layer || !formula || typeof count !== 'number') {
    return {
      title,
      paragraphs:
        exact.length > 0
          ? exact
          : [
              text(
                trans.__(
                  'No formula is known for this count: it is as printed.'
                )
              )
            ]
    };
  }
  const paragraphs: (DocumentFragment | HTMLElement)[] = [];
  if (!formulaHolds(formula, layer)) {
    // Never a formula that does not add up: say so, with the analysis' reason.
    const why = formula.text.replace(/^not explained:\s*/i, '');
    const p = para('jp-KerasSummary-formulaUnexplained');
    p.textContent = trans.__('Not explained: %1', why);
    paragraphs.push(p);
    paragraphs.push(
      text(
        trans.__(
          'No formula known for %1 gives the printed count %2 from the shapes in this summary, so none is shown.',
          layer.type || name,
          formatCount(count)
        )
      )
    );
  } else {
    paragraphs.push(formulaLine(trans, formula));
    if (count === 0 && formula.terms.length === 0) {
      paragraphs.push(
        text(
          trans.__(
            '%1 has no weights of its own: it computes its output from its inputs alone, so it adds nothing to the count.',
            layer.type || name
          )
        )
      );
    }
    if (formula.terms.length > 0) {
      paragraphs.push(
        list(
          trans.__('Its parts:'),
          termLines(trans, formula),
          'jp-KerasSummary-formulaTerms'
        )
      );
    }
    const split = trainableSplit(trans, formula, count);
    if (split) {
      paragraphs.push(split);
    }
  }
  // The kernel's weights say what the notes could only infer.
  if (formula.notes.length > 0 && exact.length === 0) {
    paragraphs.push(
      list(trans.__('Notes:'), formula.notes, 'jp-KerasSummary-formulaNotes')
    );
  }
  for (const p of exact) {
    paragraphs.push(p);
  }
  if (count > 0) {
    const input = inputSentence(ctx, row);
    if (input) {
      paragraphs.push(input);
    }
  }
  return { title, paragraphs };
};
