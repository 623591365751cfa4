/**
 * Building blocks for parameter formulas: number formatting, shape reading,
 * and the two result builders. `made` refuses to return a formula whose
 * terms do not add up to the printed count, so no caller can produce one.
 */
import { formatCount } from '../format';
import type { TensorShape } from '../../parse/types';
import type { ParamFormula, ParamTerm } from './types';

/** `1 input channel`, `3 input channels`. */
export function channels(n: number, kind = ''): string {
  return `${formatCount(n)} ${kind}channel${n === 1 ? '' : 's'}`;
}

/** A positive integer size, or null for `None`, `?` or a missing axis. */
export function size(d: unknown): number | null {
  return typeof d === 'number' && Number.isInteger(d) && d > 0 ? d : null;
}

/** The last axis of a shape (channels, features, units), when known. */
export function lastDim(shape: TensorShape | null | undefined): number | null {
  return shape && shape.length > 1 ? size(shape[shape.length - 1]) : null;
}

/** `a / b` when it divides exactly, else null. */
export function div(a: number, b: number): number | null {
  return b > 0 && a % b === 0 ? a / b : null;
}

/** The integer r with r^n === value, or null. */
export function intRoot(value: number, n: number): number | null {
  const r = Math.round(Math.pow(value, 1 / n));
  for (const c of [r - 1, r, r + 1]) {
    if (c > 0 && Math.pow(c, n) === value) {
      return c;
    }
  }
  return null;
}

export function term(label: string, value: number, text: string): ParamTerm {
  return { label, value, text };
}

export interface Extra {
  notes?: string[];
  nonTrainable?: { value: number; why: string };
}

/**
 * A matching formula: `<expr> = <count>`. Falls back to "not explained"
 * if the terms do not add up to the count (a guard: callers compute the
 * terms from the same numbers as the expression).
 */
export function made(
  count: number,
  expr: string,
  terms: ParamTerm[],
  extra: Extra = {}
): ParamFormula {
  const sum = terms.reduce((s, t) => s + t.value, 0);
  if (sum !== count) {
    return unexplained(count, `${expr} gives ${formatCount(sum)}`, extra.notes);
  }
  const result: ParamFormula = {
    text: `${expr} = ${formatCount(count)}`,
    matches: true,
    terms,
    notes: extra.notes ?? []
  };
  if (extra.nonTrainable) {
    result.nonTrainable = extra.nonTrainable;
  }
  return result;
}

/** No known formula gives the count: say so, still ending with `= <count>`. */
export function unexplained(
  count: number,
  why: string,
  notes: string[] = []
): ParamFormula {
  return {
    text: `not explained: ${why}; Param # = ${formatCount(count)}`,
    matches: false,
    terms: [],
    notes
  };
}

/** `3` (1D), `3×3` (2D), `3×3×3` (3D) for a cube kernel of side k. */
export function cube(k: number, rank: number): string {
  return Array(rank).fill(String(k)).join('×');
}

/**
 * How to write a kernel of `positions` positions in `rank` dimensions, and
 * what to say about it: a square (cube) kernel when one fits, which is an
 * assumption as soon as another shape (1×9 for 3×3) would fit too.
 */
export function kernelShape(
  positions: number,
  rank: number
): { text: string; square: boolean; side: number | null; assumed: boolean } {
  if (rank <= 1) {
    return {
      text: String(positions),
      square: true,
      side: positions,
      assumed: false
    };
  }
  const side = intRoot(positions, rank);
  if (side !== null) {
    return { text: cube(side, rank), square: true, side, assumed: side > 1 };
  }
  return { text: String(positions), square: false, side: null, assumed: false };
}

/** A note on an inferred kernel: `kernel size 3×3 inferred from the count and the 3 input channels …`. */
export function kernelNote(
  positions: number,
  rank: number,
  from: string
): string {
  const k = kernelShape(positions, rank);
  if (k.square) {
    const assumption = k.assumed
      ? ` (assumed ${rank === 2 ? 'square' : 'a cube'}: any kernel of ${positions} positions, e.g. ${oneBy(positions, rank)}, gives the same count)`
      : '';
    return `kernel size ${k.text} inferred from the count ${from}${assumption}`;
  }
  return (
    `a kernel of ${positions} positions inferred from the count ${from}; it is not ` +
    `${rank === 2 ? 'square' : 'a cube'} (e.g. ${oneBy(positions, rank)}) and its shape is not printed`
  );
}

function oneBy(positions: number, rank: number): string {
  return [...Array(rank - 1).fill('1'), String(positions)].join('×');
}

/** Factor pairs `h × k` of n with h ≥ 2, smallest h first (for heads × key size). */
export function splits(n: number, max = 3): string[] {
  const out: string[] = [];
  for (let h = 2; h <= n && out.length < max; h++) {
    if (n % h === 0) {
      out.push(`${h} heads of ${n / h}`);
    }
  }
  return out;
}
