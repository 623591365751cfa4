/**
 * Every summary real Keras printed (fixtures/, captured by `make fixtures`),
 * read with exact expectations. The expected layers, shapes and counts are
 * worked out from the model definitions in scripts/capture_fixtures.py
 * (e.g. Dense(128) on 784 features: (784 + 1) × 128 = 100,480).
 */
import { analyzeSummary } from '../../analyze';
import { parseNotebookJson, NotebookSummary } from '../notebook';
import { parseText } from '../parse';
import {
  fixtureCell,
  fixtureIds,
  loadNotebook,
  stdoutOf
} from '../../testing/fixtures';
import type { Dim, SummaryFormat } from '../types';

type Flavour =
  'keras3-display' | 'keras3-display-wide' | 'keras3-print' | 'tfkeras2';
const FLAVOURS: Flavour[] = [
  'keras3-display',
  'keras3-display-wide',
  'keras3-print',
  'tfkeras2'
];

/** [name (Keras 3), name (tf.keras 2), type, depth, tensors, params] */
type Row = [string, string, string, number, Dim[][] | 'multiple', number];

interface Expected {
  model: [string, string];
  rows: Row[];
  totals: [number, number, number, number | null];
  /** Variable (non-batch) dims: [row name (Keras 3), axis, label, origin row, consumer row | null]. */
  variable?: [string, number, string, string, string | null][];
  /** Keras guarantees that the top-level rows add up to trainable + non-trainable. */
  addsUp?: boolean;
  /** What tf.keras prints differently. */
  tf?: Partial<Expected>;
  /** What a wide terminal (COLUMNS=200) prints differently. */
  wide?: Partial<Expected>;
}

