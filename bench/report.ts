/**
 * How every bench reports: one printed line per figure, with its target and
 * PASS or MISS beside it, and the same rows saved as JSON under
 * .make/bench/results/ so that bench/write_report.mjs can put the last run
 * into BENCHMARKS.md.
 */
import * as fs from 'fs';
import * as path from 'path';

export interface Figure {
  /** The item: 1 parser, 2 ordinary output, 3 browser, 4 streaming, 5 footprint. */
  item: number;
  /** What was measured, e.g. `rich 10,000 layers`. */
  name: string;
  /** The figure as printed, e.g. `87.3 MB/s`. */
  value: string;
  /** The target as printed, e.g. `≥ 50 MB/s`; empty for context figures. */
  target: string;
  /** null: a figure given for context, with no target of its own. */
  pass: boolean | null;
  /** Anything a reader needs to read the figure right. */
  note?: string;
}

export class Report {
  constructor(
    private readonly file: string,
    private readonly title: string
  ) {
    console.log(`\n== ${title}`);
  }

  add(figure: Figure): void {
    this.figures.push(figure);
    const mark = figure.pass === null ? '    ' : figure.pass ? 'PASS' : 'MISS';
    const target = figure.target ? `target ${figure.target}` : '';
    console.log(
      `  ${mark}  ${figure.name.padEnd(44)} ${figure.value.padStart(22)}  ${target}` +
        (figure.note ? `  (${figure.note})` : '')
    );
  }

  /** Context printed under the figures (how it was measured). */
  note(text: string): void {
    this.notes.push(text);
    console.log(`        ${text}`);
  }

  save(): void {
    const dir = path.join(resultsDir());
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
      path.join(dir, this.file),
      JSON.stringify(
        { title: this.title, figures: this.figures, notes: this.notes },
        null,
        1
      )
    );
    const missed = this.figures.filter(f => f.pass === false).length;
    console.log(
      missed === 0
        ? `  -> ${this.title}: every target met`
        : `  -> ${this.title}: ${missed} target(s) missed`
    );
  }

  readonly figures: Figure[] = [];
  readonly notes: string[] = [];
}

/** Where results go: $BENCH_RESULTS, else .make/bench/results under the project. */
export function resultsDir(): string {
  if (process.env.BENCH_RESULTS) {
    return process.env.BENCH_RESULTS;
  }
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) {
      break;
    }
    dir = up;
  }
  return path.join(dir, '.make', 'bench', 'results');
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** `12345` → `12,345`. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}
