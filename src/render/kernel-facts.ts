/**
 * What the view reads from a kernel summary's own facts (`Summary.kernel`,
 * `LayerRow.kernel`: the companion's payload), in one place, each read
 * guarded: a later minor version may add fields, and a value that is not
 * what it should be is left out rather than shown wrong. Pure: no DOM.
 */
import { formatCount } from '../analyze';
import type { LayerRow, PayloadRef, PayloadWeight, Summary } from '../parse';

/**
 * Whether row `row`'s shapes are those its layers were built with on the
 * model's first call (a subclassed model): a number at axis 0 is then that
 * call's batch, not a batch size the model fixes.
 */
export function shapesFromFirstCall(summary: Summary, row: number): boolean {
  if (summary?.source !== 'kernel') {
    return false;
  }
  const from = summary.kernel?.model?.shapes_from;
  return (
    from === 'first_call' ||
    summary.layers[row]?.kernel?.shape_source === 'build'
  );
}

/** The row's weights as the kernel listed them; null when the payload has none for it. */
export function kernelWeights(
  layer: LayerRow | undefined
): PayloadWeight[] | null {
  const weights = layer?.kernel?.weights;
  return Array.isArray(weights) ? weights : null;
}

/** Whether the kernel left the weights out (a model above its row budget). */
export function weightsOmitted(summary: Summary): boolean {
  const omitted = summary?.kernel?.limits?.omitted;
  return Array.isArray(omitted) && omitted.includes('weights');
}

/** The number of values a weight holds, or null when its shape is unknown. */
export function weightSize(weight: PayloadWeight): number | null {
  const shape = weight?.shape;
  if (!Array.isArray(shape)) {
    return null;
  }
  let n = 1;
  for (const d of shape) {
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0) {
      return null;
    }
    n *= d;
  }
  return n;
}

/** `5 × 100 × 32 = 16,000`, `32`, `a scalar` (`()`): how a weight's count comes about. */
export function weightCountText(weight: PayloadWeight): string {
  const size = weightSize(weight);
  const shape = Array.isArray(weight?.shape) ? weight.shape : null;
  if (size === null || !shape) {
    return '?';
  }
  if (shape.length <= 1) {
    return formatCount(size);
  }
  return `${shape.map(d => formatCount(d as number)).join(' × ')} = ${formatCount(size)}`;
}

/** A config value as Python writes it: `(3, 3)`, `'same'`, `True`, `None`. */
export function configValue(value: unknown): string | null {
  if (value === null) {
    return 'None';
  }
  if (typeof value === 'boolean') {
    return value ? 'True' : 'False';
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) ? String(value) : null;
  }
  if (typeof value === 'string') {
    return `'${value}'`;
  }
  if (Array.isArray(value)) {
    const items = value.map(configValue);
    if (items.some(x => x === null)) {
      return null;
    }
    return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
  }
  // Nested configs (an LSTM's cell, a wrapped layer) are not shape facts.
  return null;
}

/**
 * The layer's configuration as the kernel gave it, `name=value` in the
 * payload's order: the attributes its shapes depend on (kernel size,
 * strides, padding, …) and its size (units, filters). Nested configs left out.
 */
export function configFacts(layer: LayerRow | undefined): string[] {
  const config = layer?.kernel?.config;
  if (!config || typeof config !== 'object' || Array.isArray(config)) {
    return [];
  }
  const out: string[] = [];
  for (const [name, value] of Object.entries(config)) {
    const text = configValue(value);
    if (text !== null) {
      out.push(`${name}=${text}`);
    }
  }
  return out;
}

/** The row's dtype policy when it is not plain float32: its name, compute and variable dtypes, quantization. */
export function rowPolicy(layer: LayerRow | undefined): {
  name: string;
  compute: string | null;
  variable: string | null;
  quantization: string | null;
} | null {
  const p = layer?.kernel?.dtype_policy;
  if (!p || typeof p !== 'object' || typeof p.name !== 'string') {
    return null;
  }
  const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
  if (p.name === 'float32' && !str(p.quantization)) {
    return null;
  }
  return {
    name: p.name,
    compute: str(p.compute),
    variable: str(p.variable),
    quantization: str(p.quantization)
  };
}

/**
 * The payload's reference behind `Connected to` entry `k` of a row (the
 * entries are the row's calls' inputs in order), or null.
 */
export function kernelRef(
  layer: LayerRow | undefined,
  k: number
): {
  ref: PayloadRef;
  call: number;
} | null {
  const nodes = layer?.kernel?.nodes;
  if (!Array.isArray(nodes)) {
    return null;
  }
  let i = 0;
  for (const node of nodes) {
    for (const ref of node?.in ?? []) {
      if (i === k) {
        return { ref, call: Number.isInteger(node.index) ? node.index : 0 };
      }
      i++;
    }
  }
  return null;
}
