/**
 * Parameter formulas over every summary real Keras printed (fixtures/,
 * captured by `make fixtures`) and the hand-written Keras 1 tables. The
 * expected formulas are worked out from the model definitions in
 * scripts/capture_fixtures.py (e.g. `layers.Conv2D(16, 3)` on 3 channels:
 * (3×3 × 3 + 1) × 16 = 448). Rows marked "hand-written" are made up here
 * to reach cases the captures do not hold.
 */
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { explainAllParams, explainParams, paramFamily, ParamFormula } from '..';
import { parseNotebookJson, parseText } from '../../parse';
import type { LayerRow, Summary, TensorShape } from '../../parse/types';
import {
  fixtureCell,
  FIXTURES_DIR,
  loadNotebook
} from '../../testing/fixtures';

const FLAVOURS = [
  'keras3-display',
  'keras3-display-wide',
  'keras3-print',
  'tfkeras2'
];
const HANDWRITTEN_DIR = path.join(FIXTURES_DIR, 'handwritten');
const HANDWRITTEN = fs
  .readdirSync(HANDWRITTEN_DIR)
  .filter(f => f.endsWith('.txt'));

const fmt = (n: number) => n.toLocaleString('en-US');

interface Source {
  label: string;
  summaries: Summary[];
}

function sources(): Source[] {
  const out: Source[] = FLAVOURS.map(flavour => ({
    label: flavour,
    summaries: parseNotebookJson(loadNotebook(`${flavour}.ipynb`).json)
  }));
  for (const file of HANDWRITTEN) {
    out.push({
      label: `handwritten/${file}`,
      summaries: parseText(
        fs.readFileSync(path.join(HANDWRITTEN_DIR, file), 'utf-8')
      ).summaries
    });
  }
  return out;
}

/** The one summary of a fixture cell in a flavour. */
function fixture(flavour: string, id: string): Summary {
  const nb = loadNotebook(`${flavour}.ipynb`);
  const index = fixtureCell(nb, id).index;
  const found = parseNotebookJson(nb.json).filter(s => s.cell === index);
  expect(found).toHaveLength(1);
  return found[0];
}

function formulaOf(s: Summary, name: string): ParamFormula | null {
  const row = s.layers.findIndex(l => l.name === name);
  expect(row).toBeGreaterThanOrEqual(0);
  return explainParams(s, row);
}

/** What every formula must satisfy, matching or not. */
function expectWellFormed(f: ParamFormula, count: number): void {
  expect(f.text.endsWith(`= ${fmt(count)}`)).toBe(true);
  if (f.matches) {
    expect(f.text).not.toMatch(/not explained/);
    if (count > 0) {
      expect(f.terms.reduce((s, t) => s + t.value, 0)).toBe(count);
    }
  } else {
    expect(f.text).toMatch(/^not explained: /);
  }
}

