/**
 * Reading the kernel companion's payload into a Summary: on every payload
 * captured by `make fixtures` in real kernels (Keras 3 with jax, tf-keras),
 * compared with the text Keras printed in the same bundle; then malformed
 * and unknown-version payloads (hand-made from a real one).
 */
import { parseText } from '../parse';
import { readPayload } from '../payload';
import { PAYLOAD_MIME_TYPE } from '../payload-types';
import type { Payload } from '../payload-types';
import { loadNotebook } from '../../testing/fixtures';

interface Captured {
  flavour: string;
  cell: string;
  payload: Payload;
  text: string;
}

function capturedPayloads(file: string): Captured[] {
  const { nb } = loadNotebook(file);
  const found: Captured[] = [];
  for (const cell of nb.cells as any[]) {
    for (const output of cell.outputs ?? []) {
      const data = output.data ?? {};
      if (data[PAYLOAD_MIME_TYPE]) {
        const plain = data['text/plain'];
        found.push({
          flavour: file,
          cell: String(cell.id),
          payload: data[PAYLOAD_MIME_TYPE],
          text: Array.isArray(plain) ? plain.join('') : String(plain ?? '')
        });
      }
    }
  }
  return found;
}

const ALL = [
  ...capturedPayloads('kernel/kernel-keras3.ipynb'),
  ...capturedPayloads('kernel/kernel-tfkeras2.ipynb')
];

describe('kernel payloads read into summaries', () => {
  it('finds the captured payloads', () => {
    // Every fixture model of both flavours (22 cells with a summary each, a
    // second summary in two_summaries) plus the companion's own models.
    expect(ALL.length).toBeGreaterThan(40);
  });

  it.each(ALL.map(c => [`${c.flavour} ${c.cell} ${c.payload.model.name}`, c]))(
    '%s',
    (_, c) => {
      const { payload, text } = c as Captured;
      const read = readPayload(payload, text);
      expect(read.error).toBeUndefined();
      const summary = read.summary!;
      expect(summary.source).toBe('kernel');
      expect(summary.format).toBe(
        payload.producer.framework === 'tf_keras' ? 'keras2' : 'keras3'
      );
      // Names and classes exactly as the live model has them, never cut.
      expect(summary.model).toBe(payload.model.name);
      expect(summary.layers.map(l => l.name)).toEqual(
        payload.layers.map(r => r.name)
      );
      expect(summary.layers.map(l => l.type)).toEqual(
        payload.layers.map(r => r.class)
      );
      expect(summary.layers.some(l => l.cut.length > 0)).toBe(false);
      expect(summary.totals.total).toBe(payload.totals.total);

      // The same table as the text Keras printed beside it, where the text
      // could tell: rows, counts, depths, and every shape that is not cut.
      const printed = parseText(text).summaries[0];
      expect(printed).toBeDefined();
      expect(summary.layers).toHaveLength(printed.layers.length);
      summary.layers.forEach((layer, i) => {
        const p = printed.layers[i];
        expect(layer.depth).toBe(p.depth);
        if (p.params !== null) {
          expect(layer.params).toBe(p.params);
        }
        if (p.shapeKind === 'tensors' && p.cut.length === 0) {
          // tf-keras prints a dict of outputs in its own order, the payload
          // in the graph's (keys sorted): the same tensors.
          const order = (t: unknown[]) =>
            p.tensorKeys ? t.map(x => JSON.stringify(x)).sort() : t;
          expect(order(layer.tensors)).toEqual(order(p.tensors));
        }
        // Rows sit where the text printed them (names may wrap there).
        if (p.name === layer.name && layer.name.length > 0) {
          expect(text.slice(layer.start, layer.end)).toContain(
            layer.name.slice(0, 8)
          );
        }
      });
      expect(summary.columns.map(col => col.kind)).toEqual(
        printed.columns.map(col => col.kind)
      );
      // References: every name[node][tensor] of the payload, full names.
      payload.layers.forEach((row, i) => {
        if (!payload.call.sequential_like) {
          expect(summary.layers[i].connectedTo).toEqual(
            row.nodes.flatMap(n =>
              n.in.map(r => `${r.layer}[${r.node}][${r.output}]`)
            )
          );
        }
        expect(summary.layers[i].kernel).toBe(row);
      });
    }
  );

  it('keeps what only the text has: dict keys, multiple, 0 (unbuilt)', () => {
    const byCell = (flavour: string, id: string) =>
      ALL.find(c => c.flavour === flavour && c.cell === id)!;
    const dict = readPayload(
      byCell('kernel/kernel-keras3.ipynb', 'dict_output').payload,
      byCell('kernel/kernel-keras3.ipynb', 'dict_output').text
    ).summary!;
    // Keras 3.15 prints a dict of outputs as a list; tf-keras with its keys.
    expect(dict.layers[2].tensorKeys).toBeUndefined();
    const tfDict = byCell('kernel/kernel-tfkeras2.ipynb', 'dict_output');
    expect(
      readPayload(tfDict.payload, tfDict.text).summary!.layers[2].tensorKeys
    ).toEqual(['score', 'label']);
    // Without text that lines up (an empty text/plain), the keys are the
    // kernel's own (payload 1.1's output_keys), in the printed order.
    expect(
      readPayload(tfDict.payload, '').summary!.layers[2].tensorKeys
    ).toEqual(['score', 'label']);
    expect(tfDict.payload.layers[2].shape_source).not.toBe('none');
    const unbuilt = byCell('kernel/kernel-keras3.ipynb', 'unbuilt');
    const u = readPayload(unbuilt.payload, unbuilt.text).summary!;
    expect(
      u.layers.every(l => l.unbuilt && l.paramsText === '0 (unbuilt)')
    ).toBe(true);
    expect(u.layers[0].tensors).toEqual([['?']]);
    const multiple = byCell('kernel/kernel-tfkeras2.ipynb', 'subclassed_built');
    const m = readPayload(multiple.payload, multiple.text).summary!;
    expect(m.layers.map(l => l.shapeKind)).toEqual(['multiple', 'multiple']);
  });

  it('gives every open axis its exact source and size, from the kernel', () => {
    const c = ALL.find(x => x.cell === 'conv1d_strided')!;
    const s = readPayload(c.payload, c.text).summary!;
    const axis1 = s.layers.slice(0, 4).map(l => l.exactAxes![0][1]);
    // The same input axis (frames' timesteps) through every strided layer,
    // and a new size after each: T, T′, T″, T‴.
    expect(axis1.map(a => a!.source)).toEqual(
      Array(4).fill({ input: 'frames', axis: 1 })
    );
    expect(new Set(axis1.map(a => a!.size)).size).toBe(4);
    expect(s.layers.every(l => l.exactAxes![0][0]!.source === 'batch')).toBe(
      true
    );
    // Fixed sizes (channels) are no open axis.
    expect(s.layers[1].exactAxes![0][2]).toBeNull();
    // No dimension facts from the kernel (a subclassed model): none claimed.
    const sub = ALL.find(x => x.cell === 'subclassed_built')!;
    expect(
      readPayload(sub.payload, sub.text).summary!.layers.some(l => l.exactAxes)
    ).toBe(false);
  });

  it('reads a payload alone, without its text', () => {
    const c = ALL.find(x => x.cell === 'two_inputs')!;
    const s = readPayload(c.payload).summary!;
    expect(s.layers.map(l => l.outputShape)).toEqual([
      '(None, 64)',
      '(None, 8)',
      '(None, 72)',
      '(None, 32)',
      '(None, 3)'
    ]);
    expect(s.layers[2].connectedTo).toEqual([
      'input_layer_2[0][0]',
      'input_layer_3[0][0]'
    ]);
    expect(s.totals.totalSize).toBe('9.51 KB');
  });
});

