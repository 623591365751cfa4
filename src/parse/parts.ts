/**
 * The parts of a summary printed around its table: the `Model: "name"`
 * heading and the totals lines. rich sends each of them to Jupyter as an
 * output of its own (a piece), so each must be readable alone.
 */
import type { Totals } from './types';

/** `Model: "sequential"` → `sequential`. Returns null for any other line. */
export function readHeading(line: string): string | null {
  let t = line.trim();
  if (t.startsWith('INFO:absl:')) {
    // Keras 3 with interactive logging off logs the summary as one absl
    // message: Python's logging puts its prefix before the first line.
    t = t.slice(10);
  }
  if (!t.startsWith('Model: ')) {
    return null;
  }
  const rest = t.slice(7).trim();
  if (rest.length >= 2 && rest.startsWith('"') && rest.endsWith('"')) {
    return rest.slice(1, -1);
  }
  // Early Keras 2 printers wrote the name without quotes.
  return rest.length > 0 && !rest.includes(' ') ? rest : null;
}

export type TotalsKey = 'total' | 'trainable' | 'nonTrainable' | 'optimizer';

export interface TotalsLine {
  key: TotalsKey;
  count: number;
  /** Byte size as printed, e.g. `397.54 KB`. */
  size?: string;
}

const TOTALS_LABELS: Record<string, TotalsKey> = {
  'Total params': 'total',
  'Trainable params': 'trainable',
  'Non-trainable params': 'nonTrainable',
  'Optimizer params': 'optimizer'
};

/** ` Total params: 101,770 (397.54 KB)` and its siblings; Keras 2 omits commas. */
export function readTotalsLine(line: string): TotalsLine | null {
  const t = line.trim();
  const colon = t.indexOf(': ');
  if (colon === -1) {
    return null;
  }
  const key = TOTALS_LABELS[t.slice(0, colon)];
  if (!key) {
    return null;
  }
  // The count and its size; words a notebook's author wrote after them
  // (`Total params: 11,230,948 [11 million!]`) are left out. Keras 2.0.0-2.0.3
  // summed the counts with `np.sum`, which gives a float for no weights, so a
  // count can end in `.0` (`Total params: 407,050.0`, `Non-trainable params: 0.0`).
  const m = /^(\d[\d,]*)(?:\.0)?(?![\d.,])(?:\s+\(([^()]*)\))?/.exec(
    t.slice(colon + 2).trim()
  );
  if (!m) {
    return null;
  }
  const result: TotalsLine = { key, count: Number(m[1].replace(/,/g, '')) };
  if (m[2] !== undefined) {
    result.size = m[2];
  }
  return result;
}

export function emptyTotals(): Totals {
  return { total: null, trainable: null, nonTrainable: null, optimizer: null };
}

const SIZE_FIELD: Record<TotalsKey, keyof Totals> = {
  total: 'totalSize',
  trainable: 'trainableSize',
  nonTrainable: 'nonTrainableSize',
  optimizer: 'optimizerSize'
};

export function applyTotalsLine(totals: Totals, line: TotalsLine): void {
  totals[line.key] = line.count;
  if (line.size !== undefined) {
    (totals as unknown as Record<string, unknown>)[SIZE_FIELD[line.key]] =
      line.size;
  }
}

/** Whether some totals line printed a byte size, as Keras 3's all do. */
export function printsSizes(totals: Totals): boolean {
  return Object.values(SIZE_FIELD).some(k => totals[k] !== undefined);
}
