/**
 * Item 1. Parser throughput on real summaries scaled up: the captured
 * ResNet50 tables (177 layers) with their rows repeated to 100, 1,000,
 * 10,000 and 100,000 layers, as Keras 3 prints them to stdout (rich box
 * table), as tf.keras 2 prints them (ASCII), and as Keras 3 displays them
 * by default (rich's HTML).
 *
 * Prints MB/s (UTF-8 bytes of input), µs per layer, and how the time grows
 * from one size to the next (10× the layers should cost 10× the time).
 * Targets: ≥ 50 MB/s; linear growth, read as: the time per layer at each
 * size is at most 1.5× the time per layer at the size before.
 *
 * Run: `make bench` (bundled by esbuild into .make/bench/parser.bench.js).
 */
import { parseText } from '../src/parse';
import { count, median, Report } from './report';
import { Flavour, scaled } from './scale';

const SIZES = [100, 1000, 10000, 100000];
const TARGET_MBS = 50;
const MAX_STEP = 1.5;

/** A full collection, when node runs with --expose-gc (make bench does). */
const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/**
 * Median time of `runs` parses back to back (after a collection and one
 * untimed parse), and the layers found. Back to back, each parse pays for
 * collecting garbage as it comes, its own or the previous parse's: the
 * steady state of a renderer that parses output after output. (A full
 * collection before every parse would instead charge each one for the
 * heap's recovery from it, which small inputs never see in use.)
 */
function time(text: string, runs: number): { ms: number; layers: number } {
  collect();
  let layers = parseText(text).summaries[0]?.layers.length ?? 0;
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t0 = process.hrtime.bigint();
    const result = parseText(text);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    layers = result.summaries[0]?.layers.length ?? 0;
  }
  return { ms: median(times), layers };
}

const report = new Report('parser.json', 'Item 1: parser');
const FLAVOURS: [Flavour, string][] = [
  ['rich', 'Keras 3 rich table on stdout'],
  ['ascii', 'tf.keras 2 ASCII table on stdout'],
  ['html', "Keras 3 default display: rich's HTML"]
];
for (const [flavour] of FLAVOURS) {
  // Warm the JIT on the real table before timing anything.
  time(scaled(flavour, 1000), 20);
  let previous: { perLayer: number; ms: number } | null = null;
  for (const n of SIZES) {
    const text = scaled(flavour, n);
    const bytes = Buffer.byteLength(text, 'utf-8');
    const runs = n >= 100000 ? 9 : n >= 10000 ? 31 : n >= 1000 ? 61 : 201;
    const { ms, layers } = time(text, runs);
    if (layers !== n) {
      throw new Error(`${flavour}: expected ${n} layers, parsed ${layers}`);
    }
    const mbs = bytes / 1e6 / (ms / 1000);
    const perLayer = (ms * 1000) / n;
    const name = `${flavour} ${count(n)} layers (${(bytes / 1e6).toFixed(2)} MB)`;
    report.add({
      item: 1,
      name: `${name}: throughput`,
      value: `${mbs.toFixed(1)} MB/s`,
      target: `≥ ${TARGET_MBS} MB/s`,
      pass: mbs >= TARGET_MBS,
      note: `${ms.toFixed(2)} ms, ${perLayer.toFixed(2)} µs/layer`
    });
    if (previous) {
      const step = perLayer / previous.perLayer;
      report.add({
        item: 1,
        name: `${name}: growth from ${count(n / 10)}`,
        value: `time ×${(ms / previous.ms).toFixed(1)}`,
        target: `linear (×10, per layer ≤ ${MAX_STEP}×)`,
        pass: step <= MAX_STEP,
        note: `per layer ×${step.toFixed(2)}`
      });
    }
    previous = { perLayer, ms };
  }
}
report.note(
  'Inputs: the captured ResNet50 summaries (fixtures/keras3-print.ipynb, tfkeras2.ipynb, ' +
    'keras3-display.ipynb) with their 177 rows repeated; time = median of 5–201 parses back to back ' +
    'with parseText (normalize, scan, read rows, parse shapes, checks) in node ' +
    process.version +
    '.'
);
report.save();
