/**
 * What each control of the table explains: a `None` (batch or variable
 * length), a fixed batch size, Keras 3's `?`, tf.keras' `multiple` and
 * `0 (unbuilt)`. Builds the explanation's content (title and paragraphs,
 * with links to other rows) from the summary and its analysis; the view
 * decides where it goes.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { axisKind } from '../analyze/meaning';
import type { DimFact, SummaryFacts } from '../analyze/types';
import type { Summary } from '../parse/types';
import {
  explainConnection,
  LINK_CLASS,
  rowLink,
  rowLinks
} from './connections';
import { button, fill, h, slot } from './dom';
import { explainFormula } from './formula';
import type { TeachingState } from './letters';
import { axisMeaning, buildAdvice } from './strings';
import { whatIfSentence } from './whatif';

/** The kinds of control a table cell can hold. */
export type ControlKind =
  | 'dim'
  | 'unknownShape'
  | 'multiple'
  | 'unbuilt'
  /** A `Connected to` reference; `tensor` holds its index in the cell. */
  | 'ref'
  /** A row's Param #: how the count is computed (formula.ts). */
  | 'params';

/** One control: its kind and where it sits. */
export interface ControlRef {
  kind: ControlKind;
  row: number;
  /**
   * Output tensor and axis, for `dim` and `unknownShape`; for `ref`, the
   * reference's index in `connectedTo` and 0; 0 otherwise.
   */
  tensor: number;
  axis: number;
}

/** A stable identifier of a control within one summary (safe in selectors). */
export function controlKey(ref: ControlRef): string {
  return `${ref.kind}-${ref.row}-${ref.tensor}-${ref.axis}`;
}

export interface ExplainContext {
  summary: Summary;
  /** The analysis, or null when it could not be made. */
  facts: SummaryFacts | null;
  trans: TranslationBundle;
  /** Letters and what-if sizes, while the teaching tools show them. */
  teaching?: TeachingState;
}

/** The explanation of one control. */
export interface Explanation {
  /** Starts the text: `Batch dimension`, `Variable-length dimension`, … */
  title: string;
  /** Each fragment becomes a paragraph; an element (a list) goes in as it is. */
  paragraphs: (DocumentFragment | HTMLElement)[];
}

export { LINK_CLASS };

/**
 * The fact for one axis; made up from the shape when the analysis has none
 * (it failed, or the summary is odd), so every `None` can be explained.
 */
export function dimFact(
  ctx: ExplainContext,
  row: number,
  tensor: number,
  axis: number
): DimFact {
  const known = ctx.facts?.layers[row]?.dims.find(
    d => d.tensor === tensor && d.axis === axis
  );
  if (known) {
    return known;
  }
  const layer = ctx.summary.layers[row];
  const shape = layer?.tensors[tensor] ?? [];
  const value = shape[axis] ?? null;
  const batch = axis === 0;
  const lineage = batch ? 'batch' : `row${row}-${tensor}-${axis}`;
  return {
    tensor,
    axis,
    role: batch ? 'batch' : 'variable',
    value: value,
    meaning: '',
    kind: batch
      ? typeof value === 'number'
        ? 'fixedBatch'
        : 'batch'
      : axisKind(shape, axis, layer?.type ?? ''),
    lineage,
    origin: null,
    consumer: null,
    consumers: [],
    fromInput: false,
    sizeGroup: lineage
  };
}

/** `This is axis 1 of output 2 (of 3) of lstm (LSTM).` */
function axisSentence(
  ctx: ExplainContext,
  row: number,
  tensor: number,
  axis: number
): DocumentFragment {
  const { trans } = ctx;
  const layer = ctx.summary.layers[row];
  const count = layer?.tensors.length ?? 1;
  const key = layer?.tensorKeys?.[tensor];
  const here = rowLink(ctx, row);
  if (count <= 1) {
    return fill(
      trans.__('This is axis %1 of the output of %2.', String(axis), slot(0)),
      [here]
    );
  }
  if (key) {
    return fill(
      trans.__(
        'This is axis %1 of output “%2” of %3.',
        String(axis),
        slot(0),
        slot(1)
      ),
      [document.createTextNode(key), here]
    );
  }
  return fill(
    trans.__(
      'This is axis %1 of output %2 (of %3) of %4.',
      String(axis),
      String(tensor + 1),
      String(count),
      slot(0)
    ),
    [here]
  );
}

