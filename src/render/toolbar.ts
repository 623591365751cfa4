/**
 * The row of tools between a summary's header and its table: filter the
 * layers by name or type, sort them by parameter count, export the summary
 * (Markdown, CSV, LaTeX, JSON) to the clipboard, and compare it with another
 * summary. It keeps its own state (the query and sort survive a rebuild of
 * the table, e.g. when the totals arrive) and its own listeners; the view
 * tells it when rows appear (`setTable`, `rowsAdded`) and before it jumps to
 * a row (`reveal`).
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { exportSummary } from '../export';
import type { ExportFormat } from '../export';
import type { Summary } from '../parse/types';
import type { RowBody } from './blocks';
import { compareHandler } from './compare';
import { copyText } from './copy';
import { button, h } from './dom';
import { applyArrangement, arrange, SortOrder } from './filter';
import type { Arrangement } from './filter';
import { MenuButton } from './menu';

/** How long a "Copied as …" message stays (ms). */
const STATUS_MS = 4000;

/** The table the tools work on. `rows` is the view's own list: it grows as chunks arrive. */
export interface ToolsTable {
  table: HTMLTableElement;
  body: RowBody;
  rows: HTMLTableRowElement[];
}

export interface SummaryToolsOptions {
  trans: TranslationBundle;
  /** The summary shown now (it changes when later outputs are merged in). */
  summary: () => Summary;
}

/** Format names are names, not words: the same in every language. */
const FORMAT_NAMES: Record<ExportFormat, string> = {
  markdown: 'Markdown',
  csv: 'CSV',
  latex: 'LaTeX',
  json: 'JSON'
};

