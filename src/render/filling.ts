/**
 * Chunked filling of a table's rows. Above a threshold, rows are added in
 * chunks between frames: the first chunk (a screenful and more) shows and
 * works at once, and the table is whole a few dozen frames later (`ready`).
 * Building, styling and laying out a row costs about the same wherever it
 * is, so a 1,000-row table would otherwise block the page for the whole of
 * it. A row needed before its chunk (a jump to it, an explanation to open
 * again) is built at once with every row before it (`upTo`).
 */
import type { RowChunks } from './types';

/**
 * Above this many rows, rows are added in chunks between frames (the
 * default of `SummaryViewOptions.rowChunks.threshold`).
 */
export const CHUNK_THRESHOLD = 200;
/**
 * Rows in the first chunk (about a screenful: it is built, laid out and
 * painted before the output shows) and at least in every later one.
 */
export const CHUNK_SIZE = 40;
/**
 * Later chunks go on adding rows for this long (ms). With blocks, a chunk's
 * rows are laid out alone (blocks.ts), so every frame of the fill costs
 * about the same, from the first chunk to the last.
 */
const CHUNK_MS = 25;

/**
 * Above this many rows a summary is not shown as a table: a page holding
 * it would take minutes to fill and more memory than a tab may have. The
 * view shows the original text and says why.
 */
export const MAX_TABLE_ROWS = 100000;

/** The chunking asked for, with the defaults for what is missing or not a number. */
export function chunking(given: RowChunks | undefined): {
  threshold: number;
  size: number;
} {
  const threshold = Number(given?.threshold ?? CHUNK_THRESHOLD);
  const size = Number(given?.size ?? CHUNK_SIZE);
  return {
    threshold: Number.isFinite(threshold)
      ? Math.max(0, threshold)
      : CHUNK_THRESHOLD,
    size: Number.isFinite(size) && size >= 1 ? Math.floor(size) : CHUNK_SIZE
  };
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

export interface TableFillOptions {
  total: number;
  chunks?: RowChunks;
  /** Builds row `index` (never throws: it gives a plain row if need be). */
  build: (index: number) => HTMLTableRowElement;
  /** Rows `from` … `from + rows.length - 1` were built, to put into the table. */
  added: (rows: HTMLTableRowElement[], from: number) => void;
}

export class TableFill {
  constructor(options: TableFillOptions) {
    this._options = options;
    this.total = Math.max(0, options.total);
    this._chunks = chunking(options.chunks);
    this.ready = new Promise<void>(resolve => {
      this._resolve = resolve;
    });
  }

  readonly total: number;

  /** Resolves when every row is built (or the fill is stopped). */
  readonly ready: Promise<void>;

  /** The rows built so far: `rows[i]` is row i. */
  get rows(): ReadonlyArray<HTMLTableRowElement> {
    return this._rows;
  }

  get built(): number {
    return this._rows.length;
  }

  /** Row `index` of a built row, or -1. */
  indexOf(row: Element): number {
    return this._index.get(row) ?? -1;
  }

  /** Build the first chunk now (every row of a small table), the rest between frames. */
  start(): void {
    const { threshold, size } = this._chunks;
    this.upTo(this.total > threshold ? size : this.total);
    this._schedule();
  }

  /**
   * Build rows up to (not including) `end`; with `until` (a time from
   * performance.now()), go on past `end` until then.
   */
  upTo(end: number, until = 0): void {
    if (this._stopped || this.built >= Math.min(end, this.total)) {
      return;
    }
    const from = this.built;
    const added: HTMLTableRowElement[] = [];
    for (let i = from; i < this.total && (i < end || now() < until); i++) {
      const row = this._options.build(i);
      this._index.set(row, i);
      this._rows.push(row);
      added.push(row);
    }
    this._options.added(added, from);
    if (this.built >= this.total) {
      this._resolve();
    }
  }

  /** Stop adding rows; `ready` resolves (nobody waits forever for a table replaced). */
  stop(): void {
    this._stopped = true;
    this._cancel?.();
    this._cancel = null;
    this._resolve();
  }

  /** Fill the rest between frames. */
  private _schedule(): void {
    if (this._stopped || this.built >= this.total) {
      this._resolve();
      return;
    }
    const run = () => {
      this._cancel = null;
      if (this._stopped) {
        return;
      }
      this.upTo(this.built + this._chunks.size, now() + CHUNK_MS);
      this._schedule();
    };
    // After the next frame is painted, not before it: a chunk built in a
    // frame callback would hold back the paint of the rows already there.
    let timer: ReturnType<typeof setTimeout> | null = null;
    if (typeof requestAnimationFrame === 'function') {
      const frame = requestAnimationFrame(() => {
        timer = setTimeout(run, 0);
      });
      this._cancel = () => {
        cancelAnimationFrame(frame);
        if (timer !== null) {
          clearTimeout(timer);
        }
      };
    } else {
      timer = setTimeout(run, 0);
      this._cancel = () => clearTimeout(timer!);
    }
  }

  private readonly _options: TableFillOptions;
  private readonly _chunks: { threshold: number; size: number };
  private readonly _rows: HTMLTableRowElement[] = [];
  private readonly _index = new WeakMap<Element, number>();
  private _resolve: () => void = () => undefined;
  private _cancel: (() => void) | null = null;
  private _stopped = false;
}
