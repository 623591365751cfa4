/**
 * What if the open dimensions had sizes: give the batch and each variable
 * dimension a size, get every output shape in numbers, the memory each
 * layer's output takes (its activations) and the weights' memory.
 *
 * Sizes are keyed by size group (`DimFact.sizeGroup`, 'batch' for the
 * batch): a dimension keeps its size through layers that do not resize it,
 * and a convolution or pooling starts a new group, since its output size
 * depends on kernel, strides and padding the summary does not print.
 *
 * Pure: no DOM. Rows whose shape is not known (`?`, `multiple`, text) or
 * that need a size left empty have no memory, and are counted apart.
 */
import type { Dim, LayerRow, Summary, Totals } from '../parse/types';
import type { SummaryFacts } from './types';

/** The data types the what-if offers, with their sizes in bytes. */
export const DTYPES = {
  float32: 4,
  float16: 2,
  bfloat16: 2,
  float64: 8,
  int8: 1
} as const;

export type DtypeName = keyof typeof DTYPES;

export const DEFAULT_DTYPE: DtypeName = 'float32';

export const DTYPE_NAMES = Object.keys(DTYPES) as DtypeName[];

export function isDtype(name: unknown): name is DtypeName {
  return typeof name === 'string' && Object.hasOwn(DTYPES, name);
}

/** Size group id → size. Only whole numbers of 1 or more count; anything else is left open. */
export type Sizes = Readonly<Record<string, number>>;

/** The largest size accepted for one dimension. */
export const MAX_SIZE = 2 ** 31 - 1;

/** Whether `n` can be the size of a dimension. */
export function isSize(n: unknown): n is number {
  return Number.isInteger(n) && (n as number) >= 1 && (n as number) <= MAX_SIZE;
}

/** Why a row has no memory figure. */
export type Missing =
  /** A size the row needs was left empty (`needs` says which). */
  | 'open'
  /** The shape is not known: `?`, `multiple`, a cell cut short, or one that is not shapes. */
  | 'unknown';

export interface RowMemory {
  /** The printed call's output shapes, sizes filled in; null where a size is still open. */
  shapes: Dim[][];
  /** How many calls the row's memory covers (a shared layer holds one output per call). */
  calls: number;
  /** Elements of every output of every call, or null (see `missing`). */
  elements: number | null;
  /** `elements` × the dtype's size in bytes, or null. */
  bytes: number | null;
  missing: Missing | null;
  /** The size groups left empty that the row needs, in order of appearance. */
  needs: string[];
  /**
   * Whether the total counts this row: a nested model's own row (its output
   * is its last inner row's) and a nested InputLayer (the tensor fed in) are
   * already held by other rows.
   */
  counted: boolean;
}

export interface WhatIf {
  dtype: DtypeName;
  bytesPerElement: number;
  rows: RowMemory[];
  activations: {
    /** Bytes of the counted rows with known memory. */
    bytes: number;
    /** Counted rows with known memory. */
    rows: number;
    /** Counted rows left out: their shape is not known or needs a size. */
    missing: number;
  };
  weights: {
    /** The model's weights: trainable + non-trainable (optimizer state apart), or null. */
    params: number | null;
    /** `params` × the dtype's size, or null. */
    bytes: number | null;
    /** What Keras printed for the same weights, in bytes (from the totals' sizes), or null. */
    printedBytes: number | null;
  };
}

/** The sizes that stand: whole numbers of 1 or more. */
function validSizes(sizes: Sizes | null | undefined): Map<string, number> {
  const valid = new Map<string, number>();
  for (const [key, value] of Object.entries(sizes ?? {})) {
    if (isSize(value)) {
      valid.set(key, value);
    }
  }
  return valid;
}

/** Rows whose outputs other rows already hold (see `RowMemory.counted`). */
function heldElsewhere(layers: LayerRow[], i: number): boolean {
  const depth = layers[i].depth | 0;
  const next = layers[i + 1];
  if (next && (next.depth | 0) > depth) {
    return true;
  }
  return depth > 0 && layers[i].type === 'InputLayer';
}