const N = null;
const EXPECTED: Record<string, Expected> = {
  mlp: {
    model: ['sequential', 'sequential'],
    rows: [
      ['flatten', 'flatten', 'Flatten', 0, [[N, 784]], 0],
      ['dense', 'dense', 'Dense', 0, [[N, 128]], 100480],
      ['dense_1', 'dense_1', 'Dense', 0, [[N, 10]], 1290]
    ],
    totals: [101770, 101770, 0, null],
    addsUp: true
  },
  rnn: {
    model: ['sequential_1', 'sequential_1'],
    rows: [
      // (100 + 50 + 1) × 50
      ['simple_rnn', 'simple_rnn', 'SimpleRNN', 0, [[N, 50]], 7550],
      ['dense_2', 'dense_2', 'Dense', 0, [[N, 1]], 51]
    ],
    totals: [7601, 7601, 0, null],
    addsUp: true
  },
  two_inputs: {
    model: ['functional_2', 'model'],
    rows: [
      ['input_layer_2', 'input_3', 'InputLayer', 0, [[N, 64]], 0],
      ['input_layer_3', 'input_4', 'InputLayer', 0, [[N, 8]], 0],
      ['concatenate', 'concatenate', 'Concatenate', 0, [[N, 72]], 0],
      ['dense_3', 'dense_3', 'Dense', 0, [[N, 32]], 2336],
      ['dense_4', 'dense_4', 'Dense', 0, [[N, 3]], 99]
    ],
    totals: [2435, 2435, 0, null],
    addsUp: true
  },
  text: {
    model: ['sequential_2', 'sequential_2'],
    rows: [
      ['embedding', 'embedding', 'Embedding', 0, [[N, N, 64]], 640000],
      // 4 × (64 + 32 + 1) × 32
      ['lstm', 'lstm', 'LSTM', 0, [[N, N, 32]], 12416],
      [
        'global_max_pooling1d',
        'global_max_pooling1d',
        'GlobalMaxPooling1D',
        0,
        [[N, 32]],
        0
      ],
      ['dense_5', 'dense_5', 'Dense', 0, [[N, 1]], 33]
    ],
    totals: [652449, 652449, 0, null],
    variable: [
      ['embedding', 1, 'T', 'embedding', 'global_max_pooling1d'],
      ['lstm', 1, 'T', 'embedding', 'global_max_pooling1d']
    ],
    addsUp: true
  },
  fcn: {
    model: ['sequential_3', 'sequential_3'],
    rows: [
      ['conv2d', 'conv2d', 'Conv2D', 0, [[N, N, N, 16]], 448],
      ['max_pooling2d', 'max_pooling2d', 'MaxPooling2D', 0, [[N, N, N, 16]], 0],
      ['conv2d_1', 'conv2d_1', 'Conv2D', 0, [[N, N, N, 32]], 4640],
      [
        'global_average_pooling2d',
        'global_average_pooling2d',
        'GlobalAveragePooling2D',
        0,
        [[N, 32]],
        0
      ],
      ['dense_6', 'dense_6', 'Dense', 0, [[N, 10]], 330]
    ],
    totals: [5418, 5418, 0, null],
    variable: [
      ['conv2d', 1, 'H', 'conv2d', 'global_average_pooling2d'],
      ['conv2d', 2, 'W', 'conv2d', 'global_average_pooling2d'],
      ['max_pooling2d', 1, 'H', 'conv2d', 'global_average_pooling2d'],
      ['max_pooling2d', 2, 'W', 'conv2d', 'global_average_pooling2d'],
      ['conv2d_1', 1, 'H', 'conv2d', 'global_average_pooling2d'],
      ['conv2d_1', 2, 'W', 'conv2d', 'global_average_pooling2d']
    ],
    addsUp: true
  },
  nested: {
    model: ['nested_model', 'nested_model'],
    rows: [
      ['features', 'features', 'InputLayer', 0, [[N, 32]], 0],
      ['block', 'block', 'Sequential', 0, [[N, 16]], 4720],
      ['encoder', 'encoder', 'Functional', 1, [[N, 32]], 4192],
      ['encoder_input', 'encoder_input', 'InputLayer', 2, [[N, 32]], 0],
      ['encoder_dense_1', 'encoder_dense_1', 'Dense', 2, [[N, 64]], 2112],
      ['encoder_dense_2', 'encoder_dense_2', 'Dense', 2, [[N, 32]], 2080],
      ['block_dense', 'block_dense', 'Dense', 1, [[N, 16]], 528],
      ['skip_concat', 'skip_concat', 'Concatenate', 0, [[N, 48]], 0],
      ['frozen_projection', 'frozen_projection', 'Dense', 0, [[N, 8]], 392],
      ['head', 'head', 'Dense', 0, [[N, 1]], 9]
    ],
    totals: [5121, 2617, 2504, null],
    addsUp: true
  },
  nested_plain: {
    model: ['nested_model', 'nested_model'],
    rows: [
      ['features', 'features', 'InputLayer', 0, [[N, 32]], 0],
      ['block', 'block', 'Sequential', 0, [[N, 16]], 4720],
      ['skip_concat', 'skip_concat', 'Concatenate', 0, [[N, 48]], 0],
      ['frozen_projection', 'frozen_projection', 'Dense', 0, [[N, 8]], 392],
      ['head', 'head', 'Dense', 0, [[N, 1]], 9]
    ],
    totals: [5121, 2617, 2504, null],
    addsUp: true
  },
  unbuilt: {
    model: ['small_mlp', 'small_mlp'],
    rows: [
      ['dense_7', 'dense_7', 'Dense', 0, [['?']], 0],
      ['dense_8', 'dense_8', 'Dense', 0, [['?']], 0]
    ],
    totals: [0, 0, 0, null],
    // tf.keras cannot summarise an unbuilt subclassed model: the capture
    // builds it on data first, and it prints `multiple`.
    tf: {
      rows: [
        ['dense_7', 'dense_7', 'Dense', 0, 'multiple', 544],
        ['dense_8', 'dense_8', 'Dense', 0, 'multiple', 33]
      ],
      totals: [577, 577, 0, null]
    }
  },
  subclassed_built: {
    model: ['small_mlp_built', 'small_mlp_built'],
    rows: [
      ['dense_9', 'dense_9', 'Dense', 0, [[2, 32]], 544],
      ['dense_10', 'dense_10', 'Dense', 0, [[2, 1]], 33]
    ],
    totals: [577, 577, 0, null],
    addsUp: true,
    tf: {
      rows: [
        ['dense_9', 'dense_9', 'Dense', 0, 'multiple', 544],
        ['dense_10', 'dense_10', 'Dense', 0, 'multiple', 33]
      ]
    }
  },
  fixed_batch: {
    model: ['sequential_4', 'sequential_4'],
    rows: [['dense_11', 'dense_11', 'Dense', 0, [[32, 8]], 136]],
    totals: [136, 136, 0, null],
    addsUp: true
  },
  multi_output: {
    model: ['functional_7', 'model_1'],
    rows: [
      ['input_layer_8', 'input_9', 'InputLayer', 0, [[N, 10, 4]], 0],
      [
        'lstm_1',
        'lstm_1',
        'LSTM',
        0,
        [
          [N, 8],
          [N, 8],
          [N, 8]
        ],
        416
      ]
    ],
    totals: [416, 416, 0, null],
    addsUp: true
  },
  dict_output: {
    model: ['dict_output', 'dict_output'],
    rows: [
      ['input_layer_9', 'input_10', 'InputLayer', 0, [[N, 16]], 0],
      ['dense_12', 'dense_12', 'Dense', 0, [[N, 16]], 272],
      // Keras 3 prints a dict's values as a list, sorted by key.
      [
        'two_heads',
        'two_heads',
        'TwoHeads',
        0,
        [
          [N, 3],
          [N, 1]
        ],
        68
      ]
    ],
    totals: [340, 340, 0, null],
    addsUp: true,
    tf: {
      rows: [
        ['input_layer_9', 'input_10', 'InputLayer', 0, [[N, 16]], 0],
        ['dense_12', 'dense_12', 'Dense', 0, [[N, 16]], 272],
        [
          'two_heads',
          'two_heads',
          'TwoHeads',
          0,
          [
            [N, 1],
            [N, 3]
          ],
          68
        ]
      ]
    }
  },
  trained: {
    model: ['sequential_5', 'sequential_5'],
    rows: [
      ['dense_13', 'dense_13', 'Dense', 0, [[N, 16]], 336],
      ['dense_14', 'dense_14', 'Dense', 0, [[N, 1]], 17]
    ],
    // Keras 3 counts Adam's two slots per weight plus its iteration counters.
    totals: [1061, 353, 0, 708],
    addsUp: true,
    tf: { totals: [353, 353, 0, null] }
  },
  long_names: {
    model: ['long_names', 'long_names'],
    rows: [
      [
        'a_really_long_layer_name_that_…',
        'a_really_long_layer_name_that_does_not_fit_in_the_column_at_all',
        'Dense',
        0,
        [[N, 32]],
        544
      ],
      ['my dense', 'my_dense', 'Dense', 0, [[N, 16]], 528],
      [
        'a layer name with several words that has to wrap',
        'another_long_layer_name_with_a_long_type',
        'Dense',
        0,
        [[N, 8]],
        136
      ]
    ],
    totals: [1208, 1208, 0, null],
    addsUp: true,
    wide: {
      rows: [
        [
          'a_really_long_layer_name_that_does_…',
          '',
          'Dense',
          0,
          [[N, 32]],
          544
        ],
        ['my dense', '', 'Dense', 0, [[N, 16]], 528],
        [
          'a layer name with several words that has to wrap',
          '',
          'Dense',
          0,
          [[N, 8]],
          136
        ]
      ]
    }
  },
  layer_range: {
    model: ['layer_range', 'layer_range'],
    rows: [
      ['dense_15', 'dense_15', 'Dense', 0, [[N, 64]], 2112],
      ['dense_16', 'dense_16', 'Dense', 0, [[N, 32]], 2080],
      ['dense_17', 'dense_17', 'Dense', 0, [[N, 32]], 1056],
      ['concatenate_1', 'concatenate_1', 'Concatenate', 0, [[N, 64]], 0]
    ],
    // The printed range leaves out the InputLayer and the last Dense (65 params).
    totals: [5313, 5313, 0, null],
    addsUp: false
  },
  masking: {
    model: ['masking', 'masking'],
    rows: [
      ['input_layer_14', 'input_15', 'InputLayer', 0, [[N, N, 8]], 0],
      ['not_equal', '', 'NotEqual', 0, [[N, N, 8]], 0],
      ['masking', 'masking', 'Masking', 0, [[N, N, 8]], 0],
      ['any', '', 'Any', 0, [[N, N]], 0],
      ['lstm_2', 'lstm_2', 'LSTM', 0, [[N, 16]], 1600],
      ['dense_19', 'dense_19', 'Dense', 0, [[N, 1]], 17]
    ],
    totals: [1617, 1617, 0, null],
    variable: [
      ['input_layer_14', 1, 'T', 'input_layer_14', 'lstm_2'],
      ['not_equal', 1, 'T', 'input_layer_14', 'lstm_2'],
      ['masking', 1, 'T', 'input_layer_14', 'lstm_2'],
      ['any', 1, 'T', 'input_layer_14', 'lstm_2']
    ],
    addsUp: true,
    // tf.keras shows no op rows for the mask.
    tf: {
      rows: [
        ['input_layer_14', 'input_15', 'InputLayer', 0, [[N, N, 8]], 0],
        ['masking', 'masking', 'Masking', 0, [[N, N, 8]], 0],
        ['lstm_2', 'lstm_2', 'LSTM', 0, [[N, 16]], 1600],
        ['dense_19', 'dense_19', 'Dense', 0, [[N, 1]], 17]
      ],
      variable: [
        ['input_15', 1, 'T', 'input_15', 'lstm_2'],
        ['masking', 1, 'T', 'input_15', 'lstm_2']
      ]
    }
  },
  batchnorm: {
    model: ['batchnorm', 'batchnorm'],
    rows: [
      ['conv2d_2', 'conv2d_2', 'Conv2D', 0, [[N, 30, 30, 16]], 448],
      // 4 × 16: gamma and beta train, the moving mean and variance do not.
      [
        'batch_normalization',
        'batch_normalization',
        'BatchNormalization',
        0,
        [[N, 30, 30, 16]],
        64
      ],
      ['re_lu', 're_lu', 'ReLU', 0, [[N, 30, 30, 16]], 0],
      ['flatten_1', 'flatten_1', 'Flatten', 0, [[N, 14400]], 0],
      ['dense_20', 'dense_20', 'Dense', 0, [[N, 10]], 144010]
    ],
    totals: [144522, 144490, 32, null],
    addsUp: true
  },
  print_around: {
    model: ['print_around', 'print_around'],
    rows: [['dense_22', 'dense_22', 'Dense', 0, [[N, 2]], 10]],
    totals: [10, 10, 0, null],
    addsUp: true
  }
};

