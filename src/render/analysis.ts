/**
 * What the view needs to know about a summary's rows, worked out once per
 * table: the dimensions' analysis, every row's parameter formula, the
 * nesting of the rows and the dimensions letters name. `ViewState` keeps it
 * for as long as the rows stay the same (a heading or totals arriving later
 * do not change it). Pure: no DOM.
 */
import { analyzeSummary, explainAllParams } from '../analyze';
import type { DimFact, ParamFormula, SummaryFacts } from '../analyze';
import { axisKind } from '../analyze/meaning';
import { parentRows } from '../analyze/nesting';
import type { LayerRow, Summary } from '../parse';
import type { LetterEntry, RowNode, SummaryAnalysis } from './types';

/** The analysis of `summary`'s rows; parts that fail are left empty, with a warning. */
export function analyzeRows(summary: Summary): SummaryAnalysis {
  const layers = summary?.layers ?? [];
  let facts: SummaryFacts | null = null;
  try {
    facts = analyzeSummary(summary);
  } catch (error) {
    console.warn('jupyterlab-keras-summary: analysis failed', error);
  }
  let formulas: (ParamFormula | null)[] = [];
  try {
    // The formulas come with the facts (one reading of the rows' inputs);
    // alone only when the dimension analysis failed.
    formulas = explainAllParams(summary, facts ?? undefined);
  } catch (error) {
    console.warn('jupyterlab-keras-summary: parameter formulas failed', error);
  }
  const tree = rowTree(layers);
  let nested = false;
  for (const node of tree) {
    nested = nested || node.hasChildren;
  }
  return { facts, formulas, tree, nested, letters: letterEntries(facts) };
}

/**
 * Whether two summaries have the same rows as far as the view can tell: the
 * same layers and columns (the heading and totals may differ). Rows merged
 * from rich's display outputs keep their array; a stream parsed again makes
 * new rows, compared field by field (linear, and far cheaper than building
 * them again).
 */
export function sameRows(a: Summary, b: Summary): boolean {
  if (a === b) {
    return true;
  }
  if (!a || !b || a.format !== b.format || !sameColumns(a, b)) {
    return false;
  }
  if (a.layers === b.layers) {
    return true;
  }
  const x = a.layers ?? [];
  const y = b.layers ?? [];
  if (x.length !== y.length) {
    return false;
  }
  for (let i = 0; i < x.length; i++) {
    if (x[i] !== y[i] && !sameLayer(x[i], y[i])) {
      return false;
    }
  }
  return true;
}

function sameColumns(a: Summary, b: Summary): boolean {
  const x = a.columns ?? [];
  const y = b.columns ?? [];
  return (
    x === y ||
    (x.length === y.length && x.every((c, i) => c.kind === y[i].kind))
  );
}

/**
 * Every field of two rows alike but where they were printed (`start`,
 * `end`): new fields (exact facts from the kernel) count without a change
 * here.
 */
function sameLayer(a: LayerRow, b: LayerRow): boolean {
  const x = a as unknown as Record<string, unknown>;
  const y = b as unknown as Record<string, unknown>;
  const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
  for (const key of keys) {
    if (key !== 'start' && key !== 'end' && !sameValue(x[key], y[key])) {
      return false;
    }
  }
  return true;
}

/** Deep equality of parsed values (primitives, arrays, plain objects). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (
    typeof a !== 'object' ||
    typeof b !== 'object' ||
    a === null ||
    b === null ||
    Array.isArray(a) !== Array.isArray(b)
  ) {
    return false;
  }
  if (Array.isArray(a)) {
    const y = b as unknown[];
    return a.length === y.length && a.every((v, i) => sameValue(v, y[i]));
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  return (
    keys.length === Object.keys(y).length &&
    keys.every(k => sameValue(x[k], y[k]))
  );
}

/** Parents and subtrees of the rows, from their depths. */
export function rowTree(layers: LayerRow[]): RowNode[] {
  const nodes: RowNode[] = [];
  const parents = parentRows(layers);
  layers.forEach((layer, i) => {
    const parent = parents[i];
    const parentKey = parent >= 0 ? nodes[parent].key : '';
    nodes.push({
      parent,
      hasChildren: false,
      last: i,
      key: `${parentKey}\u0000${layer.name}`
    });
    // Every model around this row holds it: it has children, and its block
    // reaches at least this far.
    for (let up = parent; up >= 0; up = nodes[up].parent) {
      nodes[up].hasChildren = true;
      nodes[up].last = i;
    }
  });
  return nodes;
}

