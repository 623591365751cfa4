/**
 * How Param # is computed: the count of every row the analysis
 * has a formula for is a button whose explanation shows the formula, a
 * "matches the printed count" mark, its parts and notes, or says "Not
 * explained". Over the real captured summaries (fixtures/); the expected
 * formulas are worked out by hand from the models in
 * scripts/capture_fixtures.py (mlp: Flatten of 28×28 = 784 inputs into
 * Dense(128): (784 + 1) × 128). One count is changed by hand (marked) to
 * reach a count no formula gives, which no real capture holds.
 */
import { explainAllParams } from '../../analyze';
import type { LayerRow, Summary } from '../../parse';
import {
  DISPLAY,
  dialogs,
  fixtureSummary,
  key,
  layerRows,
  mount,
  NOTEBOOKS,
  rowOf,
  summariesOf,
  TFKERAS,
  unmountAll
} from './helpers';
import { lettersSwitch, nameOf } from './dimension-helpers';

afterEach(() => {
  unmountAll();
});

/** The Param # buttons (not `0 (unbuilt)`'s), in row order. */
function paramsButtons(root: ParentNode): HTMLButtonElement[] {
  return Array.from(
    root.querySelectorAll<HTMLButtonElement>(
      'tbody .jp-KerasSummary-cell-params button.jp-KerasSummary-control-params'
    )
  );
}

/** The Param # button of the row named `name`, or null. */
function paramsButtonOf(
  root: ParentNode,
  name: string
): HTMLButtonElement | null {
  return rowOf(root, name).querySelector<HTMLButtonElement>(
    '.jp-KerasSummary-cell-params button.jp-KerasSummary-control-params'
  );
}

function openDialog(root: ParentNode): HTMLElement {
  const found = dialogs(root);
  expect(found).toHaveLength(1);
  return found[0];
}

/** The printed count, written the way Keras 3 prints it (`100,480`). */
function printedCount(layer: LayerRow): string {
  const digits = layer.paramsText.replace(/[,\s]/g, '').match(/^\d+/);
  if (!digits) {
    throw new Error(`no count printed for ${layer.name}`);
  }
  return Number(digits[0]).toLocaleString('en-US');
}

function formulaText(dialog: Element): string | null {
  return (
    dialog.querySelector('.jp-KerasSummary-formulaText')?.textContent ?? null
  );
}

const listItems = (dialog: Element, kind: string) =>
  Array.from(dialog.querySelectorAll(`.jp-KerasSummary-formula${kind} li`)).map(
    li => li.textContent
  );

describe('the Param # buttons', () => {
  for (const name of NOTEBOOKS) {
    it(`${name}: one button per row with a formula, reading as the printed count`, () => {
      let buttons = 0;
      for (const summary of summariesOf(name)) {
        const view = mount({ summary });
        const formulas = explainAllParams(summary);
        const found = paramsButtons(view.node);
        const withFormula = formulas.filter(f => f !== null).length;
        expect(found).toHaveLength(withFormula);
        buttons += found.length;
        // Each button sits in the row of a formula and shows its printed count.
        const rows = layerRows(view.node);
        for (const b of found) {
          const index = rows.indexOf(b.closest('tr') as HTMLTableRowElement);
          const layer = summary.layers[index];
          expect(formulas[index]).not.toBeNull();
          expect(b.textContent).toBe(printedCount(layer));
          expect(b.type).toBe('button');
          expect(b.getAttribute('aria-haspopup')).toBe('dialog');
          expect(nameOf(b)).toBe(
            `Param # ${printedCount(layer)}: how it is computed`
          );
        }
        view.dispose();
      }
      expect(buttons).toBeGreaterThan(10);
    });
  }

  it('keeps the plain count where no formula is known (a custom layer)', () => {
    // dict_output's two_heads is a custom layer: no formula.
    const view = mount({ summary: fixtureSummary(DISPLAY, 'dict_output') });
    const row = rowOf(view.node, 'two_heads');
    expect(paramsButtonOf(view.node, 'two_heads')).toBeNull();
    const cell = row.querySelector('.jp-KerasSummary-cell-params');
    expect(cell?.textContent).toMatch(/^\d[\d,]*/);
  });

  it('keeps the share bar next to the button', () => {
    const view = mount({ summary: fixtureSummary(DISPLAY, 'mlp') });
    const cell = rowOf(view.node, 'dense').querySelector(
      '.jp-KerasSummary-cell-params'
    )!;
    expect(cell.querySelector('button')?.textContent).toBe('100,480');
    // 100,480 of 101,770 parameters.
    expect(
      cell.querySelector('.jp-KerasSummary-sharePercent')?.textContent
    ).toBe('98.7%');
    expect(cell.textContent?.startsWith('100,480')).toBe(true);
  });
});

