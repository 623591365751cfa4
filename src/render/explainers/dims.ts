/**
 * The explainer of a `dim` control: a `None` (the batch dimension or a
 * variable-length one: which axis, what it means, where it comes from and
 * who consumes it, its letter and its what-if size) or a fixed batch size.
 */
import type { DimFact } from '../../analyze';
import { dimFact, letterOf } from '../analysis';
import { fill, slot, text } from '../dom';
import { shapesFromFirstCall } from '../kernel-facts';
import { rowLink, rowLinks } from '../links';
import { axisMeaning } from '../strings';
import type { ExplainContext, Explainer, Explanation } from '../types';
import { exactParagraphs } from './exact';

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

function isInputLayer(ctx: ExplainContext, row: number): boolean {
  return ctx.summary.layers[row]?.type === 'InputLayer';
}

/** The row where the batch enters: follow the first input back to a row that has none. */
function batchOrigin(ctx: ExplainContext, row: number): number {
  const layers = ctx.analysis.facts?.layers;
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

/** What the what-if says about a `None` while it is open. */
function whatIfSentence(
  ctx: ExplainContext,
  row: number,
  fact: DimFact
): DocumentFragment | null {
  const result = ctx.dims.whatIf;
  if (!result) {
    return null;
  }
  const { trans } = ctx;
  const group = fact.sizeGroup;
  const name = ctx.dims.groupLabels[group];
  const size = result.rows[row]?.shapes[fact.tensor]?.[fact.axis];
  const fragment = document.createDocumentFragment();
  if (typeof size === 'number') {
    fragment.appendChild(
      document.createTextNode(
        trans.__(
          'What if: here it is %1 (the size given for %2).',
          String(size),
          name ?? ''
        )
      )
    );
  } else if (name) {
    fragment.appendChild(
      document.createTextNode(
        trans.__('What if: give a size for %1 to see it here.', name)
      )
    );
  }
  const info = ctx.analysis.facts?.sizeGroups[group];
  if (
    info?.derived &&
    info.origin !== null &&
    ctx.summary.layers[info.origin]
  ) {
    fragment.appendChild(document.createTextNode(' '));
    fragment.appendChild(
      fill(
        trans.__(
          '%1 may change this size (its kernel, strides and padding decide it), so the what-if asks for it apart.',
          slot(0)
        ),
        [rowLink(ctx, info.origin)]
      )
    );
  }
  return fragment.childNodes.length > 0 ? fragment : null;
}

/** Its letter and its what-if size, while the dimension tools show them. */
function toolSentences(
  ctx: ExplainContext,
  row: number,
  fact: DimFact
): DocumentFragment[] {
  const out: DocumentFragment[] = [];
  const letter = letterOf(ctx.analysis.facts, fact);
  const dimension = ctx.analysis.facts?.lineageLabels[fact.lineage];
  if (ctx.dims.letters && letter) {
    out.push(
      text(
        dimension && dimension !== letter
          ? ctx.trans.__(
              'Its letter is %1: every None with this letter has this same size. It is the dimension %2 after a layer that may change its size.',
              letter,
              dimension
            )
          : ctx.trans.__(
              'Its letter is %1: every None with this letter is this same dimension, with this same size.',
              letter
            )
      )
    );
  }
  const size = whatIfSentence(ctx, row, fact);
  if (size) {
    out.push(size);
  }
  return out;
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
  const tools = toolSentences(ctx, row, fact);
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
    paragraphs.push(where);
    for (const p of exactParagraphs(ctx, row, fact)) {
      paragraphs.push(p);
    }
    for (const p of tools) {
      paragraphs.push(p);
    }
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
  } else if (ctx.analysis.facts) {
    where.appendChild(
      document.createTextNode(trans.__("It reaches the model's output."))
    );
  }
  paragraphs.push(where);
  for (const p of exactParagraphs(ctx, row, fact)) {
    paragraphs.push(p);
  }
  for (const p of tools) {
    paragraphs.push(p);
  }
  return { title: trans.__('Variable-length dimension'), paragraphs };
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

/**
 * A number at axis 0 of a subclassed model's summary: the shapes are those
 * its layers were built with on the first call, so the number is that
 * call's batch, not a batch size the model fixes (the kernel says so).
 */
function explainFirstCallBatch(
  ctx: ExplainContext,
  row: number,
  fact: DimFact
): Explanation {
  const { trans } = ctx;
  const size = String(fact.value);
  return {
    title: trans.__('Batch of the first call: %1', size),
    paragraphs: [
      axisSentence(ctx, row, fact.tensor, fact.axis),
      text(
        trans.__(
          'This model is subclassed: it has no graph of its own, so Keras shows the shapes its layers were built with when the model was first called, and that call held a batch of %1 samples.',
          size
        )
      ),
      text(
        trans.__(
          'So %1 is the batch of that first call, not a fixed batch size: the model was not told to take batches of %1 only. The kernel says where these shapes come from (exact).',
          size
        )
      )
    ]
  };
}

export const explainDim: Explainer = (ctx, ref) => {
  const fact = dimFact(
    ctx.summary,
    ctx.analysis.facts,
    ref.row,
    ref.tensor,
    ref.axis
  );
  if (fact.kind === 'fixedBatch' && typeof fact.value === 'number') {
    return shapesFromFirstCall(ctx.summary, ref.row)
      ? explainFirstCallBatch(ctx, ref.row, fact)
      : explainFixedBatch(ctx, ref.row, fact);
  }
  return explainNone(ctx, ref.row, fact);
};
