/**
 * What a Keras model summary is, once read from the text Keras printed.
 *
 * These types are the contract between the parser (`src/parse`), the
 * analysis (`src/analyze`), the renderer (`src/render`) and the CLI.
 * Nothing here depends on the DOM or on JupyterLab.
 */
import type { Payload, PayloadRow } from './payload-types';

/** Which printer produced the text. */
export type SummaryFormat =
  /** Keras 3: a rich table drawn with box characters (┏━┳┓ │ └─┴┘). */
  | 'keras3'
  /** Keras 2 / tf.keras: ASCII table with `_` and `=` rules. */
  | 'keras2'
  /** Keras 1: ASCII table with `_` rules between every row. */
  | 'keras1';

/**
 * One dimension of a tensor shape as printed.
 * `null` is a `None` (unknown until data arrives), a number is a fixed size,
 * `'?'` is Keras 3's "not known before the model is built".
 */
export type Dim = number | null | '?';

/** The dimensions of one output tensor, axis 0 first. */
export type TensorShape = Dim[];

/** What the Output Shape cell holds beyond plain tensors. */
export type ShapeKind =
  /** One or more tensors, each with its dimensions. */
  | 'tensors'
  /** Keras 2 `multiple`: the layer was called on several inputs or is unbuilt. */
  | 'multiple'
  /** Empty cell, or a cell we could not read as shapes (kept as text). */
  | 'unknown';

/** A column of the printed table, by meaning. */
export type ColumnKind =
  'layer' | 'shape' | 'params' | 'connected' | 'trainable';

/**
 * A cell that Keras cut short because it did not fit: with `…` (Keras 3), or
 * silently at the column's edge (Keras 1, Keras 2 before 2.7).
 */
export interface CutCell {
  column: ColumnKind;
  /** The text as printed (ending in `…` when Keras 3 cut it). */
  text: string;
}

/**
 * What the kernel knows exactly about one axis of an output tensor (never
 * read from text): the summary built from the companion's payload carries
 * these, and the analysis uses them instead of its inference.
 */
export interface ExactAxis {
  /** The model input axis the axis derives from, `batch`, or null when it derives from none. */
  source: 'batch' | { input: string; axis: number } | null;
  /** Shared by exactly the axes that always have the same size (e.g. `img.1`, `img.1/2`). */
  size: string;
}

/**
 * Where an Output Shape cell was cut. The tensors before `tensor` are whole;
 * `tensor` holds the dimensions printed before the cut (more may have
 * followed); any tensors after it were not printed at all.
 */
export interface ShapeCut {
  /** Index in `tensors` of the tensor the cut went through (the last one). */
  tensor: number;
  /**
   * The cut went through that tensor's last number: its digits are the
   * first ones of the real size (`3` printed for `32`), so its value is
   * not known, only its axis.
   */
  lastDimPartial: boolean;
}

/** One row of the table: one layer (or a nested layer when expanded). */
export interface LayerRow {
  /** Layer name as printed (may end in `…` when cut). */
  name: string;
  /** Layer class as printed, without parentheses (may end in `…`). */
  type: string;
  /** 0 for the model's own layers, 1+ for rows of expanded nested models. */
  depth: number;
  /** The Output Shape cell, its wrapped lines joined with a space. */
  outputShape: string;
  shapeKind: ShapeKind;
  /** Structured shapes: one entry per output tensor. */
  tensors: TensorShape[];
  /** Keys when the output is a dict of tensors (`{'a': (None, 3)}`), aligned with `tensors`. */
  tensorKeys?: string[];
  /** Set when the Output Shape cell was cut short (also listed in `cut`). */
  shapeCut?: ShapeCut;
  /** Parameter count, or null when not printed as a number. */
  params: number | null;
  /** The Param # cell as printed (e.g. `100,480`, `0 (unbuilt)`). */
  paramsText: string;
  /** `0 (unbuilt)`: Keras 3 could not count the weights yet. */
  unbuilt: boolean;
  /** `(unused)` after a count: Keras 3 marks weights no call uses. */
  unused: boolean;
  /** The Trainable column: `Y` → true, `N` → false, `-` or absent → null. */
  trainable: boolean | null;
  /** `Connected to` references as printed, e.g. `dense[0][0]`. */
  connectedTo: string[];
  /** Cells cut with `…`. */
  cut: CutCell[];
  /** Character span of this row's lines in the original input. */
  start: number;
  end: number;
  /**
   * Exact facts per output tensor and axis (null where unknown), when the
   * summary comes from the kernel's payload; absent for parsed text.
   */
  exactAxes?: (ExactAxis | null)[][];
  /**
   * The kernel's facts about this row (every call, weights, config), for a
   * summary read from the companion's payload; absent for parsed text.
   */
  kernel?: PayloadRow;
}

/** The totals printed under the table. Byte sizes as printed, e.g. `397.54 KB`. */
export interface Totals {
  total: number | null;
  trainable: number | null;
  nonTrainable: number | null;
  optimizer: number | null;
  totalSize?: string;
  trainableSize?: string;
  nonTrainableSize?: string;
  optimizerSize?: string;
}

/** Which parts of a summary a text held. rich sends each part as a notebook output of its own (a piece). */
export interface SummaryParts {
  heading: boolean;
  table: boolean;
  totals: boolean;
}

/**
 * Where a summary's facts come from: `text`, parsed from what Keras printed
 * (cut cells, `multiple`, inferred dimensions); `kernel`, the companion's
 * payload from the live model (exact).
 */
export type SummarySource = 'text' | 'kernel';

/** What the kernel knows about the whole model: the payload but its rows. */
export type KernelFacts = Omit<Payload, 'layers'>;

/** One model summary found in a text. */
export interface Summary {
  format: SummaryFormat;
  /** From `Model: "name"`, or null when the heading is not in the text. */
  model: string | null;
  /** Character span of the whole summary in the original input (end exclusive). */
  start: number;
  end: number;
  /** Columns as printed, in order (header text and kind). */
  columns: { title: string; kind: ColumnKind }[];
  layers: LayerRow[];
  totals: Totals;
  /** What this text held: a heading, a table, totals (any may be alone). */
  parts: SummaryParts;
  /** Problems a reader should know about: cut cells, params that do not add up. */
  warnings: string[];
  /** Absent means `text`. */
  source?: SummarySource;
  /** For a summary read from the companion's payload: tensors, exact dimensions, the model's token. */
  kernel?: KernelFacts;
}

/** The result of parsing one text. */
export interface ParseResult {
  summaries: Summary[];
}
