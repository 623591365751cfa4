/**
 * The state of one summary's view, in one place: the summary and its
 * analysis (worked out once per table), which view shows, the collapsed
 * rows, the open explanation, the dimension tools (letters, what-if sizes
 * and dtype) and the table tools' filter and sort.
 *
 * Controllers change it with the setters; each change is announced on
 * `changed` with what changed, and the view brings the DOM in line (the
 * pattern of JupyterLab's output area and Lumino's data grid models). DOM
 * builders read it and never change it. No DOM here.
 */
import { Signal } from '@lumino/signaling';
import type { ISignal } from '@lumino/signaling';
import { DEFAULT_DTYPE, isDtype, isSize } from '../analyze';
import type { DtypeName, Sizes, WhatIf } from '../analyze';
import { parentNames, parentRows } from '../analyze/nesting';
import type { Summary } from '../parse';
import { analyzeRows, sameRows } from './analysis';
import { whatIfOf, whatIfSetup } from './exact-fields';
import type { WhatIfSetup } from './exact-fields';
import { arrange } from './filter';
import { controlKey } from './registry';
import type {
  Arrangement,
  ControlRef,
  DimensionsShown,
  OfferStatus,
  GridCursor,
  KernelCheckState,
  SortOrder,
  StateChange,
  SummaryAnalysis,
  ViewMode
} from './types';

export interface ViewStateOptions {
  summary: Summary;
  mode?: ViewMode;
  /** Start with letters (B, T, H, W) instead of None. */
  letters?: boolean;
}

export class ViewState {
  constructor(options: ViewStateOptions) {
    this._summary = options.summary;
    this._mode = options.mode === 'text' ? 'text' : 'table';
    this._letters = options.letters === true;
    this._arrangement = arrange(this.layers, '', 'keras');
  }

  /** Every change, with what changed. */
  get changed(): ISignal<this, StateChange> {
    return this._changed;
  }

  // ---- The summary -------------------------------------------------------

  get summary(): Summary {
    return this._summary;
  }

  get layers(): Summary['layers'] {
    return this._summary?.layers ?? [];
  }

  /** The analysis of the rows, worked out on first use and kept while the rows stay the same. */
  get analysis(): SummaryAnalysis {
    if (!this._analysis) {
      this._analysis = analyzeRows(this._summary);
    }
    return this._analysis;
  }

  /**
   * A new summary (a totals output arrived, a stream grew). When its rows
   * are the rows shown, the analysis is kept and the change says so
   * (`rows: false`): only the heading and totals need showing again.
   */
  setSummary(summary: Summary): void {
    if (summary === this._summary) {
      return;
    }
    const rows = !sameRows(this._summary, summary);
    this._summary = summary;
    if (rows) {
      this._analysis = null;
      this._setup = null;
    }
    this._check = { ...this._check, running: false, outcome: null };
    this._arrangement = arrange(this.layers, this._query, this._sort);
    this._computeWhatIf();
    this._changed.emit({ kind: 'summary', rows });
  }

  // ---- Which view --------------------------------------------------------

  get mode(): ViewMode {
    return this._mode;
  }

  setMode(mode: ViewMode): void {
    const next = mode === 'text' ? 'text' : 'table';
    if (next === this._mode) {
      return;
    }
    this._mode = next;
    if (next === 'text') {
      this.setOpen(null, false);
    }
    this._changed.emit({ kind: 'mode' });
  }

  // ---- Collapsed rows and what shows -------------------------------------

  /** Keys (`RowNode.key`) of the collapsed rows; they survive a new summary. */
  get collapsed(): ReadonlySet<string> {
    return this._collapsed;
  }

  isCollapsed(row: number): boolean {
    const node = this.analysis.tree[row];
    return !!node && this._collapsed.has(node.key);
  }

  /** Collapse or expand the nested rows under `row`. */
  toggleCollapsed(row: number): void {
    const node = this.analysis.tree[row];
    if (!node?.hasChildren) {
      return;
    }
    if (this._collapsed.has(node.key)) {
      this._collapsed.delete(node.key);
    } else {
      this._collapsed.add(node.key);
      // An explanation inside goes with its rows.
      const open = this._open;
      if (open && open.row > row && open.row <= node.last) {
        this.setOpen(null, false);
      }
    }
    this._changed.emit({ kind: 'collapsed', row });
  }

  /** Whether a collapsed row above hides row `index`. */
  isCollapsedAbove(index: number): boolean {
    const tree = this.analysis.tree;
    let up = tree[index]?.parent ?? -1;
    for (let guard = 0; up >= 0 && guard < tree.length; guard++) {
      if (this._collapsed.has(tree[up].key)) {
        return true;
      }
      up = tree[up].parent;
    }
    return false;
  }

