/**
 * Where the focus is before the table is built again (letters switched on,
 * what-if opened): in the open explanation, in a what-if field, or on a
 * grid control, so that the new table puts it back in the same place
 * instead of dropping it on the page's body.
 */
import type { ExplanationHost } from './explanation-host';
import type { GridNav } from './grid';
import type { TableView } from './table-view';
import { focusedField } from './whatif';

export interface FocusBefore {
  /** In the explanation or on the control it belongs to. */
  inExplanation: boolean;
  /** The what-if field it was in, if any. */
  field: string | null;
  /** On one of the grid's controls. */
  inGrid: boolean;
}

export function focusBefore(
  explanation: ExplanationHost,
  table: TableView | null,
  grid: GridNav
): FocusBefore {
  const active = document.activeElement;
  const inExplanation =
    active !== null &&
    ((explanation.dialog?.contains(active) ?? false) ||
      explanation.control === active);
  return {
    inExplanation,
    field: focusedField(table?.panel, active),
    inGrid:
      !inExplanation && active !== null && grid.positionOf(active) !== null
  };
}
