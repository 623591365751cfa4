/**
 * The interactive view of one Keras model summary: a header (model name,
 * "Show original text", "Copy original text"), the layer table with its
 * controls, the totals and Keras' warnings; or the original output, rendered
 * by JupyterLab's own renderer.
 *
 * `table.ts` and `explain.ts` build the DOM from data; this class only owns
 * state (which view, collapsed rows, the open explanation) and lifecycle.
 * Every event is handled by listeners delegated on `node`.
 */
import { nullTranslator } from '@jupyterlab/translation';
import type { TranslationBundle } from '@jupyterlab/translation';
import { analyzeSummary } from '../analyze';
import type { SummaryFacts } from '../analyze';
import type { Summary } from '../parse';
import { RowBody } from './blocks';
import { copyText } from './copy';
import { h, isFocusable } from './dom';
import {
  ControlKind,
  ControlRef,
  controlKey,
  explain,
  explanationNode
} from './explain';
import { buildHeader, buildNotice, buildTotals, fillTitle } from './sections';
import { withShareBars } from './share';
import { SummaryTools } from './toolbar';
import { Teaching } from './teaching';
import {
  buildRow,
  buildTable,
  RowContext,
  RowNode,
  rowTree,
  rowWords,
  tableColumns
} from './table';

export interface SummaryViewOptions {
  /** May be a merged summary (heading, table and totals from separate outputs). */
  summary: Summary;
  /** The summary exactly as printed, as plain text (ANSI codes removed), for "Copy original text". */
  originalText: string;
  /** Puts the original output into `host` exactly as JupyterLab would render it. */
  renderOriginal: (host: HTMLElement) => Promise<void> | void;
  trans: TranslationBundle;
  /** Which view to show first; default `'table'`. */
  initialView?: 'table' | 'text';
  /**
   * Tables longer than `threshold` rows get their rows in chunks of `size`
   * between frames (defaults: CHUNK_THRESHOLD and CHUNK_SIZE).
   */
  rowChunks?: { threshold?: number; size?: number };
  /** Start with letters (B, T, H, W) instead of None; default false. */
  dimensionLetters?: boolean;
}

/**
 * Above this many rows, rows are added in chunks between frames: the first
 * chunk (a screenful and more) shows and works at once, and the table is
 * whole a few dozen frames later (`ready`). Building, styling and laying
 * out a row costs about the same wherever it is, so a 1,000-row table
 * would otherwise block the page for the whole of it.
 */
export const CHUNK_THRESHOLD = 200;
/**
 * Rows in the first chunk (about a screenful: it is built, laid out and
 * painted before the output shows) and at least in every later one.
 */
export const CHUNK_SIZE = 40;
/**
 * Later chunks go on adding rows for this long (ms). With blocks, a chunk's
 * rows are laid out alone (blocks.ts), so every frame of the fill costs
 * about the same, from the first chunk to the last.
 */
const CHUNK_MS = 25;
/** Above this many rows, the table is laid out in blocks (blocks.ts). */
export const BLOCK_THRESHOLD = 200;
/** Rows per block. */
export const BLOCK_ROWS = 20;
/** How long a row stays highlighted after a jump to it (ms). */
const FLASH_MS = 1600;
/** How long the copy status stays (ms). */
const STATUS_MS = 4000;

const CLASS = {
  active: 'jp-KerasSummary-control-active',
  related: 'jp-KerasSummary-control-related',
  flash: 'jp-KerasSummary-row-flash',
  explainRow: 'jp-KerasSummary-explainRow'
};

const CONTROL_KINDS: ControlKind[] = [
  'dim',
  'unknownShape',
  'multiple',
  'unbuilt',
  'ref',
  'params'
];

let nextId = 0;

/** The table being shown, possibly still receiving rows. */
interface Build {
  ctx: RowContext;
  body: RowBody;
  rows: HTMLTableRowElement[];
  /** Lineage → the controls showing that dimension. */
  lineages: Map<string, HTMLElement[]>;
  built: number;
  total: number;
  cancel: (() => void) | null;
  done: Promise<void>;
  resolve: () => void;
}

