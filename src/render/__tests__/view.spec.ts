/**
 * The summary view, built from summaries parsed out of the REAL captured
 * Keras outputs in fixtures/*.ipynb, checked by what a user sees: rows,
 * buttons, dialogs, focus, text. Inputs written by hand are marked so.
 */
import { parseText } from '../../parse';
import type { Summary } from '../../parse';
import { SummaryView } from '../view';
import {
  buttonNamed,
  buttonsNamed,
  dialogs,
  DISPLAY,
  fixtureSummaries,
  fixtureSummary,
  ids,
  isShown,
  key,
  layerRows,
  mount,
  NOTEBOOKS,
  PRINT,
  printedNones,
  rowOf,
  stdoutText,
  summariesOf,
  TFKERAS,
  trans,
  unmountAll
} from './helpers';

afterEach(() => {
  unmountAll();
  jest.restoreAllMocks();
});

/**
 * Every element the arrow keys reach from `start`, row by row: End along
 * a row by ArrowRight until it stops moving, then ArrowDown and Home.
 */
function walkGrid(start: HTMLElement): Element[] {
  start.focus();
  const seen: Element[] = [];
  for (let guard = 0; guard < 10000; guard++) {
    const rowStart = document.activeElement!;
    let at = rowStart;
    for (;;) {
      seen.push(at);
      key(at, 'ArrowRight');
      if (document.activeElement === at) {
        break;
      }
      at = document.activeElement!;
    }
    key(at, 'ArrowDown');
    if (document.activeElement === at) {
      return seen;
    }
    key(document.activeElement!, 'Home');
  }
  return seen;
}

describe('every captured summary', () => {
  for (const name of NOTEBOOKS) {
    it(`${name}: one row per layer, one None button per printed None`, () => {
      const summaries = summariesOf(name);
      expect(summaries.length).toBeGreaterThanOrEqual(ids(name).length - 1);
      for (const summary of summaries) {
        const view = mount({ summary });
        const rows = layerRows(view.node);
        expect(rows).toHaveLength(summary.layers.length);
        rows.forEach((row, i) => {
          expect(row.querySelector('th[scope="row"]')?.textContent).toBe(
            summary.layers[i].name
          );
        });
        const nones = buttonsNamed(view.node, 'None');
        expect(nones).toHaveLength(printedNones(summary));
        for (const b of nones) {
          expect(b.type).toBe('button');
          expect(b.getAttribute('aria-haspopup')).toBe('dialog');
          expect(b.getAttribute('aria-expanded')).toBe('false');
        }
        // Every shape reads as printed.
        rows.forEach((row, i) => {
          const layer = summary.layers[i];
          if (layer.shapeKind === 'tensors') {
            const shape = row.querySelector('.jp-KerasSummary-cell-shape');
            expect(shape?.textContent).toBe(layer.outputShape);
          }
        });
      }
    });
  }
});

describe('header, columns and totals', () => {
  it('shows the model name, the columns as printed and the totals with sizes', () => {
    const summary = fixtureSummary(DISPLAY, 'mlp');
    const view = mount({ summary });
    expect(view.node.classList.contains('jp-KerasSummary')).toBe(true);
    expect(view.node.textContent).toContain('Model: sequential');
    const headers = Array.from(
      view.node.querySelectorAll('th[scope="col"]')
    ).map(th => th.textContent);
    expect(headers).toEqual(['Layer', 'Type', 'Output Shape', 'Param #']);
    expect(rowOf(view.node, 'dense').textContent).toContain('100,480');
    const totals = view.node.querySelector('dl') as HTMLElement;
    expect(totals.textContent).toContain('Total params:101,770 (397.54 KB)');
    expect(totals.textContent).toContain('Trainable params:101,770');
    expect(totals.textContent).toContain('Non-trainable params:0 (0.00 B)');
    expect(totals.textContent).not.toContain('Optimizer');
  });

  it('formats tf.keras counts with thousands separators', () => {
    const summary = fixtureSummary(TFKERAS, 'text');
    const view = mount({ summary });
    expect(rowOf(view.node, 'embedding').textContent).toContain('640,000');
    expect(view.node.querySelector('dl')?.textContent).toContain('652,449');
  });

  it('shows optimizer params once the optimizer is built', () => {
    const summary = fixtureSummary(DISPLAY, 'trained');
    const view = mount({ summary });
    expect(view.node.querySelector('dl')?.textContent).toContain(
      'Optimizer params:708 (2.77 KB)'
    );
  });

  it('shows Connected to and Trainable columns where Keras printed them', () => {
    const summary = fixtureSummary(TFKERAS, 'nested');
    const view = mount({ summary });
    const headers = Array.from(
      view.node.querySelectorAll('th[scope="col"]')
    ).map(th => th.textContent);
    expect(headers).toEqual([
      'Layer',
      'Type',
      'Output Shape',
      'Param #',
      'Connected to',
      'Trainable'
    ]);
    const frozen = rowOf(view.node, 'frozen_projection');
    expect(frozen.textContent).toContain('skip_concat[0][0]');
    expect(
      frozen.querySelector('.jp-KerasSummary-cell-trainable')?.textContent
    ).toBe('N');
  });

  it('shows no name when the heading was not printed', () => {
    const summary = { ...fixtureSummary(DISPLAY, 'mlp'), model: null };
    const view = mount({ summary });
    expect(view.node.textContent).not.toContain('Model:');
    expect(layerRows(view.node)).toHaveLength(3);
  });
});

