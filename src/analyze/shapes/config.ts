/**
 * Reading a layer's config facts as the payload sends them (JSON: numbers,
 * lists, strings, null) into what the shape rules need, with Keras's own
 * defaults where a fact is absent, and small shape helpers the rule
 * families share.
 */
import type { RuleCall, Shape, ShapeRule, Size } from './types';

type Config = Readonly<Record<string, unknown>>;

const isInt = (v: unknown): v is number => Number.isInteger(v);

/** An int or a list of ints as `n` ints (Keras's `standardize_tuple`); null when it is neither. */
export function intTuple(value: unknown, n: number): number[] | null {
  if (isInt(value)) {
    return Array.from({ length: n }, () => value);
  }
  if (Array.isArray(value) && value.length === n && value.every(isInt)) {
    return value as number[];
  }
  return null;
}

/** `config[key]` as `n` ints, `fallback` when absent (null when present but odd). */
export function tupleOf(
  config: Config,
  key: string,
  n: number,
  fallback: number | null
): number[] | null {
  const value = config[key];
  if (value === undefined || value === null) {
    return fallback === null ? null : intTuple(fallback, n);
  }
  return intTuple(value, n);
}

/**
 * Padding or cropping amounts as `n` (before, after) pairs: an int, `n` ints
 * (symmetric) or `n` pairs; for one axis also one pair.
 */
export function pairs(value: unknown, n: number): [number, number][] | null {
  if (isInt(value)) {
    return Array.from({ length: n }, () => [value, value]);
  }
  if (!Array.isArray(value)) {
    return null;
  }
  if (n === 1 && value.length === 2 && value.every(isInt)) {
    return [[value[0], value[1]]];
  }
  if (value.length !== n) {
    return null;
  }
  const out: [number, number][] = [];
  for (const item of value) {
    if (isInt(item)) {
      out.push([item, item]);
    } else if (Array.isArray(item) && item.length === 2 && item.every(isInt)) {
      out.push([item[0], item[1]]);
    } else {
      return null;
    }
  }
  return out;
}

export function stringOf(
  config: Config,
  key: string,
  fallback: string
): string {
  const value = config[key];
  return typeof value === 'string' ? value.toLowerCase() : fallback;
}

export function intOf(config: Config, key: string): number | null {
  const value = config[key];
  return isInt(value) ? value : null;
}

export function boolOf(
  config: Config,
  key: string,
  fallback: boolean
): boolean {
  const value = config[key];
  return typeof value === 'boolean' ? value : fallback;
}

/** Whether channels come first (`data_format: channels_first`); Keras's default is last. */
export function channelsFirst(config: Config): boolean {
  return stringOf(config, 'data_format', 'channels_last') === 'channels_first';
}

/**
 * The axes of the `n` spatial dimensions of a tensor of `rank`: after the
 * batch (and the channels when they come first), before the channels
 * otherwise.
 */
export function spatialAxes(rank: number, n: number, first: boolean): number[] {
  const start = first ? rank - n : rank - n - 1;
  const axes = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    axes[i] = start + i;
  }
  return axes;
}

/** Python's `a[k]` for a negative `k` too; undefined when out of range. */
export function axisIndex(axis: number, rank: number): number | undefined {
  const k = axis < 0 ? axis + rank : axis;
  return k >= 0 && k < rank ? k : undefined;
}

/** `size` times `by`, or null when the size is not known. */
export const times = (size: Size, by: number): Size =>
  size === null ? null : size * by;

/** `size` plus `by`, or null when the size is not known. */
export const plus = (size: Size, by: number): Size =>
  size === null ? null : size + by;

/** The product of a shape's sizes, null when one is not known. */
export function elements(shape: readonly Size[]): Size {
  let n = 1;
  for (const d of shape) {
    if (d === null) {
      return null;
    }
    n *= d;
  }
  return n;
}

/** The first input, or undefined when the call has none. */
export const first = (call: RuleCall): Shape | undefined => call.inputs[0];

/** A rule that keeps its first input's shape (activations, normalization, dropout, …). */
export const keepShape: ShapeRule = call => {
  const x = first(call);
  return x ? { shapes: call.outputs.map(() => x.slice()) } : null;
};

/**
 * A rule for layers whose output keeps only the batch of the input, the
 * other sizes fixed by the layer (Resizing, CenterCrop, RandomCrop, adaptive
 * pooling): the payload's sizes stand for them.
 */
export const keepBatch: ShapeRule = call => {
  const x = first(call);
  if (!x) {
    return null;
  }
  return {
    shapes: call.outputs.map(out => out.map((_, k) => (k === 0 ? x[0] : null)))
  };
};

/** The same rule under every name. */
export function table(
  names: readonly string[],
  rule: ShapeRule
): Record<string, ShapeRule> {
  const out: Record<string, ShapeRule> = {};
  for (const name of names) {
    out[name] = rule;
  }
  return out;
}

/** Class names written as words separated by white space. */
export const names = (text: string): string[] =>
  text.split(/\s+/).filter(Boolean);
