/**
 * The analysis of a summary, once: which rows feed each row, then every
 * row's parameter formula and dimension facts from that one reading. The
 * CLI, "copy as JSON" and the view all start here. Pure: no DOM.
 */
import type { Summary } from '../parse/types';
import { analyzeDims } from './dims';
import { rowInputs } from './inputs';
import { explainRows } from './params';
import type { SummaryFacts } from './types';

export function analyzeSummary(summary: Summary): SummaryFacts {
  const hasConnections = summary.columns.some(c => c.kind === 'connected');
  const inputs = rowInputs(summary.layers, hasConnections);
  return analyzeDims(summary, inputs, explainRows(summary, inputs));
}