function product(shape: Dim[]): number | null {
  let n = 1;
  for (const d of shape) {
    if (typeof d !== 'number') {
      return null;
    }
    n *= d;
  }
  return n;
}

function rowMemory(
  layer: LayerRow,
  i: number,
  summary: Summary,
  facts: SummaryFacts,
  sizes: Map<string, number>,
  bytesPerElement: number
): RowMemory {
  const row = facts.layers[i];
  const counted = !heldElsewhere(summary.layers, i);
  // A shape cut at the column's edge (old ASCII printers) lost axes or
  // digits: its element count is not known.
  const known =
    layer.shapeKind === 'tensors' &&
    layer.tensors.length > 0 &&
    layer.shapeCut === undefined;
  const needs: string[] = [];
  const need = (group: string) => {
    if (!needs.includes(group)) {
      needs.push(group);
    }
  };
  // The size of axis 0 and the fixed axes: the same in every call.
  const base = (layer.tensors ?? []).map(shape =>
    shape.map((d, axis): Dim => {
      if (axis === 0 && d === null) {
        const b = sizes.get('batch');
        if (b === undefined) {
          need('batch');
          return null;
        }
        return b;
      }
      return d;
    })
  );
  const calls = row?.calls?.length ? row.calls : [{ open: [] }];
  const filled = calls.map(call => {
    const shapes = base.map(s => [...s]);
    for (const open of call.open) {
      const size = sizes.get(open.sizeGroup);
      if (shapes[open.tensor] && open.axis < shapes[open.tensor].length) {
        shapes[open.tensor][open.axis] = size ?? null;
      }
      if (size === undefined) {
        need(open.sizeGroup);
      }
    }
    return shapes;
  });
  const shapes = filled[filled.length - 1];
  let elements: number | null = null;
  let missing: Missing | null = null;
  if (!known || shapes.some(s => s.some(d => d === '?'))) {
    missing = 'unknown';
  } else if (needs.length > 0) {
    missing = 'open';
  } else {
    elements = 0;
    for (const call of filled) {
      for (const shape of call) {
        elements += product(shape) ?? 0;
      }
    }
  }
  return {
    shapes,
    calls: calls.length,
    elements,
    bytes: elements === null ? null : elements * bytesPerElement,
    missing,
    needs: missing === 'open' ? needs : [],
    counted
  };
}

/** The model's weights count, optimizer state apart. */
function weightParams(summary: Summary): number | null {
  const t = summary.totals ?? ({} as Totals);
  const num = (n: number | null | undefined) =>
    typeof n === 'number' && Number.isFinite(n) ? n : null;
  const trainable = num(t.trainable);
  const frozen = num(t.nonTrainable);
  if (trainable !== null && frozen !== null) {
    return trainable + frozen;
  }
  const total = num(t.total);
  if (total !== null) {
    return total - (num(t.optimizer) ?? 0);
  }
  const rows = summary.layers.filter(
    (l, i) => typeof l.params === 'number' && !heldElsewhere(summary.layers, i)
  );
  return rows.length > 0
    ? rows.reduce((n, l) => n + (l.params as number), 0)
    : null;
}

const UNITS: Record<string, number> = {
  B: 1,
  Byte: 1,
  Bytes: 1,
  KB: 1024,
  MB: 1024 ** 2,
  GB: 1024 ** 3,
  TB: 1024 ** 4,
  PB: 1024 ** 5
};

/** `397.54 KB` (Keras 3) or `544.00 Byte` (tf.keras) → bytes; null when not a size. */
export function parseByteSize(text: string | undefined): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]+)\s*$/.exec(text ?? '');
  if (!m || !(m[2] in UNITS)) {
    return null;
  }
  return Number(m[1]) * UNITS[m[2]];
}

