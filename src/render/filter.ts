/**
 * Filtering and sorting the layer rows.
 *
 * `arrange` is pure: from the layers, a query and a sort order, which rows
 * show and in what order. Rows of nested models are then listed flat: each
 * on its own, with the names of the models it sits in, and collapsing does
 * not apply (a match inside a collapsed model still shows, and a nested
 * model's row sorts by its own count, which includes its layers').
 *
 * `setPath` and `putInOrder` put that on the rows built so far; which rows
 * are hidden is the view state's answer (`ViewState.isHidden`), so this
 * file reads nothing back from the DOM.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import type { LayerRow } from '../parse';
import type { RowBody } from './blocks';
import { h } from './dom';
import type { Arrangement, SortOrder } from './types';

export const SORT_ORDERS: SortOrder[] = ['keras', 'paramsDesc', 'paramsAsc'];

/** Whether the row's name or type contains the query (any case). */
export function matchesQuery(layer: LayerRow, query: string): boolean {
  const q = query.trim().toLocaleLowerCase();
  if (q === '') {
    return true;
  }
  return (
    String(layer.name ?? '')
      .toLocaleLowerCase()
      .includes(q) ||
    String(layer.type ?? '')
      .toLocaleLowerCase()
      .includes(q)
  );
}

/** A row's count for sorting; null (sorted last either way) when not a number. */
function sortKey(layer: LayerRow): number | null {
  return layer.unbuilt ||
    typeof layer.params !== 'number' ||
    !Number.isFinite(layer.params)
    ? null
    : layer.params;
}

export function arrange(
  layers: LayerRow[],
  query: string,
  sort: SortOrder
): Arrangement {
  const q = String(query ?? '').trim();
  const shown = layers.map(layer => matchesQuery(layer, q));
  let order = layers.map((_, i) => i).filter(i => shown[i]);
  if (sort === 'paramsDesc' || sort === 'paramsAsc') {
    const sign = sort === 'paramsDesc' ? -1 : 1;
    // Array.prototype.sort is stable: equal counts keep Keras' order.
    order = order.sort((x, y) => {
      const kx = sortKey(layers[x]);
      const ky = sortKey(layers[y]);
      if (kx === null || ky === null) {
        return kx === ky ? 0 : kx === null ? 1 : -1;
      }
      return sign * (kx - ky);
    });
  }
  return {
    order,
    shown,
    count: order.length,
    total: layers.length,
    flat: q !== '' || sort !== 'keras',
    query: q
  };
}

/** Whether the arrangement keeps Keras' order (filtered at most). */
export function isKerasOrder(order: ReadonlyArray<number>): boolean {
  for (let k = 1; k < order.length; k++) {
    if (order[k] < order[k - 1]) {
      return false;
    }
  }
  return true;
}

/** On the table while rows are listed flat (filtered or sorted). */
export const FLAT = 'jp-KerasSummary-flat';
const PATH = 'jp-KerasSummary-path';

/** The enclosing models' names before a nested row's name, while rows are flat (null: none). */
export function setPath(
  row: HTMLTableRowElement,
  names: string[] | null,
  trans: TranslationBundle
): void {
  const cell = row.cells[0];
  const old = cell?.querySelector(`.${PATH}`);
  if (!names || names.length === 0 || !cell) {
    old?.remove();
    return;
  }
  if (old) {
    return;
  }
  const path = h('span', PATH);
  path.title = trans.__('Inside %1', names.join(' › '));
  path.textContent = `${names.join(' › ')} › `;
  const name = cell.querySelector('.jp-KerasSummary-name');
  cell.insertBefore(path, name ?? null);
}

/**
 * Put the rows built so far into the body in `order` (row indexes; rows
 * not in it follow, in Keras' order), each followed by what goes with it
 * (an open explanation's row). Whatever the body holds before the first
 * row stays first, and focus stays where it was.
 */
export function putInOrder(
  body: RowBody,
  rows: ReadonlyArray<HTMLTableRowElement>,
  order: ReadonlyArray<number>,
  after: ReadonlyMap<HTMLTableRowElement, Element>
): void {
  const placed = new Uint8Array(rows.length);
  const isRow = new Set<Element>(rows);
  const leading: Element[] = [];
  for (const node of body.children()) {
    if (isRow.has(node)) {
      break;
    }
    if (!Array.from(after.values()).includes(node)) {
      leading.push(node);
    }
  }
  // Moving a node takes focus from it: give it back.
  const active = document.activeElement;
  const focused =
    active instanceof HTMLElement && body.contains(active) ? active : null;
  const nodes: Element[] = leading;
  const add = (i: number) => {
    placed[i] = 1;
    nodes.push(rows[i]);
    const extra = after.get(rows[i]);
    if (extra) {
      nodes.push(extra);
    }
  };
  for (const i of order) {
    if (i < rows.length && !placed[i]) {
      add(i);
    }
  }
  for (let i = 0; i < rows.length; i++) {
    if (!placed[i]) {
      add(i);
    }
  }
  // Emptying the body first and adding everything back at once is about
  // three times quicker in Chromium than moving the rows one by one.
  body.replace(nodes);
  if (focused && focused.isConnected && !focused.closest('[hidden]')) {
    focused.focus({ preventScroll: true });
  }
}
