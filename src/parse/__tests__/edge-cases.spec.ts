/**
 * Edge and bad cases. These inputs are HAND-WRITTEN (cut or altered from the
 * shapes Keras prints) to reach cases real Keras output does not; the real
 * outputs are tested in fixtures.spec.ts.
 */
import { parseText } from '../parse';

const RICH_TABLE = [
  '┏━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━┓',
  '┃ Layer (type)         ┃ Output Shape     ┃   Param # ┃',
  '┡━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━┩',
  '│ dense (Dense)        │ (None, 4)        │        20 │',
  '├──────────────────────┼──────────────────┼───────────┤',
  '│ dense_1 (Dense)      │ (None, 1)        │         5 │',
  '└──────────────────────┴──────────────────┴───────────┘'
].join('\n');

const TOTALS = [
  ' Total params: 25 (100.00 B)',
  ' Trainable params: 25 (100.00 B)',
  ' Non-trainable params: 0 (0.00 B)'
].join('\n');

describe('parseText on hand-written edge cases', () => {
  it('gives a table cut short by a new one none of the new one’s lines', () => {
    // A Keras 1 table whose top rule, header and `=` rule are printed twice
    // (found by the mutation property, seed 1535980069): the first table
    // ends before the second one's `_` rule, so the spans do not overlap.
    const rule = '_'.repeat(60);
    const head =
      'Layer (type)                     Output Shape          Param #     ';
    const text = [
      rule,
      head,
      '='.repeat(60),
      rule,
      head,
      '='.repeat(60),
      'dense_1 (Dense)                  (None, 512)           401920      ',
      '='.repeat(60),
      'Total params: 401,920',
      rule,
      ''
    ].join('\n');
    const [first, second] = parseText(text).summaries;
    expect(first.layers).toHaveLength(0);
    expect(second.layers.map(l => l.name)).toEqual(['dense_1']);
    expect(first.end).toBe(text.indexOf(rule, 1));
    expect(second.start).toBe(first.end);
  });

  it('finds nothing in text without a summary', () => {
    expect(
      parseText('Epoch 1/10\n32/32 ━━━━━━━━━━ 1s 2ms/step - loss: 0.5\n')
        .summaries
    ).toEqual([]);
    expect(parseText('').summaries).toEqual([]);
  });

  it('keeps the text around a summary out of its span', () => {
    const before = 'Building model...\n';
    const summary = `Model: "m"\n${RICH_TABLE}\n${TOTALS}\n`;
    const after = 'done\n';
    const text = before + summary + after;
    const [s] = parseText(text).summaries;
    expect(text.slice(s.start, s.end)).toBe(summary);
    expect(s.model).toBe('m');
    expect(s.layers.map(l => l.name)).toEqual(['dense', 'dense_1']);
    expect(s.totals).toMatchObject({
      total: 25,
      trainable: 25,
      nonTrainable: 0
    });
    expect(s.warnings).toEqual([]);
  });

  it('finds two summaries in one text', () => {
    const one = `Model: "a"\n${RICH_TABLE}\n${TOTALS}\n`;
    const two = `Model: "b"\n${RICH_TABLE}\n${TOTALS}\n`;
    const result = parseText(one + 'between\n' + two).summaries;
    expect(result.map(s => s.model)).toEqual(['a', 'b']);
    expect(result.map(s => s.layers.length)).toEqual([2, 2]);
  });

  it('splits summaries printed back to back with nothing between', () => {
    const one = `Model: "a"\n${RICH_TABLE}\n${TOTALS}\n`;
    const result = parseText(one + one.replace('"a"', '"b"')).summaries;
    expect(result.map(s => s.model)).toEqual(['a', 'b']);
  });

  it('reads a heading alone, a table alone and a totals line alone', () => {
    expect(parseText('Model: "solo"\n').summaries[0]).toMatchObject({
      model: 'solo',
      parts: { heading: true, table: false, totals: false }
    });
    expect(parseText(RICH_TABLE + '\n').summaries[0]).toMatchObject({
      model: null,
      parts: { heading: false, table: true, totals: false }
    });
    expect(
      parseText(' Total params: 1,234 (4.82 KB)\n').summaries[0]
    ).toMatchObject({
      format: 'keras3',
      totals: { total: 1234, totalSize: '4.82 KB' },
      parts: { heading: false, table: false, totals: true }
    });
  });

  it("reads a totals line with the author's words after the count (hand-written, as in a public notebook)", () => {
    const text = [
      'Model: "res_net"',
      '_'.repeat(65),
      'Layer (type)                 Output Shape              Param #   ',
      '='.repeat(65),
      'dense (Dense)                multiple                  51300     ',
      '='.repeat(65),
      'Total params: 51,300 [about fifty thousand!]',
      'Trainable params: 51,300',
      'Non-trainable params: 0',
      '_'.repeat(65),
      ''
    ].join('\n');
    const { summaries } = parseText(text);
    expect(summaries).toHaveLength(1);
    expect(summaries[0].totals).toMatchObject({
      total: 51300,
      trainable: 51300,
      nonTrainable: 0
    });
    // A count that goes on as a decimal is no count.
    expect(
      parseText(text.replace('51,300 [', '51,300.5 [')).summaries[0].totals
        .total
    ).toBeNull();
  });

  it('warns about half a table and still returns its rows', () => {
    const half = RICH_TABLE.split('\n').slice(0, 5).join('\n');
    const [s] = parseText(half).summaries;
    expect(s.layers.map(l => l.name)).toEqual(['dense']);
    expect(s.warnings.join(' ')).toMatch(/ends before its bottom border/);
  });

  it('warns when the layers do not add up to the totals', () => {
    const text = `${RICH_TABLE}\n Total params: 26 (104.00 B)\n Trainable params: 26 (104.00 B)\n Non-trainable params: 0 (0.00 B)\n`;
    const [s] = parseText(text).summaries;
    expect(s.warnings.join(' ')).toMatch(/add up to 25, but the model has 26/);
  });

  it('returns, never throws, on every prefix of a summary', () => {
    const text = `Model: "m"\n${RICH_TABLE}\n${TOTALS}\n`;
    for (let i = 0; i <= text.length; i++) {
      expect(() => parseText(text.slice(0, i))).not.toThrow();
    }
  });

  it('returns, never throws, on random text', () => {
    let seed = 42;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const alphabet =
      '┏┳┓┃┡╇┩│├┼┤└┴┘━─ ()[]{},.…?:_=¯|\n\x1bNone0123456789Model: "Total params: Layer (type)Output Shape';
    for (let k = 0; k < 300; k++) {
      let s = '';
      const n = Math.floor(rand() * 400);
      for (let i = 0; i < n; i++) {
        s += alphabet[Math.floor(rand() * alphabet.length)];
      }
      expect(() => parseText(s)).not.toThrow();
    }
  });

  it('handles a huge input', () => {
    const rows: string[] = [];
    for (let i = 0; i < 20000; i++) {
      rows.push(
        `│ d${i} (Dense)`.padEnd(23) + '│ (None, 4)        │        20 │'
      );
      rows.push('├──────────────────────┼──────────────────┼───────────┤');
    }
    const lines = RICH_TABLE.split('\n');
    const huge = [...lines.slice(0, 3), ...rows.slice(0, -1), lines[6]].join(
      '\n'
    );
    const [s] = parseText(huge).summaries;
    expect(s.layers.length).toBe(20000);
    expect(s.layers[19999].name).toBe('d19999');
  });

  it('reads a table without row separators (show_lines off), rows starting at their Param # cell', () => {
    const text = [
      '┏━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┳━━━━━━━━━┓',
      '┃ Layer (type)  ┃ Output Shape  ┃ Param # ┃',
      '┡━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━╇━━━━━━━━━┩',
      '│ a_long_name   │ (None, 4)     │      20 │',
      '│ (Dense)       │               │         │',
      '│ b (Dense)     │ (None, 1)     │       5 │',
      '└───────────────┴───────────────┴─────────┘'
    ].join('\n');
    const [s] = parseText(text).summaries;
    expect(s.layers.map(l => [l.name, l.type])).toEqual([
      ['a_long_name', 'Dense'],
      ['b', 'Dense']
    ]);
  });

  it('splits a row on its bars when wide characters shift the borders', () => {
    const text = [
      '┏━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┳━━━━━━━━━┓',
      '┃ Layer (type)  ┃ Output Shape  ┃ Param # ┃',
      '┡━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━╇━━━━━━━━━┩',
      '│ 密集 (Dense)  │ (None, 4)     │      20 │',
      '└───────────────┴───────────────┴─────────┘'
    ].join('\n');
    const [s] = parseText(text).summaries;
    expect(s.layers[0]).toMatchObject({
      name: '密集',
      type: 'Dense',
      params: 20,
      tensors: [[null, 4]]
    });
  });

  it('reads a Keras 2 ASCII table cut off before its closing rule', () => {
    const text = [
      'Model: "sequential"',
      '_________________________________________________________________',
      ' Layer (type)                Output Shape              Param #   ',
      '=================================================================',
      ' dense (Dense)               (None, 4)                 20        ',
      '                                                                 '
    ].join('\n');
    const [s] = parseText(text).summaries;
    expect(s.format).toBe('keras2');
    expect(s.layers.map(l => l.name)).toEqual(['dense']);
    expect(s.warnings.join(' ')).toMatch(/closing "=" rule/);
  });
});
