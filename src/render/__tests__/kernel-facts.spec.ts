/**
 * What the view says that only the kernel knows, on the payloads captured
 * by `make fixtures` in real kernels (fixtures/kernel/), read as the CLI
 * reads the notebooks; beside each, the same summary parsed from the text
 * Keras printed, which must say its facts are inferred. Expectations come
 * from the models' code in scripts/capture_kernel_fixtures.py (conv_a is
 * `Conv1D(32, 5, strides=2)` on `frames` (None, None, 100), then conv_b
 * `Conv1D(32, 3, strides=2, padding="same")` and pool `MaxPooling1D(2)`,
 * each a new length; q_dense is an
 * int8-quantized Dense(4) on 8 features; the subclassed model was first
 * called on a batch of 2).
 */
import { parseText } from '../../parse';
import { loadNotebook } from '../../testing/fixtures';
import {
  buttonNamed,
  dialogs,
  fixtureSummary,
  mount,
  rowOf,
  unmountAll
} from './helpers';
import { dimButtons, lettersSwitch } from './dimension-helpers';

const KERAS3 = 'kernel/kernel-keras3.ipynb';
const TFKERAS = 'kernel/kernel-tfkeras2.ipynb';

afterEach(() => {
  unmountAll();
});

/** Open the explanation of a control and return its text. */
function explanationOf(button: HTMLElement): string {
  button.click();
  const found = dialogs();
  expect(found).toHaveLength(1);
  return found[0].textContent ?? '';
}

/** The dimension controls of row `name`, in axis order. */
function dimsOf(root: ParentNode, name: string): HTMLButtonElement[] {
  return Array.from(
    rowOf(root, name).querySelectorAll<HTMLButtonElement>(
      'button.jp-KerasSummary-control-dim'
    )
  );
}

function paramsOf(root: ParentNode, name: string): HTMLButtonElement {
  const b = rowOf(root, name).querySelector<HTMLButtonElement>(
    'button.jp-KerasSummary-control-params'
  );
  expect(b).not.toBeNull();
  return b!;
}

