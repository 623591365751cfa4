/**
 * The kernel companion end to end, in a real JupyterLab with the repo's
 * kernel (.venv: keras 3.15.1 on jax, the package installed editable):
 * `%load_ext jupyterlab_keras_summary` makes `model.summary()` one output,
 * whose table shows the names Keras cut in its 76 columns whole; "Show
 * original text" shows Keras's own text; a text table offers "Exact
 * shapes…", which adds and runs the `%load_ext` cell; the setting loads the
 * companion silently; saved payloads render reopened without a kernel,
 * untrusted, and in Notebook 7.
 */
import { expect, galata, test } from '@jupyterlab/galata';
import type { IJupyterLabPageFixture } from '@jupyterlab/galata';
import type { Locator, Page } from '@playwright/test';
import * as path from 'path';
import {
  cellIndex,
  collectErrors,
  FIXTURES,
  outputAt,
  realErrors,
  summaries
} from './helpers';

const PLUGIN = 'jupyterlab-keras-summary:plugin';
const LONG = 'a_really_long_layer_name_that_does_not_fit_in_the_column_at_all';
const WRAPPED = 'a layer name with several words that has to wrap';
const KERNEL_FIXTURE = 'kernel/kernel-keras3.ipynb';
const SAVED = 'kernel-keras3.ipynb';

/** A model whose names the 76-column table cuts, then its summary. */
const MODEL = [
  'import os',
  'os.environ["KERAS_BACKEND"] = "jax"',
  'import keras',
  'from keras import layers',
  'model = keras.Sequential(',
  '    [keras.Input(shape=(None, 16)),',
  `     layers.Dense(32, name="${LONG}"),`,
  `     layers.Dense(8, name="${WRAPPED}"),`,
  '     layers.GlobalAveragePooling1D(name="pool")],',
  '    name="long_names_live",',
  ')',
  'model.summary()'
].join('\n');

/** Run cell `index` and wait for its summary (Keras and jax load slowly here). */
async function runAndWait(page: IJupyterLabPageFixture, index: number) {
  await page.notebook.runCell(index, { wait: true });
  const summary = summaries(outputAt(page, index));
  await expect(summary).toHaveCount(1, { timeout: 150000 });
  return summary;
}

test.describe('the kernel companion in a live kernel', () => {
  test('%load_ext: one output per summary, names whole, Keras’s text one click away', async ({
    page
  }) => {
    test.setTimeout(240000);
    const errors = collectErrors(page);
    await page.notebook.createNew('companion.ipynb', { kernel: 'python3' });
    await page.notebook.setCell(
      0,
      'code',
      '%load_ext jupyterlab_keras_summary\n' + MODEL
    );
    const summary = await runAndWait(page, 0);
    const output = outputAt(page, 0);
    // One output: the companion's bundle, not rich's five.
    await expect(output.locator('.jp-OutputArea-child')).toHaveCount(1);
    await expect(output.locator('.jp-KerasSummary-payload')).toHaveCount(1);
    await expect(summary.locator('.jp-KerasSummary-source')).toContainText(
      'Exact, from the kernel (Keras 3.15.1, jax)'
    );
    const table = summary.getByRole('grid');
    await expect(table).toContainText(LONG);
    await expect(table).toContainText(WRAPPED);
    expect(await table.textContent()).not.toContain('…');
    // A None says it is exact.
    await summary
      .getByRole('button', { name: 'None', exact: true })
      .nth(1)
      .click();
    const dialog = summary.getByRole('dialog');
    await expect(dialog).toContainText('Source: axis 1 of the model input');
    await expect(dialog).toContainText('Exact: the kernel followed this axis');
    await page.keyboard.press('Escape');
    // Keras's own text, as it printed it: cut.
    await summary.getByRole('button', { name: 'Show original text' }).click();
    const original = summary.locator('.jp-KerasSummary-original');
    await expect(original).toContainText('a_really_long_layer_name_that_…');
    await expect(original).toContainText('Total params');
    await expect(original.getByRole('grid')).toHaveCount(0);
    expect(realErrors(errors)).toEqual([]);
  });

  test('a text table offers Exact shapes…, which adds and runs %load_ext', async ({
    page
  }) => {
    test.setTimeout(300000);
    const errors = collectErrors(page);
    await page.notebook.createNew('offer.ipynb', { kernel: 'python3' });
    await page.notebook.setCell(0, 'code', MODEL);
    const text = await runAndWait(page, 0);
    // Parsed from rich's outputs: the names are cut, and no mark.
    await expect(text.locator('.jp-KerasSummary-source')).toBeHidden();
    await expect(text.getByRole('grid')).toContainText(
      'a_really_long_layer_name_that_…'
    );
    const offer = text.getByRole('button', { name: 'Exact shapes…' });
    await expect(offer).toBeVisible();
    // By keyboard.
    await offer.focus();
    await page.keyboard.press('Enter');
    await expect(offer).toHaveAttribute('aria-expanded', 'true');
    const panel = text.getByRole('region', {
      name: 'Exact shapes from the kernel'
    });
    await expect(panel).toContainText('%load_ext jupyterlab_keras_summary');
    await panel.getByRole('button', { name: 'Add and run %load_ext' }).click();
    // A first cell is inserted: the summary's cell is now the second.
    const moved = summaries(outputAt(page, 1)).getByRole('region', {
      name: 'Exact shapes from the kernel'
    });
    await expect(moved.getByRole('status')).toHaveText(
      "Loaded in this notebook's kernel. Run this summary's cell again to see the exact summary.",
      { timeout: 60000 }
    );
    // The new first cell holds the line, and ran.
    expect(await page.notebook.getCellTextInput(0)).toBe(
      '%load_ext jupyterlab_keras_summary'
    );
    // The summary's cell is now the second: run it again, exact.
    const exact = await runAndWait(page, 1);
    await expect(exact.locator('.jp-KerasSummary-source')).toContainText(
      'Exact, from the kernel'
    );
    await expect(exact.getByRole('grid')).toContainText(LONG);
    await expect(
      exact.getByRole('button', { name: 'Exact shapes…' })
    ).toBeHidden();
    expect(realErrors(errors)).toEqual([]);
  });
});

