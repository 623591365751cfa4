/**
 * One Keras summary can arrive in parts: Keras 3 in Jupyter sends the
 * `Model: "…"` heading, the table and each totals line as a notebook output
 * of its own (a piece). These functions decide whether a part
 * continues a summary and merge it in. Used for the parts within one text and
 * for the pieces of consecutive notebook outputs.
 */
import type { Summary, Totals } from './types';

/** The stage a summary has reached: heading, then table, then totals. */
function stage(s: Summary): number {
  if (s.parts.totals) {
    return 3;
  }
  if (s.parts.table) {
    return 2;
  }
  return s.parts.heading ? 1 : 0;
}

function firstStage(s: Summary): number {
  if (s.parts.heading) {
    return 1;
  }
  return s.parts.table ? 2 : s.parts.totals ? 3 : 0;
}

const TOTAL_KEYS: (keyof Totals)[] = [
  'total',
  'trainable',
  'nonTrainable',
  'optimizer'
];

/**
 * Whether `next` can continue `prev`: parts come in the order Keras prints
 * them, and a totals line that `prev` already has starts a new summary.
 */
export function canContinue(prev: Summary, next: Summary): boolean {
  const a = stage(prev);
  const b = firstStage(next);
  if (b === 0 || b < a || (b === a && b !== 3)) {
    return false;
  }
  if (b === 3) {
    // Totals lines continue only while none of them repeats.
    return TOTAL_KEYS.every(
      k => prev.totals[k] === null || next.totals[k] === null
    );
  }
  return true;
}

/**
 * Merge `next` into a copy of `prev`. The span becomes the table's span when
 * one of them has the table (spans are only comparable within one text; the
 * caller keeps per-piece spans when parts come from different outputs).
 */
export function mergeSummaries(
  prev: Summary,
  next: Summary,
  sameText: boolean
): Summary {
  const merged: Summary = {
    ...prev,
    model: prev.model ?? next.model,
    layers: prev.parts.table ? prev.layers : next.layers,
    columns: prev.parts.table ? prev.columns : next.columns,
    format: prev.parts.table
      ? prev.format
      : next.parts.table
        ? next.format
        : prev.format,
    totals: { ...prev.totals },
    parts: {
      heading: prev.parts.heading || next.parts.heading,
      table: prev.parts.table || next.parts.table,
      totals: prev.parts.totals || next.parts.totals
    },
    warnings: [...prev.warnings, ...next.warnings]
  };
  for (const [key, value] of Object.entries(next.totals)) {
    if (value !== null && value !== undefined) {
      (merged.totals as unknown as Record<string, unknown>)[key] = value;
    }
  }
  if (sameText) {
    merged.start = Math.min(prev.start, next.start);
    merged.end = Math.max(prev.end, next.end);
  } else if (!prev.parts.table && next.parts.table) {
    merged.start = next.start;
    merged.end = next.end;
  }
  return merged;
}
