/**
 * Where the open explanation shows: a row of its own right under the row of
 * its control, holding the explanation's dialog; the control says it is
 * expanded, and every control of the same dimension is highlighted (rows
 * built later join the highlight). Which explanation is open is the view
 * state's (`ViewState.open`); `show` brings the table in line with it.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { h } from './dom';
import { explain, explanationNode } from './explainers';
import { controlKey } from './registry';
import type { Control } from './registry';
import type { ViewState } from './state';
import type { TableView } from './table-view';

const ACTIVE = 'jp-KerasSummary-control-active';
const RELATED = 'jp-KerasSummary-control-related';

let nextId = 0;

/** Where focus goes when an explanation shows: into it, onto its control, or nowhere. */
export type ExplanationFocus = 'dialog' | 'control' | 'none';

/** The explanation shown now. */
interface Shown {
  key: string;
  control: Control;
  dialog: HTMLElement;
  holder: HTMLTableRowElement;
  table: TableView;
}

export class ExplanationHost {
  constructor(
    private readonly _state: ViewState,
    private _trans: TranslationBundle
  ) {}

  /** The dialog shown, if any. */
  get dialog(): HTMLElement | null {
    return this._shown?.dialog ?? null;
  }

  /** The control whose explanation shows, if any. */
  get control(): HTMLElement | null {
    return this._shown?.control.node ?? null;
  }

  setTrans(trans: TranslationBundle): void {
    this._trans = trans;
  }

  /** A control was built: it joins the highlight of the dimension shown. */
  onControl(control: Control): void {
    const lineage = control.action.lineage;
    if (lineage && this._shown?.control.action.lineage === lineage) {
      control.node.classList.add(RELATED);
    }
  }

  /**
   * Show the state's open explanation in `table` (building rows up to its
   * control), or none. An explanation whose control no longer exists, or is
   * hidden under a collapsed row, is closed in the state. `focus`: where
   * focus goes (`control` when none is open: back to the control of the
   * one closed).
   */
  show(table: TableView | null, focus: ExplanationFocus): void {
    const ref = this._state.open;
    const key = ref ? controlKey(ref) : null;
    const shown = this._shown;
    if (shown && (shown.key !== key || shown.table !== table)) {
      this.hide(focus === 'control' && key === null);
    }
    if (!ref || !key || !table || this._shown) {
      return;
    }
    const row = ref.row < (table.fill?.total ?? 0) ? table.row(ref.row) : null;
    const control = row ? table.index.byKey(key) : null;
    if (!row || !control || this._state.isCollapsedAbove(ref.row)) {
      this._state.setOpen(null, false);
      return;
    }
    const id = `jp-KerasSummary-explain-${++nextId}`;
    const dialog = explanationNode(
      explain(table.context(), ref),
      id,
      this._trans,
      table.index
    );
    const holder = h('tr', 'jp-KerasSummary-explainRow');
    const cell = h('td', 'jp-KerasSummary-explainCell');
    cell.colSpan = Math.max(1, table.columns.length);
    cell.appendChild(dialog);
    holder.appendChild(cell);
    table.attach(row, holder);
    this._shown = { key, control, dialog, holder, table };
    const node = control.node;
    node.setAttribute('aria-expanded', 'true');
    node.setAttribute('aria-controls', id);
    node.classList.add(ACTIVE);
    if (control.action.lineage) {
      for (const other of table.index.lineage(control.action.lineage)) {
        other.classList.add(RELATED);
      }
    }
    if (focus === 'dialog') {
      dialog.focus();
    } else if (focus === 'control') {
      node.focus({ preventScroll: true });
    }
  }

  /** Make the explanation again (what it says changed: sizes were typed), keeping focus inside. */
  refresh(): void {
    const shown = this._shown;
    if (!shown) {
      return;
    }
    const inside = shown.dialog.contains(document.activeElement);
    this.hide(false);
    this.show(shown.table, inside ? 'dialog' : 'none');
  }

  /** Take the explanation out of the table (`returnFocus`: back to its control). */
  hide(returnFocus: boolean): void {
    const shown = this._shown;
    if (!shown) {
      return;
    }
    this._shown = null;
    shown.table.detach(shown.holder);
    const node = shown.control.node;
    node.setAttribute('aria-expanded', 'false');
    node.removeAttribute('aria-controls');
    node.classList.remove(ACTIVE);
    const lineage = shown.control.action.lineage;
    if (lineage) {
      for (const other of shown.table.index.lineage(lineage)) {
        other.classList.remove(RELATED);
      }
    }
    if (returnFocus && node.isConnected) {
      node.focus({ preventScroll: true });
    }
  }

  private _shown: Shown | null = null;
}