/** The open explanation. */
interface OpenExplanation {
  key: string;
  control: HTMLElement;
  dialog: HTMLElement;
  row: HTMLTableRowElement;
  lineage: string;
}

export class SummaryView {
  constructor(options: SummaryViewOptions) {
    this._options = { ...options };
    this._trans = bundle(options?.trans);
    this._mode = options?.initialView === 'text' ? 'text' : 'table';
    this.node = h('div', 'jp-KerasSummary');
    this.node.addEventListener('click', this);
    this.node.addEventListener('keydown', this);
    this.node.addEventListener('keyup', this);
    // The what-if's size fields and dtype (src/render/teaching.ts).
    this.node.addEventListener('input', this);
    this.node.addEventListener('change', this);
    this._teaching = new Teaching({
      trans: this._trans,
      letters: options?.dimensionLetters === true
    });
    this._render();
  }

  /** The view's root node (class `jp-KerasSummary`). */
  readonly node: HTMLElement;

  /** Which view is shown. */
  get view(): 'table' | 'text' {
    return this._mode;
  }

  /** The text "Copy original text" copies. */
  get originalText(): string {
    return this._options.originalText;
  }

  /** The summary shown. */
  get summary(): Summary {
    return this._options.summary;
  }

  /**
   * Resolves when every row of the table is in the DOM (large tables are
   * filled in chunks between frames). Already resolved for small tables.
   */
  get ready(): Promise<void> {
    return this._build?.done ?? Promise.resolve();
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  /**
   * Replace the summary, the original text or the original renderer (when
   * a totals output arrives later, or a stream grows). The view shown,
   * collapsed rows and an open explanation are kept where they still exist.
   * `initialView` is ignored here: the user's choice stands.
   */
  update(options: Partial<SummaryViewOptions>): void {
    if (this._disposed) {
      return;
    }
    try {
      const previous = this._options;
      const merged: Record<string, unknown> = { ...previous };
      for (const [name, value] of Object.entries(options ?? {})) {
        // A field given as undefined leaves the current value alone.
        if (value !== undefined) {
          merged[name] = value;
        }
      }
      this._options = merged as unknown as SummaryViewOptions;
      if (options.trans && options.trans !== previous.trans) {
        this._trans = bundle(options.trans);
        this._render();
        return;
      }
      if (options.summary && options.summary !== previous.summary) {
        this._renderTitle();
        this._tableStale = true;
      }
      if (
        (options.renderOriginal &&
          options.renderOriginal !== previous.renderOriginal) ||
        (options.originalText !== undefined &&
          options.originalText !== previous.originalText)
      ) {
        this._originalStale = true;
      }
      this._refresh();
    } catch (error) {
      this._fail(error);
    }
  }

  /** Show the table or the original text. */
  setView(view: 'table' | 'text'): void {
    if (this._disposed) {
      return;
    }
    try {
      this._mode = view === 'text' ? 'text' : 'table';
      if (this._mode === 'text') {
        this._closeExplanation(false);
      }
      this._refresh();
    } catch (error) {
      this._fail(error);
    }
  }

  /** Copy the original text to the clipboard; resolves to whether it worked. Never rejects. */
  async copyOriginal(): Promise<boolean> {
    let ok = false;
    try {
      ok = await copyText(this._options.originalText ?? '');
    } catch {
      ok = false;
    }
    if (!this._disposed && this._status) {
      this._setStatus(
        ok
          ? this._trans.__('Copied the original text.')
          : this._trans.__(
              'Could not copy: show the original text and select it instead.'
            )
      );
    }
    return ok;
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    this._closeExplanation(false);
    this._cancelBuild();
    for (const timer of this._timers) {
      clearTimeout(timer);
    }
    this._timers.clear();
    this._tools?.dispose();
    this._tools = null;
    this.node.removeEventListener('click', this);
    this.node.removeEventListener('keydown', this);
    this.node.removeEventListener('keyup', this);
    this.node.removeEventListener('input', this);
    this.node.removeEventListener('change', this);
    this.node.remove();
  }

  /** Delegated DOM events of `node` (the EventListener interface). */
  handleEvent(event: Event): void {
    if (this._disposed) {
      return;
    }
    try {
      switch (event.type) {
        case 'click':
          this._onClick(event as MouseEvent);
          break;
        case 'keydown':
          this._onKeyDown(event as KeyboardEvent);
          break;
        case 'keyup':
          this._onKeyUp(event as KeyboardEvent);
          break;
        case 'input':
        case 'change':
          if (this._teaching.handleInput(event.target)) {
            this._applyTeaching();
          }
          break;
      }
    } catch (error) {
      console.error('jupyterlab-keras-summary: event failed', error);
    }
  }

  // ---- Rendering ---------------------------------------------------------

  /** Build the skeleton, then the current view. */
  private _render(): void {
    try {
      this._closeExplanation(false);
      this._cancelBuild();
      this.node.textContent = '';
      this.node.setAttribute('role', 'group');

      const header = buildHeader(this._trans);
      this._title = header.title;
      this._toggle = header.toggle;
      this._status = header.status;
      // "Letters for None" and "What if…", next to "Show original text".
      header.status.before(this._teaching.buildControls(this._trans));

      this._tableView = h('div', 'jp-KerasSummary-tableView');
      this._original = h('div', 'jp-KerasSummary-original');
      this.node.appendChild(header.node);
      // Filter, sort, export, compare: a row of their own (src/render/toolbar.ts).
      this._tools?.dispose();
      this._tools = new SummaryTools({
        trans: this._trans,
        summary: () => this._options.summary
      });
      this.node.appendChild(this._tools.node);
      this.node.appendChild(this._tableView);
      this.node.appendChild(this._original);

      this._renderTitle();
      this._tableStale = true;
      this._originalStale = true;
      this._refresh();
    } catch (error) {
      this._fail(error);
    }
  }

  /** Show the current view, (re)building it when stale. */
  private _refresh(): void {
    const text = this._mode === 'text';
    const trans = this._trans;
    if (this._toggle) {
      this._toggle.textContent = text
        ? trans.__('Show table')
        : trans.__('Show original text');
      this._toggle.setAttribute('aria-pressed', text ? 'true' : 'false');
    }
    this._teaching.setHidden(text);
    if (this._tableView) {
      this._tableView.hidden = text;
    }
    if (this._tools) {
      this._tools.node.hidden = text;
    }
    if (this._original) {
      this._original.hidden = !text;
    }
    if (text) {
      if (this._originalStale) {
        this._renderOriginal();
      }
    } else if (this._tableStale) {
      this._renderTable();
    }
  }

  private _renderTitle(): void {
    if (this._title) {
      const label = fillTitle(
        this._title,
        this._options.summary?.model,
        this._trans
      );
      this.node.setAttribute('aria-label', label);
    }
  }

  /** The original output, from JupyterLab's renderer (plain text if that fails). */
  private _renderOriginal(): void {
    const host = this._original;
    if (!host) {
      return;
    }
    this._originalStale = false;
    host.textContent = '';
    const inner = h('div', 'jp-KerasSummary-originalOutput');
    host.appendChild(inner);
    const fallback = (error: unknown) => {
      console.warn(
        'jupyterlab-keras-summary: the original renderer failed',
        error
      );
      inner.textContent = '';
      inner.appendChild(
        h('pre', 'jp-KerasSummary-originalText', this._options.originalText)
      );
    };
    try {
      const result = this._options.renderOriginal(inner);
      if (result && typeof (result as Promise<void>).then === 'function') {
        (result as Promise<void>).then(undefined, fallback);
      }
    } catch (error) {
      fallback(error);
    }
  }

  private _renderTable(): void {
    const view = this._tableView;
    if (!view) {
      return;
    }
    // Remember what the user was doing, to restore it after the rebuild.
    const openKey = this._open?.key ?? null;
    const focusWasInside =
      this._open !== null &&
      (this._open.dialog.contains(document.activeElement) ||
        this._open.control === document.activeElement);
    const active = document.activeElement;
    const field = this._teaching.fieldKey(
      active && view.contains(active) ? active : null
    );
    this._closeExplanation(false);
    this._cancelBuild();
    this._tableStale = false;
    view.textContent = '';
    this._tools?.setTable(null);

    const summary = this._options.summary;
    const layers = summary?.layers ?? [];
    const trans = this._trans;
    let facts: SummaryFacts | null = null;
    try {
      facts = analyzeSummary(summary);
    } catch (error) {
      console.warn('jupyterlab-keras-summary: analysis failed', error);
    }

    if (layers.length > 0 || summary?.parts?.table) {
      const tree = rowTree(layers);
      // The letters' legend and the what-if panel go above the table.
      const teaching = this._teaching.prepare(summary, facts, trans);
      for (const part of teaching.above) {
        view.appendChild(part);
      }
      const columns = this._teaching.columns(
        withShareBars(tableColumns(summary, trans), summary, trans),
        trans
      );
      const label = summary.model
        ? trans.__('Layers of %1', summary.model)
        : trans.__('Layers of the model');
      const table = buildTable(columns, label);
      // Large tables in blocks, laid out row by row (blocks.ts).
      const body = new RowBody(
        table,
        layers.length > BLOCK_THRESHOLD ? BLOCK_ROWS : 0
      );
      const scroll = h('div', 'jp-KerasSummary-scroll');
      scroll.appendChild(table);
      view.appendChild(scroll);
      if (layers.length === 0) {
        view.appendChild(
          h('p', 'jp-KerasSummary-empty', trans.__('The model has no layers.'))
        );
      }
      const lineages = new Map<string, HTMLElement[]>();
      const ctx: RowContext = {
        summary,
        facts,
        trans,
        columns,
        tree,
        nested: tree.some(n => n.hasChildren),
        words: rowWords(trans),
        teaching: teaching.state,
        onControl: (control, ref, lineage) => {
          if (!lineage) {
            return;
          }
          let list = lineages.get(lineage);
          if (!list) {
            list = [];
            lineages.set(lineage, list);
          }
          list.push(control);
          if (this._open && this._open.lineage === lineage) {
            control.classList.add(CLASS.related);
          }
        }
      };
      let resolve = () => {};
      const done = new Promise<void>(r => {
        resolve = r;
      });
      this._build = {
        ctx,
        body,
        rows: [],
        lineages,
        built: 0,
        total: layers.length,
        cancel: null,
        done,
        resolve
      };
      const { threshold, size } = this._chunks();
      const first = layers.length > threshold ? size : layers.length;
      this._appendRows(first);
      this._tools?.setTable({ table, body, rows: this._build.rows });
      this._scheduleRows();
    }

    for (const part of [
      buildTotals(summary?.totals, trans),
      buildNotice(summary, trans)
    ]) {
      if (part) {
        view.appendChild(part);
      }
    }

    if (openKey) {
      this._reopen(openKey, focusWasInside);
    }
    if (field) {
      this._teaching.findField(view, field)?.focus({ preventScroll: true });
    }
  }

  /**
   * Add rows up to (not including) `end`; with `until` (a time from
   * performance.now()), go on past `end` until then.
   */
  private _appendRows(end: number, until = 0): void {
    const b = this._build;
    if (!b) {
      return;
    }
    if (b.built >= Math.min(end, b.total)) {
      return;
    }
    const added: HTMLTableRowElement[] = [];
    let i = b.built;
    for (; i < b.total && (i < end || now() < until); i++) {
      const row = this._safeRow(b.ctx, i);
      if (this._collapsed.size > 0) {
        row.hidden = this._isHidden(i);
        const node = b.ctx.tree[i];
        if (node?.hasChildren && this._collapsed.has(node.key)) {
          row
            .querySelector('.jp-KerasSummary-disclosure')
            ?.setAttribute('aria-expanded', 'false');
        }
      }
      b.rows.push(row);
      added.push(row);
    }
    b.built = i;
    b.body.fit(added);
    b.body.append(added);
    this._tools?.rowsAdded();
    if (b.built >= b.total) {
      b.resolve();
    }
  }

  /** A row; a plain one with the name and the shape as text if building fails. */
  private _safeRow(ctx: RowContext, index: number): HTMLTableRowElement {
    try {
      return buildRow(ctx, index);
    } catch (error) {
      console.warn('jupyterlab-keras-summary: could not build a row', error);
      const layer = ctx.summary.layers[index];
      const row = h('tr', 'jp-KerasSummary-row');
      row.setAttribute('data-row', String(index));
      ctx.columns.forEach((column, k) => {
        const cell = h(k === 0 ? 'th' : 'td', 'jp-KerasSummary-cell');
        if (column.kind === 'layer') {
          cell.textContent = String(layer?.name ?? '');
        } else if (column.kind === 'shape') {
          cell.textContent = String(layer?.outputShape ?? '');
        }
        row.appendChild(cell);
      });
      return row;
    }
  }

  /** Fill the rest of a large table between frames. */
  private _scheduleRows(): void {
    const b = this._build;
    if (!b || b.built >= b.total) {
      b?.resolve();
      return;
    }
    const run = () => {
      b.cancel = null;
      if (this._build !== b || this._disposed) {
        return;
      }
      this._appendRows(b.built + this._chunks().size, now() + CHUNK_MS);
      this._scheduleRows();
    };
    // After the next frame is painted, not before it: a chunk built in a
    // frame callback would hold back the paint of the rows already there.
    let timer: ReturnType<typeof setTimeout> | null = null;
    if (typeof requestAnimationFrame === 'function') {
      const frame = requestAnimationFrame(() => {
        timer = setTimeout(run, 0);
      });
      b.cancel = () => {
        cancelAnimationFrame(frame);
        if (timer !== null) {
          clearTimeout(timer);
        }
      };
    } else {
      timer = setTimeout(run, 0);
      b.cancel = () => clearTimeout(timer!);
    }
  }

  private _chunks(): { threshold: number; size: number } {
    const given = this._options.rowChunks ?? {};
    const threshold = Number(given.threshold ?? CHUNK_THRESHOLD);
    const size = Number(given.size ?? CHUNK_SIZE);
    return {
      threshold: Number.isFinite(threshold)
        ? Math.max(0, threshold)
        : CHUNK_THRESHOLD,
      size: Number.isFinite(size) && size >= 1 ? Math.floor(size) : CHUNK_SIZE
    };
  }

  private _cancelBuild(): void {
    const b = this._build;
    if (b) {
      b.cancel?.();
      b.cancel = null;
      // Nobody waits forever for a table that was replaced.
      b.resolve();
    }
    this._build = null;
  }

  /** If all else fails: the original output, and no exception for JupyterLab. */
  private _fail(error: unknown): void {
    console.error('jupyterlab-keras-summary: could not show the table', error);
    try {
      this._closeExplanation(false);
      this._cancelBuild();
      this.node.textContent = '';
      this._title = this._toggle = this._status = null;
      this._tools?.dispose();
      this._tools = null;
      this._tableView = null;
      this._original = h('div', 'jp-KerasSummary-original');
      this.node.appendChild(this._original);
      this._renderOriginal();
    } catch {
      // Nothing more can be done without risking an exception in JupyterLab.
    }
  }

  // ---- Events ------------------------------------------------------------

  private _onClick(event: MouseEvent): void {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) {
      return;
    }
    const found = target.closest('[data-action]');
    const actor = found && this.node.contains(found) ? found : null;
    const action = actor?.getAttribute('data-action') ?? null;
    switch (action) {
      case 'explain': {
        const control = actor as HTMLElement;
        const keyed = this._keyActivation;
        if (
          keyed &&
          keyed.control === control &&
          event.detail === 0 &&
          Date.now() - keyed.at < 1000
        ) {
          // The click a browser makes from the key we already handled.
          this._keyActivation = null;
          return;
        }
        this._toggleExplanation(control);
        return;
      }
      case 'close':
        this._closeExplanation(true);
        return;
      case 'goto':
        this._goto(Number(actor?.getAttribute('data-row')));
        return;
      case 'disclose':
        this._toggleCollapsed(Number(actor?.getAttribute('data-row')));
        return;
      case 'toggle-view':
        this.setView(this._mode === 'text' ? 'table' : 'text');
        return;
      case 'copy':
        void this.copyOriginal();
        return;
      case 'letters':
        this._teaching.toggleLetters();
        this._rebuildTable();
        return;
      case 'whatif':
        this._teaching.toggleWhatIf();
        this._rebuildTable();
        if (this._teaching.whatIfOpen) {
          // Straight to the first size: the panel is the thing to type in.
          this._tableView
            ?.querySelector<HTMLElement>('.jp-KerasSummary-whatif input')
            ?.focus({ preventScroll: true });
        }
        return;
    }
    // A click anywhere else in the view, outside the explanation, closes it.
    if (this._open && !this._open.dialog.contains(target)) {
      this._closeExplanation(!isFocusable(target));
    }
  }

