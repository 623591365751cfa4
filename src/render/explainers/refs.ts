/**
 * The explainer of a `Connected to` reference `name[i][j]`: node index i
 * (which call of the layer made the tensor: 0 unless the layer is shared),
 * tensor index j (which output of that call), its shape, and a button to
 * the row it names.
 */
import { refIndexes } from '../../analyze';
import type { Connection } from '../../analyze';
import { referencedLayer } from '../../parse';
import type { TensorShape } from '../../parse';
import { button, fill, slot, text } from '../dom';
import { kernelRef } from '../kernel-facts';
import { rowLink, shapeText } from '../links';
import { cutAdvice } from '../strings';
import type { ExplainContext, Explainer } from '../types';

/**
 * The facts of reference `k` of row `row`: the kernel's (its row id, node
 * and output) for a kernel summary; else the analysis', else read from the
 * text.
 */
function connectionOf(ctx: ExplainContext, row: number, k: number): Connection {
  const exact = kernelRef(ctx.summary.layers[row], k);
  if (exact) {
    const target = exact.ref.row;
    return {
      ref: k,
      row:
        Number.isInteger(target) && ctx.summary.layers[target as number]
          ? (target as number)
          : null,
      node: Number.isInteger(exact.ref.node) ? exact.ref.node : null,
      tensor: Number.isInteger(exact.ref.output) ? exact.ref.output : null,
      call: exact.call
    };
  }
  const known = ctx.analysis.facts?.layers[row]?.connections?.[k];
  if (known) {
    return known;
  }
  const ref = ctx.summary.layers[row]?.connectedTo[k] ?? '';
  const name = referencedLayer(ref);
  const found = ctx.summary.layers.findIndex(
    (l, i) => i !== row && l.name === name
  );
  return {
    ref: k,
    row: found >= 0 ? found : null,
    ...refIndexes(ref),
    call: 0
  };
}

/** A button, under the explanation, that jumps to the referenced row. */
function gotoButton(ctx: ExplainContext, row: number): DocumentFragment {
  const layer = ctx.summary.layers[row];
  const go = button(
    'jp-KerasSummary-button jp-KerasSummary-goto',
    ctx.trans.__('Go to %1', layer?.name ?? '')
  );
  ctx.actions.bind(go, { kind: 'goto', row });
  const fragment = document.createDocumentFragment();
  fragment.appendChild(go);
  return fragment;
}

/** The explanation of reference `ref.tensor` in the Connected to cell of row `ref.row`. */
export const explainRef: Explainer = (ctx, control) => {
  const row = control.row;
  const k = control.tensor;
  const { trans, summary } = ctx;
  const here = summary.layers[row];
  const ref = here?.connectedTo[k] ?? '';
  const conn = connectionOf(ctx, row, k);
  const name = referencedLayer(ref);
  const title = trans.__('Connected to %1', ref);
  const paragraphs: DocumentFragment[] = [];
  const source = conn.row === null ? null : summary.layers[conn.row];
  const calls =
    conn.row === null
      ? 1
      : source?.kernel?.nodes?.length ||
        (ctx.analysis.facts?.layers[conn.row]?.calls.length ?? 1);

  // What feeds what.
  if (source && conn.row !== null) {
    const parts = [rowLink(ctx, row), rowLink(ctx, conn.row)];
    if (conn.node !== null && conn.tensor !== null) {
      paragraphs.push(
        fill(
          trans.__(
            'An input of %1: output %2 of call %3 of %4 (both counted from 0).',
            slot(0),
            String(conn.tensor),
            String(conn.node),
            slot(1)
          ),
          parts
        )
      );
    } else {
      paragraphs.push(
        fill(trans.__('An input of %1: an output of %2.', slot(0), slot(1)), [
          ...parts
        ])
      );
    }
  } else {
    paragraphs.push(
      text(
        trans.__(
          'No row of this table is named %1, so this input comes from a layer the summary does not list (for example the hidden input of a Keras 1 Sequential model).',
          name
        )
      )
    );
  }

  // Node index: which call.
  if (conn.node !== null) {
    const node = String(conn.node);
    if (calls > 1) {
      paragraphs.push(
        text(
          trans.__(
            'Node index %1: which call of %2 made this tensor. Each call of a layer on new inputs adds a node to it. %2 is called %3 times in this model (a shared layer: every call uses the same weights), and this is call %1, counting from 0.',
            node,
            name,
            String(calls)
          )
        )
      );
      if (summary.format === 'keras3' && source) {
        paragraphs.push(
          text(
            trans.__(
              'The row of %1 shows the output shape of its last call.',
              name
            )
          )
        );
      }
    } else if (conn.node === 0) {
      paragraphs.push(
        text(
          trans.__(
            'Node index 0: which call of %1 made this tensor. Each call of a layer on new inputs adds a node to it; the index is 0 unless the layer is shared (called on several inputs), and %1 is called once here.',
            name
          )
        )
      );
    } else {
      paragraphs.push(
        text(
          trans.__(
            'Node index %1: which call of %2 made this tensor, counting from 0. A layer called on several inputs (a shared layer) gets one node per call, all with the same weights.',
            node,
            name
          )
        )
      );
    }
  }

  // Tensor index: which output of the call.
  if (conn.tensor !== null) {
    const tensor = String(conn.tensor);
    const outputs =
      source?.shapeKind === 'tensors' ? (source.tensors ?? []) : [];
    // The kernel knows the shape of this very tensor (a shared layer's
    // row shows its last call's).
    const tensorId = kernelRef(here, k)?.ref.tensor;
    const exactShape =
      tensorId === undefined
        ? undefined
        : summary.kernel?.tensors?.[tensorId]?.shape;
    const shape = Array.isArray(exactShape)
      ? (exactShape as TensorShape)
      : outputs[conn.tensor];
    if (outputs.length > 1) {
      paragraphs.push(
        text(
          trans.__(
            'Tensor index %1: which output of that call. %2 returns %3 tensors; this is output %1, counting from 0.',
            tensor,
            name,
            String(outputs.length)
          )
        )
      );
    } else {
      paragraphs.push(
        text(
          conn.tensor === 0
            ? trans.__(
                'Tensor index 0: which output of that call. %1 returns one tensor, so the index is 0 (a layer with several outputs, such as an LSTM with return_state=True, numbers them 0, 1, 2, …).',
                name
              )
            : trans.__(
                'Tensor index %1: output %1 of that call, counting from 0.',
                tensor
              )
        )
      );
    }
    if (shape) {
      paragraphs.push(
        text(trans.__('Its shape: %1.', shapeText(shape as TensorShape)))
      );
    }
  }

  if (ref.endsWith('…')) {
    paragraphs.push(text(cutAdvice(trans)));
  }
  if (source && conn.row !== null) {
    paragraphs.push(gotoButton(ctx, conn.row));
  }
  return { title, paragraphs };
};
