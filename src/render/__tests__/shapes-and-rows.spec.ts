/**
 * The pure pieces of the view: splitting a printed Output Shape into text
 * and dimensions, and the tree of nested rows. Shapes below are the exact
 * cell texts found in the captured fixtures.
 */
import { parseShape } from '../../parse';
import type { LayerRow } from '../../parse';
import { shapeParts } from '../shape';
import { rowTree } from '../analysis';
import { DISPLAY, fixtureSummary, TFKERAS } from './helpers';

function dims(printed: string) {
  const parsed = parseShape(printed);
  return shapeParts(printed, parsed.tensors, parsed.keys)
    .filter(p => p.kind === 'dim')
    .map(p => (p.kind === 'dim' ? [p.text, p.tensor, p.axis] : null));
}

function text(printed: string): string {
  const parsed = parseShape(printed);
  return shapeParts(printed, parsed.tensors, parsed.keys)
    .map(p => p.text)
    .join('');
}

describe('shapeParts', () => {
  it.each([
    '(None, 784)',
    '(None, None, 64)',
    '[(None, 32)]',
    '[(None, 8), (None, 8), (None, 8)]',
    "{'score': (None, 1), 'label': (None, 3)}",
    '(None, 224, 224, 3)',
    '(32, 8)',
    '?',
    '(None,)'
  ])('keeps %s exactly as printed', printed => {
    expect(text(printed)).toBe(printed);
  });

  it('ties each dimension to its tensor and axis', () => {
    expect(dims('[(None, 8), (None, 4)]')).toEqual([
      ['None', 0, 0],
      ['8', 0, 1],
      ['None', 1, 0],
      ['4', 1, 1]
    ]);
    expect(dims("{'score': (None, 1), 'label': (None, 3)}")).toEqual([
      ['None', 0, 0],
      ['1', 0, 1],
      ['None', 1, 0],
      ['3', 1, 1]
    ]);
  });

  it('does not take words or quoted keys for dimensions', () => {
    // A dict key holding a digit and the word None (quoted, tf.keras style).
    const printed = "{'None_2': (None, 5)}";
    expect(dims(printed)).toEqual([
      ['None', 0, 0],
      ['5', 0, 1]
    ]);
  });

  it('spells the shape out from the tensors when the text does not match', () => {
    const parts = shapeParts('(None, 4)', [[null, 3]]);
    expect(parts.map(p => p.text).join('')).toBe('(None, 3)');
    expect(parts.filter(p => p.kind === 'dim')).toHaveLength(2);
    const keyed = shapeParts('garbled', [[null, 1]], ['out']);
    expect(keyed.map(p => p.text).join('')).toBe('{out: (None, 1)}');
  });
});

describe('rowTree', () => {
  it('finds parents and subtrees of the captured nested summary', () => {
    const summary = fixtureSummary(DISPLAY, 'nested');
    const tree = rowTree(summary.layers);
    const names = summary.layers.map(l => l.name);
    const parentOf = (name: string) => {
      const p = tree[names.indexOf(name)].parent;
      return p === -1 ? null : names[p];
    };
    expect(parentOf('block')).toBeNull();
    expect(parentOf('encoder')).toBe('block');
    expect(parentOf('encoder_dense_2')).toBe('encoder');
    expect(parentOf('block_dense')).toBe('block');
    expect(parentOf('skip_concat')).toBeNull();
    const block = tree[names.indexOf('block')];
    expect(block.hasChildren).toBe(true);
    expect(names[block.last]).toBe('block_dense');
    expect(tree[names.indexOf('encoder')].hasChildren).toBe(true);
    expect(tree[names.indexOf('head')].hasChildren).toBe(false);
    // Keys tell rows apart across updates.
    expect(new Set(tree.map(n => n.key)).size).toBe(tree.length);
  });

  it('gives a flat summary no nesting', () => {
    const tree = rowTree(fixtureSummary(TFKERAS, 'conv_mix').layers);
    expect(tree.every(n => n.parent === -1 && !n.hasChildren)).toBe(true);
  });

  it('copes with depths that jump (hand-written)', () => {
    const row = (name: string, depth: number) => ({ name, depth }) as LayerRow;
    const tree = rowTree([row('a', 0), row('b', 3), row('c', 1), row('d', 0)]);
    expect(tree.map(n => n.parent)).toEqual([-1, 0, 0, -1]);
    expect(tree[0].last).toBe(2);
  });
});