  /** Clicks outside the view while an explanation is open (capture phase). */
  private _onDocumentClick = (event: MouseEvent): void => {
    const open = this._open;
    const target = event.target instanceof Node ? event.target : null;
    if (!open || (target && this.node.contains(target))) {
      return;
    }
    // Give focus back only if it would otherwise be lost; never take it from
    // what the click focused (another cell, an editor).
    const active = document.activeElement;
    const lost =
      !active ||
      active === document.body ||
      open.dialog.contains(active) ||
      active === open.control;
    this._closeExplanation(lost);
  };

  private _onKeyDown(event: KeyboardEvent): void {
    const target = event.target instanceof Element ? event.target : null;
    if (
      target?.matches('input, select') &&
      this.node.contains(target) &&
      event.key !== 'Escape' &&
      event.key !== 'Esc' &&
      event.key !== 'Tab' &&
      !event.ctrlKey &&
      !event.metaKey &&
      !event.altKey
    ) {
      // Typing in a field (digits, arrows, Backspace) is for the field, not
      // for the notebook's command-mode shortcuts.
      event.stopPropagation();
      return;
    }
    if (event.key === 'Escape' || event.key === 'Esc') {
      if (this._open) {
        event.preventDefault();
        event.stopPropagation();
        this._closeExplanation(true);
      }
      return;
    }
    if (isOwnKey(event) && target && this.node.contains(target)) {
      // A key typed on one of our buttons (or a focused cell or dialog) is
      // for us: JupyterLab's command-mode shortcuts match any focused node
      // in a notebook (`d d` would delete the cell, Enter would enter edit
      // mode). The browser's own action (activating a button) still runs.
      if (target.closest('button, [tabindex]')) {
        event.stopPropagation();
      }
    }
    if (
      event.key !== 'Enter' &&
      event.key !== ' ' &&
      event.key !== 'Spacebar'
    ) {
      return;
    }
    if (
      !target ||
      target.getAttribute('data-action') !== 'explain' ||
      !this.node.contains(target) ||
      event.altKey ||
      event.ctrlKey ||
      event.metaKey
    ) {
      return;
    }
    // Handle the key here (so it works the same everywhere) and stop the
    // browser from turning it into a second, toggling click.
    event.preventDefault();
    event.stopPropagation();
    if (event.repeat) {
      return;
    }
    const control = target as HTMLElement;
    this._keyActivation = { control, at: Date.now() };
    this._toggleExplanation(control);
  }