/** A model whose convolutions' strides change the sequence length, then its summary. */
const STRIDED = [
  '%load_ext jupyterlab_keras_summary',
  'import os',
  'os.environ["KERAS_BACKEND"] = "jax"',
  'import keras',
  'from keras import layers',
  'inputs = keras.Input(shape=(None, 4), name="frames")',
  'x = layers.Conv1D(8, 5, strides=2, name="conv_a")(inputs)',
  'x = layers.Conv1D(8, 3, strides=2, name="conv_b")(x)',
  'outputs = layers.GlobalAveragePooling1D(name="gap")(x)',
  'model = keras.Model(inputs, outputs, name="strided_live")',
  'model.summary()'
].join('\n');

test.describe('the exact what-if in a live kernel', () => {
  test('sizes typed give every shape; Check in the kernel agrees', async ({
    page
  }) => {
    test.setTimeout(240000);
    const errors = collectErrors(page);
    await page.notebook.createNew('whatif.ipynb', { kernel: 'python3' });
    await page.notebook.setCell(0, 'code', STRIDED);
    const summary = await runAndWait(page, 0);
    await summary.getByRole('button', { name: 'What if…' }).click();
    const panel = summary.getByRole('region', { name: 'What if' });
    // One field per source: the batch and the input's open axis, no T′.
    await expect(panel.locator('label')).toHaveText([
      'Batch size (B)',
      'T: frames axis 1 (a size of the model input)',
      'dtype'
    ]);
    await panel.getByLabel('Batch size (B)').fill('4');
    await panel
      .getByLabel('T: frames axis 1 (a size of the model input)')
      .fill('100');
    // (100 − 5) // 2 + 1 = 48 steps, then (48 − 3) // 2 + 1 = 23.
    const row = (name: string) =>
      summary.locator('tbody tr').filter({ hasText: name }).first();
    await expect(
      row('conv_a').locator('.jp-KerasSummary-cell-shape')
    ).toHaveText('(4, 48, 8)');
    await expect(
      row('conv_b').locator('.jp-KerasSummary-cell-shape')
    ).toHaveText('(4, 23, 8)');
    // By keyboard: the kernel computes the same shapes.
    const check = panel.getByRole('button', { name: 'Check in the kernel' });
    await check.focus();
    await page.keyboard.press('Enter');
    await expect(
      panel.locator('.jp-KerasSummary-kernelCheckStatus')
    ).toHaveText(/^The kernel agrees on all \d+ rows\.$/, { timeout: 60000 });
    // Too short for the first window: that row says why, the rows below are not reached.
    await panel
      .getByLabel('T: frames axis 1 (a size of the model input)')
      .fill('3');
    await expect(
      row('conv_a').locator('.jp-KerasSummary-cell-memory')
    ).toHaveText(
      'cannot take these sizes: axis 1 has 3 steps; the window needs 5'
    );
    await expect(
      row('conv_b').locator('.jp-KerasSummary-cell-memory')
    ).toHaveText('not reached: a row above cannot take these sizes');
    await check.click();
    await expect(
      panel.locator('.jp-KerasSummary-kernelCheckStatus')
    ).toHaveText(/^The kernel agrees on all \d+ rows\.$/, { timeout: 60000 });
    expect(realErrors(errors)).toEqual([]);
  });
});

