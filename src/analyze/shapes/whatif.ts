/**
 * The what-if of a kernel summary: what `whatIf` (`../whatif.ts`) gives a
 * parsed text (every row's output shapes with the sizes filled in, its
 * activations' memory, the weights' memory), computed from the shape
 * engine's exact shapes instead of size groups, plus what only they tell:
 * the rows that cannot take the sizes and why, and the sizes no rule gives.
 * The fields to type the sizes in are `exactFields` (once per summary).
 *
 * Pure: no DOM. Never throws.
 */
import type { PayloadRow } from '../../parse/payload-types';
import type { Dim, Summary } from '../../parse/types';
import {
  DEFAULT_DTYPE,
  DTYPES,
  type DtypeName,
  isDtype,
  type RowMemory,
  type Sizes,
  type WhatIf
} from '../whatif';
import { elements as product } from './config';
import { computeShapes } from './engine';
import type { ExactShapes, RowFlag, ShapeFlag, UnknownSize } from './types';

/** One row's what-if, as `whatIf` gives it, and what the kernel's facts add. */
export interface ExactRowMemory extends RowMemory {
  /** Why the row cannot take the sizes (its first call that cannot), or null. */
  flag: ShapeFlag | null;
  /** A row upstream cannot take the sizes: this row is not reached. */
  blocked: boolean;
  /** The activations' bytes at each tensor's own dtype (bfloat16 in mixed precision, bool masks, int ids), or null. */
  modelBytes: number | null;
}

export interface ExactWhatIf extends WhatIf {
  rows: ExactRowMemory[];
  activations: WhatIf['activations'] & {
    /** The counted rows' bytes at their tensors' own dtypes. */
    modelBytes: number;
  };
  /** Rows that cannot take the sizes, in walk order. */
  flags: RowFlag[];
  /** Sizes no rule gives that these sizes leave open (`UnknownSize.key`; the fields: `exactFields`). */
  unknowns: UnknownSize[];
  /** Every tensor's shape (the engine's result). */
  shapes: ExactShapes;
}

/** Bytes per element of a payload dtype name, null when not known. */
function dtypeBytes(name: string | null | undefined): number | null {
  if (!name) {
    return null;
  }
  if (isDtype(name)) {
    return DTYPES[name];
  }
  if (
    name === 'bool' ||
    name === 'uint8' ||
    name === 'float8_e4m3fn' ||
    name === 'float8_e5m2'
  ) {
    return 1;
  }
  const bits = /^(?:u?int|float|complex)(\d+)$/.exec(name);
  return bits ? Number(bits[1]) / 8 : null;
}

/** The sizes any of `tensors` waits for, in order, once each. */
function needsOf(tensors: number[], needs: string[][]): string[] {
  let found: string[] | null = null;
  for (const t of tensors) {
    for (const key of needs[t] ?? []) {
      found = found ?? [];
      if (!found.includes(key)) {
        found.push(key);
      }
    }
  }
  return found ?? [];
}

/** Whether another row already holds this row's outputs (a nested model's own row, a nested InputLayer). */
function heldElsewhere(row: PayloadRow, hasChildren: boolean): boolean {
  return hasChildren || (row.parent !== null && row.class === 'InputLayer');
}

/**
 * The kernel summary's what-if for `sizes` (keyed by `SizeField.key`) at
 * `dtype`; null when the summary has no graph the engine can walk (not a
 * kernel summary, or a subclassed model): use `whatIf` for it.
 */
export function exactWhatIf(
  summary: Summary,
  sizes: Sizes | null | undefined,
  dtype: DtypeName = DEFAULT_DTYPE
): ExactWhatIf | null {
  const shapes = computeShapes(summary, sizes);
  if (shapes.status !== 'ok' || !summary.kernel) {
    return null;
  }
  const name = isDtype(dtype) ? dtype : DEFAULT_DTYPE;
  const bytesPerElement = DTYPES[name];
  const tensors = summary.kernel.tensors;
  const parents = new Set(summary.layers.map(l => l.kernel?.parent ?? null));
  const activations = { bytes: 0, rows: 0, missing: 0, modelBytes: 0 };
  const rows = summary.layers.map((layer, i): ExactRowMemory => {
    const row = layer.kernel as PayloadRow;
    const calls = shapes.rows[i];
    const flag = calls.find(c => c.flag)?.flag ?? null;
    const out =
      row.nodes.length === 1 ? row.nodes[0].out : row.nodes.flatMap(n => n.out);
    const blocked =
      !flag && out.length > 0 && out.every(t => shapes.tensors[t] === null);
    const shown = (
      row.outputs ??
      row.nodes[row.nodes.length - 1]?.out ??
      []
    ).map((t): Dim[] => {
      const shape = shapes.tensors[t] ?? tensors[t]?.shape;
      return shape ?? ['?'];
    });
    const needs = needsOf(out, shapes.needs);
    let elements: number | null = 0;
    let modelBytes: number | null = 0;
    for (const t of out) {
      const shape = shapes.tensors[t];
      const n = shape ? product(shape) : null;
      const each = dtypeBytes(tensors[t]?.dtype);
      elements = n === null || elements === null ? null : elements + n;
      modelBytes =
        n === null || each === null || modelBytes === null
          ? null
          : modelBytes + n * each;
    }
    if (out.length === 0) {
      elements = null;
      modelBytes = null;
    }
    const missing =
      elements !== null ? null : needs.length > 0 ? 'open' : 'unknown';
    const counted = !heldElsewhere(row, parents.has(i));
    if (counted) {
      if (elements === null) {
        activations.missing++;
      } else {
        activations.rows++;
        activations.bytes += elements * bytesPerElement;
        activations.modelBytes += modelBytes ?? 0;
      }
    }
    return {
      shapes: shown,
      calls: Math.max(row.nodes.length, 1),
      elements,
      bytes: elements === null ? null : elements * bytesPerElement,
      missing,
      needs: missing === 'open' ? needs : [],
      counted,
      flag,
      blocked,
      modelBytes
    };
  });
  const totals = summary.kernel.totals;
  const params = totals ? totals.trainable + totals.non_trainable : null;
  const printed = totals?.bytes
    ? totals.bytes.trainable + totals.bytes.non_trainable
    : null;
  return {
    dtype: name,
    bytesPerElement,
    rows,
    activations,
    weights: {
      params,
      bytes: params === null ? null : params * bytesPerElement,
      printedBytes: printed
    },
    flags: shapes.flags,
    unknowns: shapes.unknowns,
    shapes
  };
}