function formatOf(flavour: Flavour): SummaryFormat {
  return flavour === 'tfkeras2' ? 'keras2' : 'keras3';
}

function expectedFor(id: string, flavour: Flavour): Expected {
  const base = EXPECTED[id];
  if (flavour === 'tfkeras2' && base.tf) {
    return { ...base, ...base.tf };
  }
  return flavour === 'keras3-display-wide' && base.wide
    ? { ...base, ...base.wide }
    : base;
}

describe.each(FLAVOURS)('real Keras output: %s', flavour => {
  const nb = loadNotebook(`${flavour}.ipynb`);
  const summaries = parseNotebookJson(nb.json);
  const byCell = (index: number) => summaries.filter(s => s.cell === index);
  const k = flavour === 'tfkeras2' ? 1 : 0;

  it('holds every fixture the capture script writes', () => {
    const ids = fixtureIds(nb);
    for (const id of [
      ...Object.keys(EXPECTED),
      'resnet50',
      'conv_mix',
      'two_summaries'
    ]) {
      expect(ids).toContain(id);
    }
  });

  it.each(Object.keys(EXPECTED))('%s', id => {
    const exp = expectedFor(id, flavour);
    const cell = fixtureCell(nb, id);
    const found = byCell(cell.index);
    expect(found).toHaveLength(1);
    const s = found[0];
    expect(s.format).toBe(formatOf(flavour));
    expect(s.model).toBe(exp.model[k]);
    expect(s.parts).toEqual({ heading: true, table: true, totals: true });

    const rows = exp.rows.filter(r => (k === 0 ? r[0] : r[1]) !== '');
    expect(s.layers.map(l => [l.name, l.type, l.depth])).toEqual(
      rows.map(r => [r[k], r[2], r[3]])
    );
    expect(
      s.layers.map(l => (l.shapeKind === 'multiple' ? 'multiple' : l.tensors))
    ).toEqual(rows.map(r => r[4]));
    expect(s.layers.map(l => l.params)).toEqual(rows.map(r => r[5]));
    expect(s.layers.every(l => l.paramsText !== '')).toBe(true);

    const [total, trainable, nonTrainable, optimizer] = exp.totals;
    expect(s.totals).toMatchObject({
      total,
      trainable,
      nonTrainable,
      optimizer
    });
    // Keras prints Total = trainable + non-trainable (+ optimizer).
    expect(total).toBe(trainable + nonTrainable + (optimizer ?? 0));

    if (exp.addsUp) {
      const top = s.layers
        .filter(l => l.depth === 0)
        .reduce((a, l) => a + (l.params ?? 0), 0);
      expect(top).toBe(trainable + nonTrainable);
      expect(s.warnings.filter(w => /add up/.test(w))).toEqual([]);
    } else if (exp.addsUp === false) {
      expect(s.warnings.join(' ')).toMatch(/add up to/);
    }

    // Roles: axis 0 is the batch in every tensor; every other None is variable.
    const facts = analyzeSummary(s);
    s.layers.forEach((layer, i) => {
      for (const [t, shape] of layer.tensors.entries()) {
        const batch = facts.layers[i].dims.filter(
          d => d.tensor === t && d.axis === 0
        );
        if (shape[0] === null || typeof shape[0] === 'number') {
          expect(batch).toHaveLength(1);
          expect(batch[0].role).toBe('batch');
        }
        const open = shape.filter((d, axis) => axis > 0 && d === null).length;
        expect(
          facts.layers[i].dims.filter(
            d => d.tensor === t && d.role === 'variable'
          )
        ).toHaveLength(open);
      }
    });
    const variable = s.layers.flatMap((layer, i) =>
      facts.layers[i].dims
        .filter(d => d.role === 'variable')
        .map(d => [
          layer.name,
          d.axis,
          facts.lineageLabels[d.lineage],
          d.origin === null ? null : s.layers[d.origin].name,
          d.consumer === null ? null : s.layers[d.consumer].name
        ])
    );
    expect(variable).toEqual(exp.variable ?? []);
  });

  it('reads ResNet50 whole', () => {
    const s = byCell(fixtureCell(nb, 'resnet50').index)[0];
    expect(s.model).toBe('resnet50');
    expect(s.layers).toHaveLength(177);
    expect(s.layers[0]).toMatchObject({
      type: 'InputLayer',
      tensors: [[N, 224, 224, 3]],
      params: 0
    });
    expect(s.layers[176]).toMatchObject({
      name: 'predictions',
      type: 'Dense',
      tensors: [[N, 1000]],
      params: 2049000
    });
    expect(s.totals).toMatchObject({
      total: 25636712,
      trainable: 25583592,
      nonTrainable: 53120
    });
    const top = s.layers.reduce((a, l) => a + (l.params ?? 0), 0);
    expect(top).toBe(25636712);
    // Every Connected to reference resolves to an earlier row, cut ones included.
    const facts = analyzeSummary(s);
    s.layers.forEach((layer, i) => {
      expect(facts.layers[i].inputs).toHaveLength(layer.connectedTo.length);
      expect(facts.layers[i].inputs.every(r => r < i)).toBe(true);
    });
  });

  it('reads the mixed layer types, resolving every Connected to', () => {
    const s = byCell(fixtureCell(nb, 'conv_mix').index)[0];
    expect(s.layers.map(l => l.params)).toEqual([
      0, 32000, 5152, 2400, 2112, 0, 32, 91, 0, 2160, 160, 112, 0, 0, 0, 0, 37
    ]);
    expect(
      s.layers.filter(l => l.type === 'InputLayer').map(l => l.tensors)
    ).toEqual([[[N, 50]], [[N, 32, 32, 3]], [[N, 8, 16, 16, 1]]]);
    const facts = analyzeSummary(s);
    s.layers.forEach((layer, i) => {
      expect(facts.layers[i].inputs).toHaveLength(layer.connectedTo.length);
    });
    // multi_head_attention(x, x): both references point at layer_normalization.
    const mha = s.layers.findIndex(l => l.type.startsWith('MultiHeadAttentio'));
    expect(facts.layers[mha].inputs.map(r => s.layers[r].type)).toEqual([
      s.layers[6].type,
      s.layers[6].type
    ]);
  });

  it('finds two summaries printed by one cell', () => {
    const found = byCell(fixtureCell(nb, 'two_summaries').index);
    expect(found.map(s => s.model)).toEqual(['tiny_encoder', 'tiny_decoder']);
    expect(found.map(s => s.totals.total)).toEqual([36, 40]);
  });

  it('keeps the text printed around a summary outside its span', () => {
    const cell = fixtureCell(nb, 'print_around');
    const stdout = stdoutOf(cell);
    expect(stdout).toContain('Building model...');
    if (flavour === 'keras3-display' || flavour === 'keras3-display-wide') {
      // rich's pieces are display outputs; the prints are streams around them.
      const [s] = byCell(cell.index);
      expect(s.pieces.map(p => p.mime)).toEqual([
        'text/html',
        'text/html',
        'text/html',
        'text/html',
        'text/html'
      ]);
      expect(parseText(stdout).summaries).toEqual([]);
    } else {
      const [s] = parseText(stdout).summaries;
      expect(stdout.slice(0, s.start)).toBe('Building model...\n');
      // Keras 3 hands its captured text, which ends in a newline, to print(),
      // which adds one more.
      expect(stdout.slice(s.end)).toBe(
        flavour === 'keras3-print' ? '\ndone\n' : 'done\n'
      );
      expect(stdout.slice(s.start, s.end)).toMatch(
        /^Model: "print_around"\n[\s\S]*Non-trainable params: 0 \(0\.00 B(yte)?\)\n(_+\n)?$/
      );
    }
  });
});