describe('param formulas over every captured fixture and the Keras 1 tables', () => {
  const all = sources();

  it('explains at least 95 % of the rows with params of a supported type', () => {
    let supported = 0;
    let matching = 0;
    // ResNet50 alone holds 106 such rows per flavour: also give the rest.
    let otherSupported = 0;
    let otherMatching = 0;
    const missed: string[] = [];
    const byFamily = new Map<string, [number, number]>();
    for (const { label, summaries } of all) {
      for (const s of summaries) {
        const formulas = explainAllParams(s);
        expect(formulas).toHaveLength(s.layers.length);
        s.layers.forEach((layer, i) => {
          const f = formulas[i];
          if (f && layer.params !== null) {
            expectWellFormed(f, layer.params);
          }
          const family = paramFamily(layer);
          // Nested-model rows are sums of other rows, not a layer formula.
          if (!layer.params || family === null || family === 'model') {
            return;
          }
          supported++;
          const other = s.model !== 'resnet50';
          if (other) {
            otherSupported++;
            otherMatching += f?.matches ? 1 : 0;
          }
          const tally = byFamily.get(family) ?? [0, 0];
          tally[1]++;
          if (f?.matches) {
            matching++;
            tally[0]++;
          } else {
            missed.push(
              `${label} ${s.model}/${layer.name} (${layer.type}, ${layer.paramsText}): ${f ? f.text : 'null'}`
            );
          }
          byFamily.set(family, tally);
        });
      }
    }
    const rate = (100 * matching) / supported;
    const families = [...byFamily]
      .map(([k, [m, n]]) => `${k} ${m}/${n}`)
      .join(', ');
    process.stdout.write(
      `param formulas: ${matching}/${supported} rows with params of a supported type match (${rate.toFixed(1)} %)\n` +
        `  without ResNet50: ${otherMatching}/${otherSupported} (${((100 * otherMatching) / otherSupported).toFixed(1)} %)\n` +
        `  by family: ${families}\n` +
        (missed.length ? `  not matched:\n    ${missed.join('\n    ')}\n` : '')
    );
    expect(supported).toBeGreaterThan(600);
    expect(rate).toBeGreaterThanOrEqual(95);
    expect((100 * otherMatching) / otherSupported).toBeGreaterThanOrEqual(95);
  });

  it('says "no weights" for every weightless row and nothing for unbuilt rows', () => {
    let weightless = 0;
    for (const { summaries } of all) {
      for (const s of summaries) {
        const formulas = explainAllParams(s);
        s.layers.forEach((layer, i) => {
          if (layer.unbuilt) {
            expect(formulas[i]).toBeNull();
          } else if (
            layer.params === 0 &&
            paramFamily(layer) === 'weightless'
          ) {
            expect(formulas[i]).toEqual({
              text: 'no weights = 0',
              matches: true,
              terms: [],
              notes: []
            });
            weightless++;
          }
        });
      }
    }
    expect(weightless).toBeGreaterThan(300);
  });
});

