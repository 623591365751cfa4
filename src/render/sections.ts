/**
 * The parts of the view around the table: the header (model name, view
 * toggle, copy, the dimension tools' switches, status), the totals and
 * Keras' warnings. Plain functions from data to DOM: `showHeader` brings
 * the header in line with the view state; they never change it.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { formatCount } from '../analyze';
import type { Summary, Totals } from '../parse';
import { button, h } from './dom';
import { buildOffer, showOffer } from './offer';
import type { OfferParts } from './offer';
import type { ViewState } from './state';
import type { Actions } from './types';

export interface Header {
  node: HTMLElement;
  /** Holds the model name; refilled by `fillTitle`. */
  title: HTMLElement;
  /** "Exact, from the kernel (Keras 3.15.1, jax)" for a kernel summary (`fillSourceMark`). */
  source: HTMLElement;
  /** "Show original text" / "Show table" (`aria-pressed`). */
  toggle: HTMLButtonElement;
  /** The dimension tools: "Letters for None" (a switch) and "What if…". */
  dimensionTools: HTMLElement;
  letters: HTMLButtonElement;
  whatIf: HTMLButtonElement;
  /** A polite live region for "Copied …". */
  status: HTMLElement;
  /** Says why a summary shows as text only (hidden otherwise). */
  notice: HTMLElement;
  /** "Exact shapes…" and its panel (text summaries with a live kernel). */
  offer: OfferParts;
}

export function buildHeader(
  trans: TranslationBundle,
  actions: Actions
): Header {
  const node = h('div', 'jp-KerasSummary-header');
  const heading = h('div', 'jp-KerasSummary-heading');
  const title = h('div', 'jp-KerasSummary-title');
  heading.appendChild(title);
  const source = h('div', 'jp-KerasSummary-source');
  source.hidden = true;
  heading.appendChild(source);
  node.appendChild(heading);
  const row = h('div', 'jp-KerasSummary-actions');
  const toggle = button('jp-KerasSummary-button jp-KerasSummary-toggle');
  actions.bind(toggle, { kind: 'toggleView' });
  row.appendChild(toggle);
  const copy = button(
    'jp-KerasSummary-button jp-KerasSummary-copy',
    trans.__('Copy original text')
  );
  actions.bind(copy, { kind: 'copy' });
  row.appendChild(copy);

  const dimensionTools = h('span', 'jp-KerasSummary-dimensionTools');
  const letters = button('jp-KerasSummary-button jp-KerasSummary-letters');
  letters.setAttribute('role', 'switch');
  actions.bind(letters, { kind: 'letters' });
  letters.textContent = trans.__('Letters for None');
  letters.title = trans.__(
    'Show B for the batch and T, H, W … for variable dimensions instead of None'
  );
  const whatIf = button('jp-KerasSummary-button jp-KerasSummary-whatifToggle');
  actions.bind(whatIf, { kind: 'whatIf' });
  whatIf.textContent = trans.__('What if…');
  whatIf.title = trans.__(
    'Give the open dimensions sizes: shapes in numbers and the memory of each layer'
  );
  dimensionTools.appendChild(letters);
  dimensionTools.appendChild(whatIf);
  row.appendChild(dimensionTools);
  const offer = buildOffer(trans, actions);
  row.appendChild(offer.toggle);

  const status = h('span', 'jp-KerasSummary-status');
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  row.appendChild(status);
  node.appendChild(row);
  node.appendChild(offer.panel);
  const notice = h('p', 'jp-KerasSummary-tooLarge');
  notice.hidden = true;
  node.appendChild(notice);
  return {
    node,
    title,
    source,
    toggle,
    dimensionTools,
    letters,
    whatIf,
    status,
    notice,
    offer
  };
}

/**
 * The header as the state says: the toggle's text and `aria-pressed`, the
 * switches' `aria-checked` / `aria-expanded` (`panel`: the what-if panel's
 * id while it shows), the dimension tools hidden with the table; with
 * `tooLarge` (more rows than a table may have) no toggle, and why.
 */
export function showHeader(
  header: Header,
  state: ViewState,
  trans: TranslationBundle,
  panel: string | null,
  tooLarge: boolean
): void {
  const text = state.mode === 'text';
  header.toggle.disabled = tooLarge;
  header.notice.hidden = !tooLarge;
  header.notice.textContent = tooLarge
    ? trans.__(
        'This summary has %1 layers: too many to show as a table here, so it shows as the original text.',
        formatCount(state.layers.length)
      )
    : '';
  header.toggle.textContent = text
    ? trans.__('Show table')
    : trans.__('Show original text');
  header.toggle.setAttribute('aria-pressed', text ? 'true' : 'false');
  header.dimensionTools.hidden = text;
  header.letters.setAttribute('aria-checked', state.letters ? 'true' : 'false');
  header.whatIf.setAttribute(
    'aria-expanded',
    state.whatIfOpen ? 'true' : 'false'
  );
  if (panel) {
    header.whatIf.setAttribute('aria-controls', panel);
  } else {
    header.whatIf.removeAttribute('aria-controls');
  }
  showOffer(header.offer, state, trans);
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
