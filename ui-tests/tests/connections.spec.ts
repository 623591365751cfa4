/**
 * Connected to, as a user meets it in JupyterLab: each reference
 * `name[i][j]` is a button whose explanation tells node and tensor index
 * apart and jumps to the row, by mouse and by keyboard, in the light, dark
 * and high-contrast themes. The outputs are the real Keras outputs captured
 * in fixtures/.
 */
import { expect, test } from '@jupyterlab/galata';
import {
  collectErrors,
  contrast,
  notebookState,
  openFixture,
  realErrors,
  setTheme,
  summaryOf,
  tabTo,
  THEMES
} from './helpers';

const FILE = 'keras3-display.ipynb';

test.describe('Connected to', () => {
  for (const theme of THEMES) {
    test(`a reference explains itself and jumps to its row, ${theme} theme`, async ({
      page,
      tmpPath
    }) => {
      const errors = collectErrors(page);
      await setTheme(page, theme);
      await openFixture(page, tmpPath, FILE);
      const summary = summaryOf(page, FILE, 'two_inputs');
      await expect(summary).toHaveCount(1);
      const rows = summary.locator('tbody tr.jp-KerasSummary-row');

      // Legible in this theme, at rest.
      const ref = summary.getByRole('button', {
        name: 'concatenate[0][0]',
        exact: true
      });
      await expect.poll(() => contrast(ref)).toBeGreaterThanOrEqual(4.5);

      // By mouse.
      await ref.click();
      const dialog = summary.getByRole('dialog');
      await expect(dialog).toHaveText(/^Connected to concatenate\[0\]\[0\]/);
      await expect(dialog).toContainText('Node index 0');
      await expect(dialog).toContainText('Tensor index 0');
      await expect(dialog).toContainText('Its shape: (None, 72).');
      await expect
        .poll(() => contrast(dialog.getByText(/^Node index 0/)))
        .toBeGreaterThanOrEqual(4.5);
      await dialog.getByRole('button', { name: 'Go to concatenate' }).click();
      const target = rows.filter({ hasText: 'concatenate' }).first();
      await expect(target.locator('th')).toBeFocused();
      await expect(target).toHaveClass(/jp-KerasSummary-row-flash/);

      // By keyboard: Enter opens, Tab reaches "Go to", Enter jumps.
      const dense = summary.getByRole('button', {
        name: 'dense_3[0][0]',
        exact: true
      });
      const before = await notebookState(page);
      await dense.focus();
      await page.keyboard.press('Enter');
      await expect(dialog).toHaveText(/^Connected to dense_3\[0\]\[0\]/);
      const go = dialog.getByRole('button', { name: 'Go to dense_3' });
      await tabTo(page, go, 10);
      await page.keyboard.press('Enter');
      await expect(
        rows.filter({ hasText: 'dense_3' }).first().locator('th')
      ).toBeFocused();
      await page.keyboard.press('Escape');
      expect(await notebookState(page)).toEqual(before);
      expect(realErrors(errors)).toEqual([]);
    });
  }
});