describe('payloads that cannot be read (hand-made from a captured one)', () => {
  const base = ALL.find(x => x.cell === 'two_inputs')!.payload;
  const copy = (): any => JSON.parse(JSON.stringify(base));

  it.each([
    ['not an object', () => 'hello', /not a JSON object/],
    ['no version', () => ({ ...copy(), version: undefined }), /no version/],
    [
      'major 2',
      () => ({ ...copy(), version: [2, 0] }),
      /version 2\.0 is not known/
    ],
    ['rows missing', () => ({ ...copy(), layers: null }), /no rows/],
    [
      'a row without a name',
      () => {
        const p = copy();
        p.layers[1].name = 7;
        return p;
      },
      /row 1 .* no name/
    ],
    [
      'an output tensor that does not exist',
      () => {
        const p = copy();
        p.layers[0].outputs = [99];
        return p;
      },
      /row 0 .* do not exist/
    ],
    [
      'a reference to a row that does not exist',
      () => {
        const p = copy();
        p.layers[2].nodes[0].in[0].row = 42;
        return p;
      },
      /row 2 .* malformed reference/
    ],
    [
      'a parent below its child',
      () => {
        const p = copy();
        p.layers[1].parent = 3;
        return p;
      },
      /row 1 .* parent/
    ],
    ['no totals', () => ({ ...copy(), totals: {} }), /no totals/]
  ])('%s', (_, make, why) => {
    const read = readPayload((make as () => unknown)(), 'text');
    expect(read.summary).toBeUndefined();
    expect(read.error).toMatch(why as RegExp);
  });

  it('ignores fields it does not know (a later minor version)', () => {
    const p = copy();
    p.version = [1, 7];
    p.future = { anything: [1, 2, 3] };
    p.layers[0].future = 'x';
    const read = readPayload(p);
    expect(read.error).toBeUndefined();
    expect(read.summary!.layers).toHaveLength(5);
  });
});
