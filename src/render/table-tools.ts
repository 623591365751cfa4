/**
 * The table tools: the row between a summary's header and its table, to
 * filter the layers by name or type, sort them by parameter count, export
 * the summary (Markdown, CSV, LaTeX, JSON) to the clipboard, and compare it
 * with another summary. The filter and sort are the view state's (they
 * survive a rebuild of the table); this part builds the row, shows the
 * state in it (`show`) and copies exports. Its fields and buttons are
 * registered as actions; the view's controller handles them.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { exportSummary } from '../export';
import type { ExportFormat } from '../export';
import type { Summary } from '../parse';
import { button, h } from './dom';
import { MenuButton } from './menu';
import type { ViewState } from './state';
import { copyAndSay, StatusMessage } from './status';
import type { Actions, SortOrder } from './types';

/** Format names are names, not words: the same in every language. */
export const FORMAT_NAMES: Record<ExportFormat, string> = {
  markdown: 'Markdown',
  csv: 'CSV',
  latex: 'LaTeX',
  json: 'JSON'
};

export interface TableToolsOptions {
  trans: TranslationBundle;
  actions: Actions;
  /** Whether to offer "Compare with…" (the plugin can compare). */
  compare: boolean;
  /** An export format was picked from the menu. */
  onExport: (format: ExportFormat) => void;
}

export class TableTools {
  constructor(options: TableToolsOptions) {
    const { trans, actions } = options;
    this._trans = trans;
    this.node = h('div', 'jp-KerasSummary-tools');
    this.node.setAttribute('role', 'group');
    this.node.setAttribute('aria-label', trans.__('Table tools'));
    const bar = h('div', 'jp-KerasSummary-toolbar');

    this.filter = h('input', 'jp-KerasSummary-filter');
    this.filter.type = 'search';
    this.filter.setAttribute(
      'aria-label',
      trans.__('Filter layers by name or type')
    );
    this.filter.placeholder = trans.__('Filter by name or type');
    this.filter.spellcheck = false;
    this.filter.autocomplete = 'off';
    actions.bind(this.filter, { kind: 'filter' });
    bar.appendChild(this.filter);

    const sortLabel = h('label', 'jp-KerasSummary-sortLabel');
    sortLabel.appendChild(document.createTextNode(trans.__('Sort:')));
    this.sort = h('select', 'jp-KerasSummary-sort');
    const orders: [SortOrder, string][] = [
      ['keras', trans.__('Keras order')],
      ['paramsDesc', trans.__('Params, largest first')],
      ['paramsAsc', trans.__('Params, smallest first')]
    ];
    for (const [value, label] of orders) {
      const option = h('option', undefined, label);
      option.value = value;
      this.sort.appendChild(option);
    }
    actions.bind(this.sort, { kind: 'sort' });
    sortLabel.appendChild(document.createTextNode(' '));
    sortLabel.appendChild(this.sort);
    bar.appendChild(sortLabel);

    this._exportMenu = new MenuButton({
      label: trans.__('Export'),
      menuLabel: trans.__('Copy the summary as'),
      items: (Object.keys(FORMAT_NAMES) as ExportFormat[]).map(format => ({
        id: format,
        label:
          format === 'latex'
            ? trans.__('Copy as LaTeX (booktabs)')
            : trans.__('Copy as %1', FORMAT_NAMES[format])
      })),
      onPick: id => options.onExport(id as ExportFormat)
    });
    bar.appendChild(this._exportMenu.node);

    if (options.compare) {
      const compare = button(
        'jp-KerasSummary-button jp-KerasSummary-compareButton',
        trans.__('Compare with…')
      );
      compare.setAttribute('aria-haspopup', 'dialog');
      actions.bind(compare, { kind: 'compare' });
      bar.appendChild(compare);
    }

    this._count = h('span', 'jp-KerasSummary-count');
    this._count.setAttribute('role', 'status');
    this._count.setAttribute('aria-live', 'polite');
    bar.appendChild(this._count);

    const status = h('span', 'jp-KerasSummary-status');
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    bar.appendChild(status);
    this._status = new StatusMessage(status);

    this.node.appendChild(bar);
    this._empty = h('p', 'jp-KerasSummary-noMatch');
    this._empty.hidden = true;
    this.node.appendChild(this._empty);
  }

  readonly node: HTMLElement;
  readonly filter: HTMLInputElement;
  readonly sort: HTMLSelectElement;

  /** The filter, the order and how many rows show, as the state says. */
  show(state: ViewState): void {
    const trans = this._trans;
    this.node.hidden = state.mode === 'text';
    if (this.filter.value !== state.query) {
      this.filter.value = state.query;
    }
    if (this.sort.value !== state.sort) {
      this.sort.value = state.sort;
    }
    const a = state.arrangement;
    this._count.textContent = a.query
      ? trans._n('%2 of %1 layer', '%2 of %1 layers', a.total, a.count)
      : '';
    const none = a.query !== '' && a.count === 0;
    this._empty.hidden = !none;
    this._empty.textContent = none
      ? trans.__('No layer’s name or type contains “%1”.', a.query)
      : '';
  }

  /** Copy `summary` in a format; says so in the status. Never rejects. */
  copyAs(summary: Summary, format: ExportFormat): Promise<boolean> {
    return copyAndSay(this._status, () => exportSummary(summary, format), {
      ok: this._trans.__('Copied as %1.', FORMAT_NAMES[format]),
      failed: this._trans.__('Could not copy: the browser did not allow it.')
    });
  }

  dispose(): void {
    this._status.dispose();
    this._exportMenu.dispose();
  }

  private readonly _trans: TranslationBundle;
  private readonly _count: HTMLElement;
  private readonly _empty: HTMLElement;
  private readonly _status: StatusMessage;
  private readonly _exportMenu: MenuButton;
}