  /** Whether row `index` is hidden: by the filter while rows are flat, else by a collapsed row above. */
  isHidden(index: number): boolean {
    const a = this._arrangement;
    return a.flat ? a.shown[index] === false : this.isCollapsedAbove(index);
  }

  /** The enclosing models' names of a nested row, shown while rows are flat; null otherwise. */
  pathOf(index: number): string[] | null {
    const layers = this.layers;
    if (!this._arrangement.flat || !(layers[index]?.depth > 0)) {
      return null;
    }
    if (!this._parents || this._parentsOf !== layers) {
      this._parents = parentRows(layers);
      this._parentsOf = layers;
    }
    return parentNames(layers, this._parents, index);
  }

  /** Open every collapsed row above `index` (a jump to it). */
  expandAbove(index: number): void {
    const tree = this.analysis.tree;
    for (let up = tree[index]?.parent ?? -1; up >= 0; up = tree[up].parent) {
      if (this._collapsed.has(tree[up].key)) {
        this.toggleCollapsed(up);
      }
    }
  }

  // ---- The open explanation ----------------------------------------------

  get open(): ControlRef | null {
    return this._open;
  }

  get openKey(): string | null {
    return this._open ? controlKey(this._open) : null;
  }

  /** Open the explanation of `ref` (null: close it); `focus` moves focus with it. */
  setOpen(ref: ControlRef | null, focus: boolean): void {
    const previous = this._open;
    if (
      (ref === null && previous === null) ||
      (ref && previous && controlKey(ref) === controlKey(previous))
    ) {
      return;
    }
    this._open = ref ? { ...ref } : null;
    this._changed.emit({ kind: 'open', previous, focus });
  }

  // ---- Dimension tools ---------------------------------------------------

  get letters(): boolean {
    return this._letters;
  }

  setLetters(on: boolean): void {
    if (on !== this._letters) {
      this._letters = on;
      this._dims = null;
      this._changed.emit({ kind: 'letters' });
    }
  }

  get whatIfOpen(): boolean {
    return this._whatIfOpen;
  }

  setWhatIfOpen(open: boolean): void {
    if (open !== this._whatIfOpen) {
      this._whatIfOpen = open;
      this._computeWhatIf();
      this._changed.emit({ kind: 'whatIf' });
    }
  }

  /** The what-if's size groups (fields), for the rows shown: a kernel summary's are its sources. */
  get sizeGroups(): string[] {
    return this.whatIfSetup.groups;
  }

  /** Short names of the size groups (`B`, `T1`, `H′`). */
  get groupLabels(): Readonly<Record<string, string>> {
    return this.whatIfSetup.labels;
  }

  /** The what-if's fields, exact (a kernel summary's) or size groups. */
  get whatIfSetup(): WhatIfSetup {
    if (!this._setup) {
      this._setup = whatIfSetup(this._summary, this.analysis.facts);
    }
    return this._setup;
  }

  /** The sizes typed that are sizes, by field. */
  get sizes(): Sizes {
    const sizes: Record<string, number> = {};
    for (const [group, text] of this._sizes) {
      const n = Number(text);
      if (text !== '' && isSize(n)) {
        sizes[group] = n;
      }
    }
    return sizes;
  }

  /** What each size field holds, as typed. */
  sizeText(group: string): string {
    return this._sizes.get(group) ?? '';
  }

  /** Whether the text typed for `group` is not a size. */
  sizeInvalid(group: string): boolean {
    return this._invalid.has(group);
  }

  /**
   * A size typed for `group` (`badInput`: the number field holds text it
   * cannot read, and reports '').
   */
  setSize(group: string, raw: string, badInput = false): void {
    const text = String(raw ?? '').trim();
    const valid = text === '' ? !badInput : isSize(Number(text));
    this._sizes.set(group, text);
    if (valid) {
      this._invalid.delete(group);
    } else {
      this._invalid.add(group);
    }
    // The kernel checked other sizes.
    this._check = { ...this._check, outcome: null };
    this._computeWhatIf();
    this._changed.emit({ kind: 'sizes' });
  }

  get dtype(): DtypeName {
    return this._dtype;
  }

  setDtype(name: string): void {
    this._dtype = isDtype(name) ? name : DEFAULT_DTYPE;
    this._computeWhatIf();
    this._changed.emit({ kind: 'sizes' });
  }

  /** The what-if result while the what-if is open (and the analysis worked), else null. */
  get whatIf(): WhatIf | null {
    return this._whatIf;
  }

  /** What the table shows for its dimensions now. */
  get dims(): DimensionsShown {
    if (!this._dims) {
      this._dims = {
        letters: this._letters,
        whatIf: this._whatIf,
        groupLabels: this._whatIf ? this.groupLabels : {},
        check: this._whatIf ? this._check.outcome : null
      };
    }
    return this._dims;
  }

