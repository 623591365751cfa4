/**
 * Each row's share of the model's parameters: a bar and a percentage in the
 * Param # cell. The bar is decoration (hidden from screen readers); the
 * percentage is text, so nothing depends on seeing the bar or its colour.
 *
 * The whole is the model's own weights: trainable plus non-trainable (the
 * printed total also counts the optimizer's variables once it is built,
 * which belong to no row). A nested model's row and each of its nested rows
 * are shares of that same whole, so a nested model's share includes its
 * layers'. Rows whose count is not a number (cut, `0 (unbuilt)`) get no bar.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { formatCount } from '../analyze';
import { layerDepth } from '../analyze/nesting';
import type { LayerRow, Summary } from '../parse';
import { h } from './dom';
import type { TableColumn } from './types';

const SHARE = 'jp-KerasSummary-share';

const finite = (n: unknown): n is number =>
  typeof n === 'number' && Number.isFinite(n);

/** The number a row's share is a share of, or null when there is none to show. */
export function shareBasis(summary: Summary): number | null {
  const totals = summary?.totals;
  let basis: number | null = null;
  if (finite(totals?.trainable) && finite(totals?.nonTrainable)) {
    basis = totals.trainable + totals.nonTrainable;
  } else if (finite(totals?.total)) {
    basis = totals.total;
  } else {
    // No totals printed (yet): the model's own rows add up to the whole.
    basis = (summary?.layers ?? [])
      .filter(l => layerDepth(l) === 0 && !l.unbuilt && finite(l.params))
      .reduce((sum, l) => sum + (l.params as number), 0);
  }
  return basis > 0 ? basis : null;
}

/** The row's share of `basis` (0..1, more only if the printout disagrees with itself), or null. */
export function rowShare(layer: LayerRow, basis: number | null): number | null {
  if (basis === null || !layer || layer.unbuilt || !finite(layer.params)) {
    return null;
  }
  return layer.params / basis;
}

/** `0.7891` → `78.9%`; tiny shares are `<0.1%`, not `0.0%`; only all of it is `100%`. */
export function formatShare(share: number): string {
  const percent = share * 100;
  if (percent === 0) {
    return '0%';
  }
  if (percent < 0.05) {
    return '<0.1%';
  }
  if (percent >= 99.95 && percent < 100) {
    return '>99.9%';
  }
  return `${percent.toFixed(1).replace(/\.0$/, '')}%`;
}

/** The bar and percentage for one row, or null when the row has no share. */
export function shareNode(
  layer: LayerRow,
  basis: number | null,
  trans: TranslationBundle
): HTMLElement | null {
  const share = rowShare(layer, basis);
  if (share === null || basis === null) {
    return null;
  }
  const text = formatShare(share);
  const node = h('span', SHARE);
  node.title = trans.__(
    '%1 of the model’s %2 parameters',
    text,
    formatCount(basis)
  );
  const bar = h('span', 'jp-KerasSummary-shareBar');
  bar.setAttribute('aria-hidden', 'true');
  const fill = h('span', 'jp-KerasSummary-shareFill');
  fill.style.width = `${Math.min(100, Math.max(0, share * 100))}%`;
  bar.appendChild(fill);
  node.appendChild(bar);
  node.appendChild(h('span', 'jp-KerasSummary-sharePercent', text));
  return node;
}

/**
 * The columns with a share of `basis` (`shareBasis`) added to every Param #
 * cell; `basis()` is read for each cell, so rows built after the totals
 * arrived take the new whole.
 */
export function withShareBars(
  columns: TableColumn[],
  basis: () => number | null,
  trans: TranslationBundle
): TableColumn[] {
  return columns.map(column => {
    if (column.kind !== 'params') {
      return column;
    }
    const build = column.cell;
    return {
      ...column,
      cell: (ctx, layer, index) => {
        const cell = build(ctx, layer, index);
        showShare(cell, layer, basis(), trans);
        return cell;
      }
    };
  });
}

/** Put the share of `basis` into a Param # cell built before (replacing the one it has). */
export function showShare(
  cell: HTMLElement,
  layer: LayerRow,
  basis: number | null,
  trans: TranslationBundle
): void {
  const old = cell.querySelector(`.${SHARE}`);
  const share = shareNode(layer, basis, trans);
  if (old && share) {
    old.replaceWith(share);
  } else if (old) {
    old.remove();
  } else if (share) {
    cell.appendChild(share);
  }
}
