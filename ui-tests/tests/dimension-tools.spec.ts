/**
 * The dimension tools, as a user meets them in JupyterLab: "Letters for
 * None" and "What if…", each by mouse and by keyboard, in the light, dark and
 * high-contrast themes. The
 * outputs are the real Keras outputs captured in fixtures/.
 */
import { expect, test } from '@jupyterlab/galata';
import type { Locator, Page } from '@playwright/test';
import {
  collectErrors,
  contrast,
  gridTo,
  notebookState,
  tabTo,
  openFixture,
  realErrors,
  setTheme,
  summaryOf,
  THEMES
} from './helpers';

const FILE = 'keras3-display.ipynb';

/** The Output Shape cells, in row order. */
async function shapes(summary: Locator): Promise<string[]> {
  return summary
    .locator('tbody td.jp-KerasSummary-cell-shape')
    .allTextContents();
}

test.describe('Letters for None', () => {
  for (const theme of THEMES) {
    test(`by mouse and keyboard, ${theme} theme`, async ({ page, tmpPath }) => {
      const errors = collectErrors(page);
      await setTheme(page, theme);
      await openFixture(page, tmpPath, FILE);
      const summary = summaryOf(page, FILE, 'text');
      await expect(summary).toHaveCount(1);
      const toggle = summary.getByRole('switch', {
        name: 'Letters for None',
        exact: true
      });
      // Off by default: the table reads as Keras printed it.
      await expect(toggle).toHaveAttribute('aria-checked', 'false');
      expect(await shapes(summary)).toEqual([
        '(None, None, 64)',
        '(None, None, 32)',
        '(None, 32)',
        '(None, 1)'
      ]);

      // By mouse.
      await toggle.click();
      await expect(toggle).toHaveAttribute('aria-checked', 'true');
      expect(await shapes(summary)).toEqual([
        '(B, T, 64)',
        '(B, T, 32)',
        '(B, 32)',
        '(B, 1)'
      ]);
      const legend = summary.getByRole('note', { name: 'Dimension letters' });
      await expect(legend).toContainText('B batch size (samples per batch)');
      await expect(legend).toContainText(
        'T timesteps of a sequence, from embedding (Embedding)'
      );
      // A letter is still the button that explains it.
      const t = summary
        .getByRole('button', {
          name: 'T: variable-length dimension (None in the summary)'
        })
        .first();
      await t.click();
      await expect(summary.getByRole('dialog')).toHaveText(
        /^Variable-length dimension.*Its letter is T/
      );
      await page.keyboard.press('Escape');
      await expect(summary.getByRole('dialog')).toHaveCount(0);
      await expect(t).toBeFocused();
      // Legible in this theme (at rest: the mouse away).
      await page.mouse.move(0, 0);
      await expect.poll(() => contrast(t)).toBeGreaterThanOrEqual(4.5);
      await expect
        .poll(() => contrast(legend.locator('.jp-KerasSummary-letter').first()))
        .toBeGreaterThanOrEqual(3);

      // By keyboard: Space and Enter flip it, the notebook takes neither.
      const before = await notebookState(page);
      await toggle.focus();
      await page.keyboard.press('Space');
      await expect(toggle).toHaveAttribute('aria-checked', 'false');
      await expect(
        summary.getByRole('button', { name: 'None', exact: true })
      ).toHaveCount(6);
      await page.keyboard.press('Enter');
      await expect(toggle).toHaveAttribute('aria-checked', 'true');
      await expect(toggle).toBeFocused();
      expect(await notebookState(page)).toEqual(before);
      // Tab reaches the table, the arrow keys a letter, and Enter opens it.
      const b = summary
        .getByRole('button', {
          name: 'B: batch dimension (None in the summary)'
        })
        .first();
      await gridTo(page, b);
      await page.keyboard.press('Enter');
      await expect(summary.getByRole('dialog')).toHaveText(/^Batch dimension/);
      await page.keyboard.press('Escape');
      expect(realErrors(errors)).toEqual([]);
    });
  }
});

