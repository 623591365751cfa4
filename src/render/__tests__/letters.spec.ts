/**
 * Names for dimensions: the "Letters for None" switch, over
 * the real captured summaries. Expectations come from the printed shapes
 * (axis 0 is the batch; in a 4-D image tensor axis 1 is the height and
 * axis 2 the width) and from the models' code, not from the analysis.
 */
import {
  dialogs,
  DISPLAY,
  fixtureSummary,
  layerRows,
  mount,
  NOTEBOOKS,
  printedNones,
  summariesOf,
  TFKERAS,
  unmountAll
} from './helpers';
import {
  captured,
  dimButtons,
  dimPlaces,
  lettersSwitch,
  nameOf,
  SHARED_LSTM_SUMMARY
} from './dimension-helpers';

afterEach(() => {
  unmountAll();
  jest.restoreAllMocks();
});

/** The primes of a size a layer derives (`H′`, `H″`, `H‴`, `H′4`). */
const PRIMES = /(′\d+|′|″|‴)$/;

function legendItems(root: ParentNode): string[] {
  return Array.from(
    root.querySelectorAll('[role="note"][aria-label="Dimension letters"] li')
  ).map(li => li.textContent ?? '');
}

describe('the Letters for None switch', () => {
  it('is off by default: every None reads None, with no other name', () => {
    const view = mount({ summary: fixtureSummary(DISPLAY, 'text') });
    const toggle = lettersSwitch(view.node);
    expect(toggle.type).toBe('button');
    expect(toggle.getAttribute('aria-checked')).toBe('false');
    const dims = dimButtons(view.node);
    expect(dims.length).toBeGreaterThan(0);
    for (const b of dims) {
      expect(b.textContent).toBe('None');
      expect(b.hasAttribute('aria-label')).toBe(false);
    }
    expect(legendItems(view.node)).toEqual([]);
  });

  it('shows B and T in a text model, with a legend, and back', () => {
    const view = mount({ summary: fixtureSummary(DISPLAY, 'text') });
    lettersSwitch(view.node).click();
    expect(lettersSwitch(view.node).getAttribute('aria-checked')).toBe('true');
    // (None, None, 64), (None, None, 32), (None, 32), (None, 1)
    const shapes = Array.from(
      view.node.querySelectorAll('tbody .jp-KerasSummary-cell-shape')
    ).map(c => c.textContent);
    expect(shapes).toEqual(['(B, T, 64)', '(B, T, 32)', '(B, 32)', '(B, 1)']);
    const dims = dimButtons(view.node);
    // Still buttons, still explaining, with names that say what they are.
    for (const b of dims) {
      expect(b.getAttribute('aria-haspopup')).toBe('dialog');
    }
    expect(nameOf(dims[0])).toBe('B: batch dimension (None in the summary)');
    expect(nameOf(dims[1])).toBe(
      'T: variable-length dimension (None in the summary)'
    );
    expect(legendItems(view.node)).toEqual([
      'B batch size (samples per batch)',
      'T timesteps of a sequence, from embedding (Embedding)'
    ]);
    lettersSwitch(view.node).click();
    expect(lettersSwitch(view.node).getAttribute('aria-checked')).toBe('false');
    for (const b of dimButtons(view.node)) {
      expect(b.textContent).toBe('None');
      expect(b.hasAttribute('aria-label')).toBe(false);
    }
    expect(legendItems(view.node)).toEqual([]);
  });

  it('a letter still opens its explanation, which names the letter', () => {
    const view = mount({ summary: fixtureSummary(DISPLAY, 'text') });
    lettersSwitch(view.node).click();
    const t = dimButtons(view.node).find(b => b.textContent === 'T')!;
    t.click();
    const [dialog] = dialogs(view.node);
    expect(dialog.textContent).toMatch(/^Variable-length dimension/);
    expect(dialog.textContent).toContain('Its letter is T');
    expect(t.getAttribute('aria-expanded')).toBe('true');
  });

  it('gives H to axis 1 and W to axis 2 of every image in a conv net', () => {
    const summary = fixtureSummary(DISPLAY, 'fcn');
    const view = mount({ summary, dimensionLetters: true });
    expect(lettersSwitch(view.node).getAttribute('aria-checked')).toBe('true');
    const places = dimPlaces(view.node, summary);
    expect(places).toHaveLength(dimButtons(view.node).length);
    for (const { button: b, row: r, tensor, axis } of places) {
      const row = summary.layers[r];
      const rank = row.tensors[tensor].length;
      const expected =
        axis === 0 ? 'B' : rank === 4 ? (axis === 1 ? 'H' : 'W') : null;
      // Letters follow sizes: after a layer that may change it, H′, H″.
      expect(b.textContent?.replace(PRIMES, '')).toBe(expected);
    }
    // The legend links to where the height enters.
    const link = view.node.querySelector<HTMLButtonElement>(
      '.jp-KerasSummary-legend button.jp-KerasSummary-link'
    )!;
    expect(link.textContent).toBe(summary.layers[0].name);
  });

  it('numbers two lengths that are not the same dimension (captured Keras 3)', () => {
    const summary = captured(SHARED_LSTM_SUMMARY);
    const view = mount({ summary, dimensionLetters: true });
    const shapeOf = (name: string) =>
      layerRows(view.node)
        .find(r => r.querySelector('th')?.textContent === name)!
        .querySelector('.jp-KerasSummary-cell-shape')!.textContent;
    expect(shapeOf('query')).toBe('(B, T1, 16)');
    expect(shapeOf('doc')).toBe('(B, T2, 16)');
    expect(shapeOf('image')).toBe('(B, H, W, 3)');
    // Keras 3 prints the shared layer's last call: the doc's.
    expect(shapeOf('shared_lstm')).toBe('(B, T2, 8)');
    expect(legendItems(view.node)).toEqual([
      'B batch size (samples per batch)',
      'T1 timesteps of a sequence, from query (InputLayer)',
      'T2 timesteps of a sequence, from doc (InputLayer)',
      'H height of an image, from image (InputLayer)',
      'H′ height of an image, from conv (Conv2D)',
      'W width of an image, from image (InputLayer)',
      'W′ width of an image, from conv (Conv2D)'
    ]);
  });

  it('keeps the letters when the summary grows (the totals arrive later)', () => {
    const full = fixtureSummary(DISPLAY, 'text');
    const view = mount({
      summary: { ...full, totals: { ...full.totals, total: null } }
    });
    lettersSwitch(view.node).click();
    view.update({ summary: full });
    expect(lettersSwitch(view.node).getAttribute('aria-checked')).toBe('true');
    expect(dimButtons(view.node).map(b => b.textContent)).toEqual([
      'B',
      'T',
      'B',
      'T',
      'B',
      'B'
    ]);
  });

  for (const name of NOTEBOOKS) {
    it(`${name}: every printed None becomes a letter, fixed sizes stay`, () => {
      for (const summary of summariesOf(name)) {
        const view = mount({ summary, dimensionLetters: true });
        const dims = dimButtons(view.node);
        const lettered = dims.filter(b =>
          /^[A-Z][1-9]?\d*(′|″|‴|′\d+)?$/.test(b.textContent ?? '')
        );
        expect(lettered).toHaveLength(printedNones(summary));
        for (const b of dims) {
          if (!lettered.includes(b)) {
            // A fixed batch size keeps its number.
            expect(b.textContent).toMatch(/^\d+$/);
          }
        }
        // Axis 0 is always B.
        for (const { button: b, axis } of dimPlaces(view.node, summary)) {
          if (axis === 0 && lettered.includes(b)) {
            expect(b.textContent).toBe('B');
          }
        }
        view.dispose();
      }
    });
  }

  it('works for tf.keras summaries too', () => {
    const view = mount({
      summary: fixtureSummary(TFKERAS, 'text'),
      dimensionLetters: true
    });
    expect(dimButtons(view.node).map(b => b.textContent)).toEqual([
      'B',
      'T',
      'B',
      'T',
      'B',
      'B'
    ]);
  });
});
