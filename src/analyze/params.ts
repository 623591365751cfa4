/**
 * Why each row has the parameter count it has: a formula from the row's
 * input and output shapes, e.g. Dense `(784 + 1) × 128 = 100,480`.
 *
 * A row's input is the output of the rows feeding it (`Connected to`, or
 * the previous row: see `rowInputs`). What the summary does not print
 * (a kernel size, a vocabulary size, the input of a Sequential model's first
 * layer) is inferred from the count when only one value fits, and every
 * inference is said in `notes`. Every formula adds up to the printed count;
 * when none does for a supported layer type, the result says "not explained".
 * Each layer family's formula is in `params/` (one file per family, one
 * table of them in `params/explainers.ts`). Pure: no DOM.
 */
import type { LayerRow, Summary, TensorShape } from '../parse/types';
import { formatCount } from './format';
import { feedingShape, RowInput, rowInputs } from './inputs';
import { explainerOf } from './params/explainers';
import { resolveType, typeWasCut } from './params/registry';
import type { Family, ParamContext, ParamFormula } from './params/types';
import type { SummaryFacts } from './types';

export type { Family, ParamFormula, ParamTerm } from './params/types';

/** The formula family of a row's layer class, or null when the class has none (unknown, custom). */
export function paramFamily(row: LayerRow): Family | null {
  const types = resolveType(row);
  if (types.length === 0) {
    return null;
  }
  const weighted = types.filter(t => t.family !== 'weightless');
  return (weighted[0] ?? types[0]).family;
}

/** The formula for one row (see `explainAllParams`). */
export function explainParams(
  summary: Summary,
  row: number
): ParamFormula | null {
  if (row < 0 || row >= summary.layers.length) {
    return null;
  }
  return explainRows(summary, inputsOf(summary))[row];
}

/**
 * One entry per row: a formula that matches the printed count, a "not
 * explained" result (`matches: false`) for a supported layer type whose
 * count no known formula gives, or null when no formula is known (unknown
 * class, count not printed as a number, `0 (unbuilt)`, too little shown).
 *
 * `analyzeSummary` computes them with the rest of the analysis
 * (`facts.layers[i].formula`): given its facts, this returns those and
 * computes nothing.
 */
export function explainAllParams(
  summary: Summary,
  facts?: SummaryFacts
): (ParamFormula | null)[] {
  if (facts && facts.layers.length === summary.layers.length) {
    return facts.layers.map(layer => layer.formula);
  }
  return explainRows(summary, inputsOf(summary));
}

function inputsOf(summary: Summary): RowInput[][] {
  const hasConnections = summary.columns.some(c => c.kind === 'connected');
  return rowInputs(summary.layers, hasConnections);
}

/** Every row's formula, given which rows feed each row (`rowInputs`). */
export function explainRows(
  summary: Summary,
  inputs: RowInput[][]
): (ParamFormula | null)[] {
  const formulaOf = rowFormulas(summary, inputs);
  return summary.layers.map((_, i) => formulaOf(i));
}

/**
 * A function giving any row's formula (computed when asked), given
 * `rowInputs`. A formula depends only on what `formulaKey` holds, so rows
 * that agree on it (the repeated blocks of a deep model) share one formula
 * object, computed once.
 */
export function rowFormulas(
  summary: Summary,
  inputs: RowInput[][]
): (row: number) => ParamFormula | null {
  const children = directChildren(summary.layers);
  const known = new Map<string, ParamFormula | null>();
  return i => {
    const inside = children.get(i);
    if (inside) {
      // A nested model's formula is its own rows': not shared.
      return explainRow(summary, i, inputs, inside);
    }
    const key = formulaKey(summary, i, inputs[i]);
    let formula = known.get(key);
    if (formula === undefined) {
      formula = explainRow(summary, i, inputs, NO_ROWS);
      if (known.size >= MAX_KNOWN) {
        known.clear();
      }
      known.set(key, formula);
    }
    return formula;
  };
}

