/**
 * Each dimension's source (the model input axis it derives from) and size
 * (the None's that always have the same size), from text; the rules of
 * layers with several inputs; cut references; exact facts from a kernel
 * payload; and the comparison of sizes with an exact truth.
 *
 * Real summaries from `captured.ts` and the fixtures; the shapes given to
 * `carry` directly are hand-written (as said where they are).
 */
import * as fs from 'fs';
import * as path from 'path';
import { analyzeSummary, compareSizes } from '..';
import type { AxisTruth } from '..';
import { carry } from '../carry';
import { parseNotebookJson, parseText } from '../../parse';
import type { ExactAxis, Summary } from '../../parse';
import { FIXTURES_DIR } from '../../testing/fixtures';
import {
  CROSS_ATTENTION_SUMMARY,
  CUT_REFERENCE_SUMMARY,
  SHARED_LSTM_SUMMARY
} from './captured';

const one = (text: string): Summary => parseText(text).summaries[0];

/** Row name → `label(size)` of each variable dimension, from the facts. */
function sizesByRow(summary: Summary): Record<string, string[]> {
  const facts = analyzeSummary(summary);
  const out: Record<string, string[]> = {};
  summary.layers.forEach((layer, i) => {
    out[layer.name] = facts.layers[i].dims
      .filter(d => d.role === 'variable')
      .map(d => facts.sizes[d.size!].label);
  });
  return out;
}

function fixture(file: string, model: string): Summary {
  const text = fs.readFileSync(path.join(FIXTURES_DIR, file), 'utf8');
  const found = parseNotebookJson(text).find(s => s.model === model);
  if (!found) {
    throw new Error(`no ${model} in ${file}`);
  }
  return found;
}

describe('layers with several inputs (real Keras 3: query and value of independent lengths)', () => {
  const summary = one(CROSS_ATTENTION_SUMMARY);
  const sizes = sizesByRow(summary);

  it('keeps the query’s and the value’s lengths apart', () => {
    expect(sizes.query).toEqual(['T1']);
    expect(sizes.value).toEqual(['T2']);
  });

  it('gives Attention and MultiHeadAttention the query’s length', () => {
    expect(sizes.attention).toEqual(['T1']);
    expect(sizes.cross_mha).toEqual(['T1']);
  });

  it('forces every axis equal in Add and in a Concatenate along features, not along time', () => {
    expect(sizes.add).toEqual(['T1']);
    expect(sizes.concat_features).toEqual(['T1']);
    // Along time the length is the sum: a dimension of its own.
    expect(sizes.concat_time).toEqual(['T3']);
  });

  it('gives Dot the first input’s axes then the second’s, and pooling its last axis', () => {
    expect(sizes.dot).toEqual(['T1', 'T2']);
    expect(sizes.pool_scores).toEqual(['T2']);
  });

  it('says which model input each dimension comes from', () => {
    const facts = analyzeSummary(summary);
    const row = (name: string) =>
      facts.layers[summary.layers.findIndex(l => l.name === name)];
    expect(row('dot').dims.map(d => d.source)).toEqual([
      'batch',
      { input: 'query', row: 0, axis: 1 },
      { input: 'value', row: 1, axis: 1 }
    ]);
    // A length made by a layer (the sum of two) comes from no input.
    expect(row('concat_time').dims[1].source).toBeNull();
    for (const layer of facts.layers) {
      for (const d of layer.dims) {
        expect(d.exact).toBe(false);
        expect(d.sizeOrigin).toBe(facts.sizes[d.size!].origin);
      }
    }
  });

  it('ends the value’s length where attention uses it', () => {
    const facts = analyzeSummary(summary);
    const value = facts.lineages.find(l => l.label === 'T2')!;
    const names = value.consumers.map(r => summary.layers[r].name);
    expect(names).toEqual(['attention', 'cross_mha', 'heads']);
  });
});