test.describe('What if…', () => {
  for (const theme of THEMES) {
    test(`sizes and dtype by keyboard and mouse, ${theme} theme`, async ({
      page,
      tmpPath
    }) => {
      const errors = collectErrors(page);
      await setTheme(page, theme);
      await openFixture(page, tmpPath, FILE);
      const summary = summaryOf(page, FILE, 'text');
      await expect(summary).toHaveCount(1);
      const before = await notebookState(page);

      // Open it from the keyboard: the batch size field takes the focus.
      const open = summary.getByRole('button', {
        name: 'What if…',
        exact: true
      });
      await open.focus();
      await page.keyboard.press('Enter');
      await expect(open).toHaveAttribute('aria-expanded', 'true');
      const panel = summary.getByRole('region', { name: 'What if' });
      await expect(panel).toBeVisible();
      const batch = panel.getByLabel('Batch size (B)');
      await expect(batch).toBeFocused();
      await expect(
        summary.getByRole('columnheader', { name: 'Activation memory' })
      ).toBeVisible();

      // Type the sizes.
      await page.keyboard.type('32');
      await page.keyboard.press('Tab');
      const length = panel.getByLabel('T: timesteps of a sequence');
      await expect(length).toBeFocused();
      await page.keyboard.type('100');
      expect(await shapes(summary)).toEqual([
        '(32, 100, 64)',
        '(32, 100, 32)',
        '(32, 32)',
        '(32, 1)'
      ]);
      // 32 × 100 × 64 float32 values = 819,200 bytes.
      const memory = summary.locator('tbody td.jp-KerasSummary-cell-memory');
      await expect(memory.first()).toHaveText('800.00 KB');
      const status = panel.getByRole('status');
      await expect(status).toContainText('Activations: 1.18 MB');
      await expect(status).toContainText(
        'Weights: 652,449 parameters × 4 bytes = 2.49 MB.'
      );
      // The digits went to the fields, not to the notebook.
      expect(await notebookState(page)).toEqual(before);

      // The dtype, by keyboard.
      const dtype = panel.getByLabel('dtype');
      await tabTo(page, dtype, 5);
      await dtype.selectOption('float16');
      await expect(memory.first()).toHaveText('400.00 KB');

      // A wrong size is flagged and left open; by mouse this time.
      await batch.click();
      await batch.fill('0');
      await expect(batch).toHaveAttribute('aria-invalid', 'true');
      await expect(panel).toContainText(
        'Enter a whole number from 1 to 2,147,483,647.'
      );
      await expect(
        summary.getByRole('button', { name: 'None', exact: true })
      ).toHaveCount(4);
      await batch.fill('8');
      await expect(batch).toHaveAttribute('aria-invalid', 'false');
      await expect(memory.last()).toHaveText('16.00 B');

      // A number is still the button that explains it.
      const eight = summary
        .getByRole('button', {
          name: '8: batch dimension B (None in the summary)'
        })
        .first();
      await eight.click();
      await expect(summary.getByRole('dialog')).toContainText(
        'What if: here it is 8 (the size given for B).'
      );
      await page.keyboard.press('Escape');

      // Legible in this theme (at rest: the mouse away).
      await page.mouse.move(0, 0);
      await expect
        .poll(() => contrast(panel.getByText('Batch size (B)')))
        .toBeGreaterThanOrEqual(4.5);
      await expect
        .poll(() => contrast(memory.first()))
        .toBeGreaterThanOrEqual(3);

      // Closed by mouse: the table is as printed again.
      await open.click();
      await expect(panel).toHaveCount(0);
      expect(await shapes(summary)).toEqual([
        '(None, None, 64)',
        '(None, None, 32)',
        '(None, 32)',
        '(None, 1)'
      ]);
      expect(realErrors(errors)).toEqual([]);
    });
  }
});
