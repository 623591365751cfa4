/**
 * Links between rows, used by explanations and the letters' legend: a
 * row's name as a button that jumps to it (registered as a `goto` action),
 * and a list of them. Plain functions from data to DOM.
 */
import type { TensorShape } from '../parse';
import { button, fill, slot } from './dom';
import type { ExplainContext } from './types';

/** The class of the buttons that jump to a row. */
export const LINK_CLASS = 'jp-KerasSummary-link';

/** A link to a row: its name as a button, then `(Type)`. */
export function rowLink(ctx: ExplainContext, row: number): DocumentFragment {
  const fragment = document.createDocumentFragment();
  const layer = ctx.summary.layers[row];
  if (!layer) {
    return fragment;
  }
  const link = button(LINK_CLASS, layer.name);
  ctx.actions.bind(link, { kind: 'goto', row });
  link.title = ctx.trans.__('Go to the row of %1', layer.name);
  fragment.appendChild(link);
  if (layer.type) {
    fragment.appendChild(document.createTextNode(` (${layer.type})`));
  }
  return fragment;
}

/** `a, b and c`, each a link to its row. */
export function rowLinks(
  ctx: ExplainContext,
  rows: number[]
): DocumentFragment {
  const nodes = rows.map(r => rowLink(ctx, r));
  if (nodes.length === 1) {
    return nodes[0];
  }
  const last = nodes.pop() as DocumentFragment;
  const head = document.createDocumentFragment();
  nodes.forEach((n, i) => {
    if (i > 0) {
      head.appendChild(document.createTextNode(', '));
    }
    head.appendChild(n);
  });
  return fill(ctx.trans.__('%1 and %2', slot(0), slot(1)), [head, last]);
}

/** A shape as Keras prints it: `(None, 32)`. */
export function shapeText(shape: TensorShape): string {
  return `(${shape.map(d => (d === null ? 'None' : String(d))).join(', ')})`;
}