describe('rich display outputs, one summary in five or six pieces', () => {
  const nb = loadNotebook('keras3-display.ipynb');
  const summaries: NotebookSummary[] = parseNotebookJson(nb.json);

  it('joins heading, table and totals into one summary per model', () => {
    for (const id of Object.keys(EXPECTED)) {
      const cell = fixtureCell(nb, id);
      const [s] = summaries.filter(x => x.cell === cell.index);
      const displays = cell.outputs.filter(
        o => o.output_type === 'display_data'
      ).length;
      expect(s.pieces).toHaveLength(displays);
      expect(s.pieces.map(p => p.output)).toEqual(
        cell.outputs
          .map((o, i) => (o.output_type === 'display_data' ? i : -1))
          .filter(i => i >= 0)
      );
      // The summary's own place is the table's output.
      expect(s.output).toBe(s.pieces[1].output);
    }
  });

  it('reads the text/plain (ANSI) and text/html of each table alike', () => {
    for (const id of Object.keys(EXPECTED)) {
      const cell = fixtureCell(nb, id);
      const table = cell.outputs.find(o =>
        /┏/.test(String(o.data?.['text/plain'] ?? ''))
      )!;
      const plain = parseText(
        String(
          (table.data!['text/plain'] as string[] | string) instanceof Array
            ? (table.data!['text/plain'] as string[]).join('')
            : table.data!['text/plain']
        )
      );
      const htmlData = table.data!['text/html'];
      const html = parseText(
        Array.isArray(htmlData) ? htmlData.join('') : htmlData,
        { kind: 'html' }
      );
      const strip = (r: typeof plain) =>
        r.summaries.map(s =>
          s.layers.map(l => [
            l.name,
            l.type,
            l.outputShape,
            l.params,
            l.connectedTo
          ])
        );
      expect(strip(html)).toEqual(strip(plain));
      expect(plain.summaries[0].layers.length).toBeGreaterThan(0);
    }
  });

  it('merges only pieces that follow each other', () => {
    // The print_around cell has stdout between nothing: its five pieces join;
    // the two_summaries cell starts a new summary at the second heading.
    const cell = fixtureCell(nb, 'two_summaries');
    const found = summaries.filter(x => x.cell === cell.index);
    expect(found.map(s => s.pieces.length)).toEqual([5, 5]);
  });
});

