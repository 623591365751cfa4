/**
 * The what-if sizes and memory, over every real fixture: expectations come
 * from the printed text (shapes read with a regular expression here, the
 * sizes Keras printed in the totals), not from the code under test.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  analyzeSummary,
  DTYPES,
  parseByteSize,
  readableBytes,
  sizeGroupsOf,
  whatIf
} from '..';
import { parseNotebookJson, parseText } from '../../parse';
import type { Summary } from '../../parse';
import { FIXTURES_DIR } from '../../testing/fixtures';
import { SHARED_LSTM_SUMMARY, STATES_SUMMARY } from './captured';

const NOTEBOOKS = fs
  .readdirSync(FIXTURES_DIR)
  .filter(f => f.endsWith('.ipynb'))
  .sort();

const ALL: [string, Summary][] = NOTEBOOKS.flatMap(file =>
  parseNotebookJson(fs.readFileSync(path.join(FIXTURES_DIR, file), 'utf8')).map(
    (s, k): [string, Summary] => [`${file}#${k} ${s.model ?? ''}`, s]
  )
);

function captured(text: string): Summary {
  const [summary] = parseText(text).summaries;
  if (!summary) {
    throw new Error('the captured text holds no summary');
  }
  return summary;
}

/** The tuples of a printed Output Shape cell, read with a regular expression. */
function printedTuples(text: string): string[][] {
  return [...text.matchAll(/\(([^()]*)\)/g)].map(m =>
    m[1]
      .split(',')
      .map(s => s.trim())
      .filter(s => s !== '')
  );
}

/** Elements of a printed shape with None at axis 0 = b and every other None = v. */
function printedElements(text: string, b: number, v: number): number {
  return printedTuples(text).reduce(
    (sum, tuple) =>
      sum +
      tuple.reduce(
        (n, d, axis) => n * (d === 'None' ? (axis === 0 ? b : v) : Number(d)),
        1
      ),
    0
  );
}

/** Every size group of a summary set to one value, the batch to another. */
function uniform(summary: Summary, b: number, v: number) {
  const facts = analyzeSummary(summary);
  const sizes: Record<string, number> = {};
  for (const group of sizeGroupsOf(summary, facts)) {
    sizes[group] = group === 'batch' ? b : v;
  }
  return { facts, sizes };
}

/** Names referenced with a node index above 0: the shared layers. */
function sharedNames(summary: Summary): Set<string> {
  const names = new Set<string>();
  for (const layer of summary.layers) {
    for (const ref of layer.connectedTo) {
      const m = /^(.*)\[([1-9]\d*)\]\[\d+\]$/.exec(ref);
      if (m) {
        names.add(m[1]);
      }
    }
  }
  return names;
}