  // ---- The kernel companion's offer ("Exact shapes…") ------------------

  /** Whether the offer shows: the view has one and it applies now (set by the view). */
  get offered(): boolean {
    return this._offered;
  }

  get offer(): OfferStatus {
    return this._offer;
  }

  /** The offer applies or no longer does (a kernel started, died, changed). */
  setOffered(offered: boolean): void {
    if (offered !== this._offered) {
      this._offered = offered;
      if (!offered && this._offer !== 'running') {
        this._offer = 'closed';
      }
      this._changed.emit({ kind: 'offer' });
    }
  }

  /** Open or close the offer, or say what came of it. */
  setOffer(status: OfferStatus): void {
    if (status !== this._offer) {
      this._offer = status;
      this._changed.emit({ kind: 'offer' });
    }
  }

  // ---- "Check in the kernel" -------------------------------------------

  /** Whether the check can be asked for, whether it runs, what came of it (for the sizes typed). */
  get check(): KernelCheckState {
    return this._check;
  }

  setCheck(change: Partial<KernelCheckState>): void {
    const next = { ...this._check, ...change };
    const c = this._check;
    if (
      next.available !== c.available ||
      next.running !== c.running ||
      next.outcome !== c.outcome
    ) {
      this._check = next;
      this._dims = null;
      this._changed.emit({ kind: 'check' });
    }
  }

  // ---- The grid's tab stop ----------------------------------------------

  /** Where the table's one tab stop is; null: its first stop. */
  get cursor(): GridCursor | null {
    return this._cursor;
  }

  /** Move the tab stop (`focus`: and the focus, a key moved it). */
  setCursor(cursor: GridCursor | null, focus: boolean): void {
    const same =
      cursor === this._cursor ||
      (cursor !== null &&
        this._cursor !== null &&
        cursor.row === this._cursor.row &&
        cursor.col === this._cursor.col &&
        cursor.stop === this._cursor.stop);
    if (same && !focus) {
      return;
    }
    this._cursor = cursor ? { ...cursor } : null;
    this._changed.emit({ kind: 'cursor', focus });
  }

  // ---- Table tools: filter and sort --------------------------------------

  get query(): string {
    return this._query;
  }

  get sort(): SortOrder {
    return this._sort;
  }

  get arrangement(): Arrangement {
    return this._arrangement;
  }

  /** Filter by `query` and sort by `sort` (the current order when not given). */
  setFilter(query: string, sort: SortOrder = this._sort): void {
    const q = String(query ?? '');
    if (q === this._query && sort === this._sort) {
      return;
    }
    this._query = q;
    this._sort = sort;
    const previous = this._arrangement;
    this._arrangement = arrange(this.layers, q, sort);
    this._changed.emit({ kind: 'arrangement', previous });
  }

  /** A jump to row `index`: a filter that hides it gives way (the order stays). */
  reveal(index: number): void {
    if (this._arrangement.shown[index] === false) {
      this.setFilter('');
    }
    this.expandAbove(index);
  }

  dispose(): void {
    Signal.clearData(this);
  }

  private _computeWhatIf(): void {
    this._dims = null;
    const facts = this._whatIfOpen ? this.analysis.facts : null;
    if (!facts) {
      this._whatIf = null;
      return;
    }
    // Sizes typed for groups this summary no longer has are dropped.
    const groups = new Set(this.sizeGroups);
    for (const group of Array.from(this._sizes.keys())) {
      if (!groups.has(group)) {
        this._sizes.delete(group);
        this._invalid.delete(group);
      }
    }
    this._whatIf = whatIfOf(
      this._summary,
      facts,
      this.whatIfSetup,
      this.sizes,
      this._dtype
    );
  }

  private readonly _changed = new Signal<this, StateChange>(this);
  private _summary: Summary;
  private _analysis: SummaryAnalysis | null = null;
  private _mode: ViewMode;
  private readonly _collapsed = new Set<string>();
  private _open: ControlRef | null = null;
  private _letters: boolean;
  private _whatIfOpen = false;
  private readonly _sizes = new Map<string, string>();
  private readonly _invalid = new Set<string>();
  private _dtype: DtypeName = DEFAULT_DTYPE;
  private _whatIf: WhatIf | null = null;
  private _setup: WhatIfSetup | null = null;
  private _check: KernelCheckState = {
    available: false,
    running: false,
    outcome: null
  };
  private _dims: DimensionsShown | null = null;
  private _offered = false;
  private _offer: OfferStatus = 'closed';
  private _cursor: GridCursor | null = null;
  private _query = '';
  private _sort: SortOrder = 'keras';
  private _arrangement: Arrangement;
  private _parents: number[] | null = null;
  private _parentsOf: Summary['layers'] | null = null;
}