describe('carry: rules read from the shapes (hand-written shapes)', () => {
  const axes = (...list: [number, number][]) =>
    list.map(([tensor, axis]) => ({ tensor, axis }));

  it('forces a MultiHeadAttention’s value and key lengths equal', () => {
    const rule = carry(
      'MultiHeadAttention',
      { shapes: [[null, null, 8]], open: axes([0, 1]) },
      [
        { shape: [null, null, 8], open: axes([0, 1]) },
        { shape: [null, null, 4], open: axes([0, 1]) },
        { shape: [null, null, 6], open: axes([0, 1]) }
      ],
      true
    );
    expect(rule?.joins).toEqual([[0, 0, 0, true]]);
    expect(rule?.equal).toEqual([[1, 0, 2, 0]]);
  });

  it('gives attention scores the query’s and the value’s lengths', () => {
    const rule = carry(
      'Attention',
      {
        shapes: [
          [null, null, 8],
          [null, null, null]
        ],
        open: axes([0, 1], [1, 1], [1, 2])
      },
      [
        { shape: [null, null, 8], open: axes([0, 1]) },
        { shape: [null, null, 8], open: axes([0, 1]) }
      ],
      true
    );
    expect(rule?.joins).toEqual([
      [0, 0, 0, true],
      [1, 0, 0, true],
      [2, 1, 0, true]
    ]);
  });

  it('finds a Concatenate’s axis where the sizes add up', () => {
    // (B, T, 8) + (B, T, 4) → (B, T, 12): joined along features.
    const rule = carry(
      'Concatenate',
      { shapes: [[null, null, 12]], open: axes([0, 1]) },
      [
        { shape: [null, null, 8], open: axes([0, 1]) },
        { shape: [null, null, 4], open: axes([0, 1]) }
      ],
      true
    );
    expect(rule?.joins).toEqual([
      [0, 0, 0, true],
      [0, 1, 0, true]
    ]);
  });

  it('reads the axes a Dot contracts, and forces them equal', () => {
    // (B, T, 8) · (B, T, 4) with axes=1 → (B, 8, 4).
    const rule = carry(
      'Dot',
      { shapes: [[null, 8, 4]], open: [] },
      [
        { shape: [null, null, 8], open: axes([0, 1]) },
        { shape: [null, null, 4], open: axes([0, 1]) }
      ],
      true
    );
    expect(rule?.joins).toEqual([]);
    expect(rule?.equal).toEqual([[0, 0, 1, 0]]);
  });

  it('carries only the first input of a class it does not know', () => {
    const rule = carry(
      'MyMerge',
      { shapes: [[null, null, 8]], open: axes([0, 1]) },
      [
        { shape: [null, null, 8], open: axes([0, 1]) },
        { shape: [null, null, 8], open: axes([0, 1]) }
      ],
      false
    );
    expect(rule?.joins).toEqual([[0, 0, 0, false]]);
  });

  it('leaves an element-wise merge and a one-input layer to position', () => {
    const output = { shapes: [[null, null, 8]], open: axes([0, 1]) };
    const input = { shape: [null, null, 8], open: axes([0, 1]) };
    expect(carry('Add', output, [input, input], true)).toBeNull();
    expect(carry('Dense', output, [input], true)).toBeNull();
  });
});

describe('cut references (real Keras 3)', () => {
  it('name the nearest row they can be, not a shorter exact name further up', () => {
    const summary = one(CUT_REFERENCE_SUMMARY);
    const facts = analyzeSummary(summary);
    const head = summary.layers.findIndex(l => l.name === 'head');
    expect(summary.layers[head].connectedTo).toEqual(['block_3_project_…']);
    expect(facts.layers[head].inputs.map(r => summary.layers[r].name)).toEqual([
      'block_3_project_bn'
    ]);
    // Its count then has a formula: (6 + 1) × 2.
    expect(facts.layers[head].formula?.text).toBe('(6 + 1) × 2 = 14');
    expect(facts.layers[head].formula?.matches).toBe(true);
  });
});