describe('explaining a None', () => {
  it('a batch None opens a dialog starting with "Batch dimension", tied to the button', () => {
    const summary = fixtureSummary(DISPLAY, 'mlp');
    const view = mount({ summary });
    const none = buttonsNamed(rowOf(view.node, 'dense'), 'None')[0];
    none.click();
    const [dialog] = dialogs();
    expect(dialogs()).toHaveLength(1);
    expect(dialog.textContent).toMatch(/^Batch dimension/);
    expect(none.getAttribute('aria-expanded')).toBe('true');
    expect(none.getAttribute('aria-controls')).toBe(dialog.id);
    expect(document.getElementById(dialog.id)).toBe(dialog);
    expect(dialog.textContent).toContain(
      'axis 0 of the output of dense (Dense)'
    );
    expect(dialog.textContent).toContain('samples in each batch');
    expect(dialog.textContent).toContain('fit/predict time');
    // Right under its row.
    expect(rowOf(view.node, 'dense').nextElementSibling?.contains(dialog)).toBe(
      true
    );
    expect(document.activeElement).toBe(dialog);
  });

  it('a variable None says so, what the axis means, where it comes from and who consumes it', () => {
    const summary = fixtureSummary(DISPLAY, 'text');
    const view = mount({ summary });
    const [batch, variable] = buttonsNamed(rowOf(view.node, 'lstm'), 'None');
    expect(batch.title).toBe('Batch dimension: activate to explain');
    expect(variable.title).toBe(
      'Variable-length dimension: activate to explain'
    );
    variable.click();
    const [dialog] = dialogs();
    expect(dialog.textContent).toMatch(/^Variable-length dimension/);
    expect(dialog.textContent).toContain('axis 1 of the output of lstm (LSTM)');
    expect(dialog.textContent).toContain('timesteps of a sequence');
    expect(dialog.textContent).toContain(
      'first appears at embedding (Embedding)'
    );
    expect(dialog.textContent).toContain(
      'consumed by global_max_pooling1d (GlobalMaxPooling1D), whose output no longer has it'
    );
    // The consumer is a link (a button styled as one) to its row.
    const link = buttonNamed(dialog, 'global_max_pooling1d');
    expect(link.classList.contains('jp-KerasSummary-link')).toBe(true);
  });

  it('the consumer link scrolls to its row, highlights it and focuses its first cell', () => {
    jest.useFakeTimers();
    try {
      const scrolled: Element[] = [];
      const proto = Element.prototype as any;
      const had = proto.scrollIntoView;
      proto.scrollIntoView = function (this: Element) {
        scrolled.push(this);
      };
      try {
        const summary = fixtureSummary(PRINT, 'text');
        const view = mount({ summary });
        buttonsNamed(rowOf(view.node, 'embedding'), 'None')[1].click();
        const [dialog] = dialogs();
        buttonNamed(dialog, 'global_max_pooling1d').click();
        const target = rowOf(view.node, 'global_max_pooling1d');
        expect(scrolled).toEqual([target]);
        expect(target.classList.contains('jp-KerasSummary-row-flash')).toBe(
          true
        );
        expect(document.activeElement).toBe(target.cells[0]);
        // The explanation stays open while the user looks around.
        expect(dialogs()).toHaveLength(1);
        jest.advanceTimersByTime(5000);
        expect(target.classList.contains('jp-KerasSummary-row-flash')).toBe(
          false
        );
      } finally {
        proto.scrollIntoView = had;
      }
    } finally {
      jest.useRealTimers();
    }
  });

  it('a None reaching the output of an RNN says the model input it comes from', () => {
    const summary = fixtureSummary(DISPLAY, 'masking');
    const view = mount({ summary });
    buttonsNamed(rowOf(view.node, 'masking'), 'None')[1].click();
    const text = dialogs()[0].textContent ?? '';
    expect(text).toMatch(/^Variable-length dimension/);
    expect(text).toContain(
      'comes from the model input input_layer_14 (InputLayer)'
    );
    expect(text).toContain('consumed by lstm_2 (LSTM)');
  });

  it('names the output tensor when a layer has several', () => {
    const summary = fixtureSummary(DISPLAY, 'multi_output');
    const view = mount({ summary });
    const nones = buttonsNamed(rowOf(view.node, 'lstm_1'), 'None');
    expect(nones).toHaveLength(3);
    nones[1].click();
    expect(dialogs()[0].textContent).toContain(
      'axis 0 of output 2 (of 3) of lstm_1 (LSTM)'
    );
  });

  it('highlights the same dimension in every row while open', () => {
    const summary = fixtureSummary(DISPLAY, 'text');
    const view = mount({ summary });
    const related = () =>
      view.node.querySelectorAll('.jp-KerasSummary-control-related');
    const active = () =>
      view.node.querySelectorAll('.jp-KerasSummary-control-active');
    // The variable dimension: embedding and lstm carry it.
    buttonsNamed(rowOf(view.node, 'embedding'), 'None')[1].click();
    expect(related()).toHaveLength(2);
    expect(active()).toHaveLength(1);
    expect(
      Array.from(related()).map(
        b => b.closest('tr')?.querySelector('th')?.textContent
      )
    ).toEqual(['embedding', 'lstm']);
    // The batch: one per row.
    buttonsNamed(rowOf(view.node, 'dense_5'), 'None')[0].click();
    expect(related()).toHaveLength(4);
    expect(active()).toHaveLength(1);
    key(dialogs()[0], 'Escape');
    expect(related()).toHaveLength(0);
    expect(active()).toHaveLength(0);
  });

  it('Escape closes it and gives focus back to the None', () => {
    const summary = fixtureSummary(DISPLAY, 'fcn');
    const view = mount({ summary });
    const none = buttonsNamed(rowOf(view.node, 'conv2d'), 'None')[2];
    none.focus();
    none.click();
    expect(document.activeElement).toBe(dialogs()[0]);
    const event = key(dialogs()[0], 'Escape');
    expect(event.defaultPrevented).toBe(true);
    expect(dialogs()).toHaveLength(0);
    expect(none.getAttribute('aria-expanded')).toBe('false');
    expect(none.hasAttribute('aria-controls')).toBe(false);
    expect(document.activeElement).toBe(none);
  });

  it('a click outside closes it and focus returns to the None', () => {
    const summary = fixtureSummary(DISPLAY, 'mlp');
    const view = mount({ summary });
    const outside = document.createElement('p');
    outside.textContent = 'elsewhere';
    document.body.appendChild(outside);
    const none = buttonsNamed(view.node, 'None')[0];
    none.click();
    expect(dialogs()).toHaveLength(1);
    // A click inside the explanation keeps it open.
    (dialogs()[0].querySelector('p') as HTMLElement).click();
    expect(dialogs()).toHaveLength(1);
    outside.click();
    expect(dialogs()).toHaveLength(0);
    expect(document.activeElement).toBe(none);
  });

  it('a click outside does not take focus from what the click focused', () => {
    const summary = fixtureSummary(DISPLAY, 'mlp');
    const view = mount({ summary });
    const input = document.createElement('input');
    document.body.appendChild(input);
    buttonsNamed(view.node, 'None')[0].click();
    input.focus();
    input.click();
    expect(dialogs()).toHaveLength(0);
    expect(document.activeElement).toBe(input);
  });

  it('opens from the keyboard with Enter and with Space, once', () => {
    const summary = fixtureSummary(DISPLAY, 'rnn');
    const view = mount({ summary });
    const none = buttonsNamed(view.node, 'None')[0];
    none.focus();
    const enter = key(none, 'Enter');
    expect(enter.defaultPrevented).toBe(true);
    expect(dialogs()).toHaveLength(1);
    expect(dialogs()[0].textContent).toMatch(/^Batch dimension/);
    // The click a browser may still make from that key does not close it.
    none.dispatchEvent(new MouseEvent('click', { bubbles: true, detail: 0 }));
    expect(dialogs()).toHaveLength(1);
    key(dialogs()[0], 'Escape');
    expect(document.activeElement).toBe(none);
    const space = key(none, ' ');
    expect(space.defaultPrevented).toBe(true);
    expect(key(none, ' ', 'keyup').defaultPrevented).toBe(true);
    expect(dialogs()).toHaveLength(1);
    // Enter again on the button closes it.
    key(none, 'Enter');
    expect(dialogs()).toHaveLength(0);
  });

  it('keys typed on its buttons do not reach JupyterLab shortcuts (d d, Enter), Ctrl keys do', () => {
    const summary = fixtureSummary(DISPLAY, 'rnn');
    const view = mount({ summary });
    const reached: string[] = [];
    const listener = (e: KeyboardEvent) =>
      reached.push(`${e.ctrlKey ? 'Ctrl+' : ''}${e.key}`);
    // JupyterLab listens on the document in the bubbling phase.
    document.addEventListener('keydown', listener);
    try {
      const none = buttonsNamed(view.node, 'None')[0];
      key(none, 'd');
      key(none, 'd');
      key(buttonNamed(view.node, 'Show original text'), 'Enter');
      key(buttonNamed(view.node, 'Copy original text'), 'a');
      none.dispatchEvent(
        new KeyboardEvent('keydown', {
          key: 's',
          ctrlKey: true,
          bubbles: true,
          cancelable: true
        })
      );
      // Outside our buttons, nothing is held back.
      key(view.node.querySelector('table') as HTMLElement, 'd');
      expect(reached).toEqual(['Ctrl+s', 'd']);
    } finally {
      document.removeEventListener('keydown', listener);
    }
  });

  it("every None is reached by the arrow keys from the table's one tab stop", () => {
    const summary = fixtureSummary(DISPLAY, 'fcn');
    const view = mount({ summary });
    const nones = buttonsNamed(view.node, 'None');
    expect(nones.length).toBe(printedNones(summary));
    const table = view.node.querySelector('table')!;
    expect(table.getAttribute('role')).toBe('grid');
    const stops = Array.from(table.querySelectorAll<HTMLElement>('*')).filter(
      el => el.tabIndex === 0
    );
    expect(stops).toHaveLength(1);
    for (const b of nones) {
      expect(b.tabIndex).toBe(-1);
      expect(b.disabled).toBe(false);
      expect(isShown(b)).toBe(true);
    }
    const reached = walkGrid(stops[0]);
    for (const b of nones) {
      expect(reached).toContain(b);
    }
  });

  it('only one explanation is open at a time', () => {
    const summary = fixtureSummary(DISPLAY, 'fcn');
    const view = mount({ summary });
    const nones = buttonsNamed(view.node, 'None');
    nones[0].click();
    nones[4].click();
    expect(dialogs()).toHaveLength(1);
    expect(nones[0].getAttribute('aria-expanded')).toBe('false');
    expect(nones[4].getAttribute('aria-expanded')).toBe('true');
    // Clicking the open one again closes it.
    nones[4].click();
    expect(dialogs()).toHaveLength(0);
  });

  it('uses the translation bundle for what it says', () => {
    const summary = fixtureSummary(DISPLAY, 'mlp');
    const french: any = {
      __: (s: string, ...args: string[]) =>
        s === 'Batch dimension' ? 'Dimension du lot' : trans.__(s, ...args),
      _n: (a: string, b: string, n: number, ...args: string[]) =>
        trans._n(a, b, n, ...args),
      _p: trans._p.bind(trans),
      _np: trans._np.bind(trans)
    };
    const view = mount({ summary, trans: french });
    buttonsNamed(view.node, 'None')[0].click();
    expect(dialogs()[0].textContent).toMatch(/^Dimension du lot/);
  });
});