function text(value: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  fragment.appendChild(document.createTextNode(value));
  return fragment;
}

function isInputLayer(ctx: ExplainContext, row: number): boolean {
  return ctx.summary.layers[row]?.type === 'InputLayer';
}

/** The row where the batch enters: follow the first input back to a row that has none. */
function batchOrigin(ctx: ExplainContext, row: number): number {
  const layers = ctx.facts?.layers;
  if (!layers) {
    return 0;
  }
  let at = row;
  const seen = new Set<number>();
  while (!seen.has(at)) {
    seen.add(at);
    const next = layers[at]?.inputs[0];
    if (next === undefined || next < 0 || next >= layers.length) {
      break;
    }
    at = next;
  }
  return at;
}

/** Where a dimension comes from. */
function originSentence(
  ctx: ExplainContext,
  row: number,
  origin: number,
  fromInput: boolean
): DocumentFragment {
  const { trans } = ctx;
  if (origin === row) {
    if (isInputLayer(ctx, row)) {
      return text(trans.__('It enters the model here, at this model input.'));
    }
    return text(
      fromInput
        ? trans.__("It comes from the model's input; this is the first layer.")
        : trans.__('It first appears here, at this layer.')
    );
  }
  if (isInputLayer(ctx, origin)) {
    return fill(trans.__('It comes from the model input %1.', slot(0)), [
      rowLink(ctx, origin)
    ]);
  }
  if (fromInput) {
    return fill(
      trans.__(
        "It comes from the model's input and first appears at %1.",
        slot(0)
      ),
      [rowLink(ctx, origin)]
    );
  }
  return fill(trans.__('It first appears at %1.', slot(0)), [
    rowLink(ctx, origin)
  ]);
}

function explainNone(
  ctx: ExplainContext,
  row: number,
  fact: DimFact
): Explanation {
  const { trans } = ctx;
  const paragraphs = [
    axisSentence(ctx, row, fact.tensor, fact.axis),
    text(axisMeaning(trans, fact.kind))
  ];
  const teaching = teachingSentences(ctx, row, fact);
  if (fact.role === 'batch') {
    const origin = batchOrigin(ctx, row);
    const where = originSentence(ctx, row, origin, true);
    where.appendChild(
      document.createTextNode(
        ' ' +
          trans.__(
            "Every layer passes it on, so it reaches the model's output."
          )
      )
    );
    paragraphs.push(where, ...teaching);
    return { title: trans.__('Batch dimension'), paragraphs };
  }
  const where =
    fact.origin !== null
      ? originSentence(ctx, row, fact.origin, fact.fromInput)
      : document.createDocumentFragment();
  const consumers = fact.consumers.filter(
    c => c >= 0 && c < ctx.summary.layers.length
  );
  if (where.childNodes.length > 0) {
    where.appendChild(document.createTextNode(' '));
  }
  if (consumers.length > 0) {
    where.appendChild(
      fill(
        trans._n(
          'It is consumed by %2, whose output no longer has it.',
          'It is consumed by %2, whose outputs no longer have it.',
          consumers.length,
          slot(0)
        ),
        [rowLinks(ctx, consumers)]
      )
    );
  } else if (ctx.facts) {
    where.appendChild(
      document.createTextNode(trans.__("It reaches the model's output."))
    );
  }
  paragraphs.push(where, ...teaching);
  return { title: trans.__('Variable-length dimension'), paragraphs };
}