describe('sizes: a layer that may resize starts a new one', () => {
  it('gives H, H′, H″ through convolutions and pooling, each from its row', () => {
    const summary = fixture('keras3-print.ipynb', 'sequential_3');
    const facts = analyzeSummary(summary);
    expect(sizesByRow(summary).conv2d_1).toEqual(['H″', 'W″']);
    const heights = facts.layers
      .map(l => l.dims.find(d => d.axis === 1 && d.role === 'variable'))
      .filter(d => d !== undefined);
    expect(heights.map(d => d!.sizeOrigin)).toEqual([0, 1, 2]);
    // The first row of a Sequential model: its input is not printed.
    expect(heights[0]!.source).toEqual({ input: null, row: null, axis: 1 });
    expect(new Set(heights.map(d => d!.lineage)).size).toBe(1);
  });

  it('gives every fixture dimension a size, a size origin and a source', () => {
    for (const file of fs.readdirSync(FIXTURES_DIR)) {
      if (!file.endsWith('.ipynb')) {
        continue;
      }
      const text = fs.readFileSync(path.join(FIXTURES_DIR, file), 'utf8');
      for (const summary of parseNotebookJson(text)) {
        const facts = analyzeSummary(summary);
        for (const layer of facts.layers) {
          for (const d of layer.dims) {
            expect(facts.sizes[d.size!]).toBeDefined();
            expect(d.sizeOrigin).toBe(facts.sizes[d.size!].origin);
            expect(d.exact).toBe(false);
            if (d.role === 'batch') {
              expect(d.source).toBe('batch');
            } else if (d.fromInput) {
              expect(d.source).not.toBeNull();
            }
          }
        }
      }
    }
  });
});

/** Exact axes for every variable dimension of `summary`, from `pick(row, tensor, axis)`. */
function withExact(
  summary: Summary,
  pick: (row: number, tensor: number, axis: number) => ExactAxis | null
): Summary {
  return {
    ...summary,
    layers: summary.layers.map((layer, i) => ({
      ...layer,
      exactAxes: layer.tensors.map((shape, t) =>
        shape.map((d, axis) =>
          axis === 0
            ? { source: 'batch', size: 'b' }
            : d === null
              ? pick(i, t, axis)
              : null
        )
      )
    }))
  };
}

describe('exact facts from a kernel payload', () => {
  const summary = one(SHARED_LSTM_SUMMARY);

  it('are used instead of the inference, and say they are exact', () => {
    // Hand-made truth: the LSTM's length is the query's in every row.
    const exact = withExact(summary, () => ({
      source: { input: 'query', axis: 1 },
      size: 'query.1'
    }));
    const facts = analyzeSummary(exact);
    const dims = facts.layers.flatMap(l => l.dims);
    expect(dims.every(d => d.exact)).toBe(true);
    const lengths = dims.filter(d => d.role === 'variable');
    expect(new Set(lengths.map(d => d.size))).toEqual(new Set(['k:query.1']));
    expect(lengths[0].source).toEqual({ input: 'query', row: 0, axis: 1 });
    expect(facts.sizes['k:query.1'].exact).toBe(true);
    expect(facts.sizes['k:query.1'].origin).toBe(lengths[0].sizeOrigin);
  });

  it('leave the rows without them inferred', () => {
    const exact = withExact(summary, () => null);
    const facts = analyzeSummary(exact);
    const plain = analyzeSummary(summary);
    expect(facts.layers.flatMap(l => l.dims.map(d => d.size))).toEqual(
      plain.layers.flatMap(l => l.dims.map(d => d.size))
    );
  });
});

describe('compareSizes', () => {
  const summary = one(CROSS_ATTENTION_SUMMARY);
  const facts = analyzeSummary(summary);
  /** A truth that says what the facts say, but for `change(row, axis, size)`. */
  const truth = (
    change: (row: number, size: string) => string = (_r, s) => s
  ): AxisTruth =>
    facts.layers.map((layer, i) =>
      summary.layers[i].tensors.map((shape, t) =>
        shape.map((_, axis) => {
          const d = layer.dims.find(x => x.tensor === t && x.axis === axis);
          return d && d.role === 'variable'
            ? { source: null, size: change(i, d.size!) }
            : null;
        })
      )
    );

  it('counts every group as agreeing with a truth that has the same sizes', () => {
    const result = compareSizes(facts, truth());
    expect(result.groups).toBe(result.truthGroups);
    expect(result.agreeing).toBe(result.groups);
    expect(result.merged + result.split).toBe(0);
  });

  it('counts a group holding two true sizes as merged, and one true size over two groups as split', () => {
    // The truth splits the query's length after `attention` (row 2)…
    const split = compareSizes(
      facts,
      truth((row, size) => (size === 'v0' && row > 2 ? 'other' : size))
    );
    expect(split.merged).toBe(1);
    // …or joins the two input lengths into one.
    const joined = compareSizes(
      facts,
      truth((_row, size) => (size === 'v1' ? 'v0' : size))
    );
    expect(joined.split).toBe(1);
    expect(joined.agreeing).toBe(joined.groups - 2);
  });
});