describe.each(FLAVOURS)('exact formulas: %s', flavour => {
  it('Dense (784 + 1) × 128 in mlp', () => {
    const f = formulaOf(fixture(flavour, 'mlp'), 'dense');
    expect(f).toEqual({
      text: '(784 + 1) × 128 = 100,480',
      matches: true,
      terms: [
        { label: 'weights', value: 100352, text: '784 × 128' },
        { label: 'biases', value: 128, text: '128' }
      ],
      notes: []
    });
    expect(formulaOf(fixture(flavour, 'mlp'), 'dense_1')?.text).toBe(
      '(128 + 1) × 10 = 1,290'
    );
  });

  it('SimpleRNN: the first layer, its input size inferred', () => {
    const f = formulaOf(fixture(flavour, 'rnn'), 'simple_rnn');
    expect(f?.text).toBe('(100 + 50 + 1) × 50 = 7,550');
    expect(f?.notes.join(' ')).toMatch(/input size 100 inferred/);
  });

  it('Embedding and LSTM in text', () => {
    const s = fixture(flavour, 'text');
    const emb = formulaOf(s, 'embedding');
    expect(emb?.text).toBe('10,000 × 64 = 640,000');
    expect(emb?.notes.join(' ')).toMatch(/vocabulary size 10,000 inferred/);
    const lstm = formulaOf(s, 'lstm');
    expect(lstm?.text).toBe('4 × (64 + 32 + 1) × 32 = 12,416');
    expect(lstm?.terms.map(t => [t.label, t.value])).toEqual([
      ['input weights (kernel)', 4 * 64 * 32],
      ['recurrent weights', 4 * 32 * 32],
      ['biases', 4 * 32]
    ]);
  });

  it('Conv2D in fcn: 3×3 kernels inferred', () => {
    const s = fixture(flavour, 'fcn');
    const first = formulaOf(s, 'conv2d');
    // The first layer of a Sequential model: its 3 input channels are assumed.
    expect(first?.text).toBe('(3×3 × 3 + 1) × 16 = 448');
    expect(first?.notes.join(' ')).toMatch(
      /3×3 kernel inferred, assuming 3 input channels/
    );
    const second = formulaOf(s, 'conv2d_1');
    expect(second?.text).toBe('(3×3 × 16 + 1) × 32 = 4,640');
    expect(second?.notes.join(' ')).toMatch(
      /kernel size 3×3 inferred from the count and the 16 input channels/
    );
  });

  it('BatchNormalization: half of the count is non-trainable', () => {
    const s = fixture(flavour, 'batchnorm');
    const f = formulaOf(s, 'batch_normalization');
    expect(f?.text).toBe('4 × 16 = 64');
    expect(f?.matches).toBe(true);
    expect(f?.terms.map(t => t.label)).toEqual([
      'gamma (scale)',
      'beta (offset)',
      'moving mean',
      'moving variance'
    ]);
    expect(f?.nonTrainable?.value).toBe(32);
    expect(f?.nonTrainable?.why).toMatch(
      /running averages during training, not by gradients/
    );
    // The printed totals agree: 32 non-trainable params in the whole model.
    expect(s.totals.nonTrainable).toBe(32);
    expect(formulaOf(s, 'conv2d_2')?.text).toBe('(3×3 × 3 + 1) × 16 = 448');
    expect(formulaOf(s, 'dense_20')?.text).toBe('(14,400 + 1) × 10 = 144,010');
  });

  it('every layer of conv_mix', () => {
    const s = fixture(flavour, 'conv_mix');
    const texts = Object.fromEntries(
      s.layers.map(
        (l, i) => [l.name, explainParams(s, i)?.text ?? null] as const
      )
    );
    const mhaName =
      s.layers.find(l => l.type.startsWith('MultiHeadAttentio'))?.name ?? '';
    expect(texts).toMatchObject({
      embedding_1: '1,000 × 32 = 32,000',
      conv1d: '(5 × 32 + 1) × 32 = 5,152',
      gru: '3 × (32 + 16 + 2) × 16 = 2,400',
      lstm_3: '4 × (16 + 16 + 1) × 16 = 2,112',
      layer_normalization: '2 × 16 = 32',
      separable_conv2d: '3×3 × 3 + 3 × 16 + 16 = 91',
      depthwise_conv2d: '3×3 × 16 + 16 = 160',
      conv3d: '(3×3×3 × 1 + 1) × 4 = 112',
      dense_21: '(36 + 1) × 1 = 37',
      [mhaName]: '3 × (16 + 1) × 32 + (32 + 1) × 16 = 2,160'
    });
    const gru = formulaOf(s, 'gru');
    expect(gru?.notes.join(' ')).toMatch(/reset_after=True/);
    const mha = explainParams(
      s,
      s.layers.findIndex(l => l.name === mhaName)
    );
    // num_heads=2, key_dim=16 in scripts/capture_fixtures.py: only the product shows.
    expect(mha?.notes.join(' ')).toMatch(
      /num_heads × key_dim = 32 inferred .*2 heads of 16/
    );
    expect(mha?.terms.map(t => t.value)).toEqual([
      17 * 32,
      17 * 32,
      17 * 32,
      33 * 16
    ]);
    const separable = formulaOf(s, 'separable_conv2d');
    expect(separable?.terms.map(t => [t.label, t.value])).toEqual([
      ['depthwise kernel', 27],
      ['pointwise kernel', 48],
      ['biases', 16]
    ]);
  });

  it('ResNet50: every Conv2D gets its true kernel size, every BatchNormalization 4 × c', () => {
    const s = fixture(flavour, 'resnet50');
    const formulas = explainAllParams(s);
    let convs = 0;
    let norms = 0;
    s.layers.forEach((layer, i) => {
      const f = formulas[i];
      if (layer.type === 'Conv2D') {
        convs++;
        // keras.applications.ResNet50: conv1 7×7, `_2_conv` 3×3, the others 1×1.
        const k =
          layer.name === 'conv1_conv'
            ? '7×7'
            : /_2_conv$/.test(layer.name)
              ? '3×3'
              : '1×1';
        expect([
          layer.name,
          f?.matches,
          f?.text.startsWith(`(${k} × `)
        ]).toEqual([layer.name, true, true]);
      } else if (layer.type.startsWith('BatchNormalizatio')) {
        norms++;
        const c = layer.params! / 4;
        expect([layer.name, f?.text]).toEqual([
          layer.name,
          `4 × ${fmt(c)} = ${fmt(layer.params!)}`
        ]);
        expect(f?.nonTrainable?.value).toBe(c * 2);
      }
    });
    expect(convs).toBe(53);
    expect(norms).toBe(53);
    // The non-trainable total is exactly the moving statistics.
    const nonTrainable = formulas.reduce(
      (sum, f) => sum + (f?.nonTrainable?.value ?? 0),
      0
    );
    expect(nonTrainable).toBe(s.totals.nonTrainable);
    expect(formulaOf(s, 'conv1_conv')?.text).toBe('(7×7 × 3 + 1) × 64 = 9,472');
    expect(formulaOf(s, 'predictions')?.text).toBe(
      '(2,048 + 1) × 1,000 = 2,049,000'
    );
  });

  it('nested models add up their own layers (expanded only)', () => {
    expect(formulaOf(fixture(flavour, 'nested'), 'block')?.text).toBe(
      '4,192 + 528 = 4,720'
    );
    expect(formulaOf(fixture(flavour, 'nested'), 'encoder')?.text).toBe(
      '2,112 + 2,080 = 4,192'
    );
    expect(formulaOf(fixture(flavour, 'nested_plain'), 'block')).toBeNull();
  });

  it('a custom layer has no formula', () => {
    expect(formulaOf(fixture(flavour, 'dict_output'), 'two_heads')).toBeNull();
  });
});

