/**
 * One build of the table view of a summary: the letters' legend and the
 * what-if panel above, the layer table (filled in chunks, in blocks when
 * large), the totals and Keras' warnings below. It is made from the view
 * state and brought in line with it in place when the state changes in a
 * way that needs no new rows: the heading or totals (`showParts`), the
 * what-if sizes (`showDims`), collapsed rows (`showCollapsed`), the filter
 * and sort (`showArrangement`). Everything else builds a new one.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { BLOCK_ROWS, BLOCK_THRESHOLD, RowBody } from './blocks';
import { h } from './dom';
import { TableFill } from './filling';
import { panelFields } from './exact-fields';
import { FLAT, isKerasOrder, putInOrder, setPath } from './filter';
import { buildCheckSection, showCheckSection } from './kernel-check';
import type { CheckSection } from './kernel-check';
import { buildLegend, showDim } from './letters';
import { ControlIndex } from './registry';
import type { ActionMap, Control } from './registry';
import { buildNotice, buildTotals } from './sections';
import { shareBasis, showShare, withShareBars } from './share';
import type { ViewState } from './state';
import { rowWords } from './strings';
import {
  buildPlainRow,
  buildRow,
  buildTable,
  tableColumns,
  tableLabel
} from './table';
import type { RowChunks, RowContext, TableColumn } from './types';
import { fillMemoryCell, memoryColumn } from './memory-column';
import { buildWhatIfPanel, fillResults, showValidity } from './whatif';
import type { WhatIfPanel } from './whatif';

export interface TableViewOptions {
  state: ViewState;
  trans: TranslationBundle;
  actions: ActionMap;
  chunks?: RowChunks;
  /** Every control built (to join the open explanation's highlight). */
  onControl?: (control: Control) => void;
}

export class TableView {
  /** Builds the table view for `options.state` into `host` (emptied first). */
  constructor(host: HTMLElement, options: TableViewOptions) {
    this._state = options.state;
    this._trans = options.trans;
    this.index = new ControlIndex(options.actions, options.onControl);
    this._host = host;
    this._words = rowWords(options.trans);
    host.textContent = '';
    const state = this._state;
    const summary = state.summary;
    const layers = state.layers;
    const trans = this._trans;
    this._basis = shareBasis(summary);

    if (layers.length > 0 || summary?.parts?.table) {
      const ctx = this.context();
      if (state.letters) {
        const legend = buildLegend(ctx, state.analysis.letters);
        if (legend) {
          host.appendChild(legend);
        }
      }
      if (state.whatIfOpen && state.analysis.facts) {
        const setup = state.whatIfSetup;
        const made = panelFields(ctx, setup, state.analysis.letters);
        this.panel = buildWhatIfPanel(
          ctx,
          made.fields,
          group => ({
            text: state.sizeText(group),
            invalid: state.sizeInvalid(group)
          }),
          state.dtype,
          made.fixedBatch,
          made.notes
        );
        if (setup.exact) {
          this._check = buildCheckSection(trans, this.index);
          this.panel.node.insertBefore(this._check.node, this.panel.results);
          this.showCheck();
        }
        host.appendChild(this.panel.node);
        this._fillResults();
      }
      let columns = withShareBars(
        tableColumns(summary, trans),
        () => this._basis,
        trans
      );
      if (state.whatIf) {
        columns = [...columns, memoryColumn(trans)];
      }
      this.columns = columns;
      this._table = buildTable(columns, tableLabel(summary, trans));
      this._body = new RowBody(
        this._table,
        layers.length > BLOCK_THRESHOLD ? BLOCK_ROWS : 0,
        row => state.layers[this.fill?.indexOf(row) ?? -1]?.depth ?? 0
      );
      const scroll = h('div', 'jp-KerasSummary-scroll');
      scroll.appendChild(this._table);
      host.appendChild(scroll);
      if (layers.length === 0) {
        host.appendChild(
          h('p', 'jp-KerasSummary-empty', trans.__('The model has no layers.'))
        );
      }
      this.fill = new TableFill({
        total: layers.length,
        chunks: options.chunks,
        build: i => this._buildRow(i),
        added: (rows, from) => this._added(rows, from)
      });
    }
    this._fillSections();
    this._arranged = this._table
      ? state.arrangement
      : { ...state.arrangement, flat: false };
    if (this._table) {
      this._table.classList.toggle(FLAT, state.arrangement.flat);
    }
    this.fill?.start();
  }

