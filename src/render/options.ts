/**
 * How `SummaryView.update` merges new options into the current ones: a
 * field given as undefined leaves the current value alone (a glue that
 * passes `{ summary, originalText: undefined }` changes only the summary).
 */
import type { SummaryViewOptions } from './types';

export function mergeOptions(
  previous: SummaryViewOptions,
  given: Partial<SummaryViewOptions> | null | undefined
): SummaryViewOptions {
  const next = { ...previous };
  for (const [name, value] of Object.entries(given ?? {})) {
    if (value !== undefined) {
      (next as Record<string, unknown>)[name] = value;
    }
  }
  return next;
}
