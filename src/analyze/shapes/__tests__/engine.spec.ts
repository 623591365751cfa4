/**
 * The shape engine on hand-written payloads (see payloads.ts): what the
 * captured models do not show — a Dot whose contracted sizes differ (the
 * kernel's shape rule does not check it, a call does), layers without a
 * rule and the fields they get, payloads without dims or config, the
 * frameworks' different refusals, malformed graphs.
 */
import { parseText } from '../../../parse/parse';
import { computeShapes } from '../engine';
import { exactFields } from '../fields';
import { summaryOf } from '../../../testing/payloads';

describe('flags', () => {
  const dot = summaryOf({
    tensors: [
      [null, null, 8],
      [null, null, 8],
      [null, 8, 8]
    ],
    inputs: [0, 1],
    axes: {
      0: ['s0', 's1', null],
      1: ['s0', 's2', null],
      2: ['s0', null, null]
    },
    rows: [
      { name: 'a', cls: 'InputLayer', calls: [[[], [0]]] },
      { name: 'b', cls: 'InputLayer', calls: [[[], [1]]] },
      {
        name: 'time_dot',
        cls: 'Dot',
        calls: [[[0, 1], [2]]],
        config: { axes: [1, 1] }
      }
    ]
  });

  it('flags a Dot whose contracted axes differ, and leaves its output out', () => {
    const shapes = computeShapes(dot, { batch: 2, 'i0.1': 5, 'i1.1': 6 });
    expect(shapes.flags).toEqual([
      { row: 2, node: 0, flag: { kind: 'mismatch', axis: 1, sizes: [5, 6] } }
    ]);
    expect(shapes.tensors[2]).toBeNull();
    expect(
      computeShapes(dot, { batch: 2, 'i0.1': 5, 'i1.1': 5 }).tensors[2]
    ).toEqual([2, 8, 8]);
  });

  const conv = (framework: 'keras' | 'tf_keras') =>
    summaryOf({
      framework,
      tensors: [
        [null, null, 4],
        [null, null, 2]
      ],
      inputs: [0],
      axes: { 0: ['s0', 's1', null], 1: ['s0', 's2', null] },
      rows: [
        { name: 'x', cls: 'InputLayer', calls: [[[], [0]]] },
        {
          name: 'conv',
          cls: 'Conv1D',
          calls: [[[0], [1]]],
          config: {
            kernel_size: [3],
            strides: [1],
            padding: 'valid',
            filters: 2
          }
        }
      ]
    });

  it('refuses an output of 0 steps in Keras 3, only a negative one in tf-keras', () => {
    const tooSmall = (result: number, size: number) => ({
      kind: 'tooSmall',
      what: 'window',
      input: 0,
      axis: 1,
      size,
      window: 3,
      result
    });
    expect(
      computeShapes(conv('keras'), { batch: 1, 'i0.1': 2 }).flags[0]?.flag
    ).toEqual(tooSmall(0, 2));
    expect(
      computeShapes(conv('tf_keras'), { batch: 1, 'i0.1': 2 }).tensors[1]
    ).toEqual([1, 0, 2]);
    expect(
      computeShapes(conv('tf_keras'), { batch: 1, 'i0.1': 1 }).flags[0]?.flag
    ).toEqual(tooSmall(-1, 1));
  });

  it('flags inputs of different ranks into a Concatenate, and a reshape that does not fit', () => {
    const summary = summaryOf({
      tensors: [
        [null, null, 4],
        [null, 4],
        [null, null, 4],
        [null, null, 3]
      ],
      inputs: [0, 1],
      axes: {
        0: ['s0', 's1', null],
        1: ['s0', null],
        2: ['s0', 's3', null],
        3: ['s0', 's4', null]
      },
      rows: [
        {
          name: 'cat',
          cls: 'Concatenate',
          calls: [[[0, 1], [2]]],
          config: { axis: -1 }
        },
        {
          name: 'threes',
          cls: 'Reshape',
          calls: [[[0], [3]]],
          config: { target_shape: [-1, 3] }
        }
      ]
    });
    const shapes = computeShapes(summary, { batch: 2, 'i0.1': 5 });
    expect(shapes.flags.map(f => f.flag)).toEqual([
      { kind: 'rank', ranks: [3, 2] },
      { kind: 'reshape', elements: 20, target: [-1, 3] }
    ]);
    expect(computeShapes(summary, { batch: 2, 'i0.1': 6 }).tensors[3]).toEqual([
      2, 8, 3
    ]);
  });
});

