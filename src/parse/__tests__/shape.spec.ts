import { parseShape } from '../shape';

describe('parseShape', () => {
  it('reads one tensor', () => {
    expect(parseShape('(None, 784)')).toEqual({
      kind: 'tensors',
      tensors: [[null, 784]]
    });
  });

  it("reads Keras 3's one-axis shape without a trailing comma and Python's with one", () => {
    expect(parseShape('(None)').tensors).toEqual([[null]]);
    expect(parseShape('(None,)').tensors).toEqual([[null]]);
  });

  it("reads tf.keras' InputLayer list as one tensor", () => {
    expect(parseShape('[(None, 28, 28)]').tensors).toEqual([[null, 28, 28]]);
  });

  it('reads lists and tuples of several tensors', () => {
    expect(parseShape('[(None, 8), (None, 8), (None, 8)]').tensors).toEqual([
      [null, 8],
      [null, 8],
      [null, 8]
    ]);
    expect(parseShape('((None, None, 3), (32, 5))').tensors).toEqual([
      [null, null, 3],
      [32, 5]
    ]);
  });

  it('reads dicts, quoted (Keras 2) or not (Keras 3), keeping the keys', () => {
    expect(parseShape('{a: (None, 3), b: (None, 2)}')).toEqual({
      kind: 'tensors',
      tensors: [
        [null, 3],
        [null, 2]
      ],
      keys: ['a', 'b']
    });
    expect(parseShape("{'x': (None, 1)}").keys).toEqual(['x']);
  });

  it('reads ? and multiple', () => {
    expect(parseShape('?')).toEqual({ kind: 'tensors', tensors: [['?']] });
    expect(parseShape('multiple')).toEqual({ kind: 'multiple', tensors: [] });
  });

  it('reads a scalar shape', () => {
    expect(parseShape('()').tensors).toEqual([[]]);
  });

  it('gives unknown, not a throw, for text that is not a shape', () => {
    for (const bad of [
      '',
      'None, 3)',
      '(None, 3))',
      '(…',
      '(a, b)',
      '((((',
      '{a (None)}'
    ]) {
      expect(parseShape(bad).kind).toBe('unknown');
    }
  });

  it('reads a shape cut at the column edge up to the cut, and says where it was cut', () => {
    // Keras 2.3 printed (None, None, None, 32) as `(None, None, None, 3`.
    expect(parseShape('(None, None, None, 3')).toEqual({
      kind: 'tensors',
      tensors: [[null, null, null, 3]],
      cut: { tensor: 0, lastDimPartial: true }
    });
    // Cut after a comma or inside `None`: every dimension shown is whole.
    expect(parseShape('(None, 28, ').cut).toEqual({
      tensor: 0,
      lastDimPartial: false
    });
    expect(parseShape('(None, 28, Non').tensors).toEqual([[null, 28, null]]);
    // A second tensor opened at the cut is there, with no dimension known.
    expect(parseShape('[(None, 28, 28, 1), (')).toEqual({
      kind: 'tensors',
      tensors: [[null, 28, 28, 1], []],
      cut: { tensor: 1, lastDimPartial: false }
    });
    expect(parseShape("{'score': (None, 1), 'lab")).toEqual({
      kind: 'tensors',
      tensors: [[null, 1]],
      keys: ['score'],
      cut: { tensor: 0, lastDimPartial: false }
    });
    // Keras 3 cuts with `…`.
    expect(parseShape('(None, 224, 2…')).toEqual({
      kind: 'tensors',
      tensors: [[null, 224, 2]],
      cut: { tensor: 0, lastDimPartial: true }
    });
    // A whole shape is never marked.
    expect(parseShape('(None, 3)').cut).toBeUndefined();
    expect(parseShape('[(None, 3), (None, 4)]').cut).toBeUndefined();
  });

  it('stops at absurd nesting instead of recursing without end', () => {
    const deep = '('.repeat(5000) + 'None' + ')'.repeat(5000);
    expect(parseShape(deep).kind).toBe('unknown');
  });
});
