/**
 * The README pictures of the table tools: share bars with the rows
 * sorted, the Export menu, and a comparison of two versions of a model.
 * Writes docs/feature-{share,export,compare}.png. playwright.config.js
 * leaves this file out unless KERAS_SUMMARY_SCREENSHOTS=1.
 *
 * The comparison needs a kernel with Keras (as the live test in
 * summary.spec.ts does): it runs two versions of a small model.
 */
import { expect, test } from '@jupyterlab/galata';
import * as path from 'path';
import { demoCell, openDemo, REPO, settle } from './helpers';

const DOCS = path.join(REPO, 'docs');

test.use({ viewport: { width: 1100, height: 1000 } });

test.describe('README screenshots of the table tools', () => {
  test('share bars, rows sorted by parameters', async ({ page, tmpPath }) => {
    await openDemo(page, tmpPath);
    const cell = demoCell(page, 'name="nested_model"');
    const summary = cell.getByRole('group', { name: /Keras model summary/ });
    await expect(summary).toHaveCount(1);
    await summary
      .getByLabel('Sort:')
      .selectOption({ label: 'Params, largest first' });
    await expect(
      summary.locator('tbody tr.jp-KerasSummary-row').first()
    ).toContainText('block');
    await summary.scrollIntoViewIfNeeded();
    await settle(page);
    await summary.screenshot({ path: path.join(DOCS, 'feature-share.png') });
  });

  test('the Export menu', async ({ page, tmpPath }) => {
    await openDemo(page, tmpPath);
    const cell = demoCell(page, 'keras.Input(shape=(28, 28))');
    const summary = cell.getByRole('group', { name: /Keras model summary/ });
    await expect(summary).toHaveCount(1);
    await summary.scrollIntoViewIfNeeded();
    await summary.getByRole('button', { name: 'Export' }).click();
    await expect(summary.getByRole('menu')).toBeVisible();
    await settle(page);
    await summary.screenshot({ path: path.join(DOCS, 'feature-export.png') });
  });

  test('comparing two versions of a model', async ({ page }) => {
    test.setTimeout(240000);
    await page.notebook.createNew('compare.ipynb', { kernel: 'python3' });
    await page.sidebar.close('left');
    const version = (name: string, body: string[]) =>
      [
        'import os',
        'os.environ.setdefault("KERAS_BACKEND", "jax")',
        'import keras',
        'from keras import layers',
        'model = keras.Sequential(',
        '    [',
        '        keras.Input(shape=(28, 28)),',
        '        layers.Flatten(name="flatten"),',
        ...body.map(line => `        ${line}`),
        '    ],',
        `    name="${name}",`,
        ')',
        'model.summary()'
      ].join('\n');
    await page.notebook.setCell(
      0,
      'code',
      version('mlp_v1', [
        'layers.Dense(128, activation="relu", name="hidden"),',
        'layers.Dense(64, activation="relu", name="hidden_2"),',
        'layers.Dense(10, name="head"),'
      ])
    );
    await page.notebook.addCell(
      'code',
      version('mlp_v2', [
        'layers.Dense(256, activation="relu", name="hidden"),',
        'layers.Dropout(0.2, name="dropout"),',
        'layers.Dense(10, name="head"),'
      ])
    );
    await page.notebook.runCell(0, { wait: true });
    await page.notebook.runCell(1, { wait: true });
    const summaries = page
      .locator('.jp-NotebookPanel:not(.lm-mod-hidden)')
      .getByRole('group', { name: /Keras model summary/ });
    await expect(summaries).toHaveCount(2, { timeout: 120000 });
    await expect(summaries.nth(1)).toContainText('Total params');

    await summaries
      .nth(0)
      .getByRole('button', { name: 'Compare with…' })
      .click();
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Compare' }).click();
    const comparison = page.getByRole('region', { name: /^Comparison of / });
    await expect(comparison).toBeVisible();
    await expect(comparison).toContainText('1 added');
    await settle(page);
    await comparison.screenshot({
      path: path.join(DOCS, 'feature-compare.png')
    });
  });
});
