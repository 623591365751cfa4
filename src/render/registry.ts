/**
 * Where the view keeps what each of its buttons and fields does, so that
 * nothing about a control is written into the DOM and read back.
 *
 * `ActionMap` is the view's: element → action, for every button and field
 * of the view (weakly held, so rebuilt rows take theirs away). A
 * `ControlIndex` is one table's: its controls by key (to open the same one
 * again after a rebuild) and by lineage (to highlight the same dimension in
 * every row), in arrays grown one by one (no spread of an unbounded list).
 */
import type { Action, Actions, ControlRef } from './types';

/** A stable identifier of a control within one summary. */
export function controlKey(ref: ControlRef): string {
  return `${ref.kind}-${ref.row}-${ref.tensor}-${ref.axis}`;
}

export type ExplainAction = Extract<Action, { kind: 'explain' }>;

/** A control and what it explains. */
export interface Control {
  node: HTMLElement;
  action: ExplainAction;
}

export class ActionMap implements Actions {
  bind(node: HTMLElement, action: Action): void {
    this._actions.set(node, action);
  }

  /** The action of `node` itself, if it has one. */
  actionOf(node: Element | null): Action | null {
    return node ? (this._actions.get(node) ?? null) : null;
  }

  /**
   * The nearest element at or above `target`, inside `root`, that has an
   * action (a click on a button's text lands on the text's parent).
   */
  find(
    target: EventTarget | null,
    root: Element
  ): { node: HTMLElement; action: Action } | null {
    let node = target instanceof Element ? target : null;
    while (node && node !== root && root.contains(node)) {
      const action = this._actions.get(node);
      if (action) {
        return { node: node as HTMLElement, action };
      }
      node = node.parentElement;
    }
    return null;
  }

  private _actions = new WeakMap<Element, Action>();
}

export class ControlIndex implements Actions {
  /**
   * @param map the view's action map, which every binding also goes to.
   * @param onControl called for every control as it is built.
   */
  constructor(
    private readonly _map: ActionMap,
    private readonly _onControl: (control: Control) => void = () => undefined
  ) {}

  bind(node: HTMLElement, action: Action): void {
    this._map.bind(node, action);
    if (action.kind !== 'explain') {
      return;
    }
    const control = { node, action };
    this._byKey.set(controlKey(action.ref), control);
    if (action.lineage) {
      let list = this._byLineage.get(action.lineage);
      if (!list) {
        list = [];
        this._byLineage.set(action.lineage, list);
      }
      list.push(node);
    }
    if (action.ref.kind === 'dim') {
      this._dims.push(control);
    }
    this._onControl(control);
  }

  /** The control with this key, if its row is built. */
  byKey(key: string): Control | null {
    return this._byKey.get(key) ?? null;
  }

  /** The controls of a lineage built so far. */
  lineage(lineage: string): ReadonlyArray<HTMLElement> {
    return this._byLineage.get(lineage) ?? [];
  }

  /** Every `dim` control built so far, in table order. */
  get dims(): ReadonlyArray<Control> {
    return this._dims;
  }

  private readonly _byKey = new Map<string, Control>();
  private readonly _byLineage = new Map<string, HTMLElement[]>();
  private readonly _dims: Control[] = [];
}