describe('layers without a rule', () => {
  const custom = (withDims: boolean) =>
    summaryOf({
      tensors: [
        [null, null, 4],
        [null, null, 4],
        [null, null, 2]
      ],
      inputs: [0],
      ...(withDims
        ? {
            axes: {
              0: ['s0', 's1', null],
              1: ['s0', 's2', null],
              2: ['s0', 's3', null]
            }
          }
        : {}),
      rows: [
        { name: 'x', cls: 'InputLayer', calls: [[[], [0]]] },
        // A notebook's own class named like a built-in: not Keras's rule.
        {
          name: 'mine',
          cls: 'Dense',
          module: '__main__',
          calls: [[[0], [1]]],
          config: { units: 4 }
        },
        {
          name: 'conv',
          cls: 'Conv1D',
          calls: [[[1], [2]]],
          config: {
            kernel_size: [3],
            strides: [1],
            padding: 'valid',
            filters: 2
          }
        }
      ]
    });

  it('asks for the size it cannot compute, once, under the payload size id', () => {
    const summary = custom(true);
    const open = computeShapes(summary, { batch: 3, 'i0.1': 10 });
    expect(open.tensors[1]).toEqual([3, null, 4]);
    expect(open.unknowns).toEqual([
      {
        key: 's2',
        row: 1,
        node: 0,
        side: 'output',
        className: 'Dense',
        axes: [{ tensor: 1, axis: 1 }]
      }
    ]);
    expect(open.needs[2]).toEqual(['s2']);
    expect(open.coverage.withoutRule).toEqual({ Dense: 1 });
    const typed = computeShapes(summary, { batch: 3, 'i0.1': 10, s2: 7 });
    expect(typed.tensors[2]).toEqual([3, 5, 2]);
    expect(typed.unknowns).toEqual([]);
    expect(exactFields(summary).map(f => [f.key, f.kind])).toEqual([
      ['batch', 'batch'],
      ['i0.1', 'input'],
      ['s2', 'unknown']
    ]);
  });

  it('without dims, asks for each open axis by tensor and axis', () => {
    const open = computeShapes(custom(false), { batch: 3, 'i0.1': 10 });
    expect(open.unknowns.map(u => u.key)).toEqual(['t1.0', 't1.1']);
    expect(
      computeShapes(custom(false), {
        batch: 3,
        'i0.1': 10,
        't1.0': 3,
        't1.1': 9
      }).tensors[2]
    ).toEqual([3, 7, 2]);
  });

  it('gives no rule to names of object properties', () => {
    for (const cls of [
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty'
    ]) {
      const summary = summaryOf({
        tensors: [
          [null, 4],
          [null, 4]
        ],
        inputs: [0],
        axes: { 0: ['s0', null], 1: ['s0', null] },
        rows: [{ name: 'odd', cls, calls: [[[0], [1]]] }]
      });
      const shapes = computeShapes(summary, { batch: 2 });
      expect(shapes.rows[0][0].via).toBe('size');
      expect(shapes.tensors[1]).toEqual([2, 4]);
    }
  });

  it('walks a layer whose config the payload left out (above 5,000 rows) by size ids', () => {
    const summary = summaryOf({
      tensors: [
        [null, null, 4],
        [null, null, 2]
      ],
      inputs: [0],
      axes: { 0: ['s0', 's1', null], 1: ['s0', 's1', null] },
      rows: [{ name: 'conv', cls: 'Conv1D', calls: [[[0], [1]]] }]
    });
    const shapes = computeShapes(summary, { batch: 2, 'i0.1': 9 });
    expect(shapes.rows[0][0].via).toBe('size');
    expect(shapes.tensors[1]).toEqual([2, 9, 2]);
  });
});

