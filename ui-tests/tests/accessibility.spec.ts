/**
 * axe-core over rendered summaries in the light, dark and high-contrast
 * themes: no serious or critical violation in what this extension draws (a
 * summary at rest, with an explanation open, with the dimension tools on,
 * filtered to nothing, and the original text). The outputs are the real
 * Keras outputs captured in fixtures/.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from '@jupyterlab/galata';
import type { Locator, Page } from '@playwright/test';
import {
  collectErrors,
  openFixture,
  realErrors,
  setTheme,
  summaryOf,
  THEMES
} from './helpers';

const FILE = 'keras3-display.ipynb';

/** The serious and critical violations axe finds in `summary`, one line each. */
async function violations(page: Page, summary: Locator): Promise<string[]> {
  // axe takes CSS selectors: mark the one summary to check (the page holds
  // a whole notebook of them, and all of JupyterLab).
  await page.evaluate(() =>
    document
      .querySelectorAll('[data-axe-target]')
      .forEach(el => el.removeAttribute('data-axe-target'))
  );
  await summary.evaluate(el => el.setAttribute('data-axe-target', ''));
  const results = await new AxeBuilder({ page })
    .include('[data-axe-target]')
    .analyze();
  return results.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(
      v =>
        `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}: ${v.nodes
          .slice(0, 3)
          .map(n => n.target.join(' '))
          .join(' | ')})`
    );
}

/** Let the theme's colours and the rows settle, then check. */
async function check(page: Page, summary: Locator, what: string) {
  await page.mouse.move(0, 0);
  await expect(summary.first()).toBeVisible();
  await page.waitForTimeout(200);
  expect(await violations(page, summary), what).toEqual([]);
}

test.describe('accessibility (axe-core)', () => {
  for (const theme of THEMES) {
    test(`no serious or critical violations, ${theme} theme`, async ({
      page,
      tmpPath
    }) => {
      // axe checks the contrast of every text: slow on a loaded machine.
      test.setTimeout(300000);
      const errors = collectErrors(page);
      await setTheme(page, theme);
      await openFixture(page, tmpPath, FILE);
      const text = summaryOf(page, FILE, 'text');
      const nested = summaryOf(page, FILE, 'nested');
      await expect(text).toHaveCount(1);
      await nested.scrollIntoViewIfNeeded();
      await check(page, nested, 'a nested summary at rest');

      await text.scrollIntoViewIfNeeded();
      await check(page, text, 'a summary at rest');

      // An explanation open, its dimension highlighted in every row.
      await text
        .getByRole('button', { name: 'None', exact: true })
        .nth(1)
        .click();
      await expect(text.getByRole('dialog')).toBeVisible();
      await check(page, text, 'an explanation open');
      await page.keyboard.press('Escape');

      // The dimension tools on: letters, the legend, the what-if panel
      // with sizes typed, and its memory column.
      await text.getByRole('switch', { name: 'Letters for None' }).click();
      await text.getByRole('button', { name: 'What if…' }).click();
      await text.getByLabel('Batch size (B)').fill('32');
      await text.getByLabel('T: timesteps of a sequence').fill('0');
      await check(page, text, 'the dimension tools on, one size flagged');

      // Filtered to nothing: the message instead of rows.
      await nested
        .getByRole('searchbox', { name: 'Filter layers by name or type' })
        .fill('no such layer');
      await check(page, nested, 'filtered to nothing');

      // The original text.
      await text.getByRole('button', { name: 'Show original text' }).click();
      await check(page, text, 'the original text');
      expect(realErrors(errors)).toEqual([]);
    });
  }
});