  private _onKeyUp(event: KeyboardEvent): void {
    const target = event.target instanceof Element ? event.target : null;
    if (
      (event.key === ' ' || event.key === 'Spacebar') &&
      target?.getAttribute('data-action') === 'explain'
    ) {
      // Space activates a button on key up in some browsers.
      event.preventDefault();
    }
  }

  // ---- Explanations ------------------------------------------------------

  private _toggleExplanation(control: HTMLElement): void {
    const key = control.getAttribute('data-key');
    if (this._open && this._open.key === key) {
      this._closeExplanation(true);
      return;
    }
    this._openExplanation(control, true);
  }

  private _openExplanation(control: HTMLElement, focus: boolean): void {
    const b = this._build;
    const row = control.closest('tr');
    if (!b || !row) {
      return;
    }
    this._closeExplanation(false);
    const ref = readRef(control);
    if (!ref) {
      return;
    }
    const id = `jp-KerasSummary-explain-${++nextId}`;
    const dialog = explanationNode(explain(b.ctx, ref), id, this._trans);
    const holder = h('tr', CLASS.explainRow);
    const cell = h('td', 'jp-KerasSummary-explainCell');
    cell.colSpan = Math.max(1, b.ctx.columns.length);
    cell.appendChild(dialog);
    holder.appendChild(cell);
    b.body.insertAfter(row, holder);

    const lineage = control.getAttribute('data-lineage') ?? '';
    this._open = {
      key: controlKey(ref),
      control,
      dialog,
      row: holder,
      lineage
    };
    control.setAttribute('aria-expanded', 'true');
    control.setAttribute('aria-controls', id);
    control.classList.add(CLASS.active);
    if (lineage) {
      for (const other of b.lineages.get(lineage) ?? []) {
        other.classList.add(CLASS.related);
      }
    }
    document.addEventListener('click', this._onDocumentClick, true);
    if (focus) {
      dialog.focus();
    }
  }