/** Formulas remembered per summary before the memory starts over. */
const MAX_KNOWN = 10000;

/**
 * Everything `explainRow` reads for a row without children: the class as
 * printed and whether it was cut, the count, the output shapes and the
 * shapes feeding it.
 */
function formulaKey(summary: Summary, i: number, inputs: RowInput[]): string {
  const row = summary.layers[i];
  let key = `${row.type}\u0001${typeWasCut(row)}\u0001${row.params}\u0001${row.unbuilt}\u0001`;
  if (row.shapeKind === 'tensors') {
    for (const shape of row.tensors) {
      key += shapeKey(shape) + ';';
    }
  }
  key += '\u0001';
  for (const input of inputs) {
    key +=
      shapeKey(feedingShape(summary.layers[input.row], input.tensor)) + ';';
  }
  return key;
}

/** `[null, 3, '?']` → `,3,?` (a shape holds only None, numbers and `?`); no shape → `-`. */
function shapeKey(shape: TensorShape | null): string {
  return shape === null ? '-' : shape.join(',');
}

const NO_ROWS: LayerRow[] = [];

function noWeights(): ParamFormula {
  return { text: 'no weights = 0', matches: true, terms: [], notes: [] };
}

/** Row `index`'s formula, given `rowInputs` and the rows directly inside it (for a nested model). */
export function explainRow(
  summary: Summary,
  index: number,
  inputs: RowInput[][],
  children: LayerRow[]
): ParamFormula | null {
  const row = summary.layers[index];
  const count = row.params;
  if (count === null || row.unbuilt || !Number.isInteger(count) || count < 0) {
    return null;
  }
  const types = resolveType(row);
  if (types.length === 0) {
    return null;
  }
  if (count === 0) {
    return types.every(t => t.family === 'weightless') ? noWeights() : null;
  }
  const ctx: ParamContext = {
    row,
    count,
    outs: row.shapeKind === 'tensors' ? row.tensors : [],
    ins: inputs[index].map(input =>
      feedingShape(summary.layers[input.row], input.tensor)
    ),
    children,
    format: summary.format
  };
  const weighted = types.filter(t => t.family !== 'weightless');
  if (weighted.length === 0) {
    return {
      text: `not explained: ${types[0].name} has no weights; Param # = ${formatCount(count)}`,
      matches: false,
      terms: [],
      notes: []
    };
  }
  const cut = row.type.trim() !== weighted[0].name;
  let first: ParamFormula | null = null;
  for (const info of weighted) {
    const result = explainerOf(info)(ctx, info);
    if (result && cut) {
      result.notes = [
        `the class name is cut short (${row.type.trim()}): read as ${info.name}`,
        ...result.notes
      ];
    }
    if (result?.matches) {
      return result;
    }
    first ??= result;
  }
  return first;
}

/**
 * The rows directly inside each expanded nested model: one level deeper,
 * until its block closes (a row not deeper than it). One pass with the
 * stack of open blocks, whose depths grow from the bottom up; rows without
 * children have no entry.
 */
function directChildren(layers: LayerRow[]): Map<number, LayerRow[]> {
  const children = new Map<number, LayerRow[]>();
  const open: number[] = [];
  layers.forEach((layer, j) => {
    const depth = layer.depth;
    while (open.length > 0 && !(depth > layers[open[open.length - 1]].depth)) {
      open.pop();
    }
    // The block one level up, if open: the deepest open block is above it.
    for (let k = open.length - 1; k >= 0; k--) {
      const d = layers[open[k]].depth;
      if (d === depth - 1) {
        const list = children.get(open[k]);
        if (list) {
          list.push(layer);
        } else {
          children.set(open[k], [layer]);
        }
        break;
      }
      if (d < depth - 1) {
        break;
      }
    }
    open.push(j);
  });
  return children;
}