describe('what-if memory over every fixture', () => {
  it('finds summaries in every fixture notebook', () => {
    expect(NOTEBOOKS.length).toBeGreaterThanOrEqual(4);
    expect(ALL.length).toBeGreaterThan(40);
  });

  it.each(ALL)(
    '%s: every known shape gets the elements its printed text gives',
    (_name, summary) => {
      const { facts, sizes } = uniform(summary, 3, 7);
      const result = whatIf(summary, facts, sizes);
      const shared = sharedNames(summary);
      summary.layers.forEach((layer, i) => {
        const row = result.rows[i];
        const tuples = printedTuples(layer.outputShape);
        // A shape cut at the column's edge has no known size (shapeCut).
        const readable =
          layer.shapeKind === 'tensors' &&
          layer.shapeCut === undefined &&
          tuples.length > 0 &&
          tuples.every(t => t.every(d => d === 'None' || /^\d+$/.test(d)));
        if (!readable) {
          expect(row.elements).toBeNull();
          expect(row.missing).toBe('unknown');
          return;
        }
        const calls = shared.has(layer.name) ? row.calls : 1;
        expect(row.missing).toBeNull();
        expect(row.elements).toBe(
          calls * printedElements(layer.outputShape, 3, 7)
        );
        expect(row.bytes).toBe((row.elements as number) * 4);
      });
    }
  );

  it.each(ALL)(
    '%s: without sizes, exactly the rows with a None wait for one',
    (_name, summary) => {
      const facts = analyzeSummary(summary);
      const result = whatIf(summary, facts, {});
      summary.layers.forEach((layer, i) => {
        const row = result.rows[i];
        if (row.missing === 'unknown') {
          return;
        }
        const hasNone = /\bNone\b/.test(layer.outputShape);
        expect(row.missing === 'open').toBe(hasNone);
        if (!hasNone) {
          expect(row.elements).toBe(printedElements(layer.outputShape, 0, 0));
        } else {
          expect(row.needs.length).toBeGreaterThan(0);
        }
      });
    }
  );

  it.each(ALL)(
    '%s: the activations total adds up the counted rows',
    (_name, summary) => {
      const { facts, sizes } = uniform(summary, 2, 5);
      const result = whatIf(summary, facts, sizes, 'float16');
      let bytes = 0;
      let rows = 0;
      let missing = 0;
      summary.layers.forEach((layer, i) => {
        const next = summary.layers[i + 1];
        const parent = next !== undefined && next.depth > layer.depth;
        const nestedInput = layer.depth > 0 && layer.type === 'InputLayer';
        expect(result.rows[i].counted).toBe(!parent && !nestedInput);
        if (!result.rows[i].counted) {
          return;
        }
        if (result.rows[i].bytes === null) {
          missing++;
        } else {
          bytes += result.rows[i].bytes as number;
          rows++;
        }
      });
      expect(result.activations).toEqual({ bytes, rows, missing });
      expect(result.bytesPerElement).toBe(2);
    }
  );

  it.each(ALL.filter(([, s]) => s.totals.totalSize && !s.totals.optimizer))(
    '%s: float32 weights come to the size Keras printed',
    (_name, summary) => {
      const result = whatIf(summary, analyzeSummary(summary), {});
      const printed = parseByteSize(summary.totals.totalSize) as number;
      expect(result.weights.params).toBe(summary.totals.total);
      expect(result.weights.printedBytes).not.toBeNull();
      // Keras prints two decimals of the unit: compare to that precision.
      const unit =
        printed >= 1024 ** 2 ? 1024 ** 2 : printed >= 1024 ? 1024 : 1;
      expect(
        Math.abs((result.weights.bytes as number) - printed)
      ).toBeLessThanOrEqual(0.005 * unit + 1e-9);
      if (summary.format === 'keras3') {
        expect(readableBytes(result.weights.bytes as number)).toBe(
          summary.totals.totalSize
        );
      }
    }
  );
});