export class SummaryTools {
  constructor(options: SummaryToolsOptions) {
    this._trans = options.trans;
    this._summary = options.summary;
    const trans = this._trans;

    this.node = h('div', 'jp-KerasSummary-tools');
    this.node.setAttribute('role', 'group');
    this.node.setAttribute('aria-label', trans.__('Table tools'));
    const bar = h('div', 'jp-KerasSummary-toolbar');

    this._filter = h('input', 'jp-KerasSummary-filter');
    this._filter.type = 'search';
    this._filter.setAttribute(
      'aria-label',
      trans.__('Filter layers by name or type')
    );
    this._filter.placeholder = trans.__('Filter by name or type');
    this._filter.spellcheck = false;
    this._filter.autocomplete = 'off';
    bar.appendChild(this._filter);

    const sortLabel = h('label', 'jp-KerasSummary-sortLabel');
    sortLabel.appendChild(document.createTextNode(trans.__('Sort:')));
    this._sort = h('select', 'jp-KerasSummary-sort');
    const orders: [SortOrder, string][] = [
      ['keras', trans.__('Keras order')],
      ['paramsDesc', trans.__('Params, largest first')],
      ['paramsAsc', trans.__('Params, smallest first')]
    ];
    for (const [value, label] of orders) {
      const option = h('option', undefined, label);
      option.value = value;
      this._sort.appendChild(option);
    }
    sortLabel.appendChild(document.createTextNode(' '));
    sortLabel.appendChild(this._sort);
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
      onPick: id => void this.copyAs(id as ExportFormat)
    });
    bar.appendChild(this._exportMenu.node);

    if (compareHandler()) {
      const compare = button(
        'jp-KerasSummary-button jp-KerasSummary-compareButton',
        trans.__('Compare with…')
      );
      compare.setAttribute('aria-haspopup', 'dialog');
      compare.addEventListener('click', () => {
        try {
          compareHandler()?.(this._summary(), compare);
        } catch (error) {
          console.error('jupyterlab-keras-summary: compare failed', error);
        }
      });
      bar.appendChild(compare);
    }

    this._count = h('span', 'jp-KerasSummary-count');
    this._count.setAttribute('role', 'status');
    this._count.setAttribute('aria-live', 'polite');
    bar.appendChild(this._count);

    this._status = h('span', 'jp-KerasSummary-status');
    this._status.setAttribute('role', 'status');
    this._status.setAttribute('aria-live', 'polite');
    bar.appendChild(this._status);

    this.node.appendChild(bar);
    this._empty = h('p', 'jp-KerasSummary-noMatch');
    this._empty.hidden = true;
    this.node.appendChild(this._empty);

    this._filter.addEventListener('input', this._onChange);
    this._sort.addEventListener('change', this._onChange);
    this.node.addEventListener('keydown', this._onKeyDown);
  }

  readonly node: HTMLElement;

  /** The query typed. */
  get query(): string {
    return this._filter.value;
  }

  get sort(): SortOrder {
    return this._sort.value as SortOrder;
  }

  /** Set the query and the order (as the user would), and apply them. */
  setFilter(query: string, sort?: SortOrder): void {
    this._filter.value = query;
    if (sort) {
      this._sort.value = sort;
    }
    this._apply();
  }

  /** A new table was built (or none, e.g. on failure); the query and order stay. */
  setTable(table: ToolsTable | null): void {
    this._table = table;
    this._wasSorted = false;
    this._arrangement = null;
    this._apply();
  }

  /** The view added a chunk of rows. */
  rowsAdded(): void {
    if (this._arrangement?.flat || this._wasSorted) {
      this._apply();
    }
  }

  /**
   * The view is about to show row `index` (a jump from a Connected to
   * reference): a filter that hides it is cleared; the order stays.
   */
  reveal(index: number): void {
    const arrangement = this._arrangement;
    if (!arrangement) {
      return;
    }
    if (arrangement.shown[index] === false) {
      this._filter.value = '';
    }
    this._apply();
  }

  /** Copy the summary in a format; says so in the status. Never rejects. */
  async copyAs(format: ExportFormat): Promise<boolean> {
    let ok = false;
    try {
      ok = await copyText(exportSummary(this._summary(), format));
    } catch (error) {
      console.warn('jupyterlab-keras-summary: export failed', error);
    }
    if (!this._disposed) {
      this._setStatus(
        ok
          ? this._trans.__('Copied as %1.', FORMAT_NAMES[format])
          : this._trans.__('Could not copy: the browser did not allow it.')
      );
    }
    return ok;
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    if (this._statusTimer !== null) {
      clearTimeout(this._statusTimer);
    }
    this._exportMenu.dispose();
    this._filter.removeEventListener('input', this._onChange);
    this._sort.removeEventListener('change', this._onChange);
    this.node.removeEventListener('keydown', this._onKeyDown);
    this._table = null;
  }

  private _onChange = (): void => {
    this._apply();
  };

  /**
   * Keys typed into the tools are for the tools: in a notebook's command
   * mode, `a`, `b`, `d d` or ↑ ↓ on a focused <select> or button would edit
   * or move between cells. Tab moves focus on, and shortcuts with Ctrl, Alt
   * or Meta (save, …) still reach JupyterLab.
   */
  private _onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Tab' || event.ctrlKey || event.altKey || event.metaKey) {
      return;
    }
    if (event.key === 'Escape' || event.key === 'Esc') {
      // Escape in the filter clears it (the browser does that for search
      // fields); the view's Escape is for its explanation.
      if (event.target === this._filter && this._filter.value !== '') {
        event.preventDefault();
        event.stopPropagation();
        this.setFilter('');
      }
      return;
    }
    event.stopPropagation();
  };

  private _apply(): void {
    if (this._disposed) {
      return;
    }
    const trans = this._trans;
    const summary = this._summary();
    const layers = summary?.layers ?? [];
    const arrangement = arrange(layers, this._filter.value, this.sort);
    const table = this._table;
    if (table) {
      try {
        applyArrangement({
          ...table,
          layers,
          arrangement,
          wasSorted: this._wasSorted,
          trans
        });
        this._wasSorted =
          arrangement.flat && this.sort !== 'keras' && table.rows.length > 1;
      } catch (error) {
        console.warn('jupyterlab-keras-summary: could not filter rows', error);
      }
    }
    this._arrangement = arrangement;
    this._count.textContent = arrangement.query
      ? trans._n(
          '%2 of %1 layer',
          '%2 of %1 layers',
          arrangement.total,
          arrangement.count
        )
      : '';
    const none = arrangement.query !== '' && arrangement.count === 0;
    this._empty.hidden = !none;
    this._empty.textContent = none
      ? trans.__('No layer’s name or type contains “%1”.', arrangement.query)
      : '';
  }

  private _setStatus(message: string): void {
    this._status.textContent = message;
    if (this._statusTimer !== null) {
      clearTimeout(this._statusTimer);
    }
    this._statusTimer = setTimeout(() => {
      this._statusTimer = null;
      this._status.textContent = '';
    }, STATUS_MS);
  }

  private readonly _trans: TranslationBundle;
  private readonly _summary: () => Summary;
  private readonly _filter: HTMLInputElement;
  private readonly _sort: HTMLSelectElement;
  private readonly _count: HTMLElement;
  private readonly _status: HTMLElement;
  private readonly _empty: HTMLElement;
  private readonly _exportMenu: MenuButton;
  private _table: ToolsTable | null = null;
  private _arrangement: Arrangement | null = null;
  /** Whether the rows are out of Keras' order now. */
  private _wasSorted = false;
  private _disposed = false;
  private _statusTimer: ReturnType<typeof setTimeout> | null = null;
}
