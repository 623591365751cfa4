/**
 * What the view's buttons and fields do: the events delegated on the view's
 * node (clicks, keys through the keyboard rules, typed sizes and filters),
 * turned into changes of the view state (or the few things that are not
 * state: copying, jumping to a row, comparing). Which element does what
 * comes from the view's action map; nothing is read back from the DOM but
 * what the user typed.
 */
import { isFocusable } from './dom';
import type { GridNav } from './grid';
import { KeyRules } from './keyboard';
import { controlKey } from './registry';
import type { ActionMap } from './registry';
import type { ViewState } from './state';
import type { Action, SortOrder } from './types';
import { SORT_ORDERS } from './filter';

/** What the controller acts on besides the state. */
export interface ControllerHost {
  readonly root: HTMLElement;
  readonly state: ViewState;
  readonly actions: ActionMap;
  /** The table tools' row and its filter field (their own keyboard rules). */
  tools(): { node: HTMLElement; filter: HTMLInputElement } | null;
  /** The table's one tab stop. */
  readonly grid: GridNav;
  /** The open explanation's dialog, if one shows. */
  dialog(): HTMLElement | null;
  goto(row: number): void;
  copyOriginal(): Promise<boolean>;
  /** "Compare with…" was pressed on `origin`. */
  compare(origin: HTMLElement): void;
  /** Focus the what-if's first size field (it just opened). */
  focusFirstSize(): void;
  /** The offer's "Add and run %load_ext" was pressed. */
  enableCompanion(): void;
  /** The what-if's "Check in the kernel" was pressed. */
  checkKernel(): void;
}

/** The events delegated on the view's node. */
export const VIEW_EVENTS = [
  'click',
  'keydown',
  'keyup',
  'input',
  'change',
  'focusin'
];

export class ViewController {
  constructor(private readonly _host: ControllerHost) {
    const { root, state, actions } = _host;
    this._keys = new KeyRules({
      root,
      tools: () => _host.tools()?.node ?? null,
      filter: () => _host.tools()?.filter ?? null,
      actions,
      isOpen: () => state.open !== null,
      close: () => state.setOpen(null, true),
      clearFilter: () => state.setFilter(''),
      gridKey: (target, event) => {
        const cursor = _host.grid.move(target, event);
        if (cursor) {
          state.setCursor(cursor, true);
        }
        return cursor !== null;
      },
      activate: (_node, action) => this.toggle(action)
    });
  }

  /** One of `VIEW_EVENTS`; never throws. */
  handle(event: Event): void {
    try {
      switch (event.type) {
        case 'click':
          this.onClick(event as MouseEvent);
          break;
        case 'keydown':
          this._keys.onKeyDown(event as KeyboardEvent);
          break;
        case 'keyup':
          this._keys.onKeyUp(event as KeyboardEvent);
          break;
        case 'input':
        case 'change':
          this.onInput(event);
          break;
        case 'focusin': {
          // Focus in the table (a click, a jump, an explanation closed):
          // the tab stop goes where it is.
          const at = this._host.grid.positionOf(event.target as Element);
          if (at) {
            this._host.state.setCursor(at, false);
          }
          break;
        }
      }
    } catch (error) {
      console.error('jupyterlab-keras-summary: event failed', error);
    }
  }

  onClick(event: MouseEvent): void {
    const host = this._host;
    const state = host.state;
    const found = host.actions.find(event.target, host.root);
    if (found && this._perform(found.node, found.action, event)) {
      return;
    }
    // A click anywhere else in the view, outside the explanation, closes it.
    const dialog = host.dialog();
    const target = event.target instanceof Node ? event.target : null;
    if (state.open && dialog && !(target && dialog.contains(target))) {
      state.setOpen(null, !isFocusable(event.target));
    }
  }

  /** A size field, the dtype, the filter or the sort changed. */
  onInput(event: Event): void {
    const host = this._host;
    const target = event.target;
    const action =
      target instanceof Element ? host.actions.actionOf(target) : null;
    if (!action) {
      return;
    }
    const state = host.state;
    switch (action.kind) {
      case 'size': {
        const input = target as HTMLInputElement;
        // A number field holds '' for text it cannot read (`badInput`).
        state.setSize(
          action.group,
          input.value,
          input.validity?.badInput === true
        );
        return;
      }
      case 'dtype':
        state.setDtype((target as HTMLSelectElement).value);
        return;
      case 'filter':
        state.setFilter((target as HTMLInputElement).value);
        return;
      case 'sort': {
        const value = (target as HTMLSelectElement).value as SortOrder;
        state.setFilter(
          state.query,
          SORT_ORDERS.includes(value) ? value : 'keras'
        );
        return;
      }
    }
  }

  /** Listen for clicks outside the view while an explanation is open, or stop. */
  watchOutside(on: boolean): void {
    if (on && !this._watching) {
      document.addEventListener('click', this._onDocumentClick, true);
    } else if (!on && this._watching) {
      document.removeEventListener('click', this._onDocumentClick, true);
    }
    this._watching = on;
  }

  private _onDocumentClick = (event: MouseEvent): void => {
    try {
      this._outsideClick(event);
    } catch (error) {
      console.error('jupyterlab-keras-summary: event failed', error);
    }
  };

  /** A click outside the view closes the explanation (capture phase). */
  private _outsideClick(event: MouseEvent): void {
    const host = this._host;
    const state = host.state;
    const target = event.target instanceof Node ? event.target : null;
    if (!state.open || (target && host.root.contains(target))) {
      return;
    }
    // Give focus back only if it would otherwise be lost; never take it from
    // what the click focused (another cell, an editor).
    const active = document.activeElement;
    const dialog = host.dialog();
    const lost =
      !active ||
      active === document.body ||
      (dialog !== null && dialog.contains(active)) ||
      host.actions.actionOf(active)?.kind === 'explain';
    state.setOpen(null, lost);
  }

  /** Open or close the explanation of a control. */
  toggle(action: Extract<Action, { kind: 'explain' }>): void {
    const state = this._host.state;
    if (state.openKey === controlKey(action.ref)) {
      state.setOpen(null, true);
    } else {
      state.setOpen(action.ref, true);
    }
  }

  /** Do what a click on `node` does; false for fields (a click there is like one elsewhere). */
  private _perform(
    node: HTMLElement,
    action: Action,
    event: MouseEvent
  ): boolean {
    const host = this._host;
    const state = host.state;
    switch (action.kind) {
      case 'explain':
        if (!this._keys.isKeyClick(node, event)) {
          this.toggle(action);
        }
        return true;
      case 'close':
        state.setOpen(null, true);
        return true;
      case 'goto':
        host.goto(action.row);
        return true;
      case 'disclose':
        state.toggleCollapsed(action.row);
        return true;
      case 'toggleView':
        state.setMode(state.mode === 'text' ? 'table' : 'text');
        return true;
      case 'copy':
        void host.copyOriginal();
        return true;
      case 'letters':
        state.setLetters(!state.letters);
        return true;
      case 'whatIf':
        state.setWhatIfOpen(!state.whatIfOpen);
        if (state.whatIfOpen) {
          // Straight to the first size: the panel is the thing to type in.
          host.focusFirstSize();
        }
        return true;
      case 'compare':
        host.compare(node);
        return true;
      case 'offer':
        state.setOffer(state.offer === 'closed' ? 'open' : 'closed');
        return true;
      case 'loadCompanion':
        host.enableCompanion();
        return true;
      case 'checkKernel':
        host.checkKernel();
        return true;
      default:
        return false;
    }
  }

  private readonly _keys: KeyRules;
  private _watching = false;
}
