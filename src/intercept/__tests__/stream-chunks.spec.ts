/**
 * Streams as JupyterLab builds them: chunks added to a real OutputAreaModel
 * (which merges them and applies `\r` and `\b`), rendered by the wrapped
 * registry after every chunk. Summaries are real captures; the progress
 * bars, the chunking and the KeyboardInterrupt are made up here. After every
 * chunk nothing is lost (the text shown and the views' original text
 * rebuild the stream) and a table, once shown, never turns back into text.
 */
import type { OutputArea, OutputAreaModel } from '@jupyterlab/outputarea';
import type * as nbformat from '@jupyterlab/nbformat';
import * as fc from 'fast-check';
import { SummaryViewWidget } from '../viewwidget';
import { attachArea, cell, flush, streams, stripAnsi, views } from './helpers';
import type { ShownArea } from './helpers';

const TF2 = 'tfkeras2.ipynb';
const PRINT = 'keras3-print.ipynb';
const HOSTILE = 'keras3-hostile.ipynb';

/** Lines with something on them: blank lines next to a view go with it. */
const inked = (s: string) => s.split('\n').filter(l => l.trim() !== '');

/** One real summary printed to stdout, per source. */
const SUMMARIES: string[] = [
  streams(cell(TF2, 'mlp'))[0],
  streams(cell(TF2, 'text'))[0],
  streams(cell(PRINT, 'two_inputs'))[0],
  streams(cell(PRINT, 'nested'))[0],
  // Hostile names, print_fn=print: each stream output is one summary.
  ...cell(HOSTILE, 'print_all')
    .outputs.filter(o => o.output_type === 'stream')
    .slice(0, 5)
    .map(o => [o.text ?? ''].flat().join(''))
];

/** A Keras-like progress bar: steps joined by `\r`, then a newline. */
function bar(steps: number): string {
  return (
    Array.from(
      { length: steps },
      (_, i) =>
        `\r${i + 1}/${steps} [${'='.repeat(i + 1)}>${'.'.repeat(steps - i - 1)}] - loss: 0.${9 - (i % 9)}`
    ).join('') + '\n'
  );
}

/** The stream's text as JupyterLab holds it (after `\r` and `\b`). */
function streamText(model: OutputAreaModel, index = 0): string {
  return String((model.get(index).toJSON() as nbformat.IStream).text);
}

/** What one output shows, in order: text as rendered, views as their original text. */
function shownText(area: OutputArea, index = 0): string {
  const output = area.node.querySelectorAll('.jp-OutputArea-output')[index];
  const byNode = new Map<Element, SummaryViewWidget>(
    views(area).map(v => [v.node, v])
  );
  const parts: string[] = [];
  for (const child of Array.from(output.children)) {
    const view = byNode.get(child);
    parts.push(view ? view.originalText : (child.textContent ?? ''));
  }
  return parts.join('\n');
}

/**
 * Feed `chunks` one by one; after each, check that nothing is lost and that
 * every view shown before is still shown (the same widget). Returns the
 * number of chunks after which the view count was checked.
 */
async function feed(w: ShownArea, chunks: string[]): Promise<number> {
  const seen: SummaryViewWidget[] = [];
  let checks = 0;
  for (const chunk of chunks) {
    w.model.add({ output_type: 'stream', name: 'stdout', text: chunk });
    await flush();
    const now = views(w.area);
    for (const v of seen) {
      // Never back to text: a view stays, attached, in the area.
      expect(now).toContain(v);
      expect(w.area.node.contains(v.node)).toBe(true);
    }
    for (const v of now) {
      if (!seen.includes(v)) {
        seen.push(v);
      }
    }
    expect(inked(shownText(w.area))).toEqual(
      inked(stripAnsi(streamText(w.model)))
    );
    checks++;
  }
  return checks;
}

/** Cut `text` at the given (sorted, deduplicated) offsets. */
function cut(text: string, at: number[]): string[] {
  const cuts = [...new Set(at.map(a => a % (text.length + 1)))].sort(
    (a, b) => a - b
  );
  const chunks: string[] = [];
  let from = 0;
  for (const c of cuts) {
    if (c > from) {
      chunks.push(text.slice(from, c));
      from = c;
    }
  }
  chunks.push(text.slice(from));
  return chunks.filter(c => c.length > 0);
}

/** A KeyboardInterrupt as ipykernel sends it (an error output). */
const INTERRUPT: nbformat.IError = {
  output_type: 'error',
  ename: 'KeyboardInterrupt',
  evalue: '',
  traceback: [
    '\x1b[0;31m---------------------------------------------------------------------------\x1b[0m',
    '\x1b[0;31mKeyboardInterrupt\x1b[0m                         Traceback (most recent call last)',
    'Cell \x1b[0;32mIn[3], line 9\x1b[0m\n\x1b[0;32m----> 9\x1b[0m model\x1b[38;5;241m.\x1b[39msummary()',
    '\x1b[0;31mKeyboardInterrupt\x1b[0m: '
  ]
};