describe('the explanation of a count', () => {
  it('Dense by mouse: the formula, the match, its parts', () => {
    const view = mount({ summary: fixtureSummary(DISPLAY, 'mlp') });
    const button = paramsButtonOf(view.node, 'dense')!;
    button.click();
    const dialog = openDialog(view.node);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(button.getAttribute('aria-controls')).toBe(dialog.id);
    expect(
      dialog.querySelector('.jp-KerasSummary-explainTitle')?.textContent
    ).toBe('Parameters of dense (Dense)');
    // Flatten of 28×28 = 784 inputs into 128 units, one bias each.
    expect(formulaText(dialog)).toBe('(784 + 1) × 128 = 100,480');
    expect(dialog.textContent).toContain('✓ matches the printed count');
    expect(listItems(dialog, 'Terms')).toEqual([
      'weights: 784 × 128 = 100,352',
      'biases: 128'
    ]);
    // Its input, with a link to the row.
    expect(dialog.textContent).toContain(
      'Its input: the output of flatten (Flatten), shaped (None, 784).'
    );
    expect(document.activeElement).toBe(dialog);
  });

  it('LSTM by keyboard: Enter opens, Escape closes and gives the focus back', () => {
    const view = mount({ summary: fixtureSummary(DISPLAY, 'text') });
    const button = paramsButtonOf(view.node, 'lstm')!;
    button.focus();
    key(button, 'Enter');
    const dialog = openDialog(view.node);
    // 4 gates × (64 inputs + 32 recurrent + 1 bias) × 32 units.
    expect(formulaText(dialog)).toBe('4 × (64 + 32 + 1) × 32 = 12,416');
    expect(listItems(dialog, 'Terms')).toEqual([
      'input weights (kernel): 4 × 64 × 32 = 8,192',
      'recurrent weights: 4 × 32 × 32 = 4,096',
      'biases: 4 × 32 = 128'
    ]);
    key(document.activeElement!, 'Escape');
    expect(dialogs(view.node)).toHaveLength(0);
    expect(document.activeElement).toBe(button);
    expect(button.getAttribute('aria-expanded')).toBe('false');
  });

  it('Conv2D: says the kernel size is inferred', () => {
    const view = mount({ summary: fixtureSummary(TFKERAS, 'fcn') });
    const button = paramsButtonOf(view.node, 'conv2d_1')!;
    button.focus();
    key(button, 'Enter');
    const dialog = openDialog(view.node);
    // Conv2D(32, 3) on 16 channels: (3×3 × 16 + 1) × 32.
    expect(formulaText(dialog)).toBe('(3×3 × 16 + 1) × 32 = 4,640');
    expect(listItems(dialog, 'Notes').join(' ')).toMatch(
      /kernel size 3×3 inferred from the count/
    );
  });

  it('BatchNormalization: which half is non-trainable, and why', () => {
    const view = mount({ summary: fixtureSummary(DISPLAY, 'batchnorm') });
    paramsButtonOf(view.node, 'batch_normalization')!.click();
    const dialog = openDialog(view.node);
    // 16 channels: gamma, beta, moving mean, moving variance.
    expect(formulaText(dialog)).toBe('4 × 16 = 64');
    expect(dialog.textContent).toContain('Trainable: 32 of the 64');
    expect(dialog.textContent).toMatch(
      /Non-trainable: 32, because the moving mean and moving variance .* not by gradients/
    );
  });

  it('a weightless row: no weights = 0', () => {
    const view = mount({ summary: fixtureSummary(DISPLAY, 'mlp') });
    paramsButtonOf(view.node, 'flatten')!.click();
    const dialog = openDialog(view.node);
    expect(formulaText(dialog)).toBe('no weights = 0');
    expect(dialog.textContent).toContain('Flatten has no weights of its own');
  });

  it('a count no formula gives says "Not explained" and shows no formula', () => {
    const real = fixtureSummary(DISPLAY, 'mlp');
    // Hand-written: dense's count one more than Keras printed (100,480).
    const summary: Summary = {
      ...real,
      layers: real.layers.map(l =>
        l.name === 'dense' ? { ...l, params: 100481, paramsText: '100,481' } : l
      )
    };
    const view = mount({ summary });
    const button = paramsButtonOf(view.node, 'dense')!;
    expect(button.textContent).toBe('100,481');
    button.click();
    const dialog = openDialog(view.node);
    expect(dialog.textContent).toMatch(/Not explained: /);
    expect(formulaText(dialog)).toBeNull();
    expect(dialog.textContent).not.toContain('matches the printed count');
    expect(listItems(dialog, 'Terms')).toEqual([]);
  });

  it('stays open when the table is rebuilt (Letters for None switched on)', () => {
    const view = mount({ summary: fixtureSummary(DISPLAY, 'mlp') });
    paramsButtonOf(view.node, 'dense_1')!.click();
    lettersSwitch(view.node).click();
    // A new table: the explanation is open again under the new button.
    const button = paramsButtonOf(view.node, 'dense_1')!;
    const dialog = openDialog(view.node);
    expect(button.getAttribute('aria-controls')).toBe(dialog.id);
    // (128 + 1) × 10.
    expect(formulaText(dialog)).toBe('(128 + 1) × 10 = 1,290');
  });
});

