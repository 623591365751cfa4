/**
 * A summary as the CLI prints it: `{"summaries": [...]}` with the object
 * `reportSummary` builds (the README's contract), indented by two spaces and
 * ending in a newline — byte for byte what `keras-summary parse` prints for
 * a text that holds this one summary.
 */
import type { Summary } from '../parse/types';
import { reportSummary } from '../report';

export function toJson(summary: Summary): string {
  return (
    JSON.stringify({ summaries: [reportSummary(summary)] }, null, 2) + '\n'
  );
}
