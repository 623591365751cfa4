/**
 * Connected to: every reference `name[i][j]` is a button that
 * explains its node index (which call) and tensor index (which output) and
 * jumps to the row it names. Over real captured summaries; the Keras 1
 * shared-layer table is hand-written (fixtures/handwritten/README.md).
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseText } from '../../parse';
import { FIXTURES_DIR } from '../../testing/fixtures';
import {
  buttonNamed,
  dialogs,
  DISPLAY,
  fixtureSummary,
  key,
  layerRows,
  mount,
  NOTEBOOKS,
  summariesOf,
  TFKERAS,
  unmountAll
} from './helpers';
import {
  captured,
  SHARED_LSTM_SUMMARY,
  STATES_SUMMARY
} from './dimension-helpers';

afterEach(() => {
  unmountAll();
  jest.restoreAllMocks();
});

function refButtons(root: ParentNode): HTMLButtonElement[] {
  return Array.from(
    root.querySelectorAll<HTMLButtonElement>(
      '.jp-KerasSummary-cell-connected button'
    )
  );
}

function refNamed(root: ParentNode, text: string): HTMLButtonElement {
  const found = refButtons(root).filter(b => b.textContent === text);
  if (found.length !== 1) {
    throw new Error(`${found.length} references "${text}"`);
  }
  return found[0];
}

function handwritten(name: string) {
  const text = fs.readFileSync(
    path.join(FIXTURES_DIR, 'handwritten', name),
    'utf8'
  );
  return parseText(text).summaries[0];
}

describe('Connected to references', () => {
  for (const name of NOTEBOOKS) {
    it(`${name}: every printed reference is a button, in order`, () => {
      for (const summary of summariesOf(name)) {
        const view = mount({ summary });
        const printed = summary.layers.flatMap(l => l.connectedTo);
        const buttons = refButtons(view.node);
        // A cut reference reads the same, its … marked.
        expect(buttons.map(b => b.textContent)).toEqual(printed);
        for (const b of buttons) {
          expect(b.type).toBe('button');
          expect(b.getAttribute('aria-haspopup')).toBe('dialog');
        }
        view.dispose();
      }
    });
  }

  it('explains node and tensor index and jumps to the row', () => {
    const summary = fixtureSummary(DISPLAY, 'two_inputs');
    const view = mount({ summary });
    const ref = refNamed(view.node, 'concatenate[0][0]');
    ref.click();
    const [dialog] = dialogs(view.node);
    const text = dialog.textContent ?? '';
    expect(text).toMatch(/^Connected to concatenate\[0\]\[0\]/);
    expect(text).toContain(
      'An input of dense_3 (Dense): output 0 of call 0 of concatenate (Concatenate) (both counted from 0).'
    );
    expect(text).toContain('Node index 0: which call of concatenate');
    expect(text).toContain('concatenate is called once here');
    expect(text).toContain('Tensor index 0: which output of that call.');
    expect(text).toContain('Its shape: (None, 72).');
    expect(ref.getAttribute('aria-expanded')).toBe('true');
    // The button under the explanation goes to the row.
    buttonNamed(dialog, 'Go to concatenate').click();
    const target = layerRows(view.node)[2];
    expect(target.querySelector('th')?.textContent).toBe('concatenate');
    expect(document.activeElement).toBe(target.cells[0]);
    expect(target.classList.contains('jp-KerasSummary-row-flash')).toBe(true);
  });

  it('opens and closes by keyboard', () => {
    const view = mount({ summary: fixtureSummary(DISPLAY, 'two_inputs') });
    const ref = refNamed(view.node, 'dense_3[0][0]');
    ref.focus();
    key(ref, 'Enter');
    expect(dialogs(view.node)).toHaveLength(1);
    key(document.activeElement!, 'Escape');
    expect(dialogs(view.node)).toHaveLength(0);
    expect(document.activeElement).toBe(ref);
  });

  it('says a cut reference was cut, and still finds its row', () => {
    const summary = fixtureSummary(DISPLAY, 'two_inputs');
    const cut = summary.layers
      .flatMap(l => l.connectedTo)
      .find(r => r.endsWith('…'))!;
    expect(cut).toBe('input_layer_2[0]…');
    const view = mount({ summary });
    refNamed(view.node, cut).click();
    const text = dialogs(view.node)[0].textContent ?? '';
    expect(text).toContain('Node index 0');
    expect(text).not.toContain('Tensor index');
    expect(text).toContain('Keras cut this cell short');
    expect(
      buttonNamed(dialogs(view.node)[0], 'Go to input_layer_2')
    ).toBeTruthy();
  });

  it('tells the second call of a shared layer (captured Keras 3)', () => {
    const view = mount({ summary: captured(SHARED_LSTM_SUMMARY) });
    refNamed(view.node, 'shared_lstm[1][0]').click();
    const text = dialogs(view.node)[0].textContent ?? '';
    expect(text).toContain('output 0 of call 1 of shared_lstm (LSTM)');
    expect(text).toContain(
      'shared_lstm is called 2 times in this model (a shared layer: every call uses the same weights), and this is call 1'
    );
    expect(text).toContain(
      'The row of shared_lstm shows the output shape of its last call.'
    );
  });

  it('tells which output of a layer with several (captured Keras 3)', () => {
    const view = mount({ summary: captured(STATES_SUMMARY) });
    refNamed(view.node, 'encoder[0][1]').click();
    const text = dialogs(view.node)[0].textContent ?? '';
    expect(text).toContain(
      'Tensor index 1: which output of that call. encoder returns 3 tensors; this is output 1, counting from 0.'
    );
    expect(text).toContain('Its shape: (None, 8).');
  });

  it('reads Keras 1 references: node 1 of a shared layer, a hidden input', () => {
    const shared = mount({ summary: handwritten('keras1-shared-layers.txt') });
    refNamed(shared.node, 'convolution1d_1[1][0]').click();
    expect(dialogs(shared.node)[0].textContent).toContain(
      'convolution1d_1 is called 2 times in this model'
    );
    shared.dispose();
    const mlp = mount({ summary: handwritten('keras1-sequential-mlp.txt') });
    refNamed(mlp.node, 'dense_input_1[0][0]').click();
    const text = dialogs(mlp.node)[0].textContent ?? '';
    expect(text).toContain('No row of this table is named dense_input_1');
    expect(
      dialogs(mlp.node)[0].querySelector(
        '.jp-KerasSummary-link, .jp-KerasSummary-goto'
      )
    ).toBe(null);
  });

  it('works for tf.keras references', () => {
    const view = mount({ summary: fixtureSummary(TFKERAS, 'two_inputs') });
    refNamed(view.node, 'input_3[0][0]').click();
    expect(dialogs(view.node)[0].textContent).toContain(
      'output 0 of call 0 of input_3 (InputLayer)'
    );
  });
});
