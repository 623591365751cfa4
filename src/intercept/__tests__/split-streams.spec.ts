/**
 * One tf.keras summary over several stdout outputs with a stderr output
 * between them (fixtures/tfkeras2-unmerged.ipynb `split_stderr`: a layer
 * logged a warning while the summary was printed): the page shows it as
 * one table in the first output and hides the later stdout output, while
 * the stderr output stays as it was.
 */
import { ABSORBED_CLASS } from '../grouping';
import {
  attachArea,
  cellOutputs,
  flush,
  registries,
  textBlocks,
  views
} from './helpers';
import type * as nbformat from '@jupyterlab/nbformat';

const children = (node: HTMLElement) =>
  Array.from(node.querySelectorAll('.jp-OutputArea-child')) as HTMLElement[];

/** Let the group regroup and the first output render again. */
async function settle(): Promise<void> {
  for (let i = 0; i < 4; i++) {
    await flush();
    await new Promise(resolve => setTimeout(resolve, 0));
  }
}

describe('a summary split over stdout outputs by a stderr line', () => {
  const { wrapped } = registries();
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('shows one table in the first output and hides the rest of it', async () => {
    const given = cellOutputs('tfkeras2-unmerged.ipynb', 'split_stderr');
    const { model, area } = attachArea(false, wrapped);
    given.forEach(o => model.add(o));
    await settle();
    // JupyterLab keeps three outputs: stdout, the stderr line, stdout.
    expect(model.length).toBe(3);
    const shown = views(area);
    expect(shown).toHaveLength(1);
    const summary = shown[0].summary;
    expect(summary.model).toBe('noisy_model');
    expect(summary.layers.map(l => [l.name, l.params])).toEqual([
      ['before', 36],
      ['noisy', 10],
      ['after', 3]
    ]);
    expect(summary.totals.total).toBe(49);
    const [first, stderr, last] = children(area.node);
    expect(first.contains(shown[0].node)).toBe(true);
    expect(stderr.classList.contains(ABSORBED_CLASS)).toBe(false);
    expect(stderr.textContent).toContain('counting the params of noisy');
    expect(last.classList.contains(ABSORBED_CLASS)).toBe(true);
    // The original text behind the table is both stdout outputs.
    expect(shown[0].originalText).toContain(' noisy (NoisyDense)');
    expect(shown[0].originalText).toContain('Total params: 49');
    area.dispose();
  });

  it('shows each output alone again when the later one goes', async () => {
    const given = cellOutputs('tfkeras2-unmerged.ipynb', 'split_stderr');
    const { model, area } = attachArea(false, wrapped);
    given.forEach(o => model.add(o));
    await settle();
    expect(views(area)).toHaveLength(1);
    // The first two outputs only: half a table, shown as text.
    model.clear();
    const merged = mergedStdout(given);
    model.add(merged[0]);
    model.add(merged[1]);
    await settle();
    expect(views(area)).toHaveLength(0);
    expect(
      children(area.node).some(c => c.classList.contains(ABSORBED_CLASS))
    ).toBe(false);
    area.dispose();
  });

  it('joins nothing when each stdout output holds a whole summary', async () => {
    const whole = cellOutputs('tfkeras2-unmerged.ipynb', 'mlp');
    const text = whole.map(o => (o as nbformat.IStream).text).join('');
    const outputs: nbformat.IOutput[] = [
      { output_type: 'stream', name: 'stdout', text },
      { output_type: 'stream', name: 'stderr', text: 'a warning\n' },
      { output_type: 'stream', name: 'stdout', text }
    ];
    const { model, area } = attachArea(false, wrapped);
    outputs.forEach(o => model.add(o));
    await settle();
    const shown = views(area);
    expect(shown).toHaveLength(2);
    expect(
      children(area.node).some(c => c.classList.contains(ABSORBED_CLASS))
    ).toBe(false);
    expect(textBlocks(area).join('')).toContain('a warning');
    area.dispose();
  });
});

/** The outputs as JupyterLab keeps them: consecutive stdout streams merged. */
function mergedStdout(outputs: nbformat.IOutput[]): nbformat.IOutput[] {
  const merged: nbformat.IOutput[] = [];
  for (const o of outputs) {
    const last = merged[merged.length - 1] as nbformat.IStream | undefined;
    const s = o as nbformat.IStream;
    if (
      last &&
      s.output_type === 'stream' &&
      last.output_type === 'stream' &&
      last.name === s.name
    ) {
      merged[merged.length - 1] = { ...last, text: `${last.text}${s.text}` };
    } else {
      merged.push({ ...o });
    }
  }
  return merged;
}
