/**
 * What if: sizes typed for the open dimensions turn every
 * shape into numbers and give each layer its activation memory, over the
 * real captured summaries. Expected bytes are worked out here from the
 * printed shapes and the sizes typed.
 */
import {
  dialogs,
  DISPLAY,
  fixtureSummary,
  layerRows,
  mount,
  NOTEBOOKS,
  summariesOf,
  unmountAll
} from './helpers';
import {
  captured,
  choose,
  columnTexts,
  dimButtons,
  field,
  fieldLabels,
  lettersSwitch,
  nameOf,
  SHARED_LSTM_SUMMARY,
  typeInto,
  whatIfButton
} from './dimension-helpers';

afterEach(() => {
  unmountAll();
  jest.restoreAllMocks();
});

function shapes(root: ParentNode): string[] {
  return columnTexts(root, 'shape');
}

function results(root: ParentNode): string {
  return (
    root.querySelector('.jp-KerasSummary-whatif [role="status"]')
      ?.textContent ?? ''
  );
}

function headers(root: ParentNode): string[] {
  return Array.from(root.querySelectorAll('th[scope="col"]')).map(
    th => th.textContent ?? ''
  );
}

describe('the What if… panel', () => {
  it('opens with a field per open dimension and a memory column', () => {
    const view = mount({ summary: fixtureSummary(DISPLAY, 'text') });
    const button = whatIfButton(view.node);
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(headers(view.node)).not.toContain('Activation memory');
    button.click();
    expect(whatIfButton(view.node).getAttribute('aria-expanded')).toBe('true');
    const panel = view.node.querySelector('.jp-KerasSummary-whatif')!;
    expect(button.getAttribute('aria-controls')).toBe(panel.id);
    expect(fieldLabels(view.node)).toEqual([
      'Batch size (B)',
      'T: timesteps of a sequence',
      'dtype'
    ]);
    expect(headers(view.node)).toContain('Activation memory');
    // The first field takes the focus: ready to type.
    expect(document.activeElement).toBe(field(view.node, 'Batch size (B)'));
    // Nothing typed: the shapes still read as printed.
    expect(shapes(view.node)).toEqual([
      '(None, None, 64)',
      '(None, None, 32)',
      '(None, 32)',
      '(None, 1)'
    ]);
    expect(columnTexts(view.node, 'memory')).toEqual([
      'needs B, T',
      'needs B, T',
      'needs B',
      'needs B'
    ]);
    button.click();
    expect(view.node.querySelector('.jp-KerasSummary-whatif')).toBeNull();
    expect(headers(view.node)).not.toContain('Activation memory');
  });

  it('turns shapes into numbers and adds up the memory', () => {
    const view = mount({ summary: fixtureSummary(DISPLAY, 'text') });
    whatIfButton(view.node).click();
    typeInto(field(view.node, 'Batch size (B)'), '32');
    expect(shapes(view.node)).toEqual([
      '(32, None, 64)',
      '(32, None, 32)',
      '(32, 32)',
      '(32, 1)'
    ]);
    // The buttons keep saying what they are.
    const first = dimButtons(view.node)[0];
    expect(first.textContent).toBe('32');
    expect(nameOf(first)).toBe('32: batch dimension B (None in the summary)');
    expect(columnTexts(view.node, 'memory')).toEqual([
      'needs T',
      'needs T',
      '4.00 KB', // 32 × 32 × 4 bytes
      '128.00 B' // 32 × 1 × 4 bytes
    ]);
    expect(results(view.node)).toContain('Activations: 4.12 KB');
    expect(results(view.node)).toContain('2 layers wait for sizes (T)');

    typeInto(field(view.node, 'T: timesteps of a sequence'), '100');
    expect(shapes(view.node)).toEqual([
      '(32, 100, 64)',
      '(32, 100, 32)',
      '(32, 32)',
      '(32, 1)'
    ]);
    const bytes = (32 * 100 * 64 + 32 * 100 * 32 + 32 * 32 + 32) * 4;
    expect(columnTexts(view.node, 'memory')).toEqual([
      '800.00 KB',
      '400.00 KB',
      '4.00 KB',
      '128.00 B'
    ]);
    expect(bytes).toBe((800 + 400 + 4) * 1024 + 128);
    expect(results(view.node)).toContain('Activations: 1.18 MB');
    // The weights as Keras printed them: 652,449 float32 parameters.
    expect(results(view.node)).toContain(
      'Weights: 652,449 parameters × 4 bytes = 2.49 MB.'
    );
    expect(results(view.node)).toContain('Keras printed 2.49 MB');
    // (1,233,024 + 652,449 × 4) bytes = 3,842,820 bytes = 3.66 MB.
    expect(bytes + 652449 * 4).toBe(3842820);
    expect(results(view.node)).toContain(
      'Activations and weights together: 3.66 MB.'
    );
  });

  it('takes a dtype', () => {
    const view = mount({ summary: fixtureSummary(DISPLAY, 'text') });
    whatIfButton(view.node).click();
    typeInto(field(view.node, 'Batch size (B)'), '32');
    typeInto(field(view.node, 'T: timesteps of a sequence'), '100');
    const select = view.node.querySelector<HTMLSelectElement>(
      '.jp-KerasSummary-whatif select'
    )!;
    expect(select.labels?.[0]?.textContent).toBe('dtype');
    expect(Array.from(select.options).map(o => o.textContent)).toEqual([
      'float32 (4 bytes)',
      'float16 (2 bytes)',
      'bfloat16 (2 bytes)',
      'float64 (8 bytes)',
      'int8 (1 byte)'
    ]);
    choose(select, 'float16');
    expect(columnTexts(view.node, 'memory')).toEqual([
      '400.00 KB',
      '200.00 KB',
      '2.00 KB',
      '64.00 B'
    ]);
    expect(results(view.node)).toContain('× 2 bytes');
    choose(select, 'int8');
    expect(columnTexts(view.node, 'memory')[0]).toBe('200.00 KB');
  });

  it('flags what is not a size and leaves it open', () => {
    const view = mount({ summary: fixtureSummary(DISPLAY, 'text') });
    whatIfButton(view.node).click();
    const batch = field(view.node, 'Batch size (B)');
    const error = document.getElementById(
      batch.getAttribute('aria-describedby')!
    )!;
    for (const bad of ['0', '-3', '2.5', '1e12']) {
      typeInto(batch, bad);
      expect(batch.getAttribute('aria-invalid')).toBe('true');
      expect(error.hidden).toBe(false);
      expect(error.textContent).toBe(
        'Enter a whole number from 1 to 2,147,483,647.'
      );
      expect(dimButtons(view.node)[0].textContent).toBe('None');
    }
    typeInto(batch, '8');
    expect(batch.getAttribute('aria-invalid')).toBe('false');
    expect(error.hidden).toBe(true);
    expect(dimButtons(view.node)[0].textContent).toBe('8');
    // Emptied: None again.
    typeInto(batch, '');
    expect(dimButtons(view.node)[0].textContent).toBe('None');
    expect(dimButtons(view.node)[0].hasAttribute('aria-label')).toBe(false);
  });

  it('shows letters for the sizes still open when letters are on', () => {
    const view = mount({ summary: fixtureSummary(DISPLAY, 'text') });
    lettersSwitch(view.node).click();
    whatIfButton(view.node).click();
    typeInto(field(view.node, 'Batch size (B)'), '4');
    expect(shapes(view.node)).toEqual([
      '(4, T, 64)',
      '(4, T, 32)',
      '(4, 32)',
      '(4, 1)'
    ]);
  });

  it('explains a None with its what-if size', () => {
    const view = mount({ summary: fixtureSummary(DISPLAY, 'text') });
    whatIfButton(view.node).click();
    typeInto(field(view.node, 'Batch size (B)'), '16');
    dimButtons(view.node)[1].click();
    expect(dialogs(view.node)[0].textContent).toContain(
      'What if: give a size for T to see it here.'
    );
    // Typing updates the open explanation.
    typeInto(field(view.node, 'T: timesteps of a sequence'), '7');
    expect(dialogs(view.node)).toHaveLength(1);
    expect(dialogs(view.node)[0].textContent).toContain(
      'What if: here it is 7 (the size given for T).'
    );
  });

  it('asks apart for sizes a convolution or pooling may change', () => {
    const view = mount({ summary: fixtureSummary(DISPLAY, 'fcn') });
    whatIfButton(view.node).click();
    expect(fieldLabels(view.node)).toEqual([
      'Batch size (B)',
      'H: height of an image',
      'W: width of an image',
      'dtype',
      'H′: height of an image after max_pooling2d (MaxPooling2D)',
      'W′: width of an image after max_pooling2d (MaxPooling2D)',
      'H″: height of an image after conv2d_1 (Conv2D)',
      'W″: width of an image after conv2d_1 (Conv2D)'
    ]);
    typeInto(field(view.node, 'Batch size (B)'), '2');
    typeInto(field(view.node, 'H: height of an image'), '30');
    typeInto(field(view.node, 'W: width of an image'), '40');
    expect(shapes(view.node).slice(0, 3)).toEqual([
      '(2, 30, 40, 16)',
      '(2, None, None, 16)',
      '(2, None, None, 32)'
    ]);
    expect(columnTexts(view.node, 'memory')[1]).toBe('needs H′, W′');
    const explained = dimButtons(layerRows(view.node)[1]).find(
      b => b.textContent === 'None'
    )!;
    explained.click();
    expect(dialogs(view.node)[0].textContent).toContain(
      'max_pooling2d (MaxPooling2D) may change this size'
    );
  });

  it('keeps typed sizes and focus when the letters switch rebuilds the table', () => {
    const view = mount({ summary: fixtureSummary(DISPLAY, 'text') });
    whatIfButton(view.node).click();
    typeInto(field(view.node, 'T: timesteps of a sequence'), '12');
    lettersSwitch(view.node).click();
    expect(field(view.node, 'T: timesteps of a sequence').value).toBe('12');
    expect(shapes(view.node)[0]).toBe('(B, 12, 64)');
    // A rebuild while typing (the summary grows) keeps the field focused.
    const input = field(view.node, 'T: timesteps of a sequence');
    input.focus();
    view.update({ summary: { ...fixtureSummary(DISPLAY, 'text') } });
    expect(document.activeElement).toBe(
      field(view.node, 'T: timesteps of a sequence')
    );
  });

  it('keeps keys typed in a field from the notebook', () => {
    const view = mount({ summary: fixtureSummary(DISPLAY, 'text') });
    whatIfButton(view.node).click();
    const batch = field(view.node, 'Batch size (B)');
    const seen: string[] = [];
    document.body.addEventListener('keydown', e => seen.push(e.key));
    for (const k of ['1', 'ArrowUp', 'Backspace', 'Enter', 'Escape']) {
      batch.dispatchEvent(
        new KeyboardEvent('keydown', { key: k, bubbles: true })
      );
    }
    // Only Escape (and Tab) go on.
    expect(seen).toEqual(['Escape']);
  });

  it('sums both calls of a shared layer (captured Keras 3)', () => {
    const view = mount({ summary: captured(SHARED_LSTM_SUMMARY) });
    whatIfButton(view.node).click();
    expect(fieldLabels(view.node).slice(0, 5)).toEqual([
      'Batch size (B)',
      'T1: timesteps of a sequence (from query)',
      'T2: timesteps of a sequence (from doc)',
      'H: height of an image',
      'W: width of an image'
    ]);
    typeInto(field(view.node, 'Batch size (B)'), '2');
    typeInto(field(view.node, 'T1: timesteps of a sequence (from query)'), '5');
    typeInto(field(view.node, 'T2: timesteps of a sequence (from doc)'), '9');
    const rows = layerRows(view.node).map(
      r => r.querySelector('th')?.textContent
    );
    const memory = columnTexts(view.node, 'memory');
    // LSTM(8) on 5 and on 9 steps, batch 2: (80 + 144) × 4 bytes.
    expect(memory[rows.indexOf('shared_lstm')]).toBe('896.00 B (2 calls)');
    expect(shapes(view.node)[rows.indexOf('shared_lstm')]).toBe('(2, 9, 8)');
  });

  for (const name of NOTEBOOKS) {
    it(`${name}: with every field filled, no None and no missing memory is left`, () => {
      for (const summary of summariesOf(name)) {
        const view = mount({ summary });
        whatIfButton(view.node).click();
        const inputs = Array.from(
          view.node.querySelectorAll<HTMLInputElement>(
            '.jp-KerasSummary-whatif input'
          )
        );
        inputs.forEach((input, k) => typeInto(input, String(3 + k)));
        for (const b of dimButtons(view.node)) {
          expect(b.textContent).toMatch(/^\d+$/);
        }
        summary.layers.forEach((layer, i) => {
          const cell = columnTexts(view.node, 'memory')[i];
          const known =
            layer.shapeKind === 'tensors' &&
            !layer.tensors.some(t => t.includes('?'));
          if (known) {
            expect(cell).toMatch(/^\(?\d+\.\d\d [KMGT]?B/);
          } else {
            expect(cell).toBe('shape not known');
          }
        });
        view.dispose();
      }
    });
  }
});
