/**
 * The printer branches of fixtures/BRANCHES.md, read from the summaries the
 * old Keras versions really printed (fixtures/keras0.3 … keras2-2.3,
 * tfkeras212, tfkeras2-quoted, tfkeras2-unmerged, keras30-display,
 * keras3-other; `make fixtures`). Counts are worked out from the models in
 * scripts/capture_formats.py: Conv2D(32, 3) on 3 channels is
 * 3·3·3·32 + 32 = 896, Dense(4096) on 4096 is 4096² + 4096 = 16,781,312.
 */
import * as fs from 'fs';
import * as path from 'path';
import { analyzeSummary } from '../../analyze';
import { rowInputs } from '../../analyze/inputs';
import { nameCutAtEdge } from '../cells';
import { parseNotebook, parseNotebookJson } from '../notebook';
import type { NotebookSummary } from '../notebook';
import { parseText } from '../parse';
import {
  fixtureCell,
  FIXTURES_DIR,
  loadNotebook
} from '../../testing/fixtures';
import type {
  ColumnKind,
  Dim,
  ShapeCut,
  Summary,
  SummaryFormat
} from '../types';

const N = null;

/** [name, type, tensors (or 'multiple'), params, depth, cut columns] */
type Row = [
  string,
  string,
  Dim[][] | 'multiple',
  number,
  number?,
  ColumnKind[]?
];

interface Expected {
  notebook: string;
  cell: string;
  format: SummaryFormat;
  model: string | null;
  rows: Row[];
  /** [total, trainable, non-trainable] (null: not printed). */
  totals: [number, number | null, number | null];
  /** Rows whose shape was cut, by name. */
  shapeCuts?: Record<string, ShapeCut>;
  trainable?: (boolean | null)[];
}

const partial = (tensor = 0): ShapeCut => ({ tensor, lastDimPartial: true });
const whole = (tensor = 0): ShapeCut => ({ tensor, lastDimPartial: false });

const CNN_K2: Row[] = [
  // Only the `)` lost, but nothing tells: the 3 may have gone on too.
  ['image', 'InputLayer', [[N, N, N, 3]], 0, 0, ['shape']],
  ['conv2d_1', 'Conv2D', [[N, N, N, 3]], 896, 0, ['shape']],
  ['max_pooling2d_1', 'MaxPooling2D', [[N, N, N, 3]], 0, 0, ['shape']],
  ['conv2d_2', 'Conv2D', [[N, N, N, 6]], 18496, 0, ['shape']],
  // The class cut silently at the column's edge.
  ['global_max_pooling2d_1', 'GlobalM', [[N, 64]], 0, 0, ['layer']],
  ['meta', 'InputLayer', [[N, 10]], 0],
  ['concatenate_1', 'Concatenate', [[N, 74]], 0],
  ['dense_3', 'Dense', [[N, 1]], 75]
];

const NESTED: Row[] = [
  ['features', 'InputLayer', [[N, 32]], 0, 0],
  ['block', 'Sequential', [[N, 16]], 4720, 0],
  ['encoder', 'Functional', [[N, 32]], 4192, 1],
  ['encoder_input', 'InputLayer', [[N, 32]], 0, 2],
  ['encoder_dense_1', 'Dense', [[N, 64]], 2112, 2],
  ['encoder_dense_2', 'Dense', [[N, 32]], 2080, 2],
  ['block_dense', 'Dense', [[N, 16]], 528, 1],
  ['skip_concat', 'Concatenate', [[N, 48]], 0, 0],
  ['frozen_projection', 'Dense', [[N, 8]], 392, 0],
  ['head', 'Dense', [[N, 1]], 9, 0]
];
const NESTED_TRAINABLE = [
  true,
  true,
  true,
  true,
  false,
  true,
  true,
  true,
  false,
  true
];

/**
 * Names of 31 to 36 characters in a first column that keeps 32 (Keras 2.0)
 * or 31 (2.1 and later) characters of a cell: the printer cuts the cell at
 * the column's edge, with no mark, so a name that fills it keeps no
 * `(Type)`.
 */
const longNames = (width: 31 | 32): Row[] => [
  ['token_features_with_a_long_name', '', [[N, N, 16]], 0, 0, ['layer']],
  [
    'temporal_convolution_over_the_tokens'.slice(0, width),
    '',
    [[N, N, 32]],
    // 3·16·32 + 32
    1568,
    0,
    // `connected`: its reference is cut at the line's end, as those below.
    ['layer', 'connected']
  ],
  [
    'global_max_pooling_over_time_steps'.slice(0, width),
    '',
    [[N, 32]],
    0,
    0,
    ['layer', 'connected']
  ],
  [
    'global_average_pooling_over_time'.slice(0, width),
    '',
    [[N, 32]],
    0,
    0,
    ['layer', 'connected']
  ],
  ['joined', 'Concatenate', [[N, 64]], 0, 0, ['connected']],
  // 64·2 + 2
  ['classifier', 'Dense', [[N, 2]], 130]
];

/**
 * Framed rows whose first cell tf.keras 2.7-2.12 cuts as wide as an
 * unframed row's (27 characters) while it starts their other columns a
 * character per level early: the cell runs into the Output Shape column.
 * 2.13 and later cut it narrower; both read the same.
 */
const NESTED_CUT: Row[] = [
  ['images', 'InputLayer', [[N, 32, 32, 3]], 0, 0],
  ['img_augmentation', 'Sequential', [[N, 32, 32, 3]], 0, 0],
  ['random_flip', 'RandomFlip', [[N, 32, 32, 3]], 0, 1],
  ['random_rotation', 'RandomRotation', [[N, 32, 32, 3]], 0, 1],
  ['image_head', 'Sequential', [[N, 8]], 328, 0],
  // 3·3·3·8 + 8
  ['convolution_over_images', 'Conv2D', [[N, 30, 30, 8]], 224, 1],
  ['pooling', 'GlobalAveragePooling2D', [[N, 8]], 0, 1],
  ['inner_block', 'Sequential', [[N, 8]], 104, 1],
  // 8·8 + 8, and BatchNormalization's 4·8
  ['dense_in_the_inner_block', 'Dense', [[N, 8]], 72, 2],
  ['batch_normalization', 'BatchNormalization', [[N, 8]], 32, 2],
  ['prediction', 'Dense', [[N, 2]], 18, 0]
];

const BIG: Row[] = [
  ['left', 'InputLayer', [[N, 4096]], 0, 0],
  ['wide_block', 'Sequential', [[N, 4096]], 16781312, 0],
  ['wide_dense', 'Dense', [[N, 4096]], 16781312, 1],
  ['right', 'InputLayer', [[N, 4096]], 0, 0],
  ['joined', 'Concatenate', [[N, 8192]], 0, 0],
  ['score', 'Dense', [[N, 1]], 8193, 0]
];

/** Keras 2.0's `cnn_cut` rows (2.0.2 and 2.0.8 print the same table). */
const K20_CNN_CUT: Row[] = [
  ['image', 'InputLayer', [[N, N, N, 3]], 0],
  ['conv2d_1', 'Conv2D', [[N, N, N, 32]], 896, 0, ['shape']],
  ['max_pooling2d_1', 'MaxPooling2D', [[N, N, N, 32]], 0, 0, ['shape']],
  ['conv2d_2', 'Conv2D', [[N, N, N, 64]], 18496, 0, ['shape']],
  ['global_max_pooling2d_1', 'GlobalMa', [[N, 64]], 0, 0, ['layer']],
  ['meta', 'InputLayer', [[N, 10]], 0],
  ['concatenate_1', 'Concatenate', [[N, 74]], 0],
  ['dense_3', 'Dense', [[N, 1]], 75]
];