describe('the other controls', () => {
  it('? and 0 (unbuilt) of an unbuilt Keras 3 model explain how to build it', () => {
    const summary = fixtureSummary(DISPLAY, 'unbuilt');
    const view = mount({ summary });
    const marks = buttonsNamed(view.node, '?');
    expect(marks).toHaveLength(2);
    marks[0].click();
    let text = dialogs()[0].textContent ?? '';
    expect(text).toMatch(/^Shape not known yet/);
    expect(text).toContain('model.build(input_shape)');
    expect(text).toContain('Input(shape=');
    expect(marks[0].getAttribute('aria-controls')).toBe(dialogs()[0].id);
    const unbuilt = buttonsNamed(view.node, '0 (unbuilt)');
    expect(unbuilt).toHaveLength(2);
    unbuilt[1].click();
    text = dialogs()[0].textContent ?? '';
    expect(dialogs()).toHaveLength(1);
    expect(text).toMatch(/^Parameters not created yet/);
    expect(text).toContain('model.build(input_shape)');
  });

  it('tf.keras "multiple" explains why there is no single shape', () => {
    const summary = fixtureSummary(TFKERAS, 'unbuilt');
    const view = mount({ summary });
    const multiple = buttonsNamed(view.node, 'multiple');
    expect(multiple).toHaveLength(summary.layers.length);
    multiple[0].click();
    const text = dialogs()[0].textContent ?? '';
    expect(text).toMatch(/^Several shapes/);
    expect(text).toContain('several inputs');
    expect(text).toContain('can’t show one shape');
  });

  it('a fixed batch size is a control that explains batch_size', () => {
    const summary = fixtureSummary(DISPLAY, 'fixed_batch');
    const view = mount({ summary });
    expect(buttonsNamed(view.node, 'None')).toHaveLength(0);
    const fixed = buttonsNamed(view.node, '32');
    // Only the batch axis is a control: `8` is a plain size.
    expect(fixed).toHaveLength(1);
    expect(buttonsNamed(view.node, '8')).toHaveLength(0);
    fixed[0].click();
    const text = dialogs()[0].textContent ?? '';
    expect(text).toMatch(/^Fixed batch size: 32/);
    expect(text).toContain('Input(batch_size=32)');
    expect(text).toContain('exactly 32 samples');
    expect(text).toContain('accept any batch size');
  });
});