/** What Keras printed for the model's weights, in bytes. */
function printedWeightBytes(totals: Totals | undefined): number | null {
  if (!totals) {
    return null;
  }
  const trainable = parseByteSize(totals.trainableSize);
  const frozen = parseByteSize(totals.nonTrainableSize);
  if (trainable !== null && frozen !== null) {
    return trainable + frozen;
  }
  return totals.optimizer ? null : parseByteSize(totals.totalSize);
}

/**
 * Two decimals as Python's `'{:.2f}'` writes them. Both round the exact
 * binary value; they differ only on exact ties (odd multiples of 1/8, such
 * as 1.625), where Python rounds to even and `toFixed` up.
 */
function twoDecimals(n: number): string {
  const eighths = n * 8;
  if (Number.isInteger(eighths) && Math.abs(eighths) % 2 === 1) {
    const floor = Math.floor(n * 100);
    const even = floor % 2 === 0 ? floor : floor + 1;
    return (even / 100).toFixed(2);
  }
  return n.toFixed(2);
}

/** Bytes the way Keras prints them: 1024 per unit, two decimals (`397.54 KB`). */
export function readableBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let n = bytes;
  for (const unit of units) {
    if (n / 1024 < 1) {
      return `${twoDecimals(n)} ${unit}`;
    }
    n /= 1024;
  }
  return `${twoDecimals(n)} ${units[units.length - 1]}`;
}

/**
 * Every row's memory for the given sizes and dtype, the activations' total
 * and the weights' memory. Never throws for odd summaries: rows it cannot
 * size are `missing`.
 */
export function whatIf(
  summary: Summary,
  facts: SummaryFacts,
  sizes: Sizes | null | undefined,
  dtype: DtypeName = DEFAULT_DTYPE
): WhatIf {
  const name = isDtype(dtype) ? dtype : DEFAULT_DTYPE;
  const bytesPerElement = DTYPES[name];
  const valid = validSizes(sizes);
  const rows = summary.layers.map((layer, i) =>
    rowMemory(layer, i, summary, facts, valid, bytesPerElement)
  );
  const activations = { bytes: 0, rows: 0, missing: 0 };
  for (const row of rows) {
    if (!row.counted) {
      continue;
    }
    if (row.bytes === null) {
      activations.missing++;
    } else {
      activations.bytes += row.bytes;
      activations.rows++;
    }
  }
  const params = weightParams(summary);
  return {
    dtype: name,
    bytesPerElement,
    rows,
    activations,
    weights: {
      params,
      bytes: params === null ? null : params * bytesPerElement,
      printedBytes: printedWeightBytes(summary.totals)
    }
  };
}

/**
 * The size groups a summary's what-if can ask for, in order: the batch
 * (when some axis 0 is `None`), then each variable dimension's own size,
 * each followed by the sizes layers derived from it.
 */
export function sizeGroupsOf(summary: Summary, facts: SummaryFacts): string[] {
  const found = new Set<string>();
  summary.layers.forEach((layer, i) => {
    for (const shape of layer.tensors ?? []) {
      if (shape[0] === null) {
        found.add('batch');
      }
    }
    for (const call of facts.layers[i]?.calls ?? []) {
      for (const open of call.open) {
        found.add(open.sizeGroup);
      }
    }
  });
  const groups = Object.keys(facts.sizeGroups).filter(g => found.has(g));
  // The batch, each dimension's own size, then the derived sizes in row
  // order (the order a reader meets them in the table).
  const lineageIndex = (g: string) =>
    Number(facts.sizeGroups[g].lineage.replace(/^v/, '')) || 0;
  const rank = (g: string): number[] => {
    if (g === 'batch') {
      return [-1, 0, 0];
    }
    const info = facts.sizeGroups[g];
    return info.derived
      ? [1, info.origin ?? 0, lineageIndex(g)]
      : [0, lineageIndex(g), 0];
  };
  return groups.sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    for (let k = 0; k < ra.length; k++) {
      if (ra[k] !== rb[k]) {
        return ra[k] - rb[k];
      }
    }
    return 0;
  });
}
