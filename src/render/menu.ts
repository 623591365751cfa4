/**
 * A menu button (the WAI-ARIA "menu button" pattern): a real <button> with
 * `aria-haspopup="menu"` that opens a list of `menuitem` buttons below it.
 * Click, Enter, Space or ↓ open it on the first item, ↑ on the last; ↑ ↓
 * Home End move; Enter or Space picks; Escape closes and gives focus back to
 * the button; Tab or a click elsewhere closes it.
 *
 * The menu sits in the page flow right under its button, not floating: an
 * output area may clip what overflows it.
 */
import { button, h } from './dom';

export interface MenuItem {
  id: string;
  label: string;
}

let nextId = 0;

export class MenuButton {
  constructor(options: {
    label: string;
    /** The menu's accessible name. */
    menuLabel: string;
    items: MenuItem[];
    onPick: (id: string) => void;
  }) {
    this._onPick = options.onPick;
    this.node = h('div', 'jp-KerasSummary-menuButton');
    this.button = button(
      'jp-KerasSummary-button jp-KerasSummary-menuToggle',
      options.label
    );
    const id = `jp-KerasSummary-menu-${++nextId}`;
    this.button.setAttribute('aria-haspopup', 'menu');
    this.button.setAttribute('aria-expanded', 'false');
    this.button.setAttribute('aria-controls', id);
    this.menu = h('div', 'jp-KerasSummary-menu');
    this.menu.id = id;
    this.menu.setAttribute('role', 'menu');
    this.menu.setAttribute('aria-label', options.menuLabel);
    this.menu.hidden = true;
    for (const item of options.items) {
      const entry = button('jp-KerasSummary-menuItem', item.label);
      entry.setAttribute('role', 'menuitem');
      this._ids.set(entry, item.id);
      entry.tabIndex = -1;
      this.menu.appendChild(entry);
    }
    this.node.appendChild(this.button);
    this.node.appendChild(this.menu);
    this.button.addEventListener('click', this._onButtonClick);
    this.button.addEventListener('keydown', this._onButtonKey);
    this.menu.addEventListener('click', this._onItemClick);
    this.menu.addEventListener('keydown', this._onMenuKey);
    this.menu.addEventListener('focusout', this._onFocusOut);
  }

  /** Holds the button and, under it, the menu. */
  readonly node: HTMLElement;
  readonly button: HTMLButtonElement;
  readonly menu: HTMLElement;

  get isOpen(): boolean {
    return !this.menu.hidden;
  }

  open(focus: 'first' | 'last'): void {
    if (!this.isOpen) {
      this.menu.hidden = false;
      this.button.setAttribute('aria-expanded', 'true');
      document.addEventListener('click', this._onDocumentClick, true);
    }
    const items = this._items();
    items[focus === 'first' ? 0 : items.length - 1]?.focus();
  }

  close(returnFocus: boolean): void {
    if (!this.isOpen) {
      return;
    }
    this.menu.hidden = true;
    this.button.setAttribute('aria-expanded', 'false');
    document.removeEventListener('click', this._onDocumentClick, true);
    if (returnFocus) {
      this.button.focus();
    }
  }

  dispose(): void {
    this.close(false);
    this.button.removeEventListener('click', this._onButtonClick);
    this.button.removeEventListener('keydown', this._onButtonKey);
    this.menu.removeEventListener('click', this._onItemClick);
    this.menu.removeEventListener('keydown', this._onMenuKey);
    this.menu.removeEventListener('focusout', this._onFocusOut);
  }

  private _items(): HTMLButtonElement[] {
    return Array.from(
      this.menu.querySelectorAll<HTMLButtonElement>('[role="menuitem"]')
    );
  }

  private _onButtonClick = (): void => {
    if (this.isOpen) {
      this.close(true);
    } else {
      this.open('first');
    }
  };

  private _onButtonKey = (event: KeyboardEvent): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      this.open(event.key === 'ArrowDown' ? 'first' : 'last');
    }
  };

  private _onItemClick = (event: MouseEvent): void => {
    const item =
      event.target instanceof Element
        ? event.target.closest('[role="menuitem"]')
        : null;
    const id = item ? this._ids.get(item) : undefined;
    if (!id) {
      return;
    }
    this.close(true);
    this._onPick(id);
  };

  private _onMenuKey = (event: KeyboardEvent): void => {
    const items = this._items();
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    let next = -1;
    switch (event.key) {
      case 'ArrowDown':
        next = (at + 1) % items.length;
        break;
      case 'ArrowUp':
        next = (at - 1 + items.length) % items.length;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = items.length - 1;
        break;
      case 'Escape':
      case 'Esc':
        event.preventDefault();
        // Not also the view's Escape (which closes an open explanation).
        event.stopPropagation();
        this.close(true);
        return;
      default:
        return;
    }
    event.preventDefault();
    items[next]?.focus();
  };

  /** Tab (or anything else) taking focus out of the menu closes it. */
  private _onFocusOut = (event: FocusEvent): void => {
    const to = event.relatedTarget;
    if (to instanceof Node && (this.menu.contains(to) || to === this.button)) {
      return;
    }
    if (to !== null) {
      this.close(false);
    }
  };

  private _onDocumentClick = (event: MouseEvent): void => {
    const target = event.target instanceof Node ? event.target : null;
    if (
      target &&
      (this.menu.contains(target) || this.button.contains(target))
    ) {
      return;
    }
    this.close(false);
  };

  private readonly _onPick: (id: string) => void;
  /** Each item's id. */
  private readonly _ids = new WeakMap<Element, string>();
}
