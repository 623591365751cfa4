/**
 * The interactive view of a Keras summary: DOM only, no plugin wiring.
 *
 * `SummaryView` owns state and events; the DOM comes from plain functions:
 * `tableColumns` / `buildRow` (one `TableColumn` per column, so a formula or
 * a share bar is one more column), `explain` (the content of a control's
 * explanation, reusable for other popovers) and `shapeParts`. Every control
 * carries `data-control`, `data-row`, `data-tensor`, `data-axis` and, for
 * dimensions, `data-lineage` (the analysis' lineage id, the key of
 * `SummaryFacts.lineageLabels` for letter names B, T, H, W).
 */
export { SummaryView, CHUNK_SIZE, CHUNK_THRESHOLD } from './view';
export type { SummaryViewOptions } from './view';
export { explain, dimFact, controlKey } from './explain';
export type { ControlKind, ControlRef, Explanation } from './explain';
export { buildRow, buildTable, rowTree, tableColumns } from './table';
export type { RowContext, RowNode, TableColumn } from './table';
export { shapeParts } from './shape';
export type { ShapePart } from './shape';
export { copyText } from './copy';
export { formatCount } from '../analyze/format';