describe('cut cells and warnings', () => {
  it('marks a cell Keras cut with … and says how to see it whole', () => {
    const summary = fixtureSummary(DISPLAY, 'long_names');
    const view = mount({ summary });
    const marks = view.node.querySelectorAll(
      '[role="img"][aria-label="cut short"]'
    );
    expect(marks).toHaveLength(1);
    const mark = marks[0] as HTMLElement;
    expect(mark.textContent).toBe('…');
    expect(mark.title).toContain('line_length=');
    expect(mark.title).toContain('COLUMNS');
    expect(mark.closest('tr')?.querySelector('th')?.textContent).toBe(
      'a_really_long_layer_name_that_…'
    );
    const notice = view.node.querySelector('[role="note"]') as HTMLElement;
    expect(notice.textContent).toContain('cut short');
    expect(notice.textContent).toContain('line_length=');
  });

  it('shows no notice when there is nothing to say', () => {
    const view = mount({ summary: fixtureSummary(DISPLAY, 'mlp') });
    expect(view.node.querySelector('[role="note"]')).toBeNull();
    expect(view.node.querySelector('[aria-label="cut short"]')).toBeNull();
  });
});

describe('nested rows', () => {
  it('collapse and expand under their parent', () => {
    const summary = fixtureSummary(DISPLAY, 'nested');
    const view = mount({ summary });
    const nestedNames = [
      'encoder',
      'encoder_input',
      'encoder_dense_1',
      'encoder_dense_2',
      'block_dense'
    ];
    const block = buttonNamed(view.node, 'Nested layers: block');
    const encoder = buttonNamed(view.node, 'Nested layers: encoder');
    expect(block.getAttribute('aria-expanded')).toBe('true');
    for (const name of nestedNames) {
      expect(isShown(rowOf(view.node, name))).toBe(true);
    }
    // Indented under the parent.
    expect(rowOf(view.node, 'encoder_input').cells[0].style.paddingLeft).toBe(
      '3.5em'
    );
    expect(rowOf(view.node, 'encoder').cells[0].style.paddingLeft).toBe('2em');
    expect(rowOf(view.node, 'block').cells[0].style.paddingLeft).toBe('');

    encoder.click();
    expect(encoder.getAttribute('aria-expanded')).toBe('false');
    expect(isShown(rowOf(view.node, 'encoder'))).toBe(true);
    expect(isShown(rowOf(view.node, 'encoder_dense_1'))).toBe(false);
    expect(isShown(rowOf(view.node, 'block_dense'))).toBe(true);

    block.click();
    expect(block.getAttribute('aria-expanded')).toBe('false');
    for (const name of nestedNames) {
      expect(isShown(rowOf(view.node, name))).toBe(false);
    }
    expect(isShown(rowOf(view.node, 'skip_concat'))).toBe(true);
    expect(layerRows(view.node).filter(isShown)).toHaveLength(5);

    // Opening the outer block keeps the inner one as the user left it.
    block.click();
    expect(isShown(rowOf(view.node, 'encoder'))).toBe(true);
    expect(isShown(rowOf(view.node, 'encoder_dense_1'))).toBe(false);
    encoder.click();
    expect(layerRows(view.node).filter(isShown)).toHaveLength(10);
  });

  it('collapsing a parent closes an explanation opened inside it', () => {
    const summary = fixtureSummary(TFKERAS, 'nested');
    const view = mount({ summary });
    buttonsNamed(rowOf(view.node, 'encoder_dense_1'), 'None')[0].click();
    expect(dialogs()).toHaveLength(1);
    buttonNamed(view.node, 'Nested layers: block').click();
    expect(dialogs()).toHaveLength(0);
  });
});