const EXPECTED: Expected[] = [
  {
    notebook: 'keras0.3.ipynb',
    cell: 'mlp',
    format: 'keras1',
    model: null,
    // `Dense (dense)`: Keras 0.3 printed the class first.
    rows: [
      ['dense', 'Dense', [[N, 512]], 401920],
      ['activation', 'Activation', [[N, 512]], 0],
      ['dense', 'Dense', [[N, 10]], 5130],
      ['activation', 'Activation', [[N, 10]], 0]
    ],
    totals: [407050, null, null]
  },
  {
    notebook: 'keras0.3.ipynb',
    cell: 'graph',
    format: 'keras1',
    model: null,
    rows: [
      ['left', 'Layer', [[N, 32]], 0],
      ['right', 'Layer', [[N, 32]], 0],
      ['hidden', 'Dense', [[N, 16]], 1040],
      ['score', 'Dense', [[N, 1]], 17],
      // The output row repeats the node it reads.
      ['out', 'Dense', [[N, 1]], 17]
    ],
    totals: [1057, null, null]
  },
  {
    notebook: 'keras1.0.ipynb',
    cell: 'merged',
    format: 'keras1',
    model: null,
    rows: [
      ['left', 'InputLayer', [[N, 16]], 0],
      ['right', 'InputLayer', [[N, 8]], 0],
      ['dense_3', 'Dense', [[N, 4]], 68],
      ['dense_4', 'Dense', [[N, 4]], 36],
      ['merge_1', 'Merge', [[N, 8]], 0],
      ['dense_5', 'Dense', [[N, 1]], 9]
    ],
    totals: [113, null, null]
  },
  {
    notebook: 'keras1.1.ipynb',
    cell: 'cnn_cut',
    format: 'keras1',
    model: null,
    // No separating space: `(None, None, None, 32)896` fills its column.
    rows: [
      ['image', 'InputLayer', [[N, N, N, 3]], 0],
      ['convolution2d_1', 'Convolution2D', [[N, N, N, 32]], 896],
      ['maxpooling2d_1', 'MaxPooling2D', [[N, N, N, 32]], 0],
      ['convolution2d_2', 'Convolution2D', [[N, N, N, 64]], 18496],
      ['globalmaxpooling2d_1', 'GlobalMaxPo', [[N, 64]], 0, 0, ['layer']],
      ['meta', 'InputLayer', [[N, 10]], 0],
      ['merge_1', 'Merge', [[N, 74]], 0],
      ['dense_3', 'Dense', [[N, 1]], 75]
    ],
    totals: [19467, null, null]
  },
  {
    notebook: 'keras1.1.ipynb',
    cell: 'multi_output',
    format: 'keras1',
    model: null,
    rows: [
      ['input_4', 'InputLayer', [[N, 28, 28, 1]], 0],
      // `[(None, 28, 28, 4), (N`: the second tensor's first axis is None.
      ['model_3', 'Model', [[N, 28, 28, 4], [N]], 120, 0, ['shape']],
      ['flatten_1', 'Flatten', [[N, 3136]], 0],
      ['flatten_2', 'Flatten', [[N, 6272]], 0],
      ['merge_3', 'Merge', [[N, 9408]], 0],
      ['dense_5', 'Dense', [[N, 2]], 18818]
    ],
    totals: [18938, null, null],
    shapeCuts: { model_3: whole(1) }
  },
  {
    notebook: 'keras1.2.ipynb',
    cell: 'cnn_cut',
    format: 'keras1',
    model: null,
    // The separating space overwrites the `)`: 32 may have gone on.
    rows: [
      ['image', 'InputLayer', [[N, N, N, 3]], 0],
      ['convolution2d_1', 'Convolution2D', [[N, N, N, 32]], 896, 0, ['shape']],
      ['maxpooling2d_1', 'MaxPooling2D', [[N, N, N, 32]], 0, 0, ['shape']],
      [
        'convolution2d_2',
        'Convolution2D',
        [[N, N, N, 64]],
        18496,
        0,
        ['shape']
      ],
      ['globalmaxpooling2d_1', 'GlobalMaxP', [[N, 64]], 0, 0, ['layer']],
      ['meta', 'InputLayer', [[N, 10]], 0],
      ['merge_1', 'Merge', [[N, 74]], 0],
      ['dense_3', 'Dense', [[N, 1]], 75]
    ],
    totals: [19467, 19467, 0],
    shapeCuts: { convolution2d_1: partial(), maxpooling2d_1: partial() }
  },
  {
    notebook: 'keras1.2.ipynb',
    cell: 'shared',
    format: 'keras1',
    model: null,
    rows: [
      ['input_1', 'InputLayer', [[N, 30, 16]], 0],
      ['input_2', 'InputLayer', [[N, 20, 16]], 0],
      ['convolution1d_1', 'Convolution1D', 'multiple', 3136],
      ['globalmaxpooling1d_1', 'GlobalMaxP', [[N, 64]], 0, 0, ['layer']],
      ['merge_2', 'Merge', [[N, 128]], 0],
      ['dense_4', 'Dense', [[N, 1]], 129]
    ],
    totals: [3265, 3265, 0]
  },
  {
    notebook: 'keras2-2.0.2.ipynb',
    cell: 'mlp',
    // `Total params: 407,050.0`: Keras 2.0.0-2.0.3 summed with np.sum, a
    // float when a model has no non-trainable weights.
    format: 'keras2',
    model: null,
    rows: [
      ['dense_1', 'Dense', [[N, 512]], 401920],
      ['dropout_1', 'Dropout', [[N, 512]], 0],
      ['dense_2', 'Dense', [[N, 10]], 5130]
    ],
    totals: [407050, 407050, 0]
  },
  {
    notebook: 'keras2-2.0.2.ipynb',
    cell: 'cnn_cut',
    format: 'keras2',
    model: null,
    rows: K20_CNN_CUT,
    totals: [19467, 19467, 0]
  },
  {
    notebook: 'keras2-2.0.ipynb',
    cell: 'cnn_cut',
    // 100 columns and no heading, as Keras 1.2: Conv2D says Keras 2.
    format: 'keras2',
    model: null,
    rows: K20_CNN_CUT,
    totals: [19467, 19467, 0]
  },
  {
    notebook: 'keras2-2.0.ipynb',
    cell: 'conv3d_cut',
    format: 'keras2',
    model: null,
    rows: [
      // `(None, None, None, None, ` in the 65-column table: one axis lost.
      ['conv3d_1', 'Conv3D', [[N, N, N, N]], 224, 0, ['shape']],
      ['global_average_pooling3d_1', '', [[N, 8]], 0, 0, ['layer']],
      ['dense_6', 'Dense', [[N, 2]], 18]
    ],
    totals: [242, 242, 0],
    shapeCuts: { conv3d_1: whole() }
  },
  {
    notebook: 'keras2-2.2.ipynb',
    cell: 'multi_output',
    format: 'keras2',
    model: null,
    rows: [
      ['input_4', 'InputLayer', [[N, 28, 28, 1]], 0],
      // `[(None, 28, 28, 4), `: a second tensor follows, nothing of it shown.
      ['model_3', 'Model', [[N, 28, 28, 4], []], 120, 0, ['shape']],
      ['flatten_1', 'Flatten', [[N, 3136]], 0],
      ['flatten_2', 'Flatten', [[N, 6272]], 0],
      ['concatenate_3', 'Concatenate', [[N, 9408]], 0],
      ['dense_5', 'Dense', [[N, 2]], 18818]
    ],
    totals: [18938, 18938, 0],
    shapeCuts: { model_3: whole(1) }
  },
  {
    notebook: 'keras2-2.3.ipynb',
    cell: 'cnn_cut',
    format: 'keras2',
    model: 'model_1',
    // 98 columns: `(None, None, None, 3` for 3, 32 and 64 channels alike.
    rows: CNN_K2,
    totals: [19467, 19467, 0],
    shapeCuts: {
      image: partial(),
      conv2d_1: partial(),
      max_pooling2d_1: partial(),
      conv2d_2: partial()
    }
  },
  {
    notebook: 'keras2-2.0.ipynb',
    cell: 'long_names',
    format: 'keras2',
    model: null,
    rows: longNames(32),
    totals: [1698, 1698, 0]
  },
  {
    notebook: 'keras2-2.2.ipynb',
    cell: 'long_names',
    format: 'keras2',
    model: null,
    rows: longNames(31),
    totals: [1698, 1698, 0]
  },
  {
    notebook: 'keras2-2.3.ipynb',
    cell: 'long_names',
    format: 'keras2',
    model: 'model_5',
    rows: longNames(31),
    totals: [1698, 1698, 0]
  },
  ...['tfkeras212.ipynb', 'tfkeras2-quoted.ipynb'].map(
    (notebook): Expected => ({
      notebook,
      cell: 'nested_cut',
      format: 'keras2',
      model: 'nested_cut',
      rows: NESTED_CUT,
      totals: [346, 330, 16],
      trainable: NESTED_CUT.map(() => true)
    })
  ),
  ...['keras2-2.3.ipynb', 'tfkeras212.ipynb', 'tfkeras2-quoted.ipynb'].map(
    (notebook): Expected => ({
      notebook,
      cell: 'no_layers',
      format: 'keras2',
      model: 'affine',
      rows: [],
      totals: [2, 2, 0]
    })
  ),
  {
    notebook: 'keras3-other.ipynb',
    cell: 'no_layers',
    format: 'keras3',
    model: 'affine',
    rows: [],
    totals: [2, 2, 0]
  },
  {
    notebook: 'tfkeras212.ipynb',
    cell: 'nested',
    format: 'keras2',
    model: 'nested_model',
    rows: NESTED,
    totals: [5121, 2617, 2504],
    trainable: NESTED_TRAINABLE
  },
  {
    notebook: 'tfkeras212.ipynb',
    cell: 'quoted_nested',
    format: 'keras2',
    model: 'nested_model',
    rows: NESTED,
    totals: [5121, 2617, 2504],
    trainable: NESTED_TRAINABLE
  },
  {
    notebook: 'tfkeras212.ipynb',
    cell: 'unused_layer',
    format: 'keras2',
    model: 'with_spare',
    rows: [
      ['used', 'Dense', 'multiple', 36],
      ['spare', 'Dense', 'multiple', 0]
    ],
    totals: [36, 36, 0]
  },
  {
    notebook: 'tfkeras2-quoted.ipynb',
    cell: 'quoted_nested',
    format: 'keras2',
    model: 'nested_model',
    rows: NESTED,
    totals: [5121, 2617, 2504],
    trainable: NESTED_TRAINABLE
  },
  {
    notebook: 'tfkeras2-quoted.ipynb',
    cell: 'quoted_big',
    format: 'keras2',
    model: 'big_model',
    // 16781312 does not fit the 7-character Param # column: `1678131` / `2`.
    rows: BIG,
    totals: [16789505, 16789505, 0]
  },
  {
    notebook: 'tfkeras212.ipynb',
    cell: 'quoted_big',
    format: 'keras2',
    model: 'big_model',
    rows: BIG,
    totals: [16789505, 16789505, 0]
  },
  {
    notebook: 'tfkeras2-unmerged.ipynb',
    cell: 'split_stderr',
    format: 'keras2',
    model: 'noisy_model',
    rows: [
      ['before', 'Dense', [[N, 4]], 36],
      ['noisy', 'NoisyDense', [[N, 2]], 10],
      ['after', 'Dense', [[N, 1]], 3]
    ],
    totals: [49, 49, 0]
  },
  {
    notebook: 'tfkeras2-unmerged.ipynb',
    cell: 'nested',
    format: 'keras2',
    model: 'nested_model',
    rows: NESTED,
    totals: [5121, 2617, 2504],
    trainable: NESTED_TRAINABLE
  },
  {
    notebook: 'keras30-display.ipynb',
    cell: 'two_inputs',
    format: 'keras3',
    model: 'functional_2',
    rows: [
      ['input_layer_1', 'InputLayer', [[N, 64]], 0],
      ['input_layer_2', 'InputLayer', [[N, 8]], 0],
      ['concatenate', 'Concatenate', [[N, 72]], 0],
      ['dense_2', 'Dense', [[N, 32]], 2336],
      ['dense_3', 'Dense', [[N, 3]], 99]
    ],
    totals: [2435, 2435, 0]
  },
  {
    notebook: 'keras3-other.ipynb',
    cell: 'absl_logging',
    format: 'keras3',
    // absl's `INFO:absl:` stands before the heading.
    model: 'logged',
    rows: [
      ['dense', 'Dense', [[N, 4]], 36],
      ['dense_1', 'Dense', [[N, 1]], 5]
    ],
    totals: [41, 41, 0]
  },
  {
    notebook: 'keras3-other.ipynb',
    cell: 'cp1252_console',
    format: 'keras3',
    // rich's box.ASCII: `+---+` top and bottom, `|---+---|` under every row.
    model: 'cp1252',
    rows: [
      ['dense', 'Dense', [[N, 4]], 36],
      ['dense_1', 'Dense', [[N, 1]], 5]
    ],
    totals: [41, 41, 0]
  },
  {
    notebook: 'keras3-other.ipynb',
    cell: 'cp437_console',
    format: 'keras3',
    // The ASCII box with `└` nested rows, a name wrapped onto a second
    // line (block_bn) and a list of two shapes wrapped at `, ` (heads).
    model: 'two_heads',
    rows: [
      ['image', 'InputLayer', [[N, 32, 32, 3]], 0],
      ['stem', 'Conv2D', [[N, 16, 16, 8]], 224],
      ['block', 'Sequential', [[N, 16, 16, 8]], 616],
      ['block_conv', 'Conv2D', [[N, 16, 16, 8]], 584, 1],
      ['block_bn', 'BatchNormalization', [[N, 16, 16, 8]], 32, 1],
      ['pool', 'GlobalMaxPooling2D', [[N, 8]], 0],
      ['meta', 'InputLayer', [[N, 10]], 0],
      ['concat', 'Concatenate', [[N, 18]], 0],
      ['score', 'Dense', [[N, 1]], 19],
      [
        'heads',
        'Functional',
        [
          [N, 16, 16, 4],
          [N, 16, 16, 2]
        ],
        54
      ],
      ['feat', 'InputLayer', [[N, 16, 16, 8]], 0, 1],
      ['mask', 'Conv2D', [[N, 16, 16, 4]], 36, 1],
      ['edge', 'Conv2D', [[N, 16, 16, 2]], 18, 1]
    ],
    // 8·3·3·3 + 8 = 224; 8·3·3·8 + 8 = 584; BatchNorm 4·8 = 32 (16 of them
    // moving statistics); Dense 18 + 1 = 19; 1·1·8·4 + 4 = 36; 8·2 + 2 = 18.
    totals: [913, 897, 16]
  },
  {
    notebook: 'keras3-other.ipynb',
    cell: 'legacy_console',
    format: 'keras3',
    // rich's SQUARE box (legacy Windows): a light head, `┌─┬┐`.
    model: 'legacy',
    rows: [
      ['dense', 'Dense', [[N, 4]], 36],
      ['dense_1', 'Dense', [[N, 1]], 5]
    ],
    totals: [41, 41, 0]
  },
  {
    notebook: 'tfkeras2-absl.ipynb',
    cell: 'absl_lines',
    format: 'keras2',
    // `INFO:absl:` before every line; a name and a Connected to list wrapped.
    model: 'logged',
    rows: [
      ['right', 'InputLayer', [[N, N, 4]], 0],
      ['left', 'InputLayer', [[N, 8]], 0],
      ['pooled', 'GlobalAveragePooling1D', [[N, 4]], 0],
      ['joined', 'Concatenate', [[N, 12]], 0],
      ['score', 'Dense', [[N, 1]], 13]
    ],
    totals: [13, 13, 0]
  },
  {
    notebook: 'tfkeras2-absl.ipynb',
    cell: 'absl_glog',
    format: 'keras2',
    // absl's glog prefix (`I1203 00:02:03.087566 139713226939264 layer_utils.py:463] `).
    model: 'script_model',
    rows: [
      // 3·8·16 + 16 = 400; 16 + 1 = 17.
      ['conv', 'Conv1D', [[N, N, 16]], 400],
      ['pool', 'GlobalMaxPooling1D', [[N, 16]], 0],
      ['score', 'Dense', [[N, 1]], 17]
    ],
    totals: [417, 417, 0]
  }
];

