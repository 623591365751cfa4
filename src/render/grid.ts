/**
 * The layer table as one tab stop: the ARIA grid pattern with a roving
 * tabindex. Every control (a `None`, a Param #, a reference, a disclosure
 * button) and every cell without one is a stop; exactly one stop of the
 * table has `tabindex="0"` (the view state's `cursor`), all others -1, so
 * Tab enters the table once and leaves it on the next press.
 *
 * Keys (on a stop): ← → the previous / next stop of the row (a cell with
 * several controls has one stop per control), ↑ ↓ the same column one
 * shown row up / down (the header row above the first), Home / End the
 * first / last stop of the row, Ctrl+Home / Ctrl+End the first stop of the
 * table / the last of its last row, Page Up / Page Down ten rows. Rows
 * hidden by a collapsed row or the filter are skipped; the order is the
 * order shown (sorted or not); rows not built yet (large tables fill in
 * chunks) are built when a key reaches them.
 */
import type { ViewState } from './state';
import type { TableView } from './table-view';
import type { GridCursor } from './types';

/** Rows Page Up / Page Down move. */
export const PAGE_ROWS = 10;

/** The stops of a cell: its buttons, or the cell itself when it has none. */
export function cellStops(cell: HTMLTableCellElement): HTMLElement[] {
  const buttons = cell.querySelectorAll<HTMLElement>('button');
  return buttons.length > 0 ? Array.from(buttons) : [cell];
}

/** The stops of a row, cell by cell. */
function rowStops(row: HTMLTableRowElement): GridCursor[] {
  const stops: GridCursor[] = [];
  for (let col = 0; col < row.cells.length; col++) {
    const count = cellStops(row.cells[col]).length;
    for (let stop = 0; stop < count; stop++) {
      stops.push({ row: -1, col, stop });
    }
  }
  return stops;
}

const GRID_KEYS = new Set([
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'Home',
  'End',
  'PageUp',
  'PageDown'
]);

export class GridNav {
  constructor(private readonly _state: ViewState) {}

  /** A new table (or none): its tab stop where the cursor is. */
  attach(table: TableView | null, focus: boolean): void {
    this._table = table;
    this._current = null;
    this.show(focus);
  }

  /**
   * Put the tab stop on the cursor's stop (the first stop of the first
   * shown row when the cursor's row is gone or hidden), and focus it.
   */
  show(focus: boolean): void {
    const table = this._table;
    if (!table) {
      return;
    }
    let cursor = this._state.cursor;
    let node = cursor && this._shown(cursor.row) ? this._stopAt(cursor) : null;
    if (!node) {
      cursor = this._firstOf(this._rows()[1] ?? -1);
      node = cursor ? this._stopAt(cursor) : null;
    }
    if (this._current && this._current !== node) {
      this._current.tabIndex = -1;
    }
    this._current = node;
    if (node) {
      node.tabIndex = 0;
      if (focus) {
        node.focus();
      }
    }
  }

  /** Where `node` (a stop, or anything inside a cell) sits; null outside the grid's rows. */
  positionOf(node: Element | null): GridCursor | null {
    const table = this._table;
    const cell = node?.closest('td, th') as HTMLTableCellElement | null;
    const tr = cell?.parentElement as HTMLTableRowElement | null;
    if (!table || !cell || !tr || !table.table?.contains(tr)) {
      return null;
    }
    const header = tr === table.table.tHead?.rows[0];
    const row = header ? -1 : (table.fill?.indexOf(tr) ?? -1);
    if (!header && row < 0) {
      // An explanation's row: not one of the grid's.
      return null;
    }
    const stops = cellStops(cell);
    const stop = stops.indexOf(node as HTMLElement);
    return { row, col: cell.cellIndex, stop: Math.max(0, stop) };
  }

