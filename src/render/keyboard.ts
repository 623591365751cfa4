/**
 * The view's keyboard rules, in one place.
 *
 * - Keys typed in a field (the filter, a what-if size) are for the field,
 *   not for the notebook's command-mode shortcuts (`a`, `b`, `d d`, arrows).
 * - Keys typed on the table tools (a focused <select> or button) stay
 *   there too; Escape in a non-empty filter clears it.
 * - In the table (one tab stop, grid.ts): arrow keys, Home, End, Page Up
 *   and Page Down move between its controls and cells.
 * - Escape closes the open explanation and gives focus back to its control.
 * - Enter, Space or a printable key on one of our buttons is for us (the
 *   browser still activates the button): JupyterLab's command-mode shortcuts
 *   match any focused node in a notebook.
 * - Enter and Space on a control open (or close) its explanation here, once:
 *   the click a browser makes from the same key is ignored, and Space does
 *   not scroll the page.
 * Tab, and shortcuts with Ctrl, Alt or Meta (save, …), always reach
 * JupyterLab.
 */
import type { ActionMap } from './registry';
import type { Action } from './types';

/** What the rules act on: the view's nodes and what its controls do. */
export interface KeyTarget {
  /** The view's root node. */
  root: HTMLElement;
  /** The table tools' row. */
  tools(): HTMLElement | null;
  /** The filter field (Escape clears it). */
  filter(): HTMLInputElement | null;
  actions: ActionMap;
  /** Whether an explanation is open. */
  isOpen(): boolean;
  /** Escape: close the open explanation, focus back to its control. */
  close(): void;
  /** Escape in a filter that holds text. */
  clearFilter(): void;
  /** A grid key on `target`: move the table's tab stop; false when it is not the grid's. */
  gridKey(target: Element, event: KeyboardEvent): boolean;
  /** Enter or Space on a control: open or close its explanation. */
  activate(
    node: HTMLElement,
    action: Extract<Action, { kind: 'explain' }>
  ): void;
}

function isEscape(event: KeyboardEvent): boolean {
  return event.key === 'Escape' || event.key === 'Esc';
}

function isSpace(event: KeyboardEvent): boolean {
  return event.key === ' ' || event.key === 'Spacebar';
}

function modified(event: KeyboardEvent): boolean {
  return event.ctrlKey || event.metaKey || event.altKey;
}

/** Enter, Space or a printable key without Ctrl, Alt or Meta. */
function isOwnKey(event: KeyboardEvent): boolean {
  return (
    !modified(event) &&
    (event.key === 'Enter' ||
      event.key === 'Spacebar' ||
      event.key.length === 1)
  );
}

/** How long after a key the click a browser makes from it is still that key's (ms). */
const KEY_CLICK_MS = 1000;

export class KeyRules {
  constructor(private readonly _target: KeyTarget) {}

  /**
   * Whether a click on `control` is the one the browser makes from a key
   * already handled (it is then to be ignored).
   */
  isKeyClick(control: HTMLElement, event: MouseEvent): boolean {
    const keyed = this._keyed;
    if (
      keyed &&
      keyed.control === control &&
      event.detail === 0 &&
      Date.now() - keyed.at < KEY_CLICK_MS
    ) {
      this._keyed = null;
      return true;
    }
    return false;
  }

  onKeyDown(event: KeyboardEvent): void {
    const t = this._target;
    const target = event.target instanceof Element ? event.target : null;
    if (!target || !t.root.contains(target)) {
      return;
    }
    if (t.tools()?.contains(target) && this._toolsKey(event, target)) {
      return;
    }
    if (t.gridKey(target, event)) {
      // Not also the page's scrolling, nor the notebook's cell selection.
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    if (
      target.matches('input, select') &&
      !isEscape(event) &&
      event.key !== 'Tab' &&
      !modified(event)
    ) {
      // Typing in a field (digits, arrows, Backspace) is for the field.
      event.stopPropagation();
      return;
    }
    if (isEscape(event)) {
      if (t.isOpen()) {
        event.preventDefault();
        event.stopPropagation();
        t.close();
      }
      return;
    }
    if (isOwnKey(event) && target.closest('button, [tabindex]')) {
      event.stopPropagation();
    }
    if (
      isSpace(event) &&
      target.matches('[role="grid"] td, [role="grid"] th')
    ) {
      // A cell of the table has nothing to press: Space does not scroll either.
      event.preventDefault();
      return;
    }
    if ((event.key !== 'Enter' && !isSpace(event)) || modified(event)) {
      return;
    }
    const action = t.actions.actionOf(target);
    if (action?.kind !== 'explain') {
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
    this._keyed = { control, at: Date.now() };
    t.activate(control, action);
  }

  onKeyUp(event: KeyboardEvent): void {
    const target = event.target instanceof Element ? event.target : null;
    if (
      isSpace(event) &&
      this._target.actions.actionOf(target)?.kind === 'explain'
    ) {
      // Space activates a button on key up in some browsers.
      event.preventDefault();
    }
  }

  /**
   * Keys typed into the table tools are for the tools. Returns whether the
   * key was dealt with (the view's other rules then do not apply).
   */
  private _toolsKey(event: KeyboardEvent, target: Element): boolean {
    const t = this._target;
    if (event.key === 'Tab' || modified(event)) {
      return false;
    }
    if (isEscape(event)) {
      // Escape in the filter clears it (the browser does that for search
      // fields); otherwise it is the view's Escape, for its explanation.
      const filter = t.filter();
      if (filter && target === filter && filter.value !== '') {
        event.preventDefault();
        event.stopPropagation();
        t.clearFilter();
        return true;
      }
      return false;
    }
    event.stopPropagation();
    return true;
  }

  private _keyed: { control: HTMLElement; at: number } | null = null;
}