describe('the hand-written Keras 1 tables', () => {
  const read = (file: string) =>
    parseText(fs.readFileSync(path.join(HANDWRITTEN_DIR, file), 'utf-8'))
      .summaries[0];

  it('reads mnist_mlp, the functional guide model and the shared Convolution1D', () => {
    expect(formulaOf(read('keras1-sequential-mlp.txt'), 'dense_1')?.text).toBe(
      '(784 + 1) × 512 = 401,920'
    );
    const guide = read('keras1-functional-multi-io.txt');
    expect(formulaOf(guide, 'embedding_1')?.text).toBe(
      '10,000 × 512 = 5,120,000'
    );
    expect(formulaOf(guide, 'lstm_1')?.text).toBe(
      '4 × (512 + 32 + 1) × 32 = 69,760'
    );
    expect(formulaOf(guide, 'dense_1')?.text).toBe('(37 + 1) × 64 = 2,432');
    const shared = read('keras1-shared-layers.txt');
    const conv = formulaOf(shared, 'convolution1d_1');
    // Output shape `multiple`: only 32 filters fit the count on 256 channels.
    expect(conv?.text).toBe('(3 × 256 + 1) × 32 = 24,608');
    expect(conv?.notes.join(' ')).toMatch(/32 filters inferred/);
    // `GlobalMaxP`: cut at the column edge without a mark, still weightless.
    const pool = shared.layers.findIndex(l => l.type === 'GlobalMaxP');
    expect(pool).toBeGreaterThanOrEqual(0);
    expect(explainParams(shared, pool)?.text).toBe('no weights = 0');
  });
});

// ---------------------------------------------------------------- hand-written rows

function row(
  name: string,
  type: string,
  tensors: TensorShape[] | 'multiple',
  params: number | null,
  more: Partial<LayerRow> = {}
): LayerRow {
  return {
    name,
    type,
    depth: 0,
    outputShape: tensors === 'multiple' ? 'multiple' : JSON.stringify(tensors),
    shapeKind: tensors === 'multiple' ? 'multiple' : 'tensors',
    tensors: tensors === 'multiple' ? [] : tensors,
    params,
    paramsText: params === null ? '' : String(params),
    unbuilt: false,
    unused: false,
    trainable: null,
    connectedTo: [],
    cut: [],
    start: 0,
    end: 0,
    ...more
  };
}

