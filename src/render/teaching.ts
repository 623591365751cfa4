/**
 * The state of the teaching tools of one view, and their controls in the
 * header: the "Letters for None" switch and the "What if…" button, which
 * opens a panel of sizes (whatif.ts). The view asks it what to put above
 * the table and which columns to add when it builds the table, and tells it
 * about typed sizes; the tools then update the built rows in place (no
 * rebuild per keystroke, so focus and scroll stay put).
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import type { SummaryFacts } from '../analyze/types';
import {
  DEFAULT_DTYPE,
  DtypeName,
  isDtype,
  isSize,
  sizeGroupsOf,
  whatIf
} from '../analyze/whatif';
import type { Summary } from '../parse/types';
import { button, h } from './dom';
import type { ExplainContext } from './explain';
import {
  buildLegend,
  dimDisplay,
  letterEntries,
  TeachingState
} from './letters';
import type { TableColumn } from './table';
import {
  buildWhatIfPanel,
  fillMemoryCell,
  fillResults,
  fixedBatchOf,
  groupLabels,
  memoryColumn,
  sizeFields
} from './whatif';

export interface TeachingOptions {
  trans: TranslationBundle;
  /** Start with letters shown. */
  letters?: boolean;
}

/** What the table gets from the tools for one build. */
export interface TeachingParts {
  /** Nodes to put above the table (legend, what-if panel). */
  above: HTMLElement[];
  /** The state rows are built with (`ExplainContext.teaching`). */
  state: TeachingState;
}

export class Teaching {
  constructor(options: TeachingOptions) {
    this._trans = options.trans;
    this._letters = options.letters === true;
  }

  /** The state the rows are built with; refreshed by `prepare` and by typed sizes. */
  readonly state: TeachingState = {
    letters: false,
    whatIf: null,
    groupLabels: {}
  };

  get letters(): boolean {
    return this._letters;
  }

  get whatIfOpen(): boolean {
    return this._open;
  }

  /** The header controls, built anew with the view's header. */
  buildControls(trans: TranslationBundle): HTMLElement {
    this._trans = trans;
    const group = h('span', 'jp-KerasSummary-teaching');
    const letters = button('jp-KerasSummary-button jp-KerasSummary-letters');
    letters.setAttribute('role', 'switch');
    letters.setAttribute('data-action', 'letters');
    letters.textContent = trans.__('Letters for None');
    letters.title = trans.__(
      'Show B for the batch and T, H, W … for variable dimensions instead of None'
    );
    const what = button('jp-KerasSummary-button jp-KerasSummary-whatifToggle');
    what.setAttribute('data-action', 'whatif');
    what.textContent = trans.__('What if…');
    what.title = trans.__(
      'Give the open dimensions sizes: shapes in numbers and the memory of each layer'
    );
    group.appendChild(letters);
    group.appendChild(what);
    this._controls = { letters, what };
    this._sync();
    return group;
  }

  /** Flip the letters; the view rebuilds the table. */
  toggleLetters(): void {
    this._letters = !this._letters;
    this._sync();
  }

  /** Open or close the what-if; the view rebuilds the table. */
  toggleWhatIf(): void {
    this._open = !this._open;
    this._sync();
  }

  /**
   * For a table build: the legend and the panel to show above it, the state
   * rows read, and the columns (the memory column while the what-if is open).
   */
  prepare(
    summary: Summary,
    facts: SummaryFacts | null,
    trans: TranslationBundle
  ): TeachingParts {
    this._trans = trans;
    this._summary = summary;
    this._facts = facts;
    this._results = null;
    const state = this.state;
    state.letters = this._letters;
    state.whatIf = null;
    state.groupLabels = {};
    const above: HTMLElement[] = [];
    const ctx: ExplainContext = { summary, facts, trans, teaching: state };
    const entries = letterEntries(facts);
    if (this._letters) {
      const legend = buildLegend(ctx, entries);
      if (legend) {
        above.push(legend);
      }
    }
    if (this._open && facts) {
      const groups = sizeGroupsOf(summary, facts);
      state.groupLabels = groupLabels(facts, groups);
      // Sizes typed for groups this summary no longer has are dropped.
      for (const key of Object.keys(this._values)) {
        if (!groups.includes(key)) {
          delete this._values[key];
        }
      }
      const fields = sizeFields(ctx, groups, state.groupLabels, entries);
      const panel = buildWhatIfPanel(
        ctx,
        fields,
        this._values,
        this._dtype,
        groups.includes('batch') ? null : fixedBatchOf(summary)
      );
      if (this._controls) {
        this._controls.what.setAttribute('aria-controls', panel.node.id);
      }
      this._results = panel.results;
      above.push(panel.node);
      this._compute();
    } else {
      this._controls?.what.removeAttribute('aria-controls');
    }
    return { above, state };
  }

  /** The columns with the memory column added while the what-if is open. */
  columns(columns: TableColumn[], trans: TranslationBundle): TableColumn[] {
    return this.state.whatIf ? [...columns, memoryColumn(trans)] : columns;
  }

