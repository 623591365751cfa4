/**
 * What a parameter formula is, and what an explainer (one layer family's
 * formula) receives. Types only: every file of `analyze/params` imports
 * them from here, so none needs another's behaviour to name its types.
 */
import type { LayerRow, SummaryFormat, TensorShape } from '../../parse/types';

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

/** What the summary shows about one row, for its formula. */
export interface ParamContext {
  row: LayerRow;
  /** The printed count (> 0). */
  count: number;
  /** The row's output tensors (empty when `multiple` or unreadable). */
  outs: TensorShape[];
  /** One shape per feeding tensor (null when that row's shape is unknown). Empty: the input is not shown. */
  ins: (TensorShape | null)[];
  /** Rows of an expanded nested model directly inside this row. */
  children: LayerRow[];
  format: SummaryFormat;
}

export type RnnKind = 'SimpleRNN' | 'LSTM' | 'GRU' | 'CuDNNLSTM' | 'CuDNNGRU';

/** A layer class with a formula, by the name Keras prints, and what its formula needs to know. */
export type TypeInfo =
  | { family: 'dense'; name: string }
  | { family: 'einsum'; name: string }
  | { family: 'embedding'; name: string }
  | { family: 'conv'; name: string; rank: number; transpose: boolean }
  | { family: 'separable'; name: string; rank: number }
  | { family: 'depthwise'; name: string; rank: number }
  | { family: 'rnn'; name: string; rnn: RnnKind }
  | { family: 'bidirectional'; name: string }
  | { family: 'batchnorm'; name: string }
  | { family: 'layernorm'; name: string }
  | { family: 'groupnorm'; name: string }
  | { family: 'mha'; name: string }
  | { family: 'weightless'; name: string }
  | { family: 'model'; name: string };

export type Family = TypeInfo['family'];

/**
 * One family's formula: a formula that adds up to the count, "not
 * explained" when the shapes are known but no formula gives the count, or
 * null when too little is known to tell.
 */
export type ParamExplainer<F extends Family = Family> = (
  c: ParamContext,
  info: Extract<TypeInfo, { family: F }>
) => ParamFormula | null;

/** Every family's explainer, keyed by family (see `params/explainers.ts`). */
export type ParamExplainers = { [F in Family]: ParamExplainer<F> };