  /** The controls built, by key and lineage. */
  readonly index: ControlIndex;
  /** The rows and their filling, or null when the summary has no table. */
  readonly fill: TableFill | null = null;
  readonly columns: TableColumn[] = [];
  /** The what-if panel, while it shows. */
  readonly panel: WhatIfPanel | null = null;

  /** The layer table, or null when the summary has none. */
  get table(): HTMLTableElement | null {
    return this._table;
  }

  /** Resolves when every row is in the DOM. */
  get ready(): Promise<void> {
    return this.fill?.ready ?? Promise.resolve();
  }

  /** What builders read now (the dimensions shown change with typed sizes). */
  context(): RowContext {
    const state = this._state;
    return {
      summary: state.summary,
      analysis: state.analysis,
      trans: this._trans,
      dims: state.dims,
      actions: this.index,
      columns: this.columns,
      words: this._words,
      collapsed: state.collapsed
    };
  }

  /** Row `index`, built now with every row before it; null when there is none. */
  row(index: number): HTMLTableRowElement | null {
    const fill = this.fill;
    if (!fill || !Number.isInteger(index) || index < 0) {
      return null;
    }
    fill.upTo(index + 1);
    return fill.rows[index] ?? null;
  }

  /** Put `node` (an explanation's row) right after row `row`; it moves and hides with it. */
  attach(row: HTMLTableRowElement, node: HTMLTableRowElement): void {
    this._body?.insertAfter(row, node);
    this._attached.set(row, node);
    node.hidden = row.hidden;
  }

  detach(node: HTMLTableRowElement): void {
    for (const [row, attached] of this._attached) {
      if (attached === node) {
        this._attached.delete(row);
      }
    }
    node.remove();
  }

  /** The heading or totals changed, not the rows. */
  showParts(): void {
    const state = this._state;
    const summary = state.summary;
    this._table?.setAttribute('aria-label', tableLabel(summary, this._trans));
    this._fillSections();
    const basis = shareBasis(summary);
    const params = this.columns.findIndex(c => c.kind === 'params');
    if (basis !== this._basis && this.fill && params >= 0) {
      this._basis = basis;
      this.fill.rows.forEach((row, i) => {
        const cell = row.cells[params];
        if (cell) {
          showShare(cell, state.layers[i], basis, this._trans);
        }
      });
    }
    this._fillResults();
  }

  /** Sizes or dtype changed: the dimensions shown, the memory cells, the results. */
  showDims(): void {
    const fill = this.fill;
    if (!fill) {
      return;
    }
    const ctx = this.context();
    for (const control of this.index.dims) {
      showDim(ctx, control);
    }
    const memory = this.columns.findIndex(c => c.kind === 'memory');
    if (memory >= 0) {
      fill.rows.forEach((row, i) => {
        const cell = row.cells[memory];
        if (cell) {
          fillMemoryCell(ctx, cell, i);
        }
      });
    }
    for (const [group, field] of this.panel?.inputs ?? []) {
      showValidity(field, this._state.sizeInvalid(group));
    }
    this._fillResults();
    this.showCheck();
    // Sizes instead of None, memory figures: widths follow the text.
    this._body?.fit(fill.rows, true, this._arranged.flat);
  }

  /** "Check in the kernel" changed: its section, and the rows it marks. */
  showCheck(): void {
    if (this._check) {
      const state = this._state;
      showCheckSection(this._check, this._trans, state.summary, state.check);
    }
  }

