/**
 * The interactive view of one Keras model summary: a header (model name,
 * "Show original text", "Copy original text", the dimension tools), the
 * table tools, the layer table with its controls, the totals and Keras'
 * warnings; or the original output, rendered by JupyterLab's own renderer.
 *
 * This class is lifecycle and wiring only. The state is a `ViewState`
 * (state.ts); the controller (controller.ts) and the keyboard rules
 * (keyboard.ts) change it from the events delegated on `node`; the view
 * listens to its `changed` signal and brings the parts in line: the table
 * (table-view.ts, filled in chunks by filling.ts), the open explanation
 * (explanation-host.ts), the jump to a row (jump.ts), the original text
 * (original.ts). DOM builders read the state and never call controllers.
 */
import { nullTranslator } from '@jupyterlab/translation';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { Summary } from '../parse';
import { VIEW_EVENTS, ViewController } from './controller';
import { h } from './dom';
import { ExplanationHost } from './explanation-host';
import { focusBefore } from './focus-keep';
import { MAX_TABLE_ROWS } from './filling';
import { GridNav } from './grid';
import { RowJump } from './jump';
import { KernelLinkControl } from './kernel-link';
import { mergeOptions } from './options';
import { OriginalText } from './original';
import { ActionMap } from './registry';
import { showOffer } from './offer';
import { buildHeader, fillTitle, showHeader, type Header } from './sections';
import { fillSourceMark } from './source';
import { ViewState } from './state';
import { copyAndSay, StatusMessage } from './status';
import { TableTools } from './table-tools';
import { TableView } from './table-view';
import type { StateChange, SummaryViewOptions, ViewMode } from './types';
import { FIRST_FIELD, focusField } from './whatif';

export { CHUNK_SIZE, CHUNK_THRESHOLD, MAX_TABLE_ROWS } from './filling';
export { BLOCK_ROWS, BLOCK_THRESHOLD } from './blocks';
export type { SummaryViewOptions } from './types';

export class SummaryView {
  constructor(options: SummaryViewOptions) {
    this._options = { ...options };
    this._trans =
      options?.trans ?? nullTranslator.load('jupyterlab_keras_summary');
    const tooLarge = (options?.summary?.layers?.length ?? 0) > MAX_TABLE_ROWS;
    this.state = new ViewState({
      summary: options?.summary,
      mode: tooLarge || options?.initialView === 'text' ? 'text' : 'table',
      letters: options?.dimensionLetters === true
    });
    this.node = h('div', 'jp-KerasSummary');
    this._explanation = new ExplanationHost(this.state, this._trans);
    this._jump = new RowJump(this.state);
    this._grid = new GridNav(this.state);
    this._offer = new KernelLinkControl(this.state, () => this._options.kernel);
    this._controller = new ViewController({
      root: this.node,
      state: this.state,
      actions: this._actions,
      grid: this._grid,
      tools: () => this._tools,
      dialog: () => this._explanation.dialog,
      goto: row => this._jump.goto(this._table, row),
      copyOriginal: () => this.copyOriginal(),
      compare: origin => this._options.compare?.(this.state.summary, origin),
      focusFirstSize: () => focusField(this._table?.panel, FIRST_FIELD),
      enableCompanion: () => void this._offer.enable(),
      checkKernel: () => void this._offer.runCheck()
    });
    for (const type of VIEW_EVENTS) {
      this.node.addEventListener(type, this);
    }
    this.state.changed.connect(this._onChange, this);
    this._offer.watch(this._options.kernel, true);
    this._offer.check();
    this._render();
  }

  /** The view's root node (class `jp-KerasSummary`). */
  readonly node: HTMLElement;

  /** The view's state: what it shows, read-only for everything but its controllers. */
  readonly state: ViewState;

  /** Which view is shown. */
  get view(): ViewMode {
    return this.state.mode;
  }

  /** The text "Copy original text" copies. */
  get originalText(): string {
    return this._options.originalText;
  }

  /** The summary shown. */
  get summary(): Summary {
    return this.state.summary;
  }

