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
 * Pure: no DOM.
 */
import type { LayerRow, Summary, TensorShape } from '../parse/types';
import { rowInputs, RowInput } from './inputs';
import { formatCount } from './format';
import {
  batchnorm,
  bidirectional,
  conv,
  Ctx,
  dense,
  depthwise,
  einsum,
  embedding,
  layernorm,
  mha,
  nested,
  rnn,
  separable
} from './params/layers';
import { Family, resolveType, TypeInfo } from './params/registry';

export interface ParamTerm {
  /** What the part is, e.g. `weights`, `biases`, `moving mean`. */
  label: string;
  value: number;
  /** How it is computed, e.g. `784 × 128`. */
  text: string;
}

export interface ParamFormula {
  /** e.g. "(784 + 1) × 128 = 100,480" — always ends with "= <printed count with thousands separators>" */
  text: string;
  /** true when the formula's result equals the printed count; false = "not explained" */
  matches: boolean;
  /** Named parts a teacher can show; they add up to the count (empty when not explained). */
  terms: ParamTerm[];
  /** Facts that were inferred rather than read, e.g. "kernel size 3×3 inferred from the count …" */
  notes: string[];
  /** For BatchNormalization: how many of the params are non-trainable and why. */
  nonTrainable?: { value: number; why: string };
}

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
  return explainRow(summary, row, inputsOf(summary));
}

/**
 * One entry per row: a formula that matches the printed count, a "not
 * explained" result (`matches: false`) for a supported layer type whose
 * count no known formula gives, or null when no formula is known (unknown
 * class, count not printed as a number, `0 (unbuilt)`, too little shown).
 */
export function explainAllParams(summary: Summary): (ParamFormula | null)[] {
  const inputs = inputsOf(summary);
  return summary.layers.map((_, i) => explainRow(summary, i, inputs));
}

function inputsOf(summary: Summary): RowInput[][] {
  const hasConnections = summary.columns.some(c => c.kind === 'connected');
  return rowInputs(summary.layers, hasConnections);
}

const NO_WEIGHTS: ParamFormula = {
  text: 'no weights = 0',
  matches: true,
  terms: [],
  notes: []
};

function explainRow(
  summary: Summary,
  index: number,
  inputs: RowInput[][]
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
    return types.every(t => t.family === 'weightless')
      ? { ...NO_WEIGHTS, terms: [], notes: [] }
      : null;
  }
  const ctx: Ctx = {
    row,
    count,
    outs: row.shapeKind === 'tensors' ? row.tensors : [],
    ins: inputs[index].map(input =>
      feedingShape(summary.layers[input.row], input.tensor)
    ),
    children: childrenOf(summary.layers, index),
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
    const result = explainType(ctx, info);
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

function explainType(c: Ctx, info: TypeInfo): ParamFormula | null {
  switch (info.family) {
    case 'dense':
      return dense(c);
    case 'einsum':
      return einsum(c);
    case 'embedding':
      return embedding(c);
    case 'conv':
      return conv(c, info.rank);
    case 'separable':
      return separable(c, info.rank);
    case 'depthwise':
      return depthwise(c, info.rank);
    case 'rnn':
      return rnn(c, info.rnn);
    case 'bidirectional':
      return bidirectional(c);
    case 'batchnorm':
      return batchnorm(c);
    case 'layernorm':
      return layernorm(c, false);
    case 'groupnorm':
      return layernorm(c, true);
    case 'mha':
      return mha(c);
    case 'model':
      return nested(c);
    case 'weightless':
      return null;
  }
}

/** The shape a feeding row passes on: the referenced tensor, or its first. */
function feedingShape(
  source: LayerRow,
  tensor: number | null
): TensorShape | null {
  if (source.shapeKind !== 'tensors' || source.tensors.length === 0) {
    return null;
  }
  return source.tensors[tensor ?? 0] ?? source.tensors[0];
}

/** The rows directly inside an expanded nested model (one level deeper, until the block closes). */
function childrenOf(layers: LayerRow[], index: number): LayerRow[] {
  const depth = layers[index].depth;
  const children: LayerRow[] = [];
  for (let i = index + 1; i < layers.length && layers[i].depth > depth; i++) {
    if (layers[i].depth === depth + 1) {
      children.push(layers[i]);
    }
  }
  return children;
}
