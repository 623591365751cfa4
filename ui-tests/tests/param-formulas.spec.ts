/**
 * How Param # is computed, as a user meets it in JupyterLab: the count of a
 * row is a button that opens its formula. By mouse (a Dense row) and by
 * keyboard (an LSTM and a Conv2D row), in the light, dark and high-contrast
 * themes, on the real Keras outputs captured in fixtures/. The formulas are
 * worked out from the models in scripts/capture_fixtures.py.
 */
import { expect, test } from '@jupyterlab/galata';
import type { Locator, Page } from '@playwright/test';
import {
  cellIndex,
  collectErrors,
  contrast,
  notebookState,
  openFixture,
  realErrors,
  setTheme,
  THEMES
} from './helpers';

const FILE = 'keras3-display.ipynb';

/** The interactive summary of a fixture cell, scrolled into view. */
async function summaryOf(page: Page, id: string): Promise<Locator> {
  const cell = page
    .locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell')
    .nth(cellIndex(FILE, id));
  await cell.scrollIntoViewIfNeeded();
  const summary = cell
    .locator('.jp-Cell-outputArea')
    .getByRole('group', { name: /Keras model summary/ });
  await expect(summary).toHaveCount(1);
  return summary;
}

/** The Param # button of a count, by its accessible name. */
function countButton(summary: Locator, count: string): Locator {
  return summary.getByRole('button', {
    name: `Param # ${count}: how it is computed`,
    exact: true
  });
}

test.describe('How Param # is computed', () => {
  for (const theme of THEMES) {
    test(`by mouse and keyboard, ${theme} theme`, async ({ page, tmpPath }) => {
      const errors = collectErrors(page);
      await setTheme(page, theme);
      await openFixture(page, tmpPath, FILE);

      // Dense, by mouse: Flatten's 784 values into 128 units.
      const mlp = await summaryOf(page, 'mlp');
      const dense = countButton(mlp, '100,480');
      await expect(dense).toHaveText('100,480');
      await dense.click();
      const dialog = mlp.getByRole('dialog');
      await expect(dialog).toHaveCount(1);
      await expect(dialog).toHaveAttribute(
        'id',
        (await dense.getAttribute('aria-controls')) ?? 'missing'
      );
      await expect(dialog).toContainText('Parameters of dense (Dense)');
      await expect(dialog).toContainText(
        '(784 + 1) × 128 = 100,480 ✓ matches the printed count'
      );
      await expect(dialog.getByRole('listitem')).toHaveText([
        'weights: 784 × 128 = 100,352',
        'biases: 128'
      ]);
      // Legible in this theme.
      await expect
        .poll(() => contrast(dialog.locator('.jp-KerasSummary-formulaText')))
        .toBeGreaterThanOrEqual(4.5);
      await page.keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);
      await expect(dense).toBeFocused();
      // A click elsewhere closes it too.
      await dense.click();
      await expect(dialog).toHaveCount(1);
      await mlp.getByRole('columnheader', { name: 'Output Shape' }).click();
      await expect(dialog).toHaveCount(0);
      // The count reads well at rest (the mouse away).
      await page.mouse.move(0, 0);
      await expect
        .poll(() => contrast(countButton(mlp, '1,290')))
        .toBeGreaterThanOrEqual(4.5);

      // LSTM, by keyboard: ↓ from the Embedding's count, then Enter.
      const text = await summaryOf(page, 'text');
      const before = await notebookState(page);
      await countButton(text, '640,000').focus();
      const lstm = countButton(text, '12,416');
      await page.keyboard.press('ArrowDown');
      await expect(lstm).toBeFocused();
      await page.keyboard.press('Enter');
      const lstmDialog = text.getByRole('dialog');
      await expect(lstmDialog).toContainText('Parameters of lstm (LSTM)');
      // 4 gates × (64 inputs + 32 recurrent + 1 bias) × 32 units.
      await expect(lstmDialog).toContainText(
        '4 × (64 + 32 + 1) × 32 = 12,416 ✓ matches the printed count'
      );
      await expect(lstmDialog).toBeFocused();
      await page.keyboard.press('Escape');
      await expect(lstmDialog).toHaveCount(0);
      await expect(lstm).toBeFocused();
      // The keys went to the summary, not to the notebook.
      expect(await notebookState(page)).toEqual(before);

      // Conv2D, by keyboard: the kernel size is inferred, and said to be.
      const fcn = await summaryOf(page, 'fcn');
      const conv = countButton(fcn, '4,640');
      await conv.focus();
      await page.keyboard.press('Enter');
      const convDialog = fcn.getByRole('dialog');
      await expect(convDialog).toContainText('Parameters of conv2d_1 (Conv2D)');
      // Conv2D(32, 3) on 16 channels.
      await expect(convDialog).toContainText('(3×3 × 16 + 1) × 32 = 4,640');
      await expect(convDialog).toContainText(
        'kernel size 3×3 inferred from the count'
      );
      await page.keyboard.press('Escape');
      await expect(convDialog).toHaveCount(0);
      await expect(conv).toBeFocused();

      expect(realErrors(errors)).toEqual([]);
    });
  }
});