  /** Row `row` was collapsed or expanded: its nested rows hide or show. */
  showCollapsed(row: number): void {
    const fill = this.fill;
    const node = this._state.analysis.tree[row];
    if (!fill || !node) {
      return;
    }
    fill.rows[row]
      ?.querySelector('.jp-KerasSummary-disclosure')
      ?.setAttribute(
        'aria-expanded',
        this._state.isCollapsed(row) ? 'false' : 'true'
      );
    const last = Math.min(node.last, fill.built - 1);
    for (let i = row + 1; i <= last; i++) {
      this._showRow(i);
    }
  }

  /** The filter or the sort changed. */
  showArrangement(): void {
    const fill = this.fill;
    const table = this._table;
    if (!fill || !table || !this._body) {
      return;
    }
    const a = this._state.arrangement;
    const wasFlat = this._arranged.flat;
    table.classList.toggle(FLAT, a.flat);
    for (let i = 0; i < fill.built; i++) {
      this._showRow(i);
      setPath(fill.rows[i], this._state.pathOf(i), this._trans);
    }
    if (a.flat || wasFlat) {
      // Paths in names, no indent: the columns' widths change with them.
      this._body.fit(fill.rows, true, a.flat);
    }
    this._arranged = a;
    this._order();
  }

  dispose(): void {
    this.fill?.stop();
  }

  private _buildRow(index: number): HTMLTableRowElement {
    const ctx = this.context();
    try {
      return buildRow(ctx, index);
    } catch (error) {
      console.warn('jupyterlab-keras-summary: could not build a row', error);
      return buildPlainRow(ctx, index);
    }
  }

  /** Rows of a chunk: shown as the state says, fitted, appended, ordered. */
  private _added(rows: HTMLTableRowElement[], from: number): void {
    const state = this._state;
    const flat = this._arranged.flat;
    if (flat || state.collapsed.size > 0) {
      rows.forEach((row, k) => {
        row.hidden = state.isHidden(from + k);
        if (flat) {
          setPath(row, state.pathOf(from + k), this._trans);
        }
      });
    }
    this._body!.fit(rows, false, flat);
    this._body!.append(rows);
    if (this._sorted || (flat && !isKerasOrder(this._arranged.order))) {
      this._order();
    }
  }

  /** Put the rows in the order shown (back in Keras' order after a sort). */
  private _order(): void {
    const fill = this.fill!;
    const a = this._arranged;
    const sorted = a.flat && !isKerasOrder(a.order);
    if (!sorted && !this._sorted) {
      return;
    }
    const order = sorted ? a.order : fill.rows.map((_, i) => i);
    putInOrder(this._body!, fill.rows, order, this._attached);
    this._sorted = sorted && fill.built > 1;
  }

  private _showRow(i: number): void {
    const row = this.fill!.rows[i];
    row.hidden = this._state.isHidden(i);
    const attached = this._attached.get(row);
    if (attached) {
      attached.hidden = row.hidden;
    }
  }

  /** The totals and the notice, last in the host (again when they change). */
  private _fillSections(): void {
    const summary = this._state.summary;
    for (const old of this._sections) {
      old.remove();
    }
    this._sections = [];
    for (const part of [
      buildTotals(summary?.totals, this._trans),
      buildNotice(summary, this._trans)
    ]) {
      if (part) {
        this._host.appendChild(part);
        this._sections.push(part);
      }
    }
  }

  private _fillResults(): void {
    const whatIf = this._state.whatIf;
    if (this.panel && whatIf) {
      fillResults(
        this.context(),
        this.panel.results,
        whatIf,
        this._state.groupLabels
      );
    }
  }

  private readonly _state: ViewState;
  private readonly _trans: TranslationBundle;
  private readonly _host: HTMLElement;
  private _sections: HTMLElement[] = [];
  private _check: CheckSection | null = null;
  private readonly _table: HTMLTableElement | null = null;
  private readonly _body: RowBody | null = null;
  private readonly _words: RowContext['words'];
  private readonly _attached = new Map<
    HTMLTableRowElement,
    HTMLTableRowElement
  >();
  private _basis: number | null;
  /** The arrangement the rows show. */
  private _arranged: ViewState['arrangement'];
  /** Whether the rows are out of Keras' order now. */
  private _sorted = false;
}