  private _closeExplanation(returnFocus: boolean): void {
    const open = this._open;
    if (!open) {
      return;
    }
    this._open = null;
    document.removeEventListener('click', this._onDocumentClick, true);
    open.row.remove();
    const { control } = open;
    control.setAttribute('aria-expanded', 'false');
    control.removeAttribute('aria-controls');
    control.classList.remove(CLASS.active);
    if (open.lineage) {
      for (const other of this._build?.lineages.get(open.lineage) ?? []) {
        other.classList.remove(CLASS.related);
      }
    }
    if (returnFocus && control.isConnected) {
      control.focus({ preventScroll: true });
    }
  }

  /** After a rebuild: open the same control again, if it still exists. */
  private _reopen(key: string, focus: boolean): void {
    const b = this._build;
    const ref = parseKey(key);
    if (!b || !ref || ref.row >= b.total) {
      return;
    }
    this._appendRows(ref.row + 1);
    if (this._isHidden(ref.row)) {
      return;
    }
    const control = b.rows[ref.row]?.querySelector<HTMLElement>(
      `[data-key="${key}"]`
    );
    if (control) {
      this._openExplanation(control, false);
      if (focus) {
        control.focus({ preventScroll: true });
      }
    }
  }

  // ---- Rows --------------------------------------------------------------