describe('streams arriving in chunks', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('never loses text or flickers back to text, for random chunkings with \\r progress bars', async () => {
    let runs = 0;
    let chunksChecked = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.nat(SUMMARIES.length - 1).map(i => ({ summary: i })),
            fc.integer({ min: 1, max: 12 }).map(n => ({ bar: n })),
            fc.constantFrom('Epoch 1/3\n', 'loading\n', '\n', 'done.\n')
          ),
          { minLength: 1, maxLength: 6 }
        ),
        fc.array(fc.nat(1_000_000), { maxLength: 25 }),
        async (items, at) => {
          runs++;
          let text = '';
          let expected = 0;
          for (const item of items) {
            if (typeof item === 'string') {
              text += item;
            } else if ('bar' in item) {
              text += bar(item.bar);
            } else {
              text += SUMMARIES[item.summary];
              expected++;
            }
          }
          const w = attachArea();
          chunksChecked += await feed(w, cut(text, at));
          expect(views(w.area)).toHaveLength(expected);
          w.area.dispose();
        }
      ),
      { numRuns: 100 }
    );
    expect(runs).toBe(100);
    expect(chunksChecked).toBeGreaterThan(runs);
  });

  it('shows every summary of one long stream, character by character at the end of each table', async () => {
    // Several hostile summaries in one stream, the last bytes of each table
    // arriving one at a time: the table appears only once it is whole.
    const w = attachArea();
    const chunks: string[] = [];
    for (const s of SUMMARIES.slice(4)) {
      const close = s.indexOf('┘') + 1;
      chunks.push(s.slice(0, close - 5));
      for (let i = close - 5; i < close + 2; i++) {
        chunks.push(s[i]);
      }
      chunks.push(s.slice(close + 2), bar(4));
    }
    await feed(w, chunks);
    expect(views(w.area)).toHaveLength(SUMMARIES.length - 4);
  });
});

describe('a summary cut off by a kernel interrupt', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  /** Whether the printed table is closed in `text` (Keras 3 `└`, tf.keras the second `=` rule). */
  const tableClosed = (text: string) => {
    const lines = text.split('\n');
    return (
      lines.some(l => l.startsWith('└')) ||
      lines.filter(l => /^=+$/.test(l)).length >= 2
    );
  };

  it.each([
    [TF2, 'mlp'],
    [PRINT, 'mlp'],
    [PRINT, 'nested']
  ])(
    '%s %s: every line where it can stop ends in a right view, losing nothing',
    async (notebook, id) => {
      const [text] = streams(cell(notebook, id));
      const ends = [0];
      for (let i = 0; i < text.length; i++) {
        if (text[i] === '\n') {
          ends.push(i + 1);
        }
      }
      for (const end of ends) {
        const prefix = text.slice(0, end);
        const w = attachArea();
        if (prefix) {
          w.model.add({ output_type: 'stream', name: 'stdout', text: prefix });
        }
        w.model.add(INTERRUPT);
        await flush();
        // A table is shown exactly when the printed table was closed.
        expect(views(w.area)).toHaveLength(tableClosed(prefix) ? 1 : 0);
        if (prefix) {
          expect(inked(shownText(w.area))).toEqual(inked(prefix));
        }
        const error = w.area.node.querySelectorAll('.jp-OutputArea-output');
        expect(error[error.length - 1].textContent).toContain(
          'KeyboardInterrupt'
        );
        w.area.dispose();
      }
    }
  );

  it('Keras 3 display outputs: heading and table shown, no totals, nothing lost', async () => {
    const outputs = cell('keras3-display.ipynb', 'mlp').outputs;
    const display = outputs.map(o => ({
      output_type: 'display_data',
      data: Object.fromEntries(
        Object.entries(o.data ?? {}).map(([k, v]) => [k, [v].flat().join('')])
      ),
      metadata: {}
    })) as nbformat.IDisplayData[];
    const plain = display.map(o => stripAnsi(String(o.data['text/plain'])));

    // Interrupted after the table: the view shows heading and table.
    let w = attachArea();
    w.model.add(display[0]);
    w.model.add(display[1]);
    w.model.add(INTERRUPT);
    await flush();
    let [view] = views(w.area);
    expect(view.originalText).toBe(plain[0] + plain[1]);
    expect(view.summary.totals.total).toBeNull();
    expect(w.area.node.textContent).toContain('KeyboardInterrupt');
    w.area.dispose();

    // Interrupted after the heading: it shows as Keras printed it.
    w = attachArea();
    w.model.add(display[0]);
    w.model.add(INTERRUPT);
    await flush();
    expect(views(w.area)).toHaveLength(0);
    expect(w.area.node.textContent).toContain(plain[0].trim());
    w.area.dispose();

    // Interrupted between two totals lines: the totals that came are kept.
    w = attachArea();
    display.slice(0, 3).forEach(o => w.model.add(o));
    w.model.add(INTERRUPT);
    await flush();
    [view] = views(w.area);
    expect(view.originalText).toBe(plain.slice(0, 3).join(''));
    expect(view.summary.totals.total).not.toBeNull();
    expect(view.summary.totals.trainable).toBeNull();
    w.area.dispose();
  });
});