describe('what-if details', () => {
  const text = ALL.find(([name]) =>
    name.startsWith('keras3-display.ipynb')
  ) as [string, Summary];

  it('keeps a length through layers that do not resize it', () => {
    const [, summary] = ALL.find(
      ([n, s]) =>
        n.startsWith('keras3-display.ipynb') && s.model === 'sequential_2'
    )!;
    const facts = analyzeSummary(summary);
    // Embedding → LSTM(return_sequences) keep the sequence length.
    const groups = facts.layers
      .flatMap(l => l.dims)
      .filter(d => d.role === 'variable')
      .map(d => d.sizeGroup);
    expect(groups).toHaveLength(2);
    expect(new Set(groups).size).toBe(1);
    expect(sizeGroupsOf(summary, facts)).toEqual(['batch', groups[0]]);
    // 4 × 10 × 64 + 4 × 10 × 32 + 4 × 32 + 4 × 1 elements, float32.
    const result = whatIf(summary, facts, { batch: 4, [groups[0]]: 10 });
    expect(result.activations.bytes).toBe(
      (4 * 10 * 64 + 4 * 10 * 32 + 4 * 32 + 4 * 1) * 4
    );
    expect(result.activations.missing).toBe(0);
  });

  it('starts a new size after each convolution and pooling', () => {
    const [, summary] = ALL.find(
      ([n, s]) =>
        n.startsWith('keras3-display.ipynb') && s.model === 'sequential_3'
    )!;
    const facts = analyzeSummary(summary);
    // conv2d, max_pooling2d, conv2d_1: the same height, three sizes.
    const heights = facts.layers
      .slice(0, 3)
      .map(l => l.dims.find(d => d.axis === 1)!);
    expect(new Set(heights.map(d => d.lineage)).size).toBe(1);
    expect(new Set(heights.map(d => d.sizeGroup)).size).toBe(3);
    expect(heights.map(d => facts.sizeGroups[d.sizeGroup].derived)).toEqual([
      false,
      true,
      true
    ]);
    expect(heights.map(d => facts.sizeGroups[d.sizeGroup].origin)).toEqual([
      0, 1, 2
    ]);
    // B, H, W, then H and W of each later row.
    expect(sizeGroupsOf(summary, facts)).toHaveLength(7);
  });

  it('ignores sizes that are not whole numbers of 1 or more', () => {
    const [, summary] = text;
    const facts = analyzeSummary(summary);
    for (const bad of [0, -1, 1.5, NaN, Infinity, 2 ** 31]) {
      const result = whatIf(summary, facts, { batch: bad });
      expect(result.rows[0].missing).toBe('open');
      expect(result.rows[0].needs).toEqual(['batch']);
    }
    const sizes = { batch: '3' } as unknown as Record<string, number>;
    expect(whatIf(summary, facts, sizes).rows[0].missing).toBe('open');
  });

  it('scales with the dtype', () => {
    const [, summary] = text;
    const facts = analyzeSummary(summary);
    const f32 = whatIf(summary, facts, { batch: 8 }, 'float32');
    for (const [dtype, size] of Object.entries(DTYPES)) {
      const other = whatIf(summary, facts, { batch: 8 }, dtype as 'int8');
      expect(other.activations.bytes * 4).toBe(f32.activations.bytes * size);
      expect((other.weights.bytes as number) * 4).toBe(
        (f32.weights.bytes as number) * size
      );
    }
    // An unknown dtype falls back to float32.
    expect(
      whatIf(summary, facts, { batch: 8 }, 'complex' as 'int8').dtype
    ).toBe('float32');
  });

  it('leaves the optimizer state out of the weights', () => {
    const [, summary] = ALL.find(
      ([n, s]) => n.startsWith('keras3-display.ipynb') && s.totals.optimizer
    )!;
    const result = whatIf(summary, analyzeSummary(summary), {});
    expect(result.weights.params).toBe(
      (summary.totals.trainable as number) +
        (summary.totals.nonTrainable as number)
    );
    expect(result.weights.params).toBeLessThan(summary.totals.total as number);
  });

  it('reads and writes byte sizes the way Keras prints them', () => {
    expect(readableBytes(0)).toBe('0.00 B');
    expect(readableBytes(1023)).toBe('1023.00 B');
    expect(readableBytes(1024)).toBe('1.00 KB');
    // Python rounds exact ties to even: 1.625 KB prints as 1.62 KB.
    expect(readableBytes(416 * 4)).toBe('1.62 KB');
    expect(readableBytes(1.375 * 1024)).toBe('1.38 KB');
    expect(readableBytes(101770 * 4)).toBe('397.54 KB');
    expect(readableBytes(25636712 * 4)).toBe('97.80 MB');
    expect(parseByteSize('397.54 KB')).toBeCloseTo(397.54 * 1024, 6);
    expect(parseByteSize('544.00 Byte')).toBe(544);
    expect(parseByteSize('2.49 MB')).toBeCloseTo(2.49 * 1024 ** 2, 3);
    expect(parseByteSize('many')).toBeNull();
    expect(parseByteSize(undefined)).toBeNull();
  });
});

