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
      '(None, 224, 2…',
      '(None, 3',
      'None, 3)',
      '(a, b)',
      '((((',
      '{a (None)}'
    ]) {
      expect(parseShape(bad).kind).toBe('unknown');
    }
  });

  it('stops at absurd nesting instead of recursing without end', () => {
    const deep = '('.repeat(5000) + 'None' + ')'.repeat(5000);
    expect(parseShape(deep).kind).toBe('unknown');
  });
});
