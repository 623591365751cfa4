/**
 * The part of a `None`'s explanation that says where it comes from and how
 * big it is, and how sure that is: its `source` (the batch, or which model
 * input axis), its `size` (with its letter, `T`, `T′`: the `None`s that
 * always have the same size, and the row where that size starts, with the
 * kernel's config facts that decide it) and whether both are **exact** (the
 * kernel followed the axis through the live model) or **inferred** (read
 * from the printed text). For text summaries and kernel summaries alike.
 */
import type { DimFact } from '../../analyze';
import { fill, slot, text } from '../dom';
import { configFacts } from '../kernel-facts';
import { rowLink } from '../links';
import { producerText } from '../source';
import type { ExplainContext } from '../types';

/** `Source: axis 1 of the model input frames.` */
function sourceSentence(
  ctx: ExplainContext,
  fact: DimFact
): DocumentFragment | null {
  const { trans } = ctx;
  const source = fact.source;
  if (source === undefined) {
    return null;
  }
  if (source === 'batch') {
    return text(
      trans.__(
        "Source: the batch, axis 0 of every model input (all of a model's inputs share it)."
      )
    );
  }
  if (source === null) {
    return fact.origin !== null && ctx.summary.layers[fact.origin]
      ? fill(
          trans.__('Source: no model input; it first appears at %1.', slot(0)),
          [rowLink(ctx, fact.origin)]
        )
      : text(trans.__('Source: no model input.'));
  }
  // A Sequential's input is no row of its table (row null), and a text
  // summary may not name it (input null).
  const input =
    source.row !== null && source.row >= 0 && ctx.summary.layers[source.row]
      ? rowLink(ctx, source.row)
      : source.input !== null
        ? document.createTextNode(source.input)
        : null;
  if (input === null) {
    return text(
      trans.__(
        "Source: axis %1 of the model's input.",
        String(source.axis)
      )
    );
  }
  return fill(
    trans.__(
      'Source: axis %1 of the model input %2.',
      String(source.axis),
      slot(0)
    ),
    [input]
  );
}

/** `Size T′: …; conv_a (Conv1D) starts it (kernel_size=(5,), strides=(2,), …).` */
function sizeSentence(
  ctx: ExplainContext,
  row: number,
  fact: DimFact
): DocumentFragment | null {
  const { trans } = ctx;
  const id = fact.size;
  if (id === undefined) {
    return null;
  }
  if (id === 'batch' || fact.role === 'batch') {
    return text(
      trans.__('Size B: the batch size, the same in every row that has it.')
    );
  }
  const size = ctx.analysis.facts?.sizes?.[id];
  const label = size?.label ?? '';
  const start = fact.sizeOrigin ?? size?.origin ?? null;
  const fragment = document.createDocumentFragment();
  fragment.appendChild(
    document.createTextNode(
      label
        ? trans.__(
            'Size %1: every None with this size always has the same length as this one.',
            label
          )
        : trans.__(
            'Its size: every None with this size always has the same length as this one.'
          )
    )
  );
  if (start === null || !ctx.summary.layers[start]) {
    return fragment;
  }
  fragment.appendChild(document.createTextNode(' '));
  if (start === row) {
    fragment.appendChild(
      document.createTextNode(
        size?.derived
          ? trans.__(
              'It starts here: this layer works out its output length from its input length.'
            )
          : trans.__('It starts here.')
      )
    );
  } else {
    fragment.appendChild(
      fill(
        size?.derived
          ? trans.__(
              'It starts at %1, which works out its output length from its input length.',
              slot(0)
            )
          : trans.__('It starts at %1.', slot(0)),
        [rowLink(ctx, start)]
      )
    );
  }
  const config = size?.derived ? configFacts(ctx.summary.layers[start]) : [];
  if (config.length > 0) {
    fragment.appendChild(
      document.createTextNode(
        ' ' +
          trans.__('Its configuration, from the kernel: %1.', config.join(', '))
      )
    );
  }
  return fragment;
}

/** Whether the source and size are exact (the kernel) or inferred (the text), and why. */
function exactness(ctx: ExplainContext, fact: DimFact): DocumentFragment {
  const { trans, summary } = ctx;
  if (fact.exact) {
    const kernel = summary.kernel;
    return text(
      kernel
        ? trans.__(
            'Exact: the kernel followed this axis through the live model (%1), so its source and size are facts, not guesses.',
            producerText(kernel)
          )
        : trans.__(
            'Exact: the kernel followed this axis through the live model, so its source and size are facts, not guesses.'
          )
    );
  }
  if (summary.source === 'kernel') {
    const dims = summary.kernel?.dims;
    const why =
      dims && typeof dims.reason === 'string' && dims.reason
        ? dims.reason
        : trans.__('this axis was not among those it followed');
    return text(
      trans.__(
        'Inferred: the kernel could not follow this axis (%1), so its source and size are read from the shapes, as for printed text.',
        why
      )
    );
  }
  return text(
    trans.__(
      'Inferred: its source and size are read from the printed text (the layers, their shapes and connections), not from the model: the best guess the text allows. With the kernel companion loaded, the summary says exactly.'
    )
  );
}

/** The source, size and exactness paragraphs of a `None` (or batch) explanation. */
export function exactParagraphs(
  ctx: ExplainContext,
  row: number,
  fact: DimFact
): DocumentFragment[] {
  const out: DocumentFragment[] = [];
  const shown = [
    sourceSentence(ctx, fact),
    sizeSentence(ctx, row, fact)
  ].filter((f): f is DocumentFragment => f !== null);
  if (shown.length > 0) {
    const joined = document.createDocumentFragment();
    shown.forEach((f, i) => {
      if (i > 0) {
        joined.appendChild(document.createTextNode(' '));
      }
      joined.appendChild(f);
    });
    out.push(joined);
    out.push(exactness(ctx, fact));
  }
  return out;
}
