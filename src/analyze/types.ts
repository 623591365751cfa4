/**
 * What we can tell about the dimensions of a parsed summary.
 * Built by `analyzeSummary` from a `Summary`; pure data, no DOM.
 */
import type { Summary } from '../parse/types';
import type { AxisKind } from './meaning';

/** `batch`: axis 0 of a tensor. `variable`: a `None` on any other axis. */
export type DimRole = 'batch' | 'variable';

/** A reference to one axis of one output tensor of one row. */
export interface AxisRef {
  /** Index into `summary.layers`. */
  layer: number;
  tensor: number;
  axis: number;
}

/** One explained dimension: every `None`, plus axis 0 when it holds a fixed batch size. */
export interface DimFact {
  tensor: number;
  axis: number;
  role: DimRole;
  /** The printed value: null for `None`, a number for a fixed batch size, '?' for unbuilt. */
  value: null | number | '?';
  /** What the axis means for this layer, e.g. "timesteps of a sequence" (English, for the CLI). */
  meaning: string;
  /**
   * The same, as a key a renderer can translate: `batch` (None at axis 0),
   * `fixedBatch` (a number at axis 0), or the kind of an open axis.
   */
  kind: 'batch' | 'fixedBatch' | AxisKind;
  /**
   * Identifies the same dimension across rows: rows sharing a `lineage` id
   * carry the same open dimension (for highlighting and letters B, T, H, W).
   */
  lineage: string;
  /** Where the dimension first appears (row index), or null when unknown. */
  origin: number | null;
  /** The first row that consumes it (its output no longer has it), or null. */
  consumer: number | null;
  /** Every row that consumes it (branches can each consume it). */
  consumers: number[];
  /** True when it comes from a model input (the origin row has no inputs). */
  fromInput: boolean;
}

/** Analysis of one layer row. */
export interface LayerFacts {
  dims: DimFact[];
  /** Row indexes of the layers feeding this one (Connected to, or the previous row). */
  inputs: number[];
}

/** Analysis of a whole summary. */
export interface SummaryFacts {
  layers: LayerFacts[];
  /** Lineage id → short label for the dimension ('B', 'T', 'H', 'W', …). */
  lineageLabels: Record<string, string>;
  /** Whether the model is sequential-like (no Connected to column). */
  sequential: boolean;
}

export type { Summary };
