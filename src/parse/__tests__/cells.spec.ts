import {
  readConnectedCell,
  readLayerCell,
  readParamsCell,
  readTrainableCell,
  referencedLayer,
  refCutSilently
} from '../cells';

describe('readLayerCell', () => {
  it('splits name and type', () => {
    expect(readLayerCell('dense_1 (Dense)')).toEqual({
      name: 'dense_1',
      type: 'Dense',
      depth: 0,
      cutSilently: false
    });
  });

  it("reads Keras 3's nesting prefix", () => {
    expect(readLayerCell('   └ conv2d (Conv2D)').depth).toBe(1);
    expect(readLayerCell('      └ conv2d (Conv2D)')).toMatchObject({
      depth: 2,
      name: 'conv2d'
    });
  });

  it('keeps spaces and parentheses inside names', () => {
    expect(readLayerCell('my dense (v2) (Dense)')).toMatchObject({
      name: 'my dense (v2)',
      type: 'Dense'
    });
  });

  it('reads a type cut by rich with …', () => {
    expect(
      readLayerCell('global_max_pooling… (GlobalMaxPooling1…')
    ).toMatchObject({
      name: 'global_max_pooling…',
      type: 'GlobalMaxPooling1…',
      cutSilently: false
    });
  });

  it('reads a type an old ASCII printer cut at the column edge', () => {
    expect(readLayerCell('global_max_pooling1d_1 (Glob')).toMatchObject({
      type: 'Glob',
      cutSilently: true
    });
  });

  it('keeps a cell without a type as the name, cut: Keras prints every layer with its type', () => {
    // An old ASCII printer cut a name that fills the column at its edge.
    expect(readLayerCell('temporal_convolution_over_the_t')).toEqual({
      name: 'temporal_convolution_over_the_t',
      type: '',
      depth: 0,
      cutSilently: true
    });
    // Rich marks its cuts with `…`: those are listed as cut already.
    expect(readLayerCell('a_very_long_layer_na…')).toMatchObject({
      type: '',
      cutSilently: false
    });
    expect(readLayerCell('   ').cutSilently).toBe(false);
  });
});

describe('readParamsCell', () => {
  it('reads counts with and without commas', () => {
    expect(readParamsCell('100,480').params).toBe(100480);
    expect(readParamsCell('100480').params).toBe(100480);
  });
  it('reads unbuilt and unused', () => {
    expect(readParamsCell('0 (unbuilt)')).toEqual({
      params: 0,
      unbuilt: true,
      unused: false
    });
    expect(readParamsCell('0 (unused)')).toEqual({
      params: 0,
      unbuilt: false,
      unused: true
    });
  });
  it('gives null for anything else', () => {
    expect(readParamsCell('').params).toBeNull();
    expect(readParamsCell('12…').params).toBeNull();
  });
});

describe('readConnectedCell', () => {
  it('reads Keras 3 references', () => {
    expect(readConnectedCell('input_layer[0][0], input_layer_1[0][0]')).toEqual(
      ['input_layer[0][0]', 'input_layer_1[0][0]']
    );
    expect(readConnectedCell('-')).toEqual([]);
  });
  it('reads tf.keras 2 lists', () => {
    expect(readConnectedCell("['input_1[0][0]', 'input_2[0][0]']")).toEqual([
      'input_1[0][0]',
      'input_2[0][0]'
    ]);
    expect(readConnectedCell('[]')).toEqual([]);
  });
  it('names the referenced layer', () => {
    expect(referencedLayer('dense_1[0][0]')).toBe('dense_1');
    expect(referencedLayer('input_layer_8[0]…')).toBe('input_layer_8');
    expect(referencedLayer('a[b][0][1]')).toBe('a[b]');
  });
});

describe('refCutSilently', () => {
  it.each([
    ['dense_1[0][0]', false],
    ['merge_1[1][0]', false],
    ['input layer[12][3]', false],
    // Keras 3's mark: listed as cut by the `…` check, not here.
    ['conv2_block1_1_c…', false],
    ['dense[0…', false],
    // The old ASCII printers' cuts at the line's end (the sweep's texts).
    ['process_movie_embedding_with_genr', true],
    ['z_mean-z_logvar_slicer[0]', true],
    ['token_features_with_a_long_name[0', true],
    ['global_average_pooling_over_time[', true],
    ['x[0][]', true],
    ['x[a][0]', true]
  ])('%s: %s', (ref, cut) => {
    expect(refCutSilently(ref)).toBe(cut);
  });
});

describe('readTrainableCell', () => {
  it('reads Y, N and -', () => {
    expect(readTrainableCell('Y')).toBe(true);
    expect(readTrainableCell(' N ')).toBe(false);
    expect(readTrainableCell('-')).toBeNull();
  });
});
