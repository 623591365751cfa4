/**
 * The interactive summary as a user meets it: real JupyterLab, real
 * Chromium, the real Keras outputs captured in fixtures/.
 */
import { expect, test } from '@jupyterlab/galata';
import {
  cellIndex,
  collectErrors,
  gridTo,
  openFixture,
  outputAt,
  outputOf,
  readFixture,
  realErrors,
  summaries,
  uploadFixture
} from './helpers';

test.describe('Keras summaries in a notebook', () => {
  test('Keras 3 display outputs show as one table, without gaps', async ({
    page,
    tmpPath
  }) => {
    const errors = collectErrors(page);
    const file = 'keras3-display.ipynb';
    await openFixture(page, tmpPath, file);

    const output = outputOf(page, file, 'mlp');
    const summary = summaries(output);
    await expect(summary).toHaveCount(1);
    await expect(summary).toContainText('sequential');
    const table = summary.getByRole('grid');
    await expect(table).toHaveCount(1);
    // A header row and one row per layer.
    await expect(table.getByRole('row')).toHaveCount(4);
    await expect(summary).toContainText('101,770');
    await expect(summary).toContainText('Non-trainable params');

    // Heading and totals outputs are folded into the table: one visible output.
    await expect(output.locator('.jp-OutputArea-child:visible')).toHaveCount(1);
    await expect(output.locator('.jp-OutputArea-child')).toHaveCount(5);
    // Nothing of the separate outputs shows outside the view.
    await expect(
      output.getByText('Total params:').filter({ visible: true })
    ).toHaveCount(1);

    // Two summaries in one cell stay two.
    await expect(summaries(outputOf(page, file, 'two_summaries'))).toHaveCount(
      2
    );

    // Trusted, it renders the same (hostile-notebooks.spec.ts checks the untrusted
    // case on a freshly signed-off copy: trust outlives the test server).
    await page.notebook.trust();
    await expect(summaries(outputOf(page, file, 'mlp'))).toHaveCount(1);
    await expect(output.locator('.jp-OutputArea-child:visible')).toHaveCount(1);
    expect(realErrors(errors)).toEqual([]);
  });

  test('print_fn=print streams show the table and keep the text around it', async ({
    page,
    tmpPath
  }) => {
    const errors = collectErrors(page);
    const file = 'keras3-print.ipynb';
    await openFixture(page, tmpPath, file);

    const output = outputOf(page, file, 'print_around');
    const summary = summaries(output);
    await expect(summary).toHaveCount(1);
    await expect(summary.getByRole('grid').getByRole('row')).toHaveCount(2);
    const text = output.locator('.jp-RenderedText pre');
    await expect(text.filter({ hasText: 'Building model...' })).toHaveCount(1);
    await expect(text.filter({ hasText: /^\s*done\s*$/ })).toHaveCount(1);
    // "Building model..." comes before the table, "done" after it.
    const order = await output.evaluate(node => {
      const all = Array.from(
        node.querySelectorAll('pre, [role="table"], table')
      );
      const at = (f: (e: Element) => boolean) => all.findIndex(f);
      return [
        at(e => e.textContent!.includes('Building model...')),
        at(e => e.matches('table, [role="table"]')),
        at(e => e.textContent!.trim() === 'done')
      ];
    });
    expect(order[0]).toBeLessThan(order[1]);
    expect(order[1]).toBeLessThan(order[2]);

    await expect(summaries(outputOf(page, file, 'mlp'))).toHaveCount(1);
    await expect(summaries(outputOf(page, file, 'two_summaries'))).toHaveCount(
      2
    );
    expect(realErrors(errors)).toEqual([]);
  });

  test('tf.keras 2 ASCII summaries show as tables', async ({
    page,
    tmpPath
  }) => {
    const errors = collectErrors(page);
    const file = 'tfkeras2.ipynb';
    await openFixture(page, tmpPath, file);

    const summary = summaries(outputOf(page, file, 'text'));
    await expect(summary).toHaveCount(1);
    await expect(summary.getByRole('grid').getByRole('row')).toHaveCount(5);
    await expect(summary).toContainText('Total params');
    const around = outputOf(page, file, 'print_around');
    await expect(summaries(around)).toHaveCount(1);
    await expect(
      around
        .locator('.jp-RenderedText pre')
        .filter({ hasText: 'Building model...' })
    ).toHaveCount(1);
    expect(realErrors(errors)).toEqual([]);
  });

  test('None explains itself, by mouse and by keyboard', async ({
    page,
    tmpPath
  }) => {
    const errors = collectErrors(page);
    const file = 'keras3-display.ipynb';
    await openFixture(page, tmpPath, file);
    const summary = summaries(outputOf(page, file, 'text'));
    await expect(summary).toHaveCount(1);
    const nones = summary.getByRole('button', { name: 'None', exact: true });

    // The batch dimension of the first row, by mouse.
    await nones.first().click();
    let dialog = summary.getByRole('dialog');
    await expect(dialog).toHaveCount(1);
    await expect(dialog).toHaveText(/^Batch dimension/);
    await expect(nones.first()).toHaveAttribute('aria-expanded', 'true');
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(nones.first()).toBeFocused();

    // The sequence length (axis 1 of the Embedding output), by mouse.
    await nones.nth(1).click();
    dialog = summary.getByRole('dialog');
    await expect(dialog).toHaveText(/^Variable-length dimension/);
    await page.keyboard.press('Escape');
    await expect(nones.nth(1)).toBeFocused();

    // By keyboard: Tab from the header buttons into the table (one tab
    // stop), → to the first None, then Enter.
    await summary.getByRole('button', { name: 'Copy original text' }).focus();
    await gridTo(page, nones.first());
    await page.keyboard.press('Enter');
    await expect(summary.getByRole('dialog')).toHaveText(/^Batch dimension/);
    // The notebook did not take the key (no cell went into edit mode).
    await expect(page.locator('.jp-Notebook.jp-mod-editMode')).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(summary.getByRole('dialog')).toHaveCount(0);
    await expect(nones.first()).toBeFocused();

    // Then → on to the variable-length None and open it with Enter.
    await page.keyboard.press('ArrowRight');
    await expect(nones.nth(1)).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(summary.getByRole('dialog')).toHaveText(
      /^Variable-length dimension/
    );
    await page.keyboard.press('Escape');
    expect(realErrors(errors)).toEqual([]);
  });

  test('toggles to the original text and back', async ({ page, tmpPath }) => {
    const errors = collectErrors(page);
    const file = 'keras3-display.ipynb';
    await openFixture(page, tmpPath, file);
    const summary = summaries(outputOf(page, file, 'mlp'));
    await summary.getByRole('button', { name: 'Show original text' }).click();
    await expect(summary.getByRole('grid')).toBeHidden();
    // The original outputs, heading to totals, as JupyterLab renders them.
    const original = summary.locator('.jp-RenderedHTMLCommon pre');
    await expect(original).toHaveCount(5);
    await expect(original.first()).toHaveText('Model: "sequential"');
    await expect(original.last()).toContainText('Non-trainable params: 0');
    await summary.getByRole('button', { name: 'Show table' }).click();
    await expect(summary.getByRole('grid')).toBeVisible();
    expect(realErrors(errors)).toEqual([]);
  });

  test('saving after viewing leaves every output byte-identical', async ({
    page,
    tmpPath
  }) => {
    const errors = collectErrors(page);
    for (const file of ['keras3-display.ipynb', 'tfkeras2.ipynb']) {
      await openFixture(page, tmpPath, file);
      const summary = summaries(outputOf(page, file, 'text'));
      await summary
        .getByRole('button', { name: 'None', exact: true })
        .first()
        .click();
      await page.keyboard.press('Escape');
      await summary.getByRole('button', { name: 'Show original text' }).click();
      await summary.getByRole('button', { name: 'Show table' }).click();
      // Make the notebook dirty without touching any output, then save.
      await page.notebook.setCell(0, 'markdown', 'Saved by the UI test.');
      await page.notebook.save();

      const response = await page.request.get(
        `/api/contents/${tmpPath}/${file}?type=file&format=text&content=1`
      );
      expect(response.ok()).toBe(true);
      const saved = JSON.parse((await response.json()).content);
      const original = readFixture(file);
      expect(saved.cells.length).toBe(original.cells.length);
      saved.cells.forEach((c: { outputs?: unknown[] }, i: number) => {
        // Key order as on disk too: the outputs' JSON text is the same.
        expect(JSON.stringify(c.outputs ?? null)).toBe(
          JSON.stringify(original.cells[i].outputs ?? null)
        );
      });
      await page.notebook.close(true);
    }
    expect(realErrors(errors)).toEqual([]);
  });

  test('a live kernel with real Keras gets the interactive table', async ({
    page
  }) => {
    test.setTimeout(180000);
    const errors = collectErrors(page);
    await page.notebook.createNew('live.ipynb', { kernel: 'python3' });
    await page.notebook.setCell(
      0,
      'code',
      [
        'import os',
        'os.environ["KERAS_BACKEND"] = "jax"',
        'import keras',
        'from keras import layers',
        'model = keras.Sequential(',
        '    [keras.Input(shape=(None,), dtype="int32"), layers.Embedding(1000, 16),',
        '     layers.GlobalAveragePooling1D(), layers.Dense(1)],',
        '    name="live_model",',
        ')',
        'model.summary()',
        'print("after the summary")'
      ].join('\n')
    );
    await page.notebook.runCell(0, { wait: true });
    const output = outputAt(page, 0);
    const summary = summaries(output);
    await expect(summary).toHaveCount(1, { timeout: 120000 });
    await expect(summary).toContainText('live_model');
    await expect(summary.getByRole('grid').getByRole('row')).toHaveCount(4);
    await expect(summary).toContainText('Total params');
    // Heading and totals outputs folded in; the print stays text.
    await expect(output.locator('.jp-OutputArea-child:visible')).toHaveCount(2);
    await expect(
      output
        .locator('.jp-RenderedText pre')
        .filter({ hasText: 'after the summary' })
    ).toBeVisible();
    await summary
      .getByRole('button', { name: 'None', exact: true })
      .nth(1)
      .click();
    await expect(summary.getByRole('dialog')).toHaveText(
      /^Variable-length dimension/
    );
    expect(realErrors(errors)).toEqual([]);
  });

  test('renders in Notebook 7', async ({ page, baseURL, tmpPath }) => {
    const file = 'keras3-display.ipynb';
    await uploadFixture(page, tmpPath, file);
    const nb7 = await page.context().newPage();
    const errors = collectErrors(nb7);
    await nb7.goto(`${baseURL}/notebooks/${tmpPath}/${file}`);
    const output = nb7
      .locator('.jp-Notebook .jp-Cell')
      .nth(cellIndex(file, 'mlp'))
      .locator('.jp-Cell-outputArea');
    const summary = summaries(output);
    await expect(summary).toHaveCount(1, { timeout: 60000 });
    await expect(summary.getByRole('grid').getByRole('row')).toHaveCount(4);
    await expect(output.locator('.jp-OutputArea-child:visible')).toHaveCount(1);
    expect(realErrors(errors)).toEqual([]);
    await nb7.close();
  });
});