/** A Sequential-like summary (each row fed by the previous one). */
function seq(...layers: LayerRow[]): Summary {
  return {
    format: 'keras3',
    model: 'hand_written',
    start: 0,
    end: 0,
    columns: [
      { title: 'Layer (type)', kind: 'layer' },
      { title: 'Output Shape', kind: 'shape' },
      { title: 'Param #', kind: 'params' }
    ],
    layers,
    totals: {
      total: null,
      trainable: null,
      nonTrainable: null,
      optimizer: null
    },
    parts: { heading: true, table: true, totals: false },
    warnings: []
  };
}

const N = null;
const last = (s: Summary) => explainParams(s, s.layers.length - 1);

describe('hand-written rows: counts no formula gives are "not explained"', () => {
  it.each([
    ['Dense', [[N, 72]], [[N, 32]], 2400],
    ['Conv2D', [[N, 30, 30, 16]], [[N, 28, 28, 32]], 4641],
    ['LSTM', [[N, 10, 8]], [[N, 16]], 1601],
    ['GRU', [[N, 10, 8]], [[N, 16]], 1000],
    ['SimpleRNN', [[N, 10, 8]], [[N, 16]], 999],
    ['Embedding', [[N, 50]], [[N, 50, 32]], 32001],
    ['BatchNormalization', [[N, 30, 30, 16]], [[N, 30, 30, 16]], 65],
    ['LayerNormalization', [[N, 46, 16]], [[N, 46, 16]], 33],
    ['MultiHeadAttention', [[N, 46, 16]], [[N, 46, 16]], 2161],
    ['SeparableConv2D', [[N, 32, 32, 3]], [[N, 30, 30, 16]], 90],
    ['DepthwiseConv2D', [[N, 30, 30, 16]], [[N, 28, 28, 16]], 161]
  ] as [string, TensorShape[], TensorShape[], number][])(
    '%s with an impossible count',
    (type, input, output, count) => {
      const s = seq(
        row('x', 'InputLayer', input, 0),
        row('y', type, output, count)
      );
      const f = last(s);
      expect(f).not.toBeNull();
      expect(f!.matches).toBe(false);
      expect(f!.text).toMatch(/^not explained: .*= [\d,]+$/);
      expect(f!.text.endsWith(`= ${fmt(count)}`)).toBe(true);
      expect(f!.terms).toEqual([]);
    }
  );

  it('a known weightless class with a count is not explained', () => {
    const f = last(
      seq(row('x', 'InputLayer', [[N, 8]], 0), row('y', 'Flatten', [[N, 8]], 5))
    );
    expect(f?.matches).toBe(false);
    expect(f?.text).toBe('not explained: Flatten has no weights; Param # = 5');
  });

  it('an unknown class gets no formula, with or without a count', () => {
    expect(
      last(
        seq(
          row('x', 'InputLayer', [[N, 8]], 0),
          row('y', 'MyWeightlessThing', [[N, 8]], 0)
        )
      )
    ).toBeNull();
    expect(
      last(
        seq(
          row('x', 'InputLayer', [[N, 8]], 0),
          row('y', 'MyLayer', [[N, 8]], 72)
        )
      )
    ).toBeNull();
  });

  it('known weightless classes say so; unbuilt and unprinted counts get nothing', () => {
    expect(
      last(
        seq(
          row('x', 'InputLayer', [[N, 8]], 0),
          row('y', 'Dropout', [[N, 8]], 0)
        )
      )?.text
    ).toBe('no weights = 0');
    expect(
      last(
        seq(
          row('y', 'Dense', [['?', '?']], 0, {
            unbuilt: true,
            paramsText: '0 (unbuilt)'
          })
        )
      )
    ).toBeNull();
    expect(last(seq(row('y', 'Dense', [[N, 8]], null)))).toBeNull();
    // A class that has weights but printed 0: nothing can be said.
    expect(
      last(
        seq(row('x', 'InputLayer', [[N, 8]], 0), row('y', 'Dense', [[N, 8]], 0))
      )
    ).toBeNull();
  });

  it('a `multiple` Dense with neither input nor units known gets nothing', () => {
    expect(last(seq(row('y', 'Dense', 'multiple', 544)))).toBeNull();
  });
});

