/**
 * The README pictures of the dimension tools and Connected to, from the demo
 * notebook: letters for None (the fully convolutional network), what if
 * (the text model with a batch size and a length typed) and a Connected to
 * reference explained (the two-input model). Writes
 * docs/feature-{letters,whatif,connected}.png. playwright.config.js leaves
 * this file out unless KERAS_SUMMARY_SCREENSHOTS=1 (`make screenshots`).
 */
import { expect, test } from '@jupyterlab/galata';
import type { IJupyterLabPageFixture } from '@jupyterlab/galata';
import type { Locator, Page } from '@playwright/test';
import * as path from 'path';
import { demoCell, openDemo, REPO, settle, summaries } from './helpers';

test.use({ viewport: { width: 1100, height: 1000 } });

/** Open the demo: the cell whose source holds `text`, scrolled into view, and its summary. */
async function openDemoCell(
  page: IJupyterLabPageFixture,
  tmpPath: string,
  text: string
): Promise<{ cell: Locator; summary: Locator }> {
  await openDemo(page, tmpPath);
  const cell = demoCell(page, text);
  await cell.scrollIntoViewIfNeeded();
  const summary = summaries(cell);
  await expect(summary).toHaveCount(1);
  return { cell, summary };
}

/** Just the output: the picture is about the table, not the code. */
async function shoot(page: Page, cell: Locator, name: string): Promise<void> {
  // Let the highlight settle and the mouse leave the buttons.
  await settle(page);
  await cell
    .locator('.jp-Cell-outputArea')
    .screenshot({ path: path.join(REPO, 'docs', name) });
}

test.describe('README pictures of the dimension tools', () => {
  test('letters for None', async ({ page, tmpPath }) => {
    const { cell, summary } = await openDemoCell(
      page,
      tmpPath,
      'layers.MaxPooling2D()'
    );
    await summary
      .getByRole('switch', {
        name: 'Letters for None',
        exact: true
      })
      .click();
    await expect(
      summary.getByRole('note', { name: 'Dimension letters' })
    ).toBeVisible();
    await summary
      .getByRole('button', {
        name: 'H: variable-length dimension (None in the summary)'
      })
      .nth(1)
      .click();
    await expect(summary.getByRole('dialog')).toContainText('Its letter is H');
    await shoot(page, cell, 'feature-letters.png');
  });

  test('what if', async ({ page, tmpPath }) => {
    const { cell, summary } = await openDemoCell(
      page,
      tmpPath,
      'layers.LSTM(32, return_sequences=True)'
    );
    await summary
      .getByRole('button', { name: 'What if…', exact: true })
      .click();
    const panel = summary.getByRole('region', { name: 'What if' });
    await panel.getByLabel('Batch size (B)').fill('32');
    await panel.getByLabel('T: timesteps of a sequence').fill('200');
    await expect(
      summary.locator('tbody td.jp-KerasSummary-cell-memory').first()
    ).toHaveText('1.56 MB');
    await shoot(page, cell, 'feature-whatif.png');
  });

  test('Connected to', async ({ page, tmpPath }) => {
    const { cell, summary } = await openDemoCell(
      page,
      tmpPath,
      'image_features = keras.Input(shape=(64,))'
    );
    await summary
      .getByRole('button', { name: 'concatenate[0][0]', exact: true })
      .click();
    await expect(summary.getByRole('dialog')).toContainText('Node index 0');
    await shoot(page, cell, 'feature-connected.png');
  });
});
