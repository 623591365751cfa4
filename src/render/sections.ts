/**
 * The parts of the view around the table: the header (model name, view
 * toggle, copy, status), the totals and Keras' warnings. Plain functions
 * from data to DOM; the view owns their state.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import type { Summary, Totals } from '../parse/types';
import { button, h } from './dom';
import { formatCount } from '../analyze/format';

export interface Header {
  node: HTMLElement;
  /** Holds the model name; refilled by `fillTitle`. */
  title: HTMLElement;
  /** "Show original text" / "Show table" (`aria-pressed`). */
  toggle: HTMLButtonElement;
  /** A polite live region for "Copied …". */
  status: HTMLElement;
}

export function buildHeader(trans: TranslationBundle): Header {
  const node = h('div', 'jp-KerasSummary-header');
  const title = h('div', 'jp-KerasSummary-title');
  node.appendChild(title);
  const actions = h('div', 'jp-KerasSummary-actions');
  const toggle = button('jp-KerasSummary-button jp-KerasSummary-toggle');
  toggle.setAttribute('data-action', 'toggle-view');
  actions.appendChild(toggle);
  const copy = button(
    'jp-KerasSummary-button jp-KerasSummary-copy',
    trans.__('Copy original text')
  );
  copy.setAttribute('data-action', 'copy');
  actions.appendChild(copy);
  const status = h('span', 'jp-KerasSummary-status');
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  actions.appendChild(status);
  node.appendChild(actions);
  return { node, title, toggle, status };
}

/** `Model: name` (nothing when the heading was not printed); returns the view's label. */
export function fillTitle(
  title: HTMLElement,
  model: string | null | undefined,
  trans: TranslationBundle
): string {
  title.textContent = '';
  const label = trans.__('Keras model summary');
  if (typeof model !== 'string' || model === '') {
    return label;
  }
  title.appendChild(
    h('span', 'jp-KerasSummary-modelLabel', trans.__('Model:'))
  );
  title.appendChild(document.createTextNode(' '));
  title.appendChild(h('span', 'jp-KerasSummary-modelName', model));
  return `${label}: ${model}`;
}

/** The totals as Keras printed them, counts with thousands separators; null when none. */
export function buildTotals(
  totals: Totals | undefined,
  trans: TranslationBundle
): HTMLElement | null {
  if (!totals) {
    return null;
  }
  const entries: [string, number | null, string | undefined][] = [
    [trans.__('Total params:'), totals.total, totals.totalSize],
    [trans.__('Trainable params:'), totals.trainable, totals.trainableSize],
    [
      trans.__('Non-trainable params:'),
      totals.nonTrainable,
      totals.nonTrainableSize
    ],
    [trans.__('Optimizer params:'), totals.optimizer, totals.optimizerSize]
  ];
  const shown = entries.filter(
    ([, n]) => typeof n === 'number' && Number.isFinite(n)
  );
  if (shown.length === 0) {
    return null;
  }
  const list = h('dl', 'jp-KerasSummary-totals');
  list.setAttribute('aria-label', trans.__('Parameter totals'));
  for (const [label, n, size] of shown) {
    const item = h('div', 'jp-KerasSummary-total');
    item.appendChild(h('dt', 'jp-KerasSummary-totalLabel', label));
    const value = h('dd', 'jp-KerasSummary-totalValue');
    value.appendChild(
      h('span', 'jp-KerasSummary-totalCount', formatCount(n as number))
    );
    if (size) {
      value.appendChild(h('span', 'jp-KerasSummary-totalSize', ` (${size})`));
    }
    item.appendChild(value);
    list.appendChild(item);
  }
  return list;
}

/** Keras' and the parser's warnings (cut cells, params that do not add up); null when none. */
export function buildNotice(
  summary: Summary | undefined,
  trans: TranslationBundle
): HTMLElement | null {
  const warnings = (summary?.warnings ?? []).filter(
    w => typeof w === 'string' && w !== ''
  );
  if (warnings.length === 0) {
    return null;
  }
  const notice = h('div', 'jp-KerasSummary-notice');
  notice.setAttribute('role', 'note');
  notice.setAttribute('aria-label', trans.__('Notes on this summary'));
  const list = h('ul', 'jp-KerasSummary-noticeList');
  for (const warning of warnings) {
    list.appendChild(h('li', 'jp-KerasSummary-noticeItem', warning));
  }
  notice.appendChild(list);
  return notice;
}