test.describe('the setting loads the companion silently', () => {
  test.use({
    mockSettings: {
      ...galata.DEFAULT_SETTINGS,
      [PLUGIN]: { loadCompanion: true }
    }
  });

  test('model.summary() sends the exact summary with no %load_ext in the notebook', async ({
    page
  }) => {
    test.setTimeout(240000);
    const errors = collectErrors(page);
    await page.notebook.createNew('auto.ipynb', { kernel: 'python3' });
    await page.notebook.setCell(0, 'code', MODEL);
    const summary = await runAndWait(page, 0);
    await expect(outputAt(page, 0).locator('.jp-OutputArea-child')).toHaveCount(
      1
    );
    await expect(summary.locator('.jp-KerasSummary-source')).toContainText(
      'Exact, from the kernel'
    );
    await expect(summary.getByRole('grid')).toContainText(LONG);
    // Silent: no cell added for it, no execution count spent on it.
    expect(await page.notebook.getCellTextInput(0)).toContain(
      'model.summary()'
    );
    const count = await page.notebook.getCellCount();
    for (let i = 0; i < count; i++) {
      expect(await page.notebook.getCellTextInput(i)).not.toContain(
        '%load_ext'
      );
    }
    await expect(
      page
        .locator(
          '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell .jp-InputPrompt'
        )
        .first()
    ).toHaveText('[1]:');
    expect(realErrors(errors)).toEqual([]);
  });
});

test.describe('saved kernel summaries, reopened without a kernel', () => {
  /** Upload the captured kernel notebook (saved payloads) under `tmpPath`. */
  async function upload(page: IJupyterLabPageFixture, tmpPath: string) {
    await page.contents.uploadFile(
      path.join(FIXTURES, KERNEL_FIXTURE),
      `${tmpPath}/${SAVED}`
    );
  }

  /** The summary of fixture cell `id`, scrolled into view. */
  async function savedSummary(scope: Page, id: string): Promise<Locator> {
    const cell = scope
      .locator('.jp-Notebook .jp-Cell')
      .nth(cellIndex(KERNEL_FIXTURE, id));
    await cell.scrollIntoViewIfNeeded();
    const found = summaries(cell.locator('.jp-Cell-outputArea'));
    await expect(found).toHaveCount(1, { timeout: 60000 });
    return found;
  }

  test('render from the payload in JupyterLab, untrusted', async ({
    page,
    tmpPath
  }) => {
    const errors = collectErrors(page);
    await upload(page, tmpPath);
    await page.notebook.openByPath(`${tmpPath}/${SAVED}`);
    await page.notebook.activate(SAVED);
    // Uploaded, never run here: JupyterLab does not trust its outputs.
    const trusted = await page.evaluate(() => {
      const panel = (window as any).jupyterapp.shell.currentWidget;
      const cells = panel.content.model.cells;
      return Array.from(
        { length: cells.length },
        (_, i) => cells.get(i).trusted
      );
    });
    expect(trusted.some((t: boolean) => t)).toBe(false);
    const summary = await savedSummary(page, 'long_names');
    await expect(summary.locator('.jp-KerasSummary-source')).toContainText(
      'Exact, from the kernel (Keras 3.15.1, jax)'
    );
    await expect(summary.getByRole('grid')).toContainText(LONG);
    // The kernel has no Keras here; nothing is offered or needed.
    await expect(
      summary.getByRole('button', { name: 'Exact shapes…' })
    ).toBeHidden();
    const strided = await savedSummary(page, 'conv1d_strided');
    await strided.getByRole('switch', { name: 'Letters for None' }).click();
    await expect(strided.locator('.jp-KerasSummary-legend')).toContainText(
      'T′ timesteps of a sequence, from conv_a (Conv1D)'
    );
    expect(realErrors(errors)).toEqual([]);
  });

  test('render from the payload in Notebook 7', async ({
    page,
    baseURL,
    tmpPath
  }) => {
    await upload(page, tmpPath);
    const nb7 = await page.context().newPage();
    const errors = collectErrors(nb7);
    await nb7.goto(`${baseURL}/notebooks/${tmpPath}/${SAVED}`);
    const summary = await savedSummary(nb7, 'long_names');
    await expect(summary.locator('.jp-KerasSummary-source')).toContainText(
      'Exact, from the kernel'
    );
    await expect(summary.getByRole('grid')).toContainText(LONG);
    const output = nb7
      .locator('.jp-Notebook .jp-Cell')
      .nth(cellIndex(KERNEL_FIXTURE, 'long_names'))
      .locator('.jp-Cell-outputArea');
    await expect(output.locator('.jp-OutputArea-child')).toHaveCount(1);
    expect(realErrors(errors)).toEqual([]);
    await nb7.close();
  });
});