describe('original text', () => {
  it('the toggle shows the original output and back', async () => {
    const summary = fixtureSummary(PRINT, 'mlp');
    const calls: HTMLElement[] = [];
    const view = mount({
      summary,
      originalText: stdoutText(PRINT, 'mlp'),
      renderOriginal: host => {
        calls.push(host);
        const pre = document.createElement('pre');
        pre.textContent = 'the original rendering';
        host.appendChild(pre);
      }
    });
    const toggle = buttonNamed(view.node, 'Show original text');
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    expect(calls).toHaveLength(0);
    const table = view.node.querySelector('table') as HTMLElement;
    expect(isShown(table)).toBe(true);

    toggle.click();
    expect(calls).toHaveLength(1);
    expect(view.node.contains(calls[0])).toBe(true);
    expect(isShown(calls[0])).toBe(true);
    expect(calls[0].textContent).toBe('the original rendering');
    expect(isShown(table)).toBe(false);
    expect(toggle.textContent).toBe('Show table');
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(view.view).toBe('text');

    toggle.click();
    expect(isShown(view.node.querySelector('table') as HTMLElement)).toBe(true);
    expect(isShown(calls[0])).toBe(false);
    expect(toggle.textContent).toBe('Show original text');
    // Shown again without rendering again.
    toggle.click();
    expect(calls).toHaveLength(1);
  });

  it('starts in the text view when asked, rendering only the original', () => {
    const summary = fixtureSummary(PRINT, 'mlp');
    const render = jest.fn();
    const view = mount({
      summary,
      renderOriginal: render,
      initialView: 'text'
    });
    expect(render).toHaveBeenCalledTimes(1);
    expect(view.node.querySelector('table')).toBeNull();
    buttonNamed(view.node, 'Show table').click();
    expect(layerRows(view.node)).toHaveLength(3);
  });

  it('falls back to the plain text if the original renderer fails', async () => {
    const summary = fixtureSummary(PRINT, 'mlp');
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const view = mount({
      summary,
      originalText: 'Model: "sequential"',
      renderOriginal: () => Promise.reject(new Error('boom')),
      initialView: 'text'
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(view.node.querySelector('pre')?.textContent).toBe(
      'Model: "sequential"'
    );
  });

  it('copy gives exactly the original text', async () => {
    const original = stdoutText(PRINT, 'text');
    const summary = fixtureSummary(PRINT, 'text');
    const writeText = jest.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText },
      configurable: true
    });
    try {
      const view = mount({ summary, originalText: original });
      buttonNamed(view.node, 'Copy original text').click();
      await Promise.resolve();
      await Promise.resolve();
      expect(writeText).toHaveBeenCalledTimes(1);
      expect(writeText.mock.calls[0][0]).toBe(original);
      expect(view.node.querySelector('[role="status"]')?.textContent).toBe(
        'Copied the original text.'
      );
    } finally {
      delete (navigator as any).clipboard;
    }
  });

  it('copy falls back to a hidden textarea and execCommand, and never throws', async () => {
    const summary = fixtureSummary(PRINT, 'mlp');
    const copied: string[] = [];
    const doc = document as any;
    const had = doc.execCommand;
    doc.execCommand = (command: string) => {
      const area = document.activeElement as HTMLTextAreaElement;
      copied.push(`${command}:${area.value}`);
      return true;
    };
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: () => Promise.reject(new Error('denied')) },
      configurable: true
    });
    try {
      const view = mount({ summary, originalText: 'exact\ntext ' });
      const copy = buttonNamed(view.node, 'Copy original text');
      copy.focus();
      await expect(view.copyOriginal()).resolves.toBe(true);
      expect(copied).toEqual(['copy:exact\ntext ']);
      expect(document.querySelector('textarea')).toBeNull();
      expect(document.activeElement).toBe(copy);

      doc.execCommand = () => {
        throw new Error('no');
      };
      await expect(view.copyOriginal()).resolves.toBe(false);
      expect(view.node.querySelector('[role="status"]')?.textContent).toContain(
        'Could not copy'
      );
    } finally {
      doc.execCommand = had;
      delete (navigator as any).clipboard;
    }
  });
});