  /**
   * Resolves when every row of the table is in the DOM (large tables are
   * filled in chunks between frames). Already resolved for small tables.
   */
  get ready(): Promise<void> {
    return this._table?.ready ?? Promise.resolve();
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  /**
   * Replace the summary, the original text or the original renderer (when
   * a totals output arrives later, or a stream grows). The view shown,
   * collapsed rows and an open explanation are kept where they still exist;
   * when only the heading or totals change, the rows stay as they are.
   * `initialView` is ignored here: the user's choice stands. A field given
   * as undefined leaves the current value alone.
   */
  update(options: Partial<SummaryViewOptions>): void {
    if (this._disposed) {
      return;
    }
    try {
      const given = options ?? {};
      const previous = this._options;
      const next = (this._options = mergeOptions(previous, given));
      if (next.kernel !== previous.kernel) {
        this._offer.watch(previous.kernel, false);
        this._offer.watch(next.kernel, true);
        this._offer.check();
      }
      if (next.trans && next.trans !== this._trans) {
        this._trans = next.trans;
        this._explanation.setTrans(next.trans);
        this._render();
      }
      if (
        next.renderOriginal !== previous.renderOriginal ||
        next.originalText !== previous.originalText
      ) {
        this._original?.invalidate();
        this._refresh();
      }
      if (given.summary) {
        this.state.setSummary(given.summary);
      }
    } catch (error) {
      this._fail(error);
    }
  }

  /** Show the table or the original text. */
  setView(view: ViewMode): void {
    if (!this._disposed) {
      this.state.setMode(view);
    }
  }

  /** Copy the original text to the clipboard; resolves to whether it worked. Never rejects. */
  copyOriginal(): Promise<boolean> {
    return copyAndSay(this._status, () => this._options.originalText ?? '', {
      ok: this._trans.__('Copied the original text.'),
      failed: this._trans.__(
        'Could not copy: show the original text and select it instead.'
      )
    });
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    // The parts go; the node, detached, keeps what it showed.
    this._clear(false);
    this._jump.dispose();
    this._offer.dispose();
    for (const type of VIEW_EVENTS) {
      this.node.removeEventListener(type, this);
    }
    this.state.dispose();
    this.node.remove();
  }

  /** Delegated DOM events of `node` (the EventListener interface). */
  handleEvent(event: Event): void {
    if (!this._disposed) {
      this._controller.handle(event);
    }
  }

  /** Build the skeleton, then the current view. */
  private _render(): void {
    try {
      this._clear();
      this.node.setAttribute('role', 'group');
      const trans = this._trans;
      this._header = buildHeader(trans, this._actions);
      this._status = new StatusMessage(this._header.status);
      this._tools = new TableTools({
        trans,
        actions: this._actions,
        compare: !!this._options.compare,
        onExport: format => void this._tools?.copyAs(this.state.summary, format)
      });
      this._tableHost = h('div', 'jp-KerasSummary-tableView');
      this._original = new OriginalText(trans.__('Original text'));
      for (const part of [
        this._header.node,
        this._tools.node,
        this._tableHost,
        this._original.node
      ]) {
        this.node.appendChild(part);
      }
      this._showTitle();
      this._tableStale = true;
      this._refresh();
    } catch (error) {
      this._fail(error);
    }
  }

  private _onChange(_: ViewState, change: StateChange): void {
    if (this._disposed) {
      return;
    }
    try {
      switch (change.kind) {
        case 'summary':
          this._showTitle();
          if (change.rows || !this._table) {
            this._tableStale = true;
          } else {
            this._table.showParts();
          }
          this._refresh();
          break;
        case 'mode':
          this._refresh();
          break;
        case 'collapsed':
          this._table?.showCollapsed(change.row);
          this._grid.show(false);
          break;
        case 'cursor':
          this._grid.show(change.focus);
          break;
        case 'open':
          this._explanation.show(
            this._table,
            !change.focus ? 'none' : this.state.open ? 'dialog' : 'control'
          );
          this._controller.watchOutside(this.state.open !== null);
          break;
        case 'letters':
        case 'whatIf':
          this._tableStale = true;
          this._refresh();
          break;
        case 'sizes':
        case 'check':
          this._table?.showDims();
          if (this.state.open?.kind === 'dim') {
            this._explanation.refresh();
          }
          break;
        case 'arrangement':
          this._table?.showArrangement();
          this._tools?.show(this.state);
          this._grid.show(false);
          break;
        case 'offer':
          if (this._header) {
            showOffer(this._header.offer, this.state, this._trans);
          }
          break;
      }
    } catch (error) {
      this._fail(error);
    }
  }

  /** Show the current view, (re)building it when stale. */
  private _refresh(): void {
    const state = this.state;
    const tooLarge = state.layers.length > MAX_TABLE_ROWS;
    if (tooLarge && state.mode === 'table') {
      // Announces the change, which shows the text.
      state.setMode('text');
      return;
    }
    const text = state.mode === 'text';
    if (!text && this._tableStale) {
      this._buildTable();
    }
    if (this._header) {
      const panel = this._table?.panel?.node.id ?? null;
      showHeader(this._header, state, this._trans, panel, tooLarge);
    }
    this._tools?.show(state);
    if (this._tableHost) {
      this._tableHost.hidden = text;
    }
    const { renderOriginal, originalText } = this._options;
    this._original?.display(text, renderOriginal, originalText);
  }

  private _showTitle(): void {
    if (this._header) {
      const label = fillTitle(
        this._header.title,
        this.state.summary?.model,
        this._trans
      );
      fillSourceMark(this._header.source, this.state.summary, this._trans);
      this.node.setAttribute('aria-label', label);
    }
    this._offer.check();
  }

  /** Show "Exact shapes…" if it applies now (the glue calls it once the view is attached). */
  checkOffer(): void {
    this._offer.check();
  }

  /** A new table from the state, keeping focus where the user had it. */
  private _buildTable(): void {
    const host = this._tableHost;
    if (!host) {
      return;
    }
    const explanation = this._explanation;
    const focus = focusBefore(explanation, this._table, this._grid);
    explanation.hide(false);
    this._table?.dispose();
    this._table = null;
    this._tableStale = false;
    this._table = new TableView(host, {
      state: this.state,
      trans: this._trans,
      actions: this._actions,
      chunks: this._options.rowChunks,
      onControl: control => explanation.onControl(control)
    });
    this._grid.attach(this._table, focus.inGrid);
    explanation.show(this._table, focus.inExplanation ? 'control' : 'none');
    this._controller.watchOutside(this.state.open !== null);
    focusField(this._table.panel, focus.field);
  }

  /** Take every part out (before a new skeleton, or the fallback; `empty`: and their nodes). */
  private _clear(empty = true): void {
    this._explanation.hide(false);
    this._controller.watchOutside(false);
    this._table?.dispose();
    this._tools?.dispose();
    this._status?.dispose();
    this._table = this._tools = this._status = this._header = null;
    this._tableHost = null;
    if (empty) {
      this.node.textContent = '';
    }
  }

  /** If all else fails: the original output, and no exception for JupyterLab. */
  private _fail(error: unknown): void {
    console.error('jupyterlab-keras-summary: could not show the table', error);
    try {
      this._clear();
      this._original = new OriginalText(this._trans.__('Original text'));
      this.node.appendChild(this._original.node);
      const { renderOriginal, originalText } = this._options;
      this._original.display(true, renderOriginal, originalText);
    } catch {
      // Nothing more can be done without risking an exception in JupyterLab.
    }
  }

  private _options: SummaryViewOptions;
  private _trans: TranslationBundle;
  private _disposed = false;
  private readonly _actions = new ActionMap();
  private readonly _explanation: ExplanationHost;
  private readonly _jump: RowJump;
  private readonly _grid: GridNav;
  private readonly _offer: KernelLinkControl;
  private readonly _controller: ViewController;
  private _header: Header | null = null;
  private _status: StatusMessage | null = null;
  private _tools: TableTools | null = null;
  private _tableHost: HTMLElement | null = null;
  private _original: OriginalText | null = null;
  private _table: TableView | null = null;
  private _tableStale = true;
}