  /**
   * A size field or the dtype changed. Returns whether it was one of ours
   * (the view then calls `apply`).
   */
  handleInput(target: EventTarget | null): boolean {
    if (target instanceof HTMLSelectElement) {
      if (target.getAttribute('data-action') !== 'dtype') {
        return false;
      }
      this._dtype = isDtype(target.value) ? target.value : DEFAULT_DTYPE;
      this._compute();
      return true;
    }
    if (!(target instanceof HTMLInputElement)) {
      return false;
    }
    const group = target.getAttribute('data-size-group');
    if (group === null) {
      return false;
    }
    const raw = target.value.trim();
    this._values[group] = raw;
    // A number field holds '' for text it cannot read (`badInput`).
    const bad = target.validity?.badInput === true;
    const valid = raw === '' ? !bad : isSize(Number(raw));
    target.setAttribute('aria-invalid', valid ? 'false' : 'true');
    const error = target.parentElement?.querySelector<HTMLElement>(
      '.jp-KerasSummary-whatifError'
    );
    if (error) {
      error.hidden = valid;
    }
    if (raw === '' || !valid) {
      delete this._values[group];
    }
    this._compute();
    return true;
  }

  /**
   * Show the current state in rows already built: the text of every `None`
   * control, the memory cells, the results.
   */
  apply(controls: Iterable<HTMLElement>, rows: HTMLTableRowElement[]): void {
    const summary = this._summary;
    if (!summary) {
      return;
    }
    const ctx: ExplainContext = {
      summary,
      facts: this._facts,
      trans: this._trans,
      teaching: this.state
    };
    for (const control of controls) {
      showDim(ctx, control);
    }
    rows.forEach((row, index) => {
      const cell = row?.querySelector<HTMLElement>(
        '.jp-KerasSummary-cell-memory'
      );
      if (cell) {
        fillMemoryCell(ctx, cell, index);
      }
    });
  }

  /** The view's text mode hides the controls: they act on the table. */
  setHidden(hidden: boolean): void {
    if (this._controls) {
      this._controls.letters.parentElement!.hidden = hidden;
    }
  }

  /** Whether `node` is one of the panel's fields (focus to restore after a rebuild). */
  fieldKey(node: Element | null): string | null {
    if (node instanceof HTMLInputElement) {
      return node.getAttribute('data-size-group');
    }
    if (
      node instanceof HTMLSelectElement &&
      node.getAttribute('data-action') === 'dtype'
    ) {
      return '\u0000dtype';
    }
    return null;
  }

  /** The field for `fieldKey`'s key inside `root`. */
  findField(root: ParentNode, key: string): HTMLElement | null {
    if (key === '\u0000dtype') {
      return root.querySelector('select[data-action="dtype"]');
    }
    for (const input of Array.from(
      root.querySelectorAll<HTMLInputElement>('input[data-size-group]')
    )) {
      if (input.getAttribute('data-size-group') === key) {
        return input;
      }
    }
    return null;
  }

  private _compute(): void {
    const summary = this._summary;
    const facts = this._facts;
    if (!this._open || !summary || !facts) {
      this.state.whatIf = null;
      return;
    }
    const sizes: Record<string, number> = {};
    for (const [group, raw] of Object.entries(this._values)) {
      const n = Number(raw);
      if (isSize(n)) {
        sizes[group] = n;
      }
    }
    this.state.whatIf = whatIf(summary, facts, sizes, this._dtype);
    if (this._results) {
      fillResults(
        { summary, facts, trans: this._trans, teaching: this.state },
        this._results,
        this.state.whatIf,
        this.state.groupLabels
      );
    }
  }

  private _sync(): void {
    const c = this._controls;
    if (!c) {
      return;
    }
    c.letters.setAttribute('aria-checked', this._letters ? 'true' : 'false');
    c.what.setAttribute('aria-expanded', this._open ? 'true' : 'false');
  }

  private _trans: TranslationBundle;
  private _letters: boolean;
  private _open = false;
  private _dtype: DtypeName = DEFAULT_DTYPE;
  /** What each size field holds (kept across rebuilds). */
  private _values: Record<string, string> = {};
  private _summary: Summary | null = null;
  private _facts: SummaryFacts | null = null;
  private _results: HTMLElement | null = null;
  private _controls: { letters: HTMLElement; what: HTMLElement } | null = null;
}

/**
 * A `None` control's text and accessible name for the current state; the
 * printed text (kept in `data-printed`) and no extra name otherwise.
 */
export function showDim(ctx: ExplainContext, control: HTMLElement): void {
  if (control.getAttribute('data-control') !== 'dim') {
    return;
  }
  const row = Number(control.getAttribute('data-row'));
  const tensor = Number(control.getAttribute('data-tensor'));
  const axis = Number(control.getAttribute('data-axis'));
  const fact = ctx.facts?.layers[row]?.dims.find(
    d => d.tensor === tensor && d.axis === axis
  );
  const printed = control.getAttribute('data-printed') ?? control.textContent;
  const display = fact ? dimDisplay(ctx, row, fact) : null;
  if (display) {
    if (!control.hasAttribute('data-printed')) {
      control.setAttribute('data-printed', printed ?? '');
    }
    control.textContent = display.text;
    control.setAttribute('aria-label', display.label);
  } else if (control.hasAttribute('data-printed')) {
    control.textContent = printed;
    control.removeAttribute('aria-label');
  }
}
