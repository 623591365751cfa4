/**
 * Filtering and sorting the layer rows.
 *
 * `arrange` is pure: from the layers, a query and a sort order, which rows
 * show and in what order. Rows of nested models are then listed flat: each
 * on its own, with the names of the models it sits in, and collapsing does
 * not apply (a match inside a collapsed model still shows, and a nested
 * model's row sorts by its own count, which includes its layers').
 *
 * `applyArrangement` puts that on the rows already built (large tables get
 * theirs in chunks: it runs again after each chunk) and undoes it, bringing
 * back Keras' order and the collapsed rows, when the filter is cleared.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import type { LayerRow } from '../parse/types';
import {
  layerDepth as depthOf,
  parentNames,
  parentRows
} from '../analyze/nesting';
import type { RowBody } from './blocks';
import { h } from './dom';

export type SortOrder = 'keras' | 'paramsDesc' | 'paramsAsc';

export const SORT_ORDERS: SortOrder[] = ['keras', 'paramsDesc', 'paramsAsc'];

export interface Arrangement {
  /** Indexes of the rows to show, in the order to show them. */
  order: number[];
  /** Whether each row shows. */
  shown: boolean[];
  /** Rows that show / rows in all. */
  count: number;
  total: number;
  /** Filtered or sorted: rows are listed flat, with their enclosing models' names. */
  flat: boolean;
  /** The query as used (trimmed); empty when not filtering. */
  query: string;
}

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

/** On the table while rows are listed flat (filtered or sorted). */
export const FLAT = 'jp-KerasSummary-flat';
const PATH = 'jp-KerasSummary-path';
/** Marks what `applyArrangement` hid, so that it unhides only that. */
const MARK = 'data-keras-filtered';

/** Whether a collapsed row above hides row `index` (from the disclosure buttons' state). */
function collapsedAbove(
  rows: HTMLTableRowElement[],
  parents: number[],
  index: number
): boolean {
  let guard = 0;
  for (let p = parents[index]; p >= 0 && guard++ < rows.length;) {
    const toggle = rows[p]?.querySelector('.jp-KerasSummary-disclosure');
    if (toggle?.getAttribute('aria-expanded') === 'false') {
      return true;
    }
    p = parents[p];
  }
  return false;
}

/** What follows a row up to the next layer row (an open explanation): it moves and hides with it. */
function attachments(
  row: HTMLTableRowElement,
  isRow: Set<Element>
): HTMLElement[] {
  const found: HTMLElement[] = [];
  for (
    let next = row.nextElementSibling;
    next && !isRow.has(next);
    next = next.nextElementSibling
  ) {
    found.push(next as HTMLElement);
  }
  return found;
}

/**
 * Flat: the filter decides, and marks the row as its own. Not flat: a row
 * the filter had goes back to what collapsing says; others are left alone.
 */
function setRowShown(
  row: HTMLTableRowElement,
  show: boolean,
  flat: boolean,
  collapsed: () => boolean
): void {
  if (flat) {
    row.hidden = !show;
    row.setAttribute(MARK, '');
  } else if (row.hasAttribute(MARK)) {
    row.hidden = collapsed();
    row.removeAttribute(MARK);
  }
}

/** What follows a row hides with it, and comes back only if the filter hid it. */
function setAttachmentShown(node: HTMLElement, hide: boolean): void {
  if (hide) {
    if (!node.hidden) {
      node.hidden = true;
      node.setAttribute(MARK, '');
    }
  } else if (node.hasAttribute(MARK)) {
    node.hidden = false;
    node.removeAttribute(MARK);
  }
}

/** The enclosing models' names before a nested row's name, while rows are flat. */
function setPath(
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
 * Show the rows built so far as `arrangement` says. `rows[i]` is row i
 * (the array may be shorter than the table while chunks are still coming).
 */
export function applyArrangement(options: {
  table: HTMLTableElement;
  body: RowBody;
  rows: HTMLTableRowElement[];
  layers: LayerRow[];
  arrangement: Arrangement;
  /** Whether the previous arrangement changed the order (so Keras' order must come back). */
  wasSorted: boolean;
  trans: TranslationBundle;
}): void {
  const { table, body, rows, layers, arrangement, trans } = options;
  const { flat, shown } = arrangement;
  const parents = parentRows(layers);
  const wasFlat = table.classList.contains(FLAT);
  table.classList.toggle(FLAT, flat);
  const isRow = new Set<Element>(rows);
  rows.forEach((row, i) => {
    setRowShown(row, shown[i] !== false, flat, () =>
      collapsedAbove(rows, parents, i)
    );
    for (const extra of attachments(row, isRow)) {
      setAttachmentShown(extra, flat && row.hidden);
    }
    setPath(
      row,
      flat && depthOf(layers[i]) > 0 ? parentNames(layers, parents, i) : null,
      trans
    );
  });
  if (flat || wasFlat) {
    // Paths in names, no indent: the columns' widths change with them.
    options.body.fit(rows, true);
  }
  const sorted = flat && !isKerasOrder(arrangement.order);
  if (!sorted && !options.wasSorted) {
    return;
  }
  // Re-append every built row (with what follows it) in the new order;
  // rows filtered out go after the shown ones, in Keras' order.
  const order = sorted
    ? [
        ...arrangement.order.filter(i => i < rows.length),
        ...rows.map((_, i) => i).filter(i => !shown[i])
      ]
    : rows.map((_, i) => i);
  // Emptying the body first and adding everything back at once is about
  // three times quicker in Chromium than moving the rows one by one.
  const extras = rows.map(row => attachments(row, isRow));
  // Whatever comes before the first row stays first.
  const leading: Element[] = [];
  for (const node of body.children()) {
    if (isRow.has(node)) {
      break;
    }
    leading.push(node);
  }
  // Moving a node takes focus from it: give it back.
  const active = document.activeElement;
  const focused =
    active instanceof HTMLElement && body.contains(active) ? active : null;
  const nodes: Element[] = [...leading];
  for (const i of order) {
    nodes.push(rows[i]);
    nodes.push(...extras[i]);
  }
  body.replace(nodes);
  if (focused && focused.isConnected && !focused.closest('[hidden]')) {
    focused.focus({ preventScroll: true });
  }
}

function isKerasOrder(order: number[]): boolean {
  for (let k = 1; k < order.length; k++) {
    if (order[k] < order[k - 1]) {
      return false;
    }
  }
  return true;
}
