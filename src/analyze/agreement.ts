/**
 * How well a summary's sizes and sources agree with an exact truth: the
 * kernel's per-axis facts for the same model (its perturbation of each
 * input axis, or JAX's symbolic shapes), in the shape of
 * `LayerRow.exactAxes`. For the note on issue 13: text summaries' size
 * groups against the kernel's, and the kernel's own against its
 * perturbation. Pure: no DOM.
 */
import type { ExactAxis } from '../parse/types';
import type { SummaryFacts } from './types';

/** The truth: per row, per output tensor, per axis (null or missing where unknown). */
export type AxisTruth = (ExactAxis | null | undefined)[][][];

export interface SizeAgreement {
  /** Dimensions compared: those with a fact and a truth (the batch left out unless asked for). */
  axes: number;
  /** Size groups among them, in the facts and in the truth. */
  groups: number;
  truthGroups: number;
  /** Groups holding exactly the axes of one true size. */
  agreeing: number;
  /** Groups holding axes of several true sizes (sizes merged). */
  merged: number;
  /** True sizes spread over several groups (a size split). */
  split: number;
  /** Axes whose `source` is the true one (same input and axis, or both the batch or none; an input the table does not print matches any). */
  sources: number;
}

/** Compare `facts` (e.g. `analyzeSummary` of a parsed text) with `truth`. */
export function compareSizes(
  facts: SummaryFacts,
  truth: AxisTruth,
  options: { batch?: boolean } = {}
): SizeAgreement {
  // Each group's true sizes, and each true size's groups.
  const truthsOf = new Map<string, Set<string>>();
  const groupsOf = new Map<string, Set<string>>();
  let axes = 0;
  let sources = 0;
  facts.layers.forEach((layer, i) => {
    for (const d of layer.dims) {
      const exact = truth[i]?.[d.tensor]?.[d.axis];
      if (!exact || (d.role === 'batch' && !options.batch)) {
        continue;
      }
      axes++;
      const group = d.size ?? d.sizeGroup;
      const size = exact.source === 'batch' ? 'batch' : exact.size;
      add(truthsOf, group, size);
      add(groupsOf, size, group);
      if (sameSource(d.source ?? null, exact.source)) {
        sources++;
      }
    }
  });
  let agreeing = 0;
  let merged = 0;
  for (const [, sizes] of truthsOf) {
    if (sizes.size > 1) {
      merged++;
    } else if (groupsOf.get([...sizes][0])?.size === 1) {
      agreeing++;
    }
  }
  let split = 0;
  for (const [, groups] of groupsOf) {
    if (groups.size > 1) {
      split++;
    }
  }
  return {
    axes,
    groups: truthsOf.size,
    truthGroups: groupsOf.size,
    agreeing,
    merged,
    split,
    sources
  };
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set) {
    set.add(value);
  } else {
    map.set(key, new Set([value]));
  }
}

function sameSource(
  fact: SummaryFacts['layers'][number]['dims'][number]['source'],
  exact: ExactAxis['source']
): boolean {
  if (fact === null || fact === undefined || exact === null) {
    return (fact ?? null) === exact;
  }
  if (fact === 'batch' || exact === 'batch') {
    return fact === exact;
  }
  // An input not printed in the table (a Sequential's) is the model's one.
  return (
    (fact.input === null || fact.input === exact.input) &&
    fact.axis === exact.axis
  );
}
