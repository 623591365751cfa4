/**
 * The README picture of "How Param # is computed", from the demo notebook:
 * the second Conv2D of the fully convolutional network, its formula, the
 * parts of the count and the inferred kernel size. Writes
 * docs/feature-formula.png. playwright.config.js leaves this file out unless
 * KERAS_SUMMARY_SCREENSHOTS=1 (`make screenshots`).
 */
import { expect, test } from '@jupyterlab/galata';
import * as path from 'path';

const REPO = path.resolve(__dirname, '..', '..');
const DEMO = path.join(REPO, 'demo', 'demo.ipynb');

test.use({ viewport: { width: 1100, height: 1000 } });

test('How Param # is computed', async ({ page, tmpPath }) => {
  await page.contents.uploadFile(DEMO, `${tmpPath}/demo.ipynb`);
  await page.notebook.openByPath(`${tmpPath}/demo.ipynb`);
  await page.notebook.activate('demo.ipynb');
  await page.sidebar.close('left');
  const cell = page
    .locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell')
    .filter({ hasText: 'layers.MaxPooling2D()' })
    .first();
  await cell.scrollIntoViewIfNeeded();
  const summary = cell.getByRole('group', { name: /Keras model summary/ });
  await expect(summary).toHaveCount(1);
  // Conv2D(32, 3) on 16 channels: (3×3 × 16 + 1) × 32 = 4,640.
  await summary
    .getByRole('button', {
      name: 'Param # 4,640: how it is computed',
      exact: true
    })
    .click();
  await expect(summary.getByRole('dialog')).toContainText(
    '(3×3 × 16 + 1) × 32 = 4,640 ✓ matches the printed count'
  );
  // Let the highlight settle and the mouse leave the buttons.
  await page.mouse.move(0, 0);
  await page.waitForTimeout(300);
  await cell
    .locator('.jp-Cell-outputArea')
    .screenshot({ path: path.join(REPO, 'docs', 'feature-formula.png') });
});