/**
 * The fact for one axis; made up from the shape when the analysis has none
 * (it failed, or the summary is odd), so every `None` can be explained.
 */
export function dimFact(
  summary: Summary,
  facts: SummaryFacts | null,
  row: number,
  tensor: number,
  axis: number
): DimFact {
  const known = facts?.layers[row]?.dims.find(
    d => d.tensor === tensor && d.axis === axis
  );
  if (known) {
    return known;
  }
  const layer = summary.layers[row];
  const shape = layer?.tensors[tensor] ?? [];
  const value = shape[axis] ?? null;
  const batch = axis === 0;
  const lineage = batch ? 'batch' : `row${row}-${tensor}-${axis}`;
  return {
    tensor,
    axis,
    role: batch ? 'batch' : 'variable',
    value: value,
    meaning: '',
    kind: batch
      ? typeof value === 'number'
        ? 'fixedBatch'
        : 'batch'
      : axisKind(shape, axis, layer?.type ?? ''),
    lineage,
    origin: null,
    consumer: null,
    consumers: [],
    fromInput: false,
    sizeGroup: lineage
  };
}

/** The size id of a fact (`size`, or the older `sizeGroup` for facts made by hand). */
export function sizeOf(fact: DimFact): string {
  return fact.size ?? fact.sizeGroup ?? fact.lineage;
}

/**
 * A `None`'s letter: its size's (`T`, and `T′` for a size a layer derives
 * from it), else its dimension's; null when the analysis names neither.
 */
export function letterOf(
  facts: SummaryFacts | null,
  fact: DimFact
): string | null {
  if (!facts) {
    return null;
  }
  return (
    facts.sizes?.[sizeOf(fact)]?.label ??
    facts.lineageLabels[fact.lineage] ??
    null
  );
}

/**
 * The sizes the table shows as letters, in letter order: B first when a
 * batch axis is `None`, then each dimension's sizes (T before T′, T1
 * before T2), each with the row where it starts.
 */
export function letterEntries(facts: SummaryFacts | null): LetterEntry[] {
  if (!facts) {
    return [];
  }
  const found = new Map<string, LetterEntry>();
  facts.layers.forEach((layer, i) => {
    for (const d of layer.dims) {
      if (d.value !== null) {
        continue;
      }
      const size = d.role === 'batch' ? 'batch' : sizeOf(d);
      const letter = letterOf(facts, d);
      const known = found.get(size);
      const start = d.role === 'batch' ? null : (d.sizeOrigin ?? d.origin);
      // The kind where the size starts names it (an Input's length is an
      // Embedding's timesteps).
      if (letter && (!known || (start === i && known.origin !== i))) {
        found.set(size, {
          lineage: d.lineage,
          size,
          letter,
          kind: d.kind,
          origin: start
        });
      }
    }
  });
  const lineageOrder = (e: LetterEntry) =>
    e.lineage === 'batch' ? -1 : Number(e.lineage.replace(/^v/, '')) || 0;
  return [...found.values()].sort(
    (a, b) =>
      lineageOrder(a) - lineageOrder(b) ||
      (a.origin ?? -1) - (b.origin ?? -1) ||
      a.letter.localeCompare(b.letter)
  );
}

/** The first fixed batch size printed, for the what-if's note; null when every batch is None. */
export function fixedBatchOf(summary: Summary): number | null {
  for (const layer of summary.layers) {
    for (const shape of layer.tensors ?? []) {
      if (typeof shape[0] === 'number') {
        return shape[0];
      }
    }
  }
  return null;
}

const PRIMES = ['′', '″', '‴'];

/** `′`, `″`, `‴`, then `′4`: the sizes layers derive from a dimension. */
function primes(k: number): string {
  return PRIMES[k - 1] ?? `′${k}`;
}

/**
 * Short names of the what-if's size groups: `B`, the dimension's letter for
 * its own size, and primes for the sizes layers derive from it (`H′` after
 * the first convolution, `H″` after the next).
 */
export function groupLabels(
  facts: SummaryFacts,
  groups: string[]
): Record<string, string> {
  const labels: Record<string, string> = {};
  const derived = new Map<string, number>();
  for (const group of groups) {
    if (group === 'batch') {
      labels[group] = 'B';
      continue;
    }
    const info = facts.sizeGroups[group];
    const letter = facts.lineageLabels[info?.lineage ?? ''] ?? '?';
    if (!info?.derived) {
      labels[group] = letter;
      continue;
    }
    const k = (derived.get(info.lineage) ?? 0) + 1;
    derived.set(info.lineage, k);
    labels[group] = `${letter}${primes(k)}`;
  }
  return labels;
}
