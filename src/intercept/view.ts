/** The view the wrappers mount (src/render): one place to import it from. */
export { SummaryView } from '../render/view';
export type { SummaryViewOptions } from '../render/view';