describe('every count over every fixture', () => {
  it('ends its formula with the printed count, or says it is not explained', () => {
    let withParams = 0;
    let matching = 0;
    let notExplained = 0;
    let opened = 0;
    const missed: string[] = [];
    for (const name of NOTEBOOKS) {
      for (const summary of summariesOf(name)) {
        const view = mount({ summary });
        const rows = layerRows(view.node);
        summary.layers.forEach((layer, i) => {
          const counted =
            !layer.unbuilt &&
            /^\d/.test(layer.paramsText.trim()) &&
            printedCount(layer) !== '0';
          if (counted) {
            withParams++;
          }
          const button = rows[i].querySelector<HTMLButtonElement>(
            '.jp-KerasSummary-cell-params button.jp-KerasSummary-control-params'
          );
          if (!button) {
            if (counted) {
              missed.push(
                `${name} ${summary.model}/${layer.name} (${layer.type}): no formula`
              );
            }
            return;
          }
          button.click();
          opened++;
          const dialog = openDialog(view.node);
          const text = formulaText(dialog);
          if (text !== null) {
            expect(text.endsWith(`= ${printedCount(layer)}`)).toBe(true);
            expect(dialog.textContent).toContain('✓ matches the printed count');
            expect(dialog.textContent).not.toMatch(/not explained/i);
            if (counted) {
              matching++;
            }
          } else {
            expect(dialog.textContent).toMatch(/Not explained: /);
            notExplained++;
            missed.push(
              `${name} ${summary.model}/${layer.name} (${layer.type}): not explained`
            );
          }
          key(dialog, 'Escape');
        });
        view.dispose();
      }
    }
    process.stdout.write(
      `Param # formulas in the view: ${matching} of ${withParams} rows with params get a matching formula ` +
        `(${((100 * matching) / withParams).toFixed(1)} %); ${notExplained} not explained; ${opened} explanations opened\n` +
        (missed.length
          ? `  without a matching formula:\n    ${missed.join('\n    ')}\n`
          : '')
    );
    expect(opened).toBeGreaterThan(1000);
    expect(withParams).toBeGreaterThan(600);
    expect((100 * matching) / withParams).toBeGreaterThanOrEqual(95);
  });
});