const notebooks = new Map<string, NotebookSummary[]>();
function summariesOf(notebook: string): NotebookSummary[] {
  let found = notebooks.get(notebook);
  if (!found) {
    found = parseNotebookJson(loadNotebook(notebook).json);
    notebooks.set(notebook, found);
  }
  return found;
}

describe('every printer branch, as the old versions printed it', () => {
  for (const e of EXPECTED) {
    it(`${e.notebook} ${e.cell}: ${e.rows.length} rows, totals, cuts`, () => {
      const nb = loadNotebook(e.notebook);
      const cell = fixtureCell(nb, e.cell);
      const inCell = summariesOf(e.notebook).filter(s => s.cell === cell.index);
      expect(inCell).toHaveLength(1);
      const s = inCell[0];
      expect(s.format).toBe(e.format);
      expect(s.model).toBe(e.model);
      expect(s.parts).toEqual({
        heading: e.model !== null,
        table: true,
        totals: true
      });
      expect(
        s.layers.map(l => [
          l.name,
          l.type,
          l.shapeKind === 'multiple' ? 'multiple' : l.tensors,
          l.params,
          l.depth,
          l.cut.map(c => c.column)
        ])
      ).toEqual(
        e.rows.map(([n, t, sh, p, d, c]) => [n, t, sh, p, d ?? 0, c ?? []])
      );
      expect([
        s.totals.total,
        s.totals.trainable,
        s.totals.nonTrainable
      ]).toEqual(e.totals);
      const cuts = Object.fromEntries(
        s.layers.filter(l => l.shapeCut).map(l => [l.name, l.shapeCut])
      );
      if (e.shapeCuts) {
        for (const [name, cut] of Object.entries(e.shapeCuts)) {
          expect(cuts[name]).toEqual(cut);
        }
      }
      // Only rows with a cut Output Shape carry a shapeCut.
      for (const l of s.layers) {
        expect(l.shapeCut !== undefined).toBe(
          l.cut.some(c => c.column === 'shape')
        );
      }
      if (e.trainable) {
        expect(s.layers.map(l => l.trainable)).toEqual(e.trainable);
      }
    });
  }

  it('explains the None of a shape cut at the edge: batch, then the variable height and width', () => {
    const nb = loadNotebook('keras2-2.3.ipynb');
    const cell = fixtureCell(nb, 'cnn_cut');
    const s = summariesOf('keras2-2.3.ipynb').find(x => x.cell === cell.index)!;
    const facts = analyzeSummary(s);
    const conv = s.layers.findIndex(l => l.name === 'conv2d_1');
    expect(
      facts.layers[conv].dims.map(d => [d.axis, d.role, d.meaning])
    ).toEqual([
      [0, 'batch', expect.any(String)],
      [1, 'variable', expect.stringMatching(/height/i)],
      [2, 'variable', expect.stringMatching(/width/i)]
    ]);
    // The warning says which cells were cut.
    expect(s.warnings.join(' ')).toMatch(/4 Output Shape cells were cut short/);
  });

  // (Keras 2.0.2 prints these tables with every Connected to cell blank.)
  it.each(['keras2-2.0.ipynb', 'keras2-2.2.ipynb', 'keras2-2.3.ipynb'])(
    '%s: references to names cut at the edge find their rows, and the time axis its consumers',
    notebook => {
      const cell = fixtureCell(loadNotebook(notebook), 'long_names');
      const s = summariesOf(notebook).find(x => x.cell === cell.index)!;
      // The Connected to column cuts the references too, at the line's end:
      // `temporal_convolution_over_the_tok` names the row printed as
      // `temporal_convolution_over_the_t(o)`, which is cut too.
      expect(s.layers.map(l => l.connectedTo)).toEqual([
        [],
        ['token_features_with_a_long_name[0'],
        ['temporal_convolution_over_the_tok'],
        ['temporal_convolution_over_the_tok'],
        [
          'global_max_pooling_over_time_step',
          'global_average_pooling_over_time['
        ],
        ['joined[0][0]']
      ]);
      expect(
        rowInputs(s.layers, true).map(inputs => inputs.map(x => x.row))
      ).toEqual([[], [0], [1], [1], [2, 3], [4]]);
      // Input(shape=(None, 16)): the open time axis is consumed by both poolings.
      const time = analyzeSummary(s).layers[0].dims.find(d => d.axis === 1)!;
      expect([time.role, time.consumers]).toEqual(['variable', [2, 3]]);
      expect(s.warnings.join(' ')).toMatch(
        /4 Layer \(type\) cells were cut short/
      );
      // The references with no whole `[node][tensor]` are listed as cut too.
      expect(
        s.layers.map(l => l.cut.filter(c => c.column === 'connected').length)
      ).toEqual([0, 1, 1, 1, 1, 0]);
      expect(s.warnings).toContain(
        '4 Connected to cells were cut short; print the summary with a larger ' +
          'line_length= (or a wider COLUMNS) to see them whole.'
      );
      expect(s.layers.map(nameCutAtEdge)).toEqual([
        true,
        true,
        true,
        true,
        false,
        false
      ]);
      // A cell cut after its `(` kept the whole name: not matched as a prefix.
      const volume = fixtureCell(loadNotebook(notebook), 'conv3d_cut');
      const pooling = summariesOf(notebook)
        .find(x => x.cell === volume.index)!
        .layers.find(l => l.type === '')!;
      expect(pooling.cut.map(c => c.text)).toEqual([`${pooling.name} (`]);
      expect(nameCutAtEdge(pooling)).toBe(false);
    }
  );

  it.each([
    'keras2-2.3.ipynb',
    'tfkeras212.ipynb',
    'tfkeras2-quoted.ipynb',
    'keras3-other.ipynb'
  ])(
    '%s no_layers: a model whose weights are its own is a whole table of no rows, and the warning says where its params are',
    notebook => {
      const cell = fixtureCell(loadNotebook(notebook), 'no_layers');
      const s = summariesOf(notebook).find(x => x.cell === cell.index)!;
      // Keras 2.3 prints no rule after the header's; tf.keras 2.7+ prints
      // the closing one anyway: neither table is cut short.
      expect(s.warnings).toEqual([
        'The table lists no layers, but the model has 2 params: weights a ' +
          'subclassed model holds itself (add_weight, tf.Variable) are in no layer.'
      ]);
    }
  );

  it("reads each summary of nbclient's one-output-per-line notebook as one, its outputs the pieces", () => {
    const nb = loadNotebook('tfkeras2-unmerged.ipynb');
    for (const id of ['mlp', 'two_inputs', 'nested', 'split_stderr']) {
      const cell = fixtureCell(nb, id);
      const stdout = cell.outputs
        .map((o, i) =>
          o.output_type === 'stream' && o.name === 'stdout' ? i : -1
        )
        .filter(i => i >= 0);
      const inCell = summariesOf('tfkeras2-unmerged.ipynb').filter(
        s => s.cell === cell.index
      );
      expect(inCell).toHaveLength(1);
      // Every stdout output is a piece of the summary; the stderr one is not.
      expect(inCell[0].pieces.map(p => p.output)).toEqual(stdout);
      expect(inCell[0].output).toBe(stdout[0]);
    }
    const split = fixtureCell(nb, 'split_stderr');
    expect(split.outputs.some(o => o.name === 'stderr')).toBe(true);
  });

  it('gives offsets that cut the joined stdout text at the summary', () => {
    const nb = loadNotebook('tfkeras2-unmerged.ipynb');
    const cell = fixtureCell(nb, 'split_stderr');
    const joined = cell.outputs
      .filter(o => o.name === 'stdout')
      .map(o => (Array.isArray(o.text) ? o.text.join('') : (o.text ?? '')))
      .join('');
    const s = summariesOf('tfkeras2-unmerged.ipynb').find(
      x => x.cell === cell.index
    )!;
    const text = joined.slice(s.start, s.end);
    expect(text.startsWith('Model: "noisy_model"')).toBe(true);
    expect(text.trimEnd().endsWith('_'.repeat(65))).toBe(true);
    const noisy = s.layers[1];
    expect(joined.slice(noisy.start, noisy.end)).toMatch(
      /^ noisy \(NoisyDense\)/
    );
  });

  it('reads a summary quoted in a Markdown cell when asked, as text/markdown with no output', () => {
    const quoted = fixtureCell(
      loadNotebook('tfkeras2-quoted.ipynb'),
      'quoted_nested'
    );
    const text = quoted.outputs
      .map(o => (Array.isArray(o.text) ? o.text.join('') : (o.text ?? '')))
      .join('');
    // A tutorial's Markdown cell quoting the summary as an indented block.
    const nb = {
      cells: [
        {
          cell_type: 'markdown',
          source: `You should see:\n\n${text}\nThen train it.`
        },
        { cell_type: 'code', source: 'x = 1', outputs: [] }
      ]
    };
    expect(parseNotebook(nb)).toEqual([]);
    const found = parseNotebook(nb, { markdown: true });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      cell: 0,
      output: null,
      mime: 'text/markdown'
    });
    expect(found[0].layers.map(l => l.name)).toEqual(NESTED.map(r => r[0]));
    const source = nb.cells[0].source as string;
    expect(source.slice(found[0].start, found[0].end).trimStart()).toMatch(
      /^Model: "nested_model"/
    );
  });
});

