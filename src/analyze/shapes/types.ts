/**
 * What the shape engine works with: shapes whose sizes may not be known
 * yet, the rule each layer class follows, and what a walk of a kernel
 * summary's graph finds. Types only.
 *
 * The engine computes, in the page and without a kernel, what Keras's own
 * abstract walk (`compute_output_spec` node by node) computes in the
 * kernel: every tensor's shape once the user has given the batch and each
 * open input axis a size.
 */

/** A size, or null when it is not known (a size left empty, a layer without a rule, a row upstream that cannot take the sizes). */
export type Size = number | null;

/** One tensor's shape, axis 0 first. */
export type Shape = Size[];

/**
 * Why a row cannot take the sizes, as a code and the numbers behind it (the
 * view words it). `axis` is the axis of the row's input tensor.
 */
export type ShapeFlag =
  /**
   * A window wider than the input: a `valid` convolution or pooling whose
   * output would have `result` ≤ 0 steps (`window` is the dilated kernel or
   * the pool size), or a cropping that takes `window` steps of `size`.
   */
  | {
      kind: 'tooSmall';
      what: 'window' | 'cropping';
      input: number;
      axis: number;
      size: number;
      window: number;
      result: number;
    }
  /**
   * Inputs that must agree on an axis and do not: skip connections into a
   * Concatenate (every axis but the joined one) or an Add/Multiply/…
   * (broadcasting), a Dot's contracted axes, attention keys and values.
   * `sizes` has one entry per input (null where that input has no such axis
   * or its size is not known).
   */
  | { kind: 'mismatch'; axis: number; sizes: Size[] }
  /** Inputs of different ranks where they must have the same. */
  | { kind: 'rank'; ranks: number[] }
  /** A reshape whose target does not hold the input's `elements`. */
  | { kind: 'reshape'; elements: number; target: Size[] }
  /** A row inside this nested model cannot take the sizes (`row`, `node`: the first such call). */
  | { kind: 'nested'; row: number; node: number };

export type ShapeFlagKind = ShapeFlag['kind'];

/** The framework whose shape rules apply (their details differ, e.g. tf-keras accepts a 0-step output). */
export type Framework = 'keras' | 'tf_keras';

/** What a rule sees of one call. */
export interface RuleCall {
  /** The class name (for rules shared by several classes). */
  className: string;
  /** The call's input tensors in `Connected to` order (masks and states included). */
  inputs: Shape[];
  /**
   * The call's output tensors as the payload has them, sizes that do not
   * change left in and the ones that do set to null: a rule may take a fixed
   * size from here (units, filters) when its config is not in the payload.
   */
  outputs: Shape[];
  /** The layer's config facts (kernel_size, strides, …); empty when the payload left them out. */
  config: Readonly<Record<string, unknown>>;
  framework: Framework;
  /** The rule of another class (wrappers: Bidirectional, TimeDistributed). */
  ruleOf(className: string): ShapeRule | undefined;
}

/**
 * What a rule says about one call: the output shapes (the engine keeps the
 * payload's fixed sizes and takes the rule's where sizes change), a flag
 * when the call cannot take its inputs' sizes, or null when the rule cannot
 * tell (a config it does not know): the outputs are then unknown.
 */
export type RuleResult =
  | { shapes: Shape[]; flag?: undefined }
  | { flag: ShapeFlag; shapes?: undefined }
  | null;

/** How one layer class's output shapes follow from its inputs' (Keras's `compute_output_shape`). */
export type ShapeRule = (call: RuleCall) => RuleResult;

/** How a call's outputs were found. */
export type CallVia =
  /** A rule of the layer's class. */
  | 'rule'
  /** A nested model's own rows, walked with the call's inputs. */
  | 'nested'
  /**
   * No rule: sizes the payload says are the same as sizes already computed
   * (`dims.sizes`) filled in, the others unknown.
   */
  | 'size'
  /** An input layer: the model's inputs (or a nested model's). */
  | 'input'
  /** Not walked: a call upstream cannot take the sizes. */
  | 'blocked';

/** One call of a row, walked. */
export interface CallShapes {
  /** The node index. */
  node: number;
  via: CallVia;
  /** The output tensors' shapes (`out` order). */
  shapes: Shape[];
  flag: ShapeFlag | null;
}

/** A size the engine cannot compute (no rule for the layer): the user is asked for it. */
export interface UnknownSize {
  /**
   * The key the size is given under in `sizes`: the payload's size id
   * (`s7`) when it has one, so that every axis of the same size gets one
   * field; else `t<tensor>.<axis>`.
   */
  key: string;
  /**
   * The first row (and call) whose output has it; or, `side: 'input'`, whose
   * input has it (a tensor from before a `layer_range`).
   */
  row: number;
  node: number;
  side: 'output' | 'input';
  /** The layer class without a rule there. */
  className: string;
  /** Every output axis of that size, by tensor id. */
  axes: { tensor: number; axis: number }[];
}

/** A row that cannot take the sizes, and why. */
export interface RowFlag {
  row: number;
  node: number;
  flag: ShapeFlag;
}

/** Every tensor's shape for one set of sizes, and what stood in the way. */
export interface ExactShapes {
  /** `ok`: walked; `unavailable`: the payload has no graph to walk (subclassed model, no calls), `reason` says why. */
  status: 'ok' | 'unavailable';
  reason?: string;
  /** Tensor id → shape; null when not reached (a call upstream cannot take the sizes). */
  tensors: (Shape | null)[];
  /** Tensor id → the sizes it waits for (source ids or unknown keys), empty when complete. */
  needs: string[][];
  /** Per row (summary order), per call. */
  rows: CallShapes[][];
  /** Rows that cannot take the sizes, in walk order. */
  flags: RowFlag[];
  /** Sizes no rule gives, one entry per key. */
  unknowns: UnknownSize[];
  /** How many calls each way was used for, and the classes without a rule. */
  coverage: ShapeCoverage;
}

export interface ShapeCoverage {
  /** Calls by how their outputs were found (`blocked` ones too). */
  calls: Record<CallVia, number>;
  /** Classes walked without a rule (`size`), with their number of calls. */
  withoutRule: Record<string, number>;
  /**
   * Calls where a rule's size differs from one the payload fixes: a rule
   * that is wrong for this layer (the payload's size is kept). Zero on
   * every real model the tests check.
   */
  disagreements: { row: number; node: number; tensor: number; axis: number }[];
}
