/**
 * What we can tell about the dimensions of a parsed summary.
 * Built by `analyzeSummary` from a `Summary`; pure data, no DOM.
 */
import type { Summary } from '../parse/types';
import type { AxisKind } from './meaning';
import type { ParamFormula } from './params/types';

/** `batch`: axis 0 of a tensor. `variable`: a `None` on any other axis. */
export type DimRole = 'batch' | 'variable';

/** A reference to one axis of one output tensor of one row. */
export interface AxisRef {
  /** Index into `summary.layers`. */
  layer: number;
  tensor: number;
  axis: number;
}

/**
 * Which model input axis a dimension derives from: the `axis` of the input
 * row named `input` (at index `row`), or `batch` for axis 0 of any tensor
 * (every input's batch is the same batch). `input` and `row` are null when
 * the model's input is not a row of the table (a Sequential model's, or one
 * before a `layer_range`): the axis is its input's, by position.
 */
export type DimSource =
  'batch' | { input: string | null; row: number | null; axis: number };

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
  /**
   * The what-if size this axis takes: rows sharing a `sizeGroup` have the
   * same size for any input. It is the `lineage` id from the dimension's
   * origin on, until a layer that may resize it (a convolution, a pooling,
   * padding, …) starts a new group (`sizeGroups` tells where).
   * @deprecated the same id as `size`: read `size`.
   */
  sizeGroup: string;
  // The four fields below are always set by `analyzeSummary`; they are
  // optional only so that facts a caller makes by hand still type-check.
  /**
   * Which model input axis the dimension derives from, `batch`, or null
   * when it does not come from a model input (it first appears at
   * `origin`). Where several input axes meet (an Add forces them equal),
   * the first.
   */
  source?: DimSource | null;
  /**
   * The size: one id for exactly the `None`s that always have the same
   * size (`SummaryFacts.sizes` holds its label, `T` or `T′`, and where it
   * starts). A layer that may change a size (a strided convolution, a
   * pooling, padding, cropping, up-sampling, a reshape) starts a new one.
   */
  size?: string;
  /** The row where this size first appears (null for the batch). */
  sizeOrigin?: number | null;
  /**
   * True when `source` and `size` are exact (the kernel's payload said
   * so); false when they are read from the text (always, for a parsed
   * summary: the best inference, not a certainty).
   */
  exact?: boolean;
}

/** An open axis of one call's output. */
export interface OpenAxis {
  tensor: number;
  axis: number;
  lineage: string;
  /** Its size id (`DimFact.size`). */
  size: string;
  /** @deprecated the same as `size`. */
  sizeGroup: string;
}

/**
 * One call of a layer (a Keras "node": each call on new inputs adds one).
 * A shared layer has several; the row prints one shape (Keras 3 prints the
 * last call's), but each call has its own sizes.
 */
export interface CallFacts {
  /** The `None` axes (axis > 0) of the call's output, in the printed shape's places. */
  open: OpenAxis[];
}

/** One `Connected to` reference, `name[node][tensor]`, resolved. */
export interface Connection {
  /** Index in the row's `connectedTo`. */
  ref: number;
  /** The row it names, or null when no row of the table has that name. */
  row: number | null;
  /** Node index: which call of the named layer made the tensor (null when cut). */
  node: number | null;
  /** Tensor index: which output of that call (null when cut). */
  tensor: number | null;
  /** Which call of this row the tensor feeds (0 unless the row's layer is shared). */
  call: number;
}

/** Analysis of one layer row. */
export interface LayerFacts {
  dims: DimFact[];
  /** Row indexes of the layers feeding this one (Connected to, or the previous row). */
  inputs: number[];
  /** The layer's calls, as far as the summary tells (node indexes in Connected to); at least one. */
  calls: CallFacts[];
  /** The row's `Connected to` references, in printed order. */
  connections: Connection[];
  /** How the row's Param # comes about, or null when no formula is known (see `explainAllParams`). */
  formula: ParamFormula | null;
}

/** Where a what-if size group starts. */
export interface SizeGroup {
  lineage: string;
  /** The first row whose output has it, or null when unknown. */
  origin: number | null;
  /** True when a layer that may resize the dimension starts it (not the lineage's origin). */
  derived: boolean;
}

/** One size (`DimFact.size`): which dimension it belongs to, where it starts, its letter. */
export interface SizeFact extends SizeGroup {
  /** `B`; the lineage's letter for its own size (`T`); primes for sizes layers derive from it (`T′`, `T″`). */
  label: string;
  /** True when the kernel's payload gave it (see `DimFact.exact`). */
  exact: boolean;
}

/** One lineage: the same dimension through the rows, whatever its size. */
export interface LineageFact {
  id: string;
  /** Its letter: `B`, `T`, `H`, … (`T1`, `T2` when several share one). */
  label: string;
  /** The kind of axis where it first appears (`timesteps`, `height`, …), `batch` for the batch. */
  kind: 'batch' | AxisKind;
  /** The first row that has it (null for the batch). */
  origin: number | null;
  /** Rows that consume it, ascending; one array, shared by every fact of the lineage. */
  consumers: number[];
  /** Its origin row has no inputs (a model input). */
  fromInput: boolean;
}

/** Analysis of a whole summary. */
export interface SummaryFacts {
  layers: LayerFacts[];
  /**
   * Lineage id → short label for the dimension ('B', 'T', 'H', 'W', …),
   * numbered when several lineages share a letter ('T1', 'T2').
   */
  lineageLabels: Record<string, string>;
  /**
   * Size id → where it starts ('batch' included).
   * @deprecated the same objects as `sizes`: read `sizes`.
   */
  sizeGroups: Record<string, SizeGroup>;
  /** Size id (`DimFact.size`) → its lineage, origin (`sizeOrigin`) and label ('batch' included). */
  sizes: Record<string, SizeFact>;
  /** Every variable lineage, in order of ids (`v0`, `v1`, …). */
  lineages: LineageFact[];
  /** Whether the model is sequential-like (no Connected to column). */
  sequential: boolean;
}

export type { Summary };
