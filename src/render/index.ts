/**
 * The interactive view of a Keras summary: DOM only, no plugin wiring.
 *
 * `SummaryView` wires a `ViewState` (the one place a view's state lives,
 * with a `changed` signal) to the parts that show it; the DOM comes from
 * plain functions that read the state: `tableColumns` / `buildRow` (one
 * `TableColumn` per column), `explain` (one explainer per control kind, in
 * `EXPLAINERS`) and `shapeParts`. What each control does is kept in the
 * view's action map, never in `data-*` attributes.
 */
export {
  SummaryView,
  CHUNK_SIZE,
  CHUNK_THRESHOLD,
  BLOCK_ROWS,
  BLOCK_THRESHOLD,
  MAX_TABLE_ROWS
} from './view';
export type { SummaryViewOptions } from './view';
export { ViewState } from './state';
export { EXPLAINERS, explain } from './explainers';
export { controlKey } from './registry';
export { analyzeRows, dimFact, rowTree } from './analysis';
export { buildRow, buildTable, tableColumns } from './table';
export { shapeParts } from './shape';
export type { ShapePart } from './shape';
export { copyText } from './copy';
export { buildComparison } from './compare';
export type { CompareHandler } from './compare';
export type * from './types';