describe('spans of summaries drawn in ASCII or logged line by line', () => {
  /** The text of a cell's outputs of one stream name, joined. */
  const streamText = (notebook: string, id: string, name: string) =>
    fixtureCell(loadNotebook(notebook), id)
      .outputs.filter(o => o.name === name)
      .map(o => (Array.isArray(o.text) ? o.text.join('') : (o.text ?? '')))
      .join('');
  // eslint-disable-next-line no-control-regex
  const plain = (t: string) => t.replace(/\x1b\[[0-9;]*m/g, '');
  /** A captured cell's stdout without colours, and its summary as parsed. */
  const printedSummary = (notebook: string, id: string) => {
    const printed = plain(streamText(notebook, id, 'stdout'));
    return { printed, expected: parseText(printed).summaries[0] };
  };
  /** What a row says, offsets aside: the fields an edited text must keep. */
  const rowFields = (x: Summary) =>
    x.layers.map(l => [l.name, l.type, l.tensors, l.params, l.connectedTo]);
  const GLOG = String.raw`I\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ layer_utils\.py:\d+\] `;
  /** Python logging's `%(asctime)s - %(name)s - %(levelname)s - `. */
  const LOGGED = String.raw`\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} - train - INFO - `;
  /** `[%(levelname)-8s] %(asctime)s [%(filename)s] [%(funcName)s:%(lineno)d] `. */
  const BRACKETED = String.raw`\[INFO {4}\] [\d :-]+ \[layer_utils\.py\] \[\w+:\d+\] `;

  it.each([
    ['keras3-other.ipynb', 'cp1252_console', 'stdout', '', String.raw`\| `],
    [
      'keras3-other.ipynb',
      'cp437_console',
      'stdout',
      '',
      String.raw`\| (?: +└ )?`
    ],
    [
      'tfkeras2-absl.ipynb',
      'absl_lines',
      'stderr',
      'INFO:absl:',
      'INFO:absl: '
    ],
    ['tfkeras2-absl.ipynb', 'absl_glog', 'stdout', GLOG, `${GLOG} `],
    // A program's own logger (print_fn=logger.info): its prefix learned.
    ['tfkeras2-absl.ipynb', 'print_fn_logger', 'stdout', LOGGED, `${LOGGED} `],
    [
      'tfkeras2-absl.ipynb',
      'print_fn_bracketed',
      'stdout',
      BRACKETED,
      `${BRACKETED} `
    ]
  ])(
    '%s %s: the summary and every row cut out of the %s text, prefixes and colours included',
    (notebook, id, name, before, rowStart) => {
      const text = streamText(notebook, id, name);
      const [s, ...rest] = parseText(text).summaries;
      expect(rest).toEqual([]);
      const span = plain(text.slice(s.start, s.end));
      expect(span).toMatch(new RegExp(`^${before}Model: "${s.model}"\n`));
      // Nothing of the summary is left out after it.
      expect(plain(text.slice(s.end)).trim()).toBe('');
      expect(plain(text.slice(0, s.start))).toBe('');
      let at = 0;
      for (const layer of s.layers) {
        const row = plain(text.slice(layer.start, layer.end));
        expect(row).toMatch(new RegExp(`^${rowStart}${layer.name} `));
        expect(layer.start).toBeGreaterThanOrEqual(at);
        at = layer.end;
      }
    }
  );

  it.each([
    ['keras3-print.ipynb', 'two_inputs'],
    ['tfkeras2.ipynb', 'nested'],
    ['keras2-2.3.ipynb', 'cnn_cut']
  ])(
    '%s %s: the summary pasted into code as comments (every line behind `# `, as an editor comments lines out) reads as printed',
    (notebook, id) => {
      const { printed, expected } = printedSummary(notebook, id);
      expect(expected.layers.length).toBeGreaterThan(2);
      const lines = printed.replace(/\n$/, '').split('\n');
      const commented =
        'model.summary()\n' +
        lines.map(l => `# ${l}`.trimEnd()).join('\n') +
        '\n';
      const [s, ...rest] = parseText(commented).summaries;
      expect(rest).toEqual([]);
      const fields = (x: typeof s) =>
        x.layers.map(l => [l.name, l.type, l.tensors, l.params, l.depth]);
      expect(fields(s)).toEqual(fields(expected));
      expect(s.totals).toEqual(expected.totals);
      // The spans are the commented text's: from the first `# ` line on.
      expect(commented.slice(s.start)).toMatch(/^# /);
      const first = s.layers[0];
      expect(commented.slice(first.start, first.end)).toMatch(
        new RegExp(`^# .*${first.name}`)
      );
      // A text whose `#` lines hold no summary is read as it is.
      expect(
        parseText('# Training\n' + printed).summaries.map(x => x.start)
      ).toEqual([expected.start + '# Training\n'.length]);
    }
  );

  // Hand-edited from a capture (the sweep of public summaries met both in
  // pasted text): no printer writes them.
  it.each([
    ['keras1.2.ipynb', 'mlp'],
    ['keras2-2.3.ipynb', 'multi_output'],
    ['tfkeras2.ipynb', 'nested']
  ])(
    '%s %s: a summary pasted with its header line alone indented reads as printed',
    (notebook, id) => {
      const { printed, expected } = printedSummary(notebook, id);
      expect(expected.layers.length).toBeGreaterThan(2);
      const pasted = printed.replace(/^( ?Layer \(type\))/m, '    $1');
      expect(pasted).not.toBe(printed);
      const [s] = parseText(pasted).summaries;
      expect(rowFields(s)).toEqual(rowFields(expected));
      expect(s.warnings).toEqual(expected.warnings);
    }
  );

  it.each([
    ['tfkeras2.ipynb', 'nested'],
    ['tfkeras2.ipynb', 'long_names'],
    ['tfkeras2-quoted.ipynb', 'quoted_big'],
    ['tfkeras2.ipynb', 'resnet50'],
    ['keras2-2.3.ipynb', 'multi_output']
  ])(
    '%s %s: a summary pasted with the lines between its rows deleted keeps its rows apart',
    (notebook, id) => {
      const { printed, expected } = printedSummary(notebook, id);
      const lines = printed.split('\n');
      const header = lines.findIndex(l => l.includes('Layer (type)'));
      const close = lines.findIndex(
        (l, k) => k > header + 1 && /^\s*=+\s*$/.test(l)
      );
      // Blank lines and `_` rules between rows gone, as a person tidying a paste does.
      const body = lines
        .slice(header + 2, close)
        .filter(l => l.trim() !== '' && !/^_+$/.test(l.trim()));
      expect(body.length).toBeLessThan(close - header - 2);
      const pasted = [
        ...lines.slice(0, header + 2),
        ...body,
        ...lines.slice(close)
      ].join('\n');
      const [s] = parseText(pasted).summaries;
      expect(rowFields(s)).toEqual(rowFields(expected));
    }
  );

  it.each([
    ['keras2-2.3.ipynb', 'cnn_cut'],
    ['keras2-2.3.ipynb', 'multi_output'],
    ['keras1.2.ipynb', 'mlp']
  ])(
    '%s %s: a summary pasted with `-` rules between its rows (Markdown takes `___` for a line) reads as printed',
    (notebook, id) => {
      const { printed, expected } = printedSummary(notebook, id);
      const lines = printed.split('\n');
      const header = lines.findIndex(l => l.includes('Layer (type)'));
      let changed = 0;
      const pasted = lines
        .map((l, k) => {
          if (k > header + 1 && /^_{10,}$/.test(l)) {
            changed++;
            return '-'.repeat(l.length);
          }
          return l;
        })
        .join('\n');
      expect(changed).toBeGreaterThan(expected.layers.length - 2);
      const [s, ...rest] = parseText(pasted).summaries;
      expect(rest).toEqual([]);
      expect(rowFields(s)).toEqual(rowFields(expected));
      expect(s.warnings).toEqual(expected.warnings);
    }
  );

  // Copied from a public notebook's saved output (tf.keras 2.x; its last
  // rows): mrdbourke/tensorflow-deep-learning@bd065b8,
  // 09_SkimLit_nlp_milestone_project_2.ipynb. A reference longer than the
  // Connected to column wraps, going on one column early with `[0][0]']`.
  it("reads a Connected to reference that tf.keras wraps onto a line of its own (`[0][0]']`) as one reference", () => {
    const text = [
      'Model: "model_8"',
      '__________________________________________________________________________________________________',
      ' Layer (type)                   Output Shape         Param #     Connected to                     ',
      '==================================================================================================',
      " token_char_positional_embeddin  (None, 320)         0           ['dense_8[0][0]',                ",
      " g (Concatenate)                                                  'dense_9[0][0]',                ",
      "                                                                  'dropout_2[0][0]']              ",
      '                                                                                                  ',
      " output_layer (Dense)           (None, 5)            1605        ['token_char_positional_embedding",
      "                                                                 [0][0]']                         ",
      '                                                                                                  ',
      '==================================================================================================',
      'Total params: 256,932,283',
      'Trainable params: 134,459',
      'Non-trainable params: 256,797,824',
      '__________________________________________________________________________________________________',
      ''
    ].join('\n');
    const [s, ...rest] = parseText(text).summaries;
    expect(rest).toEqual([]);
    expect(s.layers.map(l => [l.name, l.type, l.connectedTo])).toEqual([
      [
        'token_char_positional_embedding',
        'Concatenate',
        ['dense_8[0][0]', 'dense_9[0][0]', 'dropout_2[0][0]']
      ],
      ['output_layer', 'Dense', ['token_char_positional_embedding[0][0]']]
    ]);
    expect(s.layers.map(l => l.cut)).toEqual([[], []]);
    expect(s.warnings.filter(w => !w.includes('add up'))).toEqual([]);
  });

  // Not Keras: torchsummary's table, as pasted in a public issue
  // (TylerYep/torchinfo#143), hand-copied here as a bad case.
  it("does not read torchsummary's right-aligned table (the same titles over rows indented further) as a summary", () => {
    const torch = [
      '----------------------------------------------------------------',
      '        Layer (type)               Output Shape         Param #',
      '================================================================',
      '            Conv2d-1            [-1, 128, 8, 8]         262,272',
      '              ReLU-2            [-1, 128, 8, 8]               0',
      '            Conv2d-3             [-1, 64, 8, 8]           8,256',
      '           Sigmoid-4             [-1, 64, 8, 8]               0',
      '================================================================',
      ''
    ].join('\n');
    expect(parseText(torch).summaries.filter(s => s.parts.table)).toEqual([]);
  });

  it('warns when a Param # cell holds text but no count (a continuation line pasted one column early)', () => {
    const printed = plain(
      streamText('keras2-2.3.ipynb', 'multi_output', 'stdout')
    );
    const [expected] = parseText(printed).summaries;
    expect(expected.warnings.join(' ')).not.toMatch(/Param #/);
    // The second line of concatenate_3's Connected to cell, one column left.
    const shifted = printed.replace(
      /\n {65}flatten_2/,
      '\n' + ' '.repeat(64) + 'flatten_2'
    );
    expect(shifted).not.toBe(printed);
    const [s] = parseText(shifted).summaries;
    const row = s.layers.find(l => l.name === 'concatenate_3');
    expect(row?.params).toBeNull();
    expect(s.warnings).toContain(
      '1 Param # cell could not be read as a count ("0f" in the row of concatenate_3): ' +
        "the text's columns may not line up with its header."
    );
  });

  it.each([
    ['keras3-print.ipynb', 'two_inputs'],
    ['tfkeras2.ipynb', 'nested'],
    ['keras2-2.3.ipynb', 'cnn_cut']
  ])(
    "%s %s: the summary as knitr writes an R chunk's output (`## ` before every line, indented as code) reads as printed",
    (notebook, id) => {
      const { printed, expected } = printedSummary(notebook, id);
      const lines = printed.replace(/\n$/, '').split('\n');
      const knitted =
        '    print(model)\n\n' +
        lines.map(l => `    ## ${l}`.trimEnd()).join('\n') +
        '\n';
      const [s, ...rest] = parseText(knitted).summaries;
      expect(rest).toEqual([]);
      const fields = (x: typeof s) =>
        x.layers.map(l => [l.name, l.type, l.tensors, l.params, l.depth]);
      expect(fields(s)).toEqual(fields(expected));
      expect(s.totals).toEqual(expected.totals);
      expect(knitted.slice(s.start)).toMatch(/^ {4}## /);
    }
  );

  it("reads the R package's `> ` nesting mark (its rendered pages' ASCII tables) as Keras 3's `└ `", () => {
    const printed = plain(
      streamText('keras3-other.ipynb', 'cp437_console', 'stdout')
    );
    expect(printed).toContain('└ block_conv');
    const [expected] = parseText(printed).summaries;
    const [s] = parseText(printed.replace(/└ /g, '> ')).summaries;
    const fields = (x: typeof s) =>
      x.layers.map(l => [l.name, l.type, l.depth]);
    expect(fields(s)).toEqual(fields(expected));
    expect(s.layers.filter(l => l.depth > 0).length).toBe(
      printed.match(/└ /g)?.length
    );
    expect(s.warnings).toEqual(expected.warnings);
  });

  it('maps spans through log prefixes and \\r\\n line ends (a pty, as `!python train.py` prints)', () => {
    const text = streamText('tfkeras2-absl.ipynb', 'absl_glog', 'stdout')
      .split('\n')
      .join('\r\n');
    const [s] = parseText(text).summaries;
    expect(s.layers.map(l => [l.name, l.params])).toEqual([
      ['conv', 400],
      ['pool', 0],
      ['score', 17]
    ]);
    const score = s.layers[2];
    expect(text.slice(score.start, score.end)).toMatch(
      new RegExp(`^${GLOG} score \\(Dense\\) +\\(None, 1\\) +17 +\r\n$`)
    );
  });

  it('reads the lines that have a prefix beside those that have none (Keras 3 logs one message)', () => {
    const text = streamText('keras3-other.ipynb', 'absl_logging', 'stderr');
    expect(text.startsWith('INFO:absl:Model: "logged"\n┏')).toBe(true);
    const [s] = parseText(text).summaries;
    expect(s.format).toBe('keras3');
    expect(text.slice(s.layers[0].start)).toMatch(/^│ dense \(Dense\)/);
  });
  // Hand-edited from captures: a summary copied from a listing with line
  // numbers (a book's or a blog's code, `cat -n`, an editor), met in the
  // sweep of public summaries; no printer writes them.
  const NUMBERINGS: [string, (n: number) => string, RegExp][] = [
    ['left-aligned', n => `${n} `, /^\d+ /],
    ['right-aligned', n => `${String(n).padStart(4)} `, /^ *\d+ /],
    [
      'right-aligned with a bar',
      n => `${String(n).padStart(3)}| `,
      /^ *\d+\| /
    ],
    ['with a colon', n => `${n}: `, /^\d+: /],
    ['in brackets', n => `[${n}] `, /^\[\d+\] /]
  ];
  it.each(
    [
      ['keras3-print.ipynb', 'two_inputs'],
      ['tfkeras2.ipynb', 'resnet50'],
      ['tfkeras2.ipynb', 'nested'],
      ['keras2-2.3.ipynb', 'multi_output'],
      ['keras1.2.ipynb', 'mlp']
    ].flatMap(([notebook, id]) =>
      NUMBERINGS.map(([how, number, mark]) => [notebook, id, how, number, mark])
    ) as [string, string, string, (n: number) => string, RegExp][]
  )(
    '%s %s: the summary with line numbers (%s) before every line reads as printed',
    (notebook, id, _how, number, mark) => {
      const { printed, expected } = printedSummary(notebook, id);
      const lines = printed.replace(/\n$/, '').split('\n');
      expect(lines.length).toBeGreaterThan(9);
      const numbered = lines.map((l, k) => number(k + 1) + l).join('\n') + '\n';
      const [s, ...rest] = parseText(numbered).summaries;
      expect(rest).toEqual([]);
      expect(rowFields(s)).toEqual(rowFields(expected));
      expect(s.totals).toEqual(expected.totals);
      expect(s.warnings).toEqual(expected.warnings);
      // Each row's span is its printed lines, with their numbers.
      const unnumbered = (t: string) =>
        t
          .split('\n')
          .map(l => l.replace(mark, ''))
          .join('\n');
      s.layers.forEach((l, k) => {
        const row = expected.layers[k];
        expect(unnumbered(numbered.slice(l.start, l.end))).toBe(
          printed.slice(row.start, row.end)
        );
      });
    }
  );

  // Hand-edited from captures: people write such lines into a summary they
  // paste, in place of the rows they left out (met in the sweep of public
  // summaries); no printer writes them. Each is put where a row's line
  // would be, with the row's frame (rich's │, nested rows' |) kept.
  const ELISIONS = [
    '...',
    '…',
    '⋮',
    '__',
    '（中略）',
    '... 12 more ...',
    '【省略】'
  ];
  it.each(
    [
      ['keras3-print.ipynb', 'two_inputs'],
      ['tfkeras2.ipynb', 'nested'],
      ['tfkeras2.ipynb', 'resnet50'],
      ['keras2-2.3.ipynb', 'multi_output'],
      ['keras1.2.ipynb', 'mlp']
    ].flatMap(([notebook, id]) =>
      ELISIONS.flatMap(mark => [
        [notebook, id, mark, 'after'],
        [notebook, id, mark, 'before']
      ])
    )
  )(
    '%s %s: an elision line %j written %s a row is no layer and no part of one',
    (notebook, id, mark, where) => {
      const { printed, expected } = printedSummary(notebook, id);
      const row = expected.layers[1];
      const rowText = printed.slice(row.start, row.end);
      const firstLine = rowText.slice(0, rowText.indexOf('\n'));
      // The row's first line with its cells blanked and the mark where its name starts.
      const blank = firstLine.replace(/[^│|┃]/g, ' ');
      const at = firstLine.search(/[^\s│|┃]/);
      const line = (blank.slice(0, at) + mark + blank.slice(at + mark.length))
        .slice(0, Math.max(blank.length, at + mark.length))
        .trimEnd();
      const cut = where === 'after' ? row.end : expected.layers[2].start;
      const pasted = printed.slice(0, cut) + line + '\n' + printed.slice(cut);
      const [s, ...rest] = parseText(pasted).summaries;
      expect(rest).toEqual([]);
      expect(rowFields(s)).toEqual(rowFields(expected));
      const before = where === 'after' ? row.name : expected.layers[1].name;
      expect(s.warnings.filter(w => w.includes('not a layer'))).toEqual([
        `1 line in the table is not a layer (${JSON.stringify(mark)} after ${before}): ` +
          'rows may have been left out where the text was copied.'
      ]);
      expect(s.warnings.filter(w => !w.includes('not a layer'))).toEqual(
        expected.warnings
      );
    }
  );

  it.each([
    ['keras3-print.ipynb', 'two_inputs'],
    ['tfkeras2.ipynb', 'nested'],
    ['keras2-2.3.ipynb', 'multi_output'],
    ['keras1.2.ipynb', 'mlp']
  ])(
    "%s %s: the program's own totals line after a summary is text, not a second summary",
    (notebook, id) => {
      const { printed, expected } = printedSummary(notebook, id);
      const total = expected.totals.total;
      for (const own of [
        `Total params: ${total}\n`,
        `Total params: ${total}\nTrainable params: ${expected.totals.trainable}\n`,
        `\nModel size:\nTotal params: ${total}\n`
      ]) {
        const summaries = parseText(printed + own).summaries;
        expect(summaries).toHaveLength(1);
        expect(summaries[0].totals).toEqual(expected.totals);
        expect(summaries[0].end).toBe(expected.end);
      }
    }
  );

  it("keras3-display.ipynb mlp: the program's own print('Total params:', n) after rich's pieces is no summary", () => {
    const nb = loadNotebook('keras3-display.ipynb');
    const cell = fixtureCell(nb, 'mlp');
    const [expected] = parseNotebook(nb.nb).filter(s => s.cell === cell.index);
    expect(expected.parts).toEqual({
      heading: true,
      table: true,
      totals: true
    });
    const copy = JSON.parse(JSON.stringify(nb.nb));
    copy.cells[cell.index].outputs.push({
      output_type: 'stream',
      name: 'stdout',
      text: [`Total params: ${expected.totals.total}\n`]
    });
    const found = parseNotebook(copy).filter(s => s.cell === cell.index);
    expect(found).toHaveLength(1);
    expect(found[0].totals).toEqual(expected.totals);
    expect(found[0].pieces).toEqual(expected.pieces);
  });

  // Not Keras: torchsummary's totals block under its table, as pasted in a
  // public issue (TylerYep/torchinfo#143), hand-copied as a bad case.
  it("reads no summary in torchsummary's table and totals", () => {
    const torch = [
      '----------------------------------------------------------------',
      '        Layer (type)               Output Shape         Param #',
      '================================================================',
      '            Conv2d-1            [-1, 128, 8, 8]         262,272',
      '              ReLU-2            [-1, 128, 8, 8]               0',
      '================================================================',
      'Total params: 262,272',
      'Trainable params: 262,272',
      'Non-trainable params: 0',
      '----------------------------------------------------------------',
      'Input size (MB): 0.13',
      'Params size (MB): 1.00',
      '----------------------------------------------------------------',
      ''
    ].join('\n');
    expect(parseText(torch).summaries).toEqual([]);
    // Its totals block alone, too: Keras prints no totals lines without a
    // table, but for rich's pieces in Jupyter, which carry byte sizes.
    const totals = torch.split('\n').slice(6, 9).join('\n') + '\n';
    expect(parseText(totals).summaries).toEqual([]);
    expect(
      parseText(' Total params: 262,272 (1.00 MB)\n').summaries.map(
        s => s.parts
      )
    ).toEqual([{ heading: false, table: false, totals: true }]);
  });
});

describe("rich's other ASCII boxes, made from the cp1252 capture", () => {
  // Keras never asks rich for these boxes (BRANCHES.md): each is the
  // captured box.ASCII table with the borders rich's ASCII2,
  // ASCII_DOUBLE_HEAD or a crop at the console's width would draw.
  const captured = fixtureCell(
    loadNotebook('keras3-other.ipynb'),
    'cp1252_console'
  )
    .outputs.map(o =>
      Array.isArray(o.text) ? o.text.join('') : (o.text ?? '')
    )
    .join('');
  const lines = captured.split('\n');
  const headRow = lines[3];
  const joins = [...headRow].flatMap((c, i) => (c === '+' ? [i] : []));
  const withJoins = (line: string, ch: string) =>
    [...line].map((c, i) => (joins.includes(i) ? ch : c)).join('');
  const read = (text: string) => {
    const [s, ...rest] = parseText(text).summaries;
    expect(rest).toEqual([]);
    return s;
  };
  const rowsOf = (text: string) =>
    read(text).layers.map(l => [l.name, l.outputShape, l.params]);
  const ROWS = [
    ['dense', '(None, 4)', 36],
    ['dense_1', '(None, 1)', 5]
  ];

  it('reads the capture itself (box.ASCII) with these rows', () => {
    expect(headRow).toMatch(/^\|-+\+-+\+-+\|$/);
    expect(rowsOf(captured)).toEqual(ROWS);
  });

  it('reads ASCII2: `+` joins on the top and bottom borders and at both ends of every rule', () => {
    const ascii2 = lines
      .map(l =>
        /^[+|]-{10,}/.test(l)
          ? withJoins(l, '+').replace(/^\|/, '+').replace(/\|$/, '+')
          : l
      )
      .join('\n');
    expect(ascii2).toContain('+---------------------------------+---');
    expect(rowsOf(ascii2)).toEqual(ROWS);
  });

  it('reads ASCII_DOUBLE_HEAD: a head_row of `=`', () => {
    const double = lines
      .map((l, i) => (i === 3 ? l.replace(/-/g, '=') : l))
      .join('\n');
    expect(rowsOf(double)).toEqual(ROWS);
  });

  it('reads a box cropped at the console width (no right border)', () => {
    // rich crops a table wider than its console: every line of the box cut.
    // Cut just inside the right border: the last column keeps its title.
    const width = headRow.length - 1;
    const cropped = lines
      // eslint-disable-next-line no-control-regex
      .map(l => l.replace(/\x1b\[[0-9;]*m/g, ''))
      .map(l => (/^[+|]/.test(l) ? l.slice(0, width) : l))
      .join('\n');
    const s = read(cropped);
    expect(s.layers.map(l => [l.name, l.outputShape])).toEqual(
      ROWS.map(r => r.slice(0, 2))
    );
    expect(s.layers.map(l => l.paramsText)).toEqual(['36', '5']);
  });
});

describe('hand-written branches', () => {
  it('reads a tf-keras summary followed by its DTensor lines, which stay outside it', () => {
    const file = path.join(FIXTURES_DIR, 'handwritten', 'tfkeras2-dtensor.txt');
    const text = fs.readFileSync(file, 'utf-8');
    const [s, ...rest] = parseText(text).summaries;
    expect(rest).toEqual([]);
    expect(s.model).toBe('sharded');
    expect(s.layers.map(l => [l.name, l.params])).toEqual([
      ['dense', 144],
      ['dense_1', 17]
    ]);
    expect(s.totals.total).toBe(161);
    expect(text.slice(s.end)).toMatch(
      /^17 \/ 161 params \(68\.00 Byte\) are fully replicated/
    );
  });
});
