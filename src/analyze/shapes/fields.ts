/**
 * The sizes a kernel summary's what-if asks for: the batch and each open
 * axis of each model input (the payload's `dims.sources`, the keys the
 * kernel's `check_sizes` reads), then the sizes no rule gives (a custom
 * layer's), one field per size however many axes have it.
 */
import type { Summary } from '../../parse/types';
import { walkSummary } from './engine';
import { type Plan, planOf } from './graph';

export interface SizeField {
  /** The key the size goes under in `sizes`. */
  key: string;
  /** `batch`; `input`: an open axis of a model input; `unknown`: a size no rule gives. */
  kind: 'batch' | 'input' | 'unknown';
  /** For `input`: the model input's name (null when it has none) and index, and the axis. */
  input: string | null;
  inputIndex: number | null;
  axis: number | null;
  /** A size the payload already has (a fixed batch): the what-if uses it while the field is empty. */
  fixed: number | null;
  /** Other sources the kernel found must change with this one (their sizes must be equal). */
  tied: string[];
  /** For `unknown`: the row (and its class) whose output (or input: `side`) first has it, and every axis of that size. */
  row: number | null;
  side: 'output' | 'input' | null;
  className: string | null;
  axes: { tensor: number; axis: number }[];
}

/**
 * The fields of a kernel summary's what-if, sources first. Unknown sizes
 * that follow from the sources once they are given (the payload says they
 * equal a size some rule computes) are left out. Empty for a summary
 * without a graph (a subclassed model): its what-if is the text one.
 */
export function exactFields(summary: Summary): SizeField[] {
  const plan = planOf(summary);
  if (!plan || !summary.kernel) {
    return [];
  }
  let fields = cache.get(summary.kernel);
  if (!fields) {
    fields = fieldsOf(summary, plan);
    cache.set(summary.kernel, fields);
  }
  return fields;
}

/** Fields by the summary's kernel facts: they do not depend on the sizes typed. */
const cache = new WeakMap<object, SizeField[]>();

function fieldsOf(summary: Summary, plan: Plan): SizeField[] {
  const { result, ruled } = walkSummary(summary, {});
  if (result.status !== 'ok') {
    return [];
  }
  const fields: SizeField[] = plan.sources.map(source => ({
    key: source.id,
    kind: source.kind,
    input: source.input,
    inputIndex: source.inputIndex,
    axis: source.kind === 'input' ? source.axis : null,
    fixed: source.fixed,
    tied: source.tied,
    row: null,
    side: null,
    className: null,
    axes: source.sets
  }));
  for (const unknown of result.unknowns) {
    if (ruled.has(unknown.key)) {
      continue;
    }
    fields.push({
      key: unknown.key,
      kind: 'unknown',
      input: null,
      inputIndex: null,
      axis: null,
      fixed: null,
      tied: [],
      row: unknown.row,
      side: unknown.side,
      className: unknown.className,
      axes: unknown.axes
    });
  }
  return fields;
}
