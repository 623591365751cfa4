/**
 * The README screenshots: the demo notebook's text model with the
 * explanation of its variable-length `None` open, in the light and the dark
 * theme. Writes docs/screenshot-{light,dark}.png. playwright.config.js leaves
 * this file out unless KERAS_SUMMARY_SCREENSHOTS=1 (`make screenshots`).
 */
import { expect, test } from '@jupyterlab/galata';
import * as path from 'path';
import { demoCell, openDemo, REPO, settle, summaries } from './helpers';

test.use({ viewport: { width: 1100, height: 1000 } });

test.describe('README screenshots', () => {
  for (const theme of ['light', 'dark'] as const) {
    test(`the table with an explanation open, ${theme} theme`, async ({
      page,
      tmpPath
    }) => {
      if (theme === 'dark') {
        await page.theme.setDarkTheme();
      }
      await openDemo(page, tmpPath);

      const cell = demoCell(page, 'layers.LSTM(32, return_sequences=True)');
      const summary = summaries(cell);
      await expect(summary).toHaveCount(1);
      await cell.scrollIntoViewIfNeeded();
      await summary
        .getByRole('button', { name: 'None', exact: true })
        .nth(1)
        .click();
      await expect(summary.getByRole('dialog')).toHaveText(
        /^Variable-length dimension/
      );
      // Let the highlight settle and the mouse leave the button.
      await settle(page);
      await cell.screenshot({
        path: path.join(REPO, 'docs', `screenshot-${theme}.png`)
      });
    });
  }
});