describe('a layer shared by two inputs (captured from Keras 3.15.1)', () => {
  const summary = captured(SHARED_LSTM_SUMMARY);
  const facts = analyzeSummary(summary);
  const row = (name: string) => summary.layers.findIndex(l => l.name === name);
  const label = (name: string, axis: number) =>
    facts.lineageLabels[
      facts.layers[row(name)].dims.find(d => d.axis === axis)!.lineage
    ];

  it('keeps the two lengths apart and numbers their letters', () => {
    expect(label('query', 1)).toBe('T1');
    expect(label('doc', 1)).toBe('T2');
    expect(label('image', 1)).toBe('H');
    expect(label('image', 2)).toBe('W');
    // Keras 3 prints the shape of the shared layer's last call (doc).
    expect(label('shared_lstm', 1)).toBe('T2');
    expect(label('conv', 1)).toBe('H');
  });

  it('knows which pooling consumes which length', () => {
    const q = facts.layers[row('query')].dims.find(d => d.axis === 1)!;
    const d = facts.layers[row('doc')].dims.find(x => x.axis === 1)!;
    expect(q.consumers).toEqual([row('q_pool')]);
    expect(d.consumers).toEqual([row('d_pool')]);
  });

  it('tells the calls and the references apart', () => {
    const lstm = facts.layers[row('shared_lstm')];
    expect(lstm.calls).toHaveLength(2);
    expect(
      lstm.connections.map(c => [c.row, c.node, c.tensor, c.call])
    ).toEqual([
      [row('query'), 0, 0, 0],
      [row('doc'), 0, 0, 1]
    ]);
    expect(facts.layers[row('d_pool')].connections).toEqual([
      { ref: 0, row: row('shared_lstm'), node: 1, tensor: 0, call: 0 }
    ]);
    expect(facts.layers[row('q_pool')].calls).toHaveLength(1);
  });

  it('adds up the memory of both calls of the shared layer', () => {
    const t1 = facts.layers[row('query')].dims.find(d => d.axis === 1)!;
    const t2 = facts.layers[row('doc')].dims.find(d => d.axis === 1)!;
    const sizes = { batch: 2, [t1.sizeGroup]: 5, [t2.sizeGroup]: 9 };
    const result = whatIf(summary, facts, sizes);
    const lstm = result.rows[row('shared_lstm')];
    // LSTM(8) on 5 and on 9 steps, batch 2.
    expect(lstm.elements).toBe(2 * 5 * 8 + 2 * 9 * 8);
    // The printed shape is the last call's: doc's 9 steps.
    expect(lstm.shapes).toEqual([[2, 9, 8]]);
    expect(result.rows[row('query')].shapes).toEqual([[2, 5, 16]]);
    // The convolution may resize the image: its output waits for its own sizes.
    expect(result.rows[row('conv')].missing).toBe('open');
    expect(result.rows[row('conv')].needs).toHaveLength(2);
  });
});

describe('an LSTM returning its states (captured from Keras 3.15.1)', () => {
  const summary = captured(STATES_SUMMARY);
  const facts = analyzeSummary(summary);

  it('reads the tensor index of each reference', () => {
    const tensors = summary.layers.map(
      (_, i) => facts.layers[i].connections[0]?.tensor ?? null
    );
    expect(tensors).toEqual([null, 0, 1, 2, 0, 0]);
    const encoder = facts.layers[1];
    expect(encoder.calls).toHaveLength(1);
    // The sequence's length reaches the pooling (output 0), not the states.
    const t = encoder.dims.find(d => d.tensor === 0 && d.axis === 1)!;
    expect(t.consumers).toEqual([4]);
  });

  it('counts every output of the layer', () => {
    const t = facts.layers[0].dims.find(d => d.axis === 1)!;
    const result = whatIf(summary, facts, { batch: 3, [t.sizeGroup]: 6 });
    expect(result.rows[1].elements).toBe(3 * 6 * 8 + 3 * 8 + 3 * 8);
  });
});