describe('sizes', () => {
  const fixedBatch = summaryOf({
    tensors: [
      [32, 16],
      [32, 8]
    ],
    inputs: [0],
    axes: { 0: ['s0', null], 1: ['s0', null] },
    rows: [
      { name: 'd', cls: 'Dense', calls: [[[0], [1]]], config: { units: 8 } }
    ]
  });

  it('takes a fixed batch while none is typed, and the typed one then', () => {
    expect(computeShapes(fixedBatch, {}).tensors[1]).toEqual([32, 8]);
    expect(computeShapes(fixedBatch, { batch: 4 }).tensors[1]).toEqual([4, 8]);
    expect(exactFields(fixedBatch)[0]).toMatchObject({
      key: 'batch',
      fixed: 32
    });
  });

  it('says which sizes a tensor waits for, and ignores sizes that are not whole and positive', () => {
    const summary = summaryOf({
      tensors: [
        [null, null, 4],
        [null, null, 3]
      ],
      inputs: [0],
      axes: { 0: ['s0', 's1', null], 1: ['s0', 's1', null] },
      rows: [
        { name: 'd', cls: 'Dense', calls: [[[0], [1]]], config: { units: 3 } }
      ]
    });
    const shapes = computeShapes(summary, { batch: 0, 'i0.1': 2.5 });
    expect(shapes.tensors[1]).toEqual([null, null, 3]);
    expect(shapes.needs[1]).toEqual(['batch', 'i0.1']);
    expect(computeShapes(summary, { batch: 1, 'i0.1': 2 }).needs[1]).toEqual(
      []
    );
  });
});

describe('what cannot be walked', () => {
  it('is unavailable for a parsed text and for a payload without calls', () => {
    const text = parseText('Model: "m"\n').summaries[0] ?? {
      format: 'keras3',
      model: null,
      start: 0,
      end: 0,
      columns: [],
      layers: [],
      totals: {
        total: null,
        trainable: null,
        nonTrainable: null,
        optimizer: null
      },
      parts: { heading: false, table: false, totals: false },
      warnings: []
    };
    expect(computeShapes(text, {})).toMatchObject({
      status: 'unavailable',
      reason: 'notKernel'
    });
    const subclassed = summaryOf({
      tensors: [],
      inputs: [],
      rows: [{ name: 'd', cls: 'Dense', calls: [] }]
    });
    expect(computeShapes(subclassed, {})).toMatchObject({
      status: 'unavailable',
      reason: 'noCalls'
    });
  });

  it('leaves calls whose inputs are made in a circle unwalked, without throwing', () => {
    const summary = summaryOf({
      tensors: [
        [null, 4],
        [null, 4],
        [null, 4]
      ],
      inputs: [0],
      axes: { 0: ['s0', null], 1: ['s0', null], 2: ['s0', null] },
      rows: [
        {
          name: 'a',
          cls: 'Dense',
          calls: [[[0, 2], [1]]],
          config: { units: 4 }
        },
        { name: 'b', cls: 'Dense', calls: [[[1], [2]]], config: { units: 4 } }
      ]
    });
    const shapes = computeShapes(summary, { batch: 2 });
    expect(shapes.rows.map(r => r[0].via)).toEqual(['blocked', 'blocked']);
    expect(shapes.tensors[0]).toEqual([2, 4]);
  });

  it('walks a nested model whose inputs do not line up with its call by size ids', () => {
    const summary = summaryOf({
      tensors: [
        [null, 4],
        [null, 4],
        [null, null, 4],
        [null, null, 4]
      ],
      inputs: [0],
      axes: {
        0: ['s0', null],
        1: ['s0', null],
        2: ['s0', 's5', null],
        3: ['s0', 's5', null]
      },
      rows: [
        { name: 'inner', cls: 'Functional', calls: [[[0], [1]]] },
        { name: 'inner_in', cls: 'InputLayer', calls: [[[], [2]]], parent: 0 },
        {
          name: 'inner_d',
          cls: 'Dense',
          calls: [[[2], [3]]],
          parent: 0,
          config: { units: 4 }
        }
      ]
    });
    const shapes = computeShapes(summary, { batch: 2 });
    expect(shapes.rows[0][0].via).toBe('size');
    expect(shapes.tensors[1]).toEqual([2, 4]);
    expect(shapes.tensors[3]).toEqual([2, null, 4]);
    expect(shapes.needs[3]).toEqual(['s5']);
  });
});