  /**
   * The cursor a key pressed on `from` moves to, or null when the key is
   * not the grid's (or `from` is not one of its stops).
   */
  move(from: Element, event: KeyboardEvent): GridCursor | null {
    if (!GRID_KEYS.has(event.key) || event.altKey || event.metaKey) {
      return null;
    }
    const at = this.positionOf(from);
    if (!at) {
      return null;
    }
    const rows = this._rows();
    const index = Math.max(0, rows.indexOf(at.row));
    const stops = this._stopsOf(at.row);
    const here = Math.max(
      0,
      stops.findIndex(s => s.col === at.col && s.stop === at.stop)
    );
    const ctrl = event.ctrlKey;
    switch (event.key) {
      case 'ArrowLeft':
        return stops[Math.max(0, here - 1)] ?? null;
      case 'ArrowRight':
        return stops[Math.min(stops.length - 1, here + 1)] ?? null;
      case 'Home':
        return ctrl ? this._firstOf(rows[0]) : (stops[0] ?? null);
      case 'End':
        return ctrl
          ? this._lastOf(rows[rows.length - 1])
          : (stops[stops.length - 1] ?? null);
      case 'ArrowUp':
        return this._sameColumn(rows[Math.max(0, index - 1)], at);
      case 'ArrowDown':
        return this._sameColumn(rows[Math.min(rows.length - 1, index + 1)], at);
      case 'PageUp':
        return this._sameColumn(rows[Math.max(0, index - PAGE_ROWS)], at);
      case 'PageDown':
        return this._sameColumn(
          rows[Math.min(rows.length - 1, index + PAGE_ROWS)],
          at
        );
    }
    return null;
  }

  /** The rows in the order shown: the header row (-1), then every row not hidden. */
  private _rows(): number[] {
    const state = this._state;
    const total = this._table?.fill?.total ?? 0;
    const a = state.arrangement;
    const rows = [-1];
    if (a.flat) {
      for (const i of a.order) {
        rows.push(i);
      }
    } else {
      for (let i = 0; i < total; i++) {
        if (!state.isCollapsedAbove(i)) {
          rows.push(i);
        }
      }
    }
    return rows;
  }

  private _shown(row: number): boolean {
    return row === -1 || !this._state.isHidden(row);
  }

  private _rowAt(row: number): HTMLTableRowElement | null {
    const table = this._table;
    if (!table) {
      return null;
    }
    return row === -1 ? (table.table?.tHead?.rows[0] ?? null) : table.row(row);
  }

  /** The stops of row `row` (built now if it is not yet). */
  private _stopsOf(row: number): GridCursor[] {
    const tr = this._rowAt(row);
    return tr ? rowStops(tr).map(s => ({ ...s, row })) : [];
  }

  private _firstOf(row: number | undefined): GridCursor | null {
    return row === undefined ? null : (this._stopsOf(row)[0] ?? null);
  }

  private _lastOf(row: number | undefined): GridCursor | null {
    if (row === undefined) {
      return null;
    }
    const stops = this._stopsOf(row);
    return stops[stops.length - 1] ?? null;
  }

  /** The stop of `row` in the column of `at`, the same stop of the cell or its last. */
  private _sameColumn(
    row: number | undefined,
    at: GridCursor
  ): GridCursor | null {
    if (row === undefined) {
      return null;
    }
    const stops = this._stopsOf(row);
    const inColumn = stops.filter(s => s.col === at.col);
    if (inColumn.length > 0) {
      return inColumn[Math.min(at.stop, inColumn.length - 1)];
    }
    return stops[Math.min(at.col, stops.length - 1)] ?? null;
  }

  private _stopAt(cursor: GridCursor): HTMLElement | null {
    const cell = this._rowAt(cursor.row)?.cells[cursor.col];
    if (!cell) {
      return null;
    }
    const stops = cellStops(cell);
    const node = stops[Math.min(cursor.stop, stops.length - 1)] ?? null;
    if (node === cell && !cell.hasAttribute('tabindex')) {
      // A cell is focusable only with a tabindex.
      cell.tabIndex = -1;
    }
    return node;
  }

  private _table: TableView | null = null;
  /** The stop holding `tabindex="0"`. */
  private _current: HTMLElement | null = null;
}
