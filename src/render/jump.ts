/**
 * A jump to a row (a link in an explanation or the legend): whatever hides
 * the row gives way (a filter, collapsed rows above: the state's `reveal`),
 * the row is built if it is not yet, scrolled to, highlighted for a moment,
 * and its first stop (its name, or its disclosure button) takes the focus.
 */
import type { ViewState } from './state';
import type { TableView } from './table-view';

/** How long a row stays highlighted after a jump to it (ms). */
const FLASH_MS = 1600;
const FLASH = 'jp-KerasSummary-row-flash';

export class RowJump {
  constructor(private readonly _state: ViewState) {}

  /** Jump to row `index` of `table`. */
  goto(table: TableView | null, index: number): void {
    const total = table?.fill?.total ?? 0;
    if (!table || !Number.isInteger(index) || index < 0 || index >= total) {
      return;
    }
    // Built first, so that the changes of `reveal` apply to it.
    table.row(index);
    this._state.reveal(index);
    const row = table.row(index);
    if (!row) {
      return;
    }
    if (typeof row.scrollIntoView === 'function') {
      row.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
    row.classList.remove(FLASH);
    row.classList.add(FLASH);
    const timer = setTimeout(() => {
      this._timers.delete(timer);
      row.classList.remove(FLASH);
    }, FLASH_MS);
    this._timers.add(timer);
    // Focus on the row's first stop (the table's tab stop goes with it).
    this._state.setCursor({ row: index, col: 0, stop: 0 }, true);
  }

  dispose(): void {
    for (const timer of this._timers) {
      clearTimeout(timer);
    }
    this._timers.clear();
  }

  private readonly _timers = new Set<ReturnType<typeof setTimeout>>();
}