/** Its letter and its what-if size, while the teaching tools show them. */
function teachingSentences(
  ctx: ExplainContext,
  row: number,
  fact: DimFact
): DocumentFragment[] {
  const t = ctx.teaching;
  const out: DocumentFragment[] = [];
  const letter = ctx.facts?.lineageLabels[fact.lineage];
  if (t?.letters && letter) {
    out.push(
      text(
        ctx.trans.__(
          'Its letter is %1: every None with this letter is this same dimension.',
          letter
        )
      )
    );
  }
  const size = whatIfSentence(ctx, row, fact.tensor, fact.axis, fact.sizeGroup);
  if (size) {
    out.push(size);
  }
  return out;
}

function explainFixedBatch(
  ctx: ExplainContext,
  row: number,
  fact: DimFact
): Explanation {
  const { trans } = ctx;
  const size = String(fact.value);
  return {
    title: trans.__('Fixed batch size: %1', size),
    paragraphs: [
      axisSentence(ctx, row, fact.tensor, fact.axis),
      text(axisMeaning(trans, 'fixedBatch')),
      text(
        trans.__(
          'It was set with Input(batch_size=%1) (or batch_input_shape), or the model was built by calling it on a batch of %1 samples. Every batch must then hold exactly %1 samples.',
          size
        )
      ),
      text(
        trans.__(
          'Leave the batch size out (Input(shape=…) alone) to accept any batch size: the summary then shows None.'
        )
      )
    ]
  };
}

/** The explanation of a control. Never throws for rows or axes it does not know. */
export function explain(ctx: ExplainContext, ref: ControlRef): Explanation {
  const { trans } = ctx;
  switch (ref.kind) {
    case 'dim': {
      const fact = dimFact(ctx, ref.row, ref.tensor, ref.axis);
      if (fact.kind === 'fixedBatch' && typeof fact.value === 'number') {
        return explainFixedBatch(ctx, ref.row, fact);
      }
      return explainNone(ctx, ref.row, fact);
    }
    case 'unknownShape':
      return {
        title: trans.__('Shape not known yet'),
        paragraphs: [
          text(
            trans.__(
              'Keras 3 prints ? when the model is not built yet: its layers have not seen any input, so the output shape of this layer is not known.'
            )
          ),
          text(buildAdvice(trans))
        ]
      };
    case 'unbuilt':
      return {
        title: trans.__('Parameters not created yet'),
        paragraphs: [
          text(
            trans.__(
              'This layer has not created its weights yet (it is not built), so Keras counts 0 parameters for it, and the totals leave them out too.'
            )
          ),
          text(buildAdvice(trans))
        ]
      };
    case 'ref':
      return explainConnection(ctx, ref.row, ref.tensor);
    case 'params':
      return explainFormula(ctx, ref.row);
    case 'multiple':
      return {
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
      };
  }
}

/** The dialog element holding an explanation (`role="dialog"`, non-modal). */
export function explanationNode(
  explanation: Explanation,
  id: string,
  trans: TranslationBundle
): HTMLElement {
  const dialog = h('div', 'jp-KerasSummary-explain');
  dialog.id = id;
  dialog.setAttribute('role', 'dialog');
  dialog.setAttribute('aria-modal', 'false');
  dialog.tabIndex = -1;
  const title = h('p', 'jp-KerasSummary-explainTitle', explanation.title);
  title.id = `${id}-title`;
  dialog.setAttribute('aria-labelledby', title.id);
  dialog.appendChild(title);
  for (const p of explanation.paragraphs) {
    if (p instanceof HTMLElement) {
      dialog.appendChild(p);
      continue;
    }
    const para = h('p', 'jp-KerasSummary-explainText');
    para.appendChild(p);
    dialog.appendChild(para);
  }
  const close = button('jp-KerasSummary-explainClose', '×');
  close.setAttribute('data-action', 'close');
  close.setAttribute('aria-label', trans.__('Close the explanation'));
  close.title = trans.__('Close (Escape)');
  dialog.appendChild(close);
  return dialog;
}