describe('kernel summaries in the view', () => {
  it('are read from the payload (the fixtures hold the companion’s bundles)', () => {
    const s = fixtureSummary(KERAS3, 'conv1d_strided');
    expect(s.source).toBe('kernel');
    expect(s.kernel).toBeDefined();
    expect(s.layers.map(l => l.name)).toEqual([
      'frames',
      'conv_a',
      'conv_b',
      'pool',
      'gap',
      'head'
    ]);
  });

  it('a None says its source and size, with its letter, and that both are exact', () => {
    const view = mount({ summary: fixtureSummary(KERAS3, 'conv1d_strided') });
    const [, length] = dimsOf(view.node, 'conv_a');
    const said = explanationOf(length);
    expect(said).toMatch(/^Variable-length dimension/);
    expect(said).toContain(
      'Source: axis 1 of the model input frames (InputLayer).'
    );
    // A strided convolution makes a size of its own: T′.
    expect(said).toContain('Size T′');
    expect(said).toContain(
      'It starts here: this layer works out its output length from its input length.'
    );
    expect(said).toContain('strides=(2,)');
    expect(said).toContain("padding='valid'");
    expect(said).toContain('kernel_size=(5,)');
    expect(said).toContain(
      'Exact: the kernel followed this axis through the live model (Keras 3.15.1, jax)'
    );
    expect(said).not.toContain('Inferred');
  });

  it('the batch says its source and that it is exact', () => {
    const view = mount({ summary: fixtureSummary(KERAS3, 'conv1d_strided') });
    const [batch] = dimsOf(view.node, 'conv_b');
    const said = explanationOf(batch);
    expect(said).toMatch(/^Batch dimension/);
    expect(said).toContain('Source: the batch');
    expect(said).toContain('Size B');
    expect(said).toContain('Exact:');
  });

  it('two inputs of independent lengths keep their own sources (attention)', () => {
    const summary = fixtureSummary(KERAS3, 'attention');
    const view = mount({ summary });
    const inputs = summary.layers.filter(l => l.type === 'InputLayer');
    expect(inputs.map(l => l.name)).toEqual(['query', 'memory']);
    const [, q] = dimsOf(view.node, 'query');
    expect(explanationOf(q)).toContain(
      'Source: axis 1 of the model input query (InputLayer).'
    );
    document.body.click();
    const [, m] = dimsOf(view.node, 'memory');
    expect(explanationOf(m)).toContain(
      'Source: axis 1 of the model input memory (InputLayer).'
    );
  });

  it('parsed text says its facts are inferred', () => {
    // The text Keras printed, in the same bundle.
    const text = parseText(kernelText(KERAS3, 'conv1d_strided')).summaries[0];
    expect(text.source ?? 'text').toBe('text');
    const view = mount({ summary: text });
    const [, length] = dimsOf(view.node, 'conv_a');
    const said = explanationOf(length);
    expect(said).toContain(
      'Source: axis 1 of the model input frames (InputLayer).'
    );
    expect(said).toContain(
      'Inferred: its source and size are read from the printed text'
    );
    expect(said).not.toContain('Exact:');
    // And no mark in the header.
    expect(
      view.node.querySelector('.jp-KerasSummary-source')!.hasAttribute('hidden')
    ).toBe(true);
  });

  it('letters follow the kernel’s sizes: T, then T′, T″, T‴ after each strided layer', () => {
    const view = mount({
      summary: fixtureSummary(KERAS3, 'conv1d_strided'),
      dimensionLetters: true
    });
    expect(lettersSwitch(view.node).getAttribute('aria-checked')).toBe('true');
    const shapes = ['frames', 'conv_a', 'conv_b', 'pool'].map(
      name =>
        rowOf(view.node, name).querySelector('.jp-KerasSummary-cell-shape')!
          .textContent
    );
    expect(shapes).toEqual([
      '(B, T, 100)',
      '(B, T′, 32)',
      '(B, T″, 32)',
      '(B, T‴, 32)'
    ]);
    const legend = Array.from(
      view.node.querySelectorAll('.jp-KerasSummary-legend li')
    ).map(li => li.textContent);
    expect(legend).toEqual([
      'B batch size (samples per batch)',
      'T timesteps of a sequence, from frames (InputLayer)',
      'T′ timesteps of a sequence, from conv_a (Conv1D)',
      'T″ timesteps of a sequence, from conv_b (Conv1D)',
      'T‴ timesteps of a sequence, from pool (MaxPooling1D)'
    ]);
    const [, t1] = dimsOf(view.node, 'conv_a');
    expect(explanationOf(t1)).toContain(
      'Its letter is T′: every None with this letter has this same size. It is the dimension T after a layer that may change its size.'
    );
  });

  it('Param # lists the weights from the kernel, adding up to the count', () => {
    const view = mount({ summary: fixtureSummary(KERAS3, 'conv1d_strided') });
    const said = explanationOf(paramsOf(view.node, 'conv_a'));
    expect(said).toContain('Its weights, from the kernel');
    expect(said).toContain(
      'kernel (5, 100, 32) float32, trainable: 5 × 100 × 32 = 16,000'
    );
    expect(said).toContain('bias (32,) float32, trainable: 32');
    expect(said).toContain('Together: 16,032, the printed count.');
    expect(said).toContain('Its configuration, from the kernel:');
    expect(said).toContain('filters=32');
    // Nothing inferred where the kernel says.
    expect(said).not.toContain('inferred from the count');
  });

  it('a quantized layer’s weights explain its count (int8 kernel and its scale)', () => {
    const view = mount({ summary: fixtureSummary(KERAS3, 'quantized') });
    const said = explanationOf(paramsOf(view.node, 'q_dense'));
    expect(said).toContain('kernel (8, 4) int8, not trainable: 8 × 4 = 32');
    expect(said).toContain('kernel_scale (4,) float32, not trainable: 4');
    expect(said).toContain('bias (4,) float32, trainable: 4');
    expect(said).toContain('Together: 40, the printed count.');
    expect(said).toContain('Dtype policy int8_from_float32: quantized to int8');
  });

  it('a mixed-precision layer says it computes in another dtype', () => {
    const view = mount({ summary: fixtureSummary(KERAS3, 'mixed_precision') });
    const said = explanationOf(paramsOf(view.node, 'mixed_dense'));
    expect(said).toContain(
      'Dtype policy mixed_bfloat16: it computes in bfloat16 and keeps its weights in float32'
    );
    document.body.click();
    // A plain float32 layer says no policy.
    expect(explanationOf(paramsOf(view.node, 'plain_dense'))).not.toContain(
      'Dtype policy'
    );
  });

  it('tf-keras payloads list weights too', () => {
    const view = mount({ summary: fixtureSummary(TFKERAS, 'mlp') });
    const said = explanationOf(paramsOf(view.node, 'dense'));
    expect(said).toContain('Its weights, from the kernel');
    expect(said).toMatch(
      /kernel:0 \(784, 128\) float32, trainable: 784 × 128 = 100,352/
    );
  });

  it('a subclassed model’s first-call batch is not called a fixed batch size', () => {
    const kernel = fixtureSummary(KERAS3, 'subclassed_built');
    expect(kernel.kernel?.model.shapes_from).toBe('first_call');
    const view = mount({ summary: kernel });
    const [batch] = dimButtons(view.node);
    expect(batch.textContent).toBe('2');
    expect(batch.title).toBe('Batch of the first call: activate to explain');
    const said = explanationOf(batch);
    expect(said).toMatch(/^Batch of the first call: 2/);
    expect(said).toContain('not a fixed batch size');
    expect(said).not.toContain('Input(batch_size=');
    unmountAll();
    // The same text without the kernel can only say what it printed.
    const text = parseText(kernelText(KERAS3, 'subclassed_built')).summaries[0];
    const plain = mount({ summary: text });
    const [printed] = dimButtons(plain.node);
    expect(printed.title).toBe('Fixed batch size: activate to explain');
    expect(explanationOf(printed)).toMatch(/^Fixed batch size: 2/);
  });

  it('references go to the payload’s rows, with each call’s own tensor (shared layer)', () => {
    const summary = fixtureSummary(KERAS3, 'shared');
    const view = mount({ summary });
    const refs = Array.from(
      rowOf(view.node, 'diff').querySelectorAll<HTMLButtonElement>(
        'button.jp-KerasSummary-control-ref'
      )
    );
    expect(refs.map(r => r.textContent)).toEqual([
      'shared_enc[0][0]',
      'shared_enc[1][0]'
    ]);
    const said = explanationOf(refs[1]);
    expect(said).toContain('output 0 of call 1 of shared_enc');
    expect(said).toContain('called 2 times');
    buttonNamed(dialogs()[0], 'Go to shared_enc').click();
    expect(document.activeElement?.closest('tr')).toBe(
      rowOf(view.node, 'shared_enc')
    );
  });

  it('the header marks a kernel summary as exact, a text summary not at all', () => {
    const view = mount({ summary: fixtureSummary(TFKERAS, 'rnn') });
    const mark = view.node.querySelector('.jp-KerasSummary-source')!;
    expect(mark.hasAttribute('hidden')).toBe(false);
    expect(mark.textContent).toBe('Exact, from the kernel (tf-keras 2.21.0)');
    expect(mark.getAttribute('title')).toContain('live model');
  });
});

/** The `text/plain` Keras printed beside the payload of a fixture cell. */
function kernelText(notebook: string, cell: string): string {
  const s = fixtureSummary(notebook, cell);
  const output = loadNotebook(notebook).nb.cells[s.cell].outputs![s.output!];
  const plain = output.data!['text/plain'] as string | string[];
  return Array.isArray(plain) ? plain.join('') : plain;
}