describe('hand-written rows: forms the captures do not hold', () => {
  it('Dense without a bias', () => {
    const f = last(
      seq(
        row('x', 'InputLayer', [[N, 72]], 0),
        row('y', 'Dense', [[N, 32]], 72 * 32)
      )
    );
    expect(f?.text).toBe('72 × 32 = 2,304');
    expect(f?.notes.join(' ')).toMatch(/no bias/);
  });

  it('Bidirectional(LSTM(32)): the wrapped class is told from the count', () => {
    const count = 2 * 4 * (64 + 32 + 1) * 32;
    const f = last(
      seq(
        row('x', 'InputLayer', [[N, 10, 64]], 0),
        row('y', 'Bidirectional', [[N, 64]], count)
      )
    );
    expect(f?.text).toBe(`2 × 4 × (64 + 32 + 1) × 32 = ${fmt(count)}`);
    expect(f?.notes.join(' ')).toMatch(/read as LSTM\(32\)/);
    expect(f?.terms).toHaveLength(6);
  });

  it('GRU with reset_after=False', () => {
    const f = last(
      seq(
        row('x', 'InputLayer', [[N, 10, 32]], 0),
        row('y', 'GRU', [[N, 16]], 3 * (32 + 16 + 1) * 16)
      )
    );
    expect(f?.text).toBe('3 × (32 + 16 + 1) × 16 = 2,352');
    expect(f?.notes.join(' ')).toMatch(/reset_after=False/);
  });

  it('Conv2D with channels first', () => {
    const f = last(
      seq(
        row('x', 'InputLayer', [[N, 3, 32, 32]], 0),
        row('y', 'Conv2D', [[N, 16, 30, 30]], 448)
      )
    );
    expect(f?.text).toBe('(3×3 × 3 + 1) × 16 = 448');
    expect(f?.notes.join(' ')).toMatch(/channels first/);
  });

  it('Conv2DTranspose and a non-square kernel', () => {
    const t = last(
      seq(
        row('x', 'InputLayer', [[N, 8, 8, 32]], 0),
        row('y', 'Conv2DTranspose', [[N, 16, 16, 16]], (4 * 32 + 1) * 16)
      )
    );
    expect(t?.text).toBe('(2×2 × 32 + 1) × 16 = 2,064');
    const f = last(
      seq(
        row('x', 'InputLayer', [[N, 17, 17, 64]], 0),
        row('y', 'Conv2D', [[N, 17, 17, 64]], (7 * 64 + 1) * 64)
      )
    );
    expect(f?.text).toBe('(7 × 64 + 1) × 64 = 28,736');
    expect(f?.notes.join(' ')).toMatch(/7 positions .* not square/);
  });

  it('a cut class name is matched by its prefix', () => {
    const f = last(
      seq(
        row('x', 'InputLayer', [[N, 4, 4, 8]], 0),
        row('y', 'BatchNormalizatio…', [[N, 4, 4, 8]], 32)
      )
    );
    expect(f?.text).toBe('4 × 8 = 32');
    expect(f?.notes[0]).toMatch(/cut short/);
  });

  it('DepthwiseConv2D with a depth multiplier', () => {
    const f = last(
      seq(
        row('x', 'InputLayer', [[N, 30, 30, 8]], 0),
        row('y', 'DepthwiseConv2D', [[N, 28, 28, 16]], (9 + 1) * 16)
      )
    );
    expect(f?.text).toBe('3×3 × 8 × 2 + 8 × 2 = 160');
    expect(f?.notes.join(' ')).toMatch(/depth multiplier 2/);
  });

  it('MultiHeadAttention with query and value of different sizes', () => {
    // num_heads=4, key_dim=8 on query 16, value 24, output 16.
    const hk = 32;
    const count = (16 + 1) * hk + (24 + 1) * hk * 2 + (hk + 1) * 16;
    const s: Summary = {
      ...seq(
        row('q', 'InputLayer', [[N, 5, 16]], 0),
        row('v', 'InputLayer', [[N, 7, 24]], 0),
        row('mha', 'MultiHeadAttention', [[N, 5, 16]], count, {
          connectedTo: ['q[0][0]', 'v[0][0]']
        })
      ),
      columns: [
        { title: 'Layer (type)', kind: 'layer' },
        { title: 'Output Shape', kind: 'shape' },
        { title: 'Param #', kind: 'params' },
        { title: 'Connected to', kind: 'connected' }
      ]
    };
    const f = last(s);
    expect(f?.text).toBe(
      `(16 + 1) × 32 + (24 + 1) × 32 + (24 + 1) × 32 + (32 + 1) × 16 = ${fmt(count)}`
    );
  });
});

