/**
 * The kernel companion's payload, `application/vnd.jupyterlab-keras-summary+json`,
 * major version 1, as the Python side sends it (snake_case, as in the JSON).
 * The schema is `jupyterlab_keras_summary/kernel/payload.schema.json`; the
 * README's "Kernel companion" section says what each field means.
 *
 * Types only. A payload is read into a `Summary` by `payload.ts`: nothing
 * above the parser reads these types but through `Summary.kernel` and
 * `LayerRow.kernel`.
 */

/** The MIME type of the payload in a display bundle. */
export const PAYLOAD_MIME_TYPE =
  'application/vnd.jupyterlab-keras-summary+json';

/** The companion's Python package (and IPython extension) name: `producer.package`. */
export const COMPANION_PACKAGE = 'jupyterlab_keras_summary';

/** The line that loads the companion in a notebook. */
export const COMPANION_LOAD_LINE = `%load_ext ${COMPANION_PACKAGE}`;

/** The payload major version this reader knows; a minor only adds optional fields. */
export const PAYLOAD_MAJOR = 1;

export interface PayloadDtypePolicy {
  name: string;
  compute: string | null;
  variable: string | null;
  /** `int8`, `int4`, `float8`, … for a quantized layer. */
  quantization?: string;
}

/** One `Connected to` reference `layer[node][output]`, resolved. */
export interface PayloadRef {
  /** The full name of the layer that made the tensor. */
  layer: string;
  /** Which call of that layer (node index). */
  node: number;
  /** Which output of that call (tensor index). */
  output: number;
  /** The row of that layer in this summary; null when it is not a row. */
  row: number | null;
  /** The tensor's id (index into `tensors`). */
  tensor: number;
}

/** One call of a layer. */
export interface PayloadNode {
  index: number;
  in: PayloadRef[];
  /** In the order Keras prints them (a dict's own order). */
  out: number[];
  /** tf-keras, a layer that returns a dict: the key of each of `out` (payload 1.1). */
  keys?: string[];
}

export interface PayloadWeight {
  name: string;
  path: string | null;
  shape: (number | null)[] | null;
  dtype: string | null;
  trainable: boolean;
}

/** Where a row's printed shapes come from. */
export type PayloadShapeSource = 'node' | 'build' | 'multiple' | 'none';

export interface PayloadRow {
  id: number;
  name: string;
  class: string;
  module: string;
  depth: number;
  parent: number | null;
  /** false: Keras printed `0 (unbuilt)`; null: an operation without `built`. */
  built: boolean | null;
  params: number;
  trainable: boolean | null;
  nodes: PayloadNode[];
  shape_source: PayloadShapeSource;
  /** The tensors the Output Shape column shows; null when none (`?`, `multiple`). */
  outputs: number[] | null;
  /** tf-keras, a layer that returns a dict: the key of each of `outputs` (payload 1.1). */
  output_keys?: string[];
  weights?: PayloadWeight[];
  dtype_policy?: PayloadDtypePolicy;
  /** The layer's attributes shapes depend on (kernel_size, strides, padding, …). */
  config?: Record<string, unknown>;
}

export interface PayloadTensor {
  shape: (number | null)[] | null;
  dtype: string | null;
}

export interface PayloadSource {
  /** `batch`, or `i<input index>.<axis>`. */
  id: string;
  kind: 'batch' | 'input';
  input?: string | null;
  input_index?: number;
  axis?: number;
  tied?: string[];
}

export interface PayloadSize {
  id: string;
  /** The sources it changes with (empty: none of them). */
  sources: string[];
  first: {
    row: number | null;
    node: number | null;
    tensor: number;
    axis: number;
  };
}

export interface PayloadDims {
  status: 'ok' | 'skipped' | 'failed' | 'unavailable';
  reason?: string;
  method?: string;
  evaluations?: number;
  seconds?: number;
  sources?: PayloadSource[];
  sizes?: PayloadSize[];
  /** Tensor id → per axis, the size id (null: a fixed size, or one the kernel could not follow). */
  axes?: Record<string, (string | null)[]>;
}

export interface PayloadModel {
  name: string;
  class: string;
  module: string;
  kind: 'functional' | 'sequential' | 'subclassed';
  built: boolean;
  sequential_like: boolean;
  inputs: { name: string | null; tensor: number }[];
  /** `key`: the model's output dict key, when it was made with a dict (payload 1.1). */
  outputs: { tensor: number; key?: string }[];
  /** Names this model in its kernel for `check_sizes()`; null when it cannot be held. */
  token?: string | null;
  /** Subclassed models: the shapes are those the sublayers were built with. */
  shapes_from?: 'first_call' | 'build';
  dtype_policy?: PayloadDtypePolicy;
}

export interface PayloadCall {
  line_length: number | null;
  positions: number[] | null;
  expand_nested: boolean;
  show_trainable: boolean;
  layer_range: string[] | null;
  table_width: number | null;
  sequential_like: boolean;
}

export interface PayloadTotals {
  total: number;
  trainable: number;
  non_trainable: number;
  optimizer: number;
  optimizer_class: string | null;
  bytes: {
    total: number;
    trainable: number;
    non_trainable: number;
    optimizer: number;
  };
}

export interface Payload {
  version: [number, number];
  producer: {
    package: string;
    package_version: string;
    /** `keras`: Keras 3; `tf_keras`: tf-keras 2.x (the keras2 format). */
    framework: 'keras' | 'tf_keras';
    framework_version: string;
    backend: string | null;
  };
  call: PayloadCall;
  model: PayloadModel;
  tensors: PayloadTensor[];
  layers: PayloadRow[];
  totals: PayloadTotals;
  dims: PayloadDims;
  limits: { rows: number; omitted: string[]; light_rows: number };
}