describe('updates', () => {
  it('totals that arrive later appear, keeping the text view and collapsed rows', () => {
    const full = fixtureSummary(DISPLAY, 'nested');
    const tableOnly = {
      ...full,
      totals: {
        total: null,
        trainable: null,
        nonTrainable: null,
        optimizer: null
      },
      parts: { heading: true, table: true, totals: false }
    };
    const view = mount({ summary: tableOnly });
    expect(view.node.querySelector('dl')).toBeNull();
    buttonNamed(view.node, 'Nested layers: block').click();
    view.update({ summary: full });
    expect(view.node.querySelector('dl')?.textContent).toContain(
      'Total params:5,121 (20.00 KB)'
    );
    expect(layerRows(view.node)).toHaveLength(10);
    expect(isShown(rowOf(view.node, 'encoder'))).toBe(false);
    expect(
      buttonNamed(view.node, 'Nested layers: block').getAttribute(
        'aria-expanded'
      )
    ).toBe('false');

    buttonNamed(view.node, 'Show original text').click();
    view.update({ summary: { ...full } });
    expect(view.view).toBe('text');
  });

  it('a growing stream keeps the open explanation', () => {
    const full = fixtureSummary(PRINT, 'text');
    const partial = { ...full, layers: full.layers.slice(0, 2) };
    const view = mount({ summary: partial });
    const none = buttonsNamed(rowOf(view.node, 'lstm'), 'None')[1];
    none.focus();
    key(none, 'Enter');
    expect(dialogs()[0].textContent).toMatch(/^Variable-length dimension/);
    view.update({ summary: full });
    expect(layerRows(view.node)).toHaveLength(4);
    expect(dialogs()).toHaveLength(1);
    // Now the consumer is known.
    expect(dialogs()[0].textContent).toContain(
      'consumed by global_max_pooling1d'
    );
    const reopened = buttonsNamed(rowOf(view.node, 'lstm'), 'None')[1];
    expect(reopened.getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement).toBe(reopened);
  });

  it('re-renders the original when it changes while shown', () => {
    const summary = fixtureSummary(PRINT, 'mlp');
    const view = mount({ summary, initialView: 'text' });
    const second = jest.fn((host: HTMLElement) => {
      host.textContent = 'second';
    });
    view.update({ renderOriginal: second, originalText: 'x' });
    expect(second).toHaveBeenCalledTimes(1);
    expect(view.node.textContent).toContain('second');
    expect(view.node.textContent).not.toContain('ORIGINAL');
    expect(view.originalText).toBe('x');
  });

  it('fields given as undefined are left alone', () => {
    const summary = fixtureSummary(DISPLAY, 'mlp');
    const view = mount({ summary, originalText: 'kept' });
    view.update({ originalText: undefined, summary: undefined });
    expect(view.originalText).toBe('kept');
    expect(view.summary).toBe(summary);
    expect(layerRows(view.node)).toHaveLength(3);
  });

  it('dispose removes the node and ignores later calls', () => {
    const mlp = fixtureSummary(DISPLAY, 'mlp');
    const view = mount({ summary: mlp });
    const none = buttonsNamed(view.node, 'None')[0];
    none.click();
    expect(dialogs()).toHaveLength(1);
    view.dispose();
    expect(view.isDisposed).toBe(true);
    expect(view.node.isConnected).toBe(false);
    // The explanation went with it.
    expect(dialogs(view.node)).toHaveLength(0);
    expect(none.getAttribute('aria-expanded')).toBe('false');
    // Later calls change nothing.
    view.update({ summary: fixtureSummary(DISPLAY, 'rnn') });
    expect(view.summary).toBe(mlp);
    expect(
      layerRows(view.node).map(r => r.querySelector('th')?.textContent)
    ).toEqual(mlp.layers.map(l => l.name));
    view.setView('text');
    expect(view.view).toBe('table');
    // A click on the page no longer reaches it.
    const elsewhere = document.createElement('p');
    document.body.appendChild(elsewhere);
    elsewhere.click();
    expect(document.activeElement).not.toBe(none);
  });
});