describe('formulas from true hyper-parameters (property)', () => {
  it('Conv2D, Dense and LSTM counts made from known sizes are explained with those sizes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 512 }),
        fc.integer({ min: 1, max: 256 }),
        fc.integer({ min: 1, max: 7 }),
        (cin, units, k) => {
          const conv = (k * k * cin + 1) * units;
          const c = last(
            seq(
              row('x', 'InputLayer', [[N, 32, 32, cin]], 0),
              row('y', 'Conv2D', [[N, 30, 30, units]], conv)
            )
          );
          expect(c?.text).toBe(
            `(${k}×${k} × ${fmt(cin)} + 1) × ${fmt(units)} = ${fmt(conv)}`
          );
          const dense = (cin + 1) * units;
          const d = last(
            seq(
              row('x', 'InputLayer', [[N, cin]], 0),
              row('y', 'Dense', [[N, units]], dense)
            )
          );
          expect(d?.text).toBe(
            `(${fmt(cin)} + 1) × ${fmt(units)} = ${fmt(dense)}`
          );
          const lstm = 4 * (cin + units + 1) * units;
          const l = last(
            seq(
              row('x', 'InputLayer', [[N, 10, cin]], 0),
              row('y', 'LSTM', [[N, units]], lstm)
            )
          );
          expect(l?.text).toBe(
            `4 × (${fmt(cin)} + ${fmt(units)} + 1) × ${fmt(units)} = ${fmt(lstm)}`
          );
        }
      ),
      { numRuns: 500 }
    );
  });
});

describe('never a formula that does not add up (property)', () => {
  const types = [
    'Dense',
    'Conv1D',
    'Conv2D',
    'Conv3D',
    'SeparableConv2D',
    'DepthwiseConv2D',
    'SimpleRNN',
    'LSTM',
    'GRU',
    'Bidirectional',
    'Embedding',
    'BatchNormalization',
    'LayerNormalization',
    'MultiHeadAttention',
    'EinsumDense',
    'Flatten'
  ];
  it('every result is null, a formula adding up to the count, or "not explained"', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...types),
        fc.array(fc.integer({ min: 1, max: 64 }), {
          minLength: 1,
          maxLength: 4
        }),
        fc.array(fc.integer({ min: 1, max: 64 }), {
          minLength: 1,
          maxLength: 4
        }),
        fc.integer({ min: 0, max: 200000 }),
        fc.boolean(),
        (type, input, output, count, first) => {
          const layers = [row('y', type, [[N, ...output]], count)];
          if (!first) {
            layers.unshift(row('x', 'InputLayer', [[N, ...input]], 0));
          }
          const f = last(seq(...layers));
          if (f) {
            expectWellFormed(f, count);
          }
        }
      ),
      { numRuns: 3000 }
    );
  });
});