  /** Whether a collapsed row above hides row `index`. */
  private _isHidden(index: number): boolean {
    const tree = this._build?.ctx.tree;
    if (!tree) {
      return false;
    }
    let up = tree[index]?.parent ?? -1;
    let guard = 0;
    while (up >= 0 && guard++ < tree.length) {
      if (this._collapsed.has(tree[up].key)) {
        return true;
      }
      up = tree[up].parent;
    }
    return false;
  }

  private _toggleCollapsed(index: number): void {
    const b = this._build;
    const node: RowNode | undefined = b?.ctx.tree[index];
    if (!b || !node || !node.hasChildren) {
      return;
    }
    const collapse = !this._collapsed.has(node.key);
    if (collapse) {
      this._collapsed.add(node.key);
    } else {
      this._collapsed.delete(node.key);
    }
    b.rows[index]
      ?.querySelector('.jp-KerasSummary-disclosure')
      ?.setAttribute('aria-expanded', collapse ? 'false' : 'true');
    const last = Math.min(node.last, b.built - 1);
    for (let i = index + 1; i <= last; i++) {
      b.rows[i].hidden = this._isHidden(i);
    }
    const open = this._open;
    if (open) {
      const openRow = Number(open.control.getAttribute('data-row'));
      if (openRow > index && openRow <= node.last && collapse) {
        this._closeExplanation(false);
      }
    }
  }