describe('two summaries in one cell', () => {
  it('each gets its own view with its own rows', () => {
    const [a, b] = fixtureSummaries(DISPLAY, 'two_summaries');
    const va = mount({ summary: a });
    const vb = mount({ summary: b });
    expect(va.node.textContent).toContain(`Model: ${a.model}`);
    expect(vb.node.textContent).toContain(`Model: ${b.model}`);
    buttonsNamed(va.node, 'None')[0].click();
    buttonsNamed(vb.node, 'None')[0].click();
    // One per view: each view holds at most one.
    expect(dialogs(va.node)).toHaveLength(0);
    expect(dialogs(vb.node)).toHaveLength(1);
  });
});

describe('hostile and odd input (hand-written, not from Keras)', () => {
  // HAND-WRITTEN input: a Keras 3 print_fn summary whose model and layer
  // names hold HTML. Real Keras accepts such names (see FACTS §8).
  const hostile = [
    'Model: "<script>alert(1)</script>"',
    '┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓',
    '┃ Layer (type)                           ┃ Output Shape           ┃       Param # ┃',
    '┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩',
    '│ <img src=x onerror=alert(1)> (Dense)   │ (None, 32)             │           544 │',
    '├────────────────────────────────────────┼────────────────────────┼───────────────┤',
    '│ <script>alert(2)</script> (Dense)      │ (None, 16)             │           528 │',
    '└────────────────────────────────────────┴────────────────────────┴───────────────┘',
    ' Total params: 1,072 (4.19 KB)',
    ' Trainable params: 1,072 (4.19 KB)',
    ' Non-trainable params: 0 (0.00 B)',
    ''
  ].join('\n');

  it('names holding HTML appear as text and create no element', () => {
    const [summary] = parseText(hostile).summaries;
    expect(summary.layers.map(l => l.name)).toEqual([
      '<img src=x onerror=alert(1)>',
      '<script>alert(2)</script>'
    ]);
    const view = mount({ summary, originalText: hostile });
    expect(view.node.querySelector('img')).toBeNull();
    expect(view.node.querySelector('script')).toBeNull();
    expect(view.node.textContent).toContain('Model: <script>alert(1)</script>');
    // The name is one text node in its cell: nothing was parsed out of it.
    const name = rowOf(view.node, '<img src=x onerror=alert(1)>').querySelector(
      '.jp-KerasSummary-name'
    )!;
    expect(Array.from(name.childNodes).map(n => n.nodeType)).toEqual([
      Node.TEXT_NODE
    ]);
    // Explanations name the layer as text, too.
    buttonsNamed(view.node, 'None')[0].click();
    expect(dialogs()[0].textContent).toContain('<img src=x onerror=alert(1)>');
    expect(document.querySelector('img, script')).toBeNull();
  });

  it('never throws on summaries with no layers, only a heading and totals, or odd tensors', () => {
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const base = fixtureSummary(DISPLAY, 'mlp');
    const odd: Summary[] = [
      {
        ...base,
        layers: [],
        parts: { heading: true, table: false, totals: true }
      },
      {
        ...base,
        layers: [],
        parts: { heading: true, table: true, totals: true }
      },
      { ...base, columns: [], warnings: [] },
      {
        ...base,
        layers: base.layers.map(l => ({
          ...l,
          depth: -3,
          tensors: [[null, '?' as const, 5, null]],
          outputShape: 'garbled ) ( None'
        }))
      },
      {
        ...base,
        layers: [
          { ...base.layers[0], depth: 7 },
          { ...base.layers[1], depth: 2 }
        ]
      },
      { ...base, totals: undefined as any, warnings: undefined as any },
      {
        ...base,
        layers: [
          { ...base.layers[0], shapeKind: 'unknown' as const, tensors: [] }
        ]
      }
    ];
    const error = jest.spyOn(console, 'error').mockImplementation(() => {});
    for (const summary of odd) {
      const v: SummaryView = mount({ summary });
      // The table view, not the fallback to the original text.
      expect(buttonNamed(v.node, 'Show original text')).not.toBeNull();
      expect(layerRows(v.node)).toHaveLength(summary.layers.length);
      for (const b of buttonsNamed(v.node, 'None')) {
        b.click();
        const shown = dialogs(v.node);
        expect(shown).toHaveLength(1);
        expect(b.getAttribute('aria-controls')).toBe(shown[0].id);
        expect(shown[0].textContent).toMatch(
          /^(Batch|Variable-length) dimension/
        );
      }
    }
    // Nothing failed on the way (a failure is logged, and falls back).
    expect(error).not.toHaveBeenCalled();
    const headingOnly = mount({ summary: odd[0] });
    expect(headingOnly.node.querySelector('table')).toBeNull();
    expect(headingOnly.node.querySelector('dl')?.textContent).toContain(
      '101,770'
    );
    const empty = mount({ summary: odd[1] });
    expect(empty.node.textContent).toContain('The model has no layers.');
  });

  it('never throws when the original renderer throws', () => {
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const view = mount({
      summary: fixtureSummary(DISPLAY, 'mlp'),
      originalText: 'plain',
      renderOriginal: () => {
        throw new Error('boom');
      }
    });
    buttonNamed(view.node, 'Show original text').click();
    expect(view.view).toBe('text');
    expect(buttonNamed(view.node, 'Show table')).not.toBeNull();
    expect(view.node.querySelector('pre')?.textContent).toBe('plain');
  });

  it('uses no HTML parsing anywhere in src/render', () => {
    // The security checklist greps for these; keep this file honest too.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fs = require('fs');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const path = require('path');
    const dir = path.resolve(__dirname, '..');
    // Every source file, in subfolders too (not the tests).
    const sources: string[] = (
      fs.readdirSync(dir, { recursive: true }) as string[]
    ).filter(
      (f: string) =>
        f.endsWith('.ts') && !f.split(path.sep).includes('__tests__')
    );
    expect(sources.length).toBeGreaterThan(20);
    expect(sources).toContain(path.join('explainers', 'dims.ts'));
    for (const file of sources) {
      const text = fs.readFileSync(path.join(dir, file), 'utf-8');
      expect(text).not.toMatch(
        /innerHTML|outerHTML|insertAdjacentHTML|document\.write/
      );
    }
  });
});