describe('the wide terminal crops what does not fit', () => {
  it('reads the cropped show_trainable table of a functional model', () => {
    const nb = loadNotebook('keras3-display-wide.ipynb');
    const [s] = parseNotebookJson(nb.json).filter(
      x => x.cell === fixtureCell(nb, 'nested').index
    );
    expect(s.columns.map(c => c.kind)).toEqual([
      'layer',
      'shape',
      'params',
      'connected',
      'trainable'
    ]);
    expect(s.layers.map(l => l.trainable)).toEqual([
      null,
      true,
      true,
      null,
      false,
      true,
      true,
      null,
      false,
      true
    ]);
  });
});

describe('hand-written Keras 1 tables (Keras 1 cannot be installed here)', () => {
  it('reads the functional multi-input model', () => {
    const fs = require('fs');
    const path = require('path');
    const text = fs.readFileSync(
      path.join(
        __dirname,
        '../../../fixtures/handwritten/keras1-functional-multi-io.txt'
      ),
      'utf-8'
    );
    const [s] = parseText(text).summaries;
    expect(s.format).toBe('keras1');
    expect(s.layers.map(l => l.name)).toEqual([
      'main_input',
      'embedding_1',
      'lstm_1',
      'aux_input',
      'merge_1',
      'dense_1',
      'dense_2',
      'dense_3',
      'main_output',
      'aux_output'
    ]);
    expect(s.layers[4].connectedTo).toEqual([
      'lstm_1[0][0]',
      'aux_input[0][0]'
    ]);
    expect(s.totals).toMatchObject({
      total: 5200610,
      trainable: 5200610,
      nonTrainable: 0
    });
    expect(s.layers.reduce((a, l) => a + (l.params ?? 0), 0)).toBe(5200610);
  });
});