  /** Rebuild the table now (letters or the what-if switched), keeping what it can. */
  private _rebuildTable(): void {
    this._tableStale = true;
    this._refresh();
  }

  /** Sizes or dtype changed: update the built rows in place and the open explanation. */
  private _applyTeaching(): void {
    const b = this._build;
    if (!b) {
      return;
    }
    const controls: HTMLElement[] = [];
    for (const list of b.lineages.values()) {
      controls.push(...list);
    }
    this._teaching.apply(controls, b.rows);
    // Sizes instead of None, memory figures: widths follow the text.
    b.body.fit(b.rows, true);
    const open = this._open;
    if (open && open.control.getAttribute('data-control') === 'dim') {
      const focusInside = open.dialog.contains(document.activeElement);
      this._openExplanation(open.control, focusInside);
    }
  }

  /** Scroll to a row, highlight it for a moment and focus its first cell. */
  private _goto(index: number): void {
    const b = this._build;
    if (!b || !Number.isInteger(index) || index < 0 || index >= b.total) {
      return;
    }
    this._appendRows(index + 1);
    // Open every collapsed row above it.
    const tree = b.ctx.tree;
    for (let up = tree[index].parent; up >= 0; up = tree[up].parent) {
      if (this._collapsed.has(tree[up].key)) {
        this._toggleCollapsed(up);
      }
    }
    // A filter that hides the row gives way (src/render/toolbar.ts).
    this._tools?.reveal(index);
    const row = b.rows[index];
    if (!row) {
      return;
    }
    if (typeof row.scrollIntoView === 'function') {
      row.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
    row.classList.remove(CLASS.flash);
    row.classList.add(CLASS.flash);
    const timer = setTimeout(() => {
      this._timers.delete(timer);
      row.classList.remove(CLASS.flash);
    }, FLASH_MS);
    this._timers.add(timer);
    const cell = row.cells[0];
    if (cell) {
      cell.tabIndex = -1;
      cell.focus({ preventScroll: true });
    }
  }

  private _setStatus(message: string): void {
    const status = this._status;
    if (!status) {
      return;
    }
    status.textContent = message;
    if (this._statusTimer !== null) {
      clearTimeout(this._statusTimer);
      this._timers.delete(this._statusTimer);
    }
    const timer = setTimeout(() => {
      this._timers.delete(timer);
      this._statusTimer = null;
      status.textContent = '';
    }, STATUS_MS);
    this._statusTimer = timer;
    this._timers.add(timer);
  }

  private _options: SummaryViewOptions;
  private _trans: TranslationBundle;
  private _mode: 'table' | 'text';
  private _disposed = false;
  private _title: HTMLElement | null = null;
  private _toggle: HTMLButtonElement | null = null;
  private _status: HTMLElement | null = null;
  private _tableView: HTMLElement | null = null;
  private _original: HTMLElement | null = null;
  private _tools: SummaryTools | null = null;
  private _teaching: Teaching;
  private _tableStale = true;
  private _originalStale = true;
  private _build: Build | null = null;
  private _open: OpenExplanation | null = null;
  private _collapsed = new Set<string>();
  private _keyActivation: { control: HTMLElement; at: number } | null = null;
  private _timers = new Set<ReturnType<typeof setTimeout>>();
  private _statusTimer: ReturnType<typeof setTimeout> | null = null;
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

function bundle(trans: TranslationBundle | undefined): TranslationBundle {
  return trans ?? nullTranslator.load('jupyterlab_keras_summary');
}

function readRef(control: Element): ControlRef | null {
  const kind = control.getAttribute('data-control') as ControlKind;
  const row = Number(control.getAttribute('data-row'));
  const tensor = Number(control.getAttribute('data-tensor') ?? 0);
  const axis = Number(control.getAttribute('data-axis') ?? 0);
  if (
    !CONTROL_KINDS.includes(kind) ||
    !Number.isInteger(row) ||
    !Number.isInteger(tensor) ||
    !Number.isInteger(axis)
  ) {
    return null;
  }
  return { kind, row, tensor, axis };
}

function parseKey(key: string): ControlRef | null {
  const m = /^([A-Za-z]+)-(\d+)-(\d+)-(\d+)$/.exec(key);
  if (!m || !CONTROL_KINDS.includes(m[1] as ControlKind)) {
    return null;
  }
  return {
    kind: m[1] as ControlKind,
    row: Number(m[2]),
    tensor: Number(m[3]),
    axis: Number(m[4])
  };
}

/** Enter, Space or a printable key without Ctrl, Alt or Meta. */
function isOwnKey(event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey) {
    return false;
  }
  return (
    event.key === 'Enter' || event.key === 'Spacebar' || event.key.length === 1
  );
}
