/**
 * Every picture the README shows, taken from the current UI: `make
 * screenshots` runs this file (KERAS_SUMMARY_SCREENSHOTS=1) and it rewrites
 * docs/*.png. playwright.config.js leaves it out of `make test`: it writes
 * files and checks no behaviour (the other specs do).
 *
 * The pictures show real outputs: the demo notebook's saved summaries, the
 * companion's saved payloads (fixtures/kernel/kernel-keras3.ipynb), and for
 * the comparison two models run in a live kernel. So that a retake changes
 * only what the UI changed, every picture is taken the same way: a fixed
 * viewport at scale 1, the light theme unless it says dark, reduced motion,
 * animations and transitions off, no text caret or editor cursor, the mouse
 * out of the way, and only after what it shows is on the page (an
 * explanation's words, a typed size's result, the "Exact shapes…" offer a
 * text table gets once the notebook's kernel is up).
 */
import { expect, test } from '@jupyterlab/galata';
import type { IJupyterLabPageFixture } from '@jupyterlab/galata';
import type { Locator, Page } from '@playwright/test';
import * as path from 'path';
import {
  demoCell,
  fixtureCellIndex,
  openDemo,
  outputAt,
  readFixture,
  REPO,
  settle,
  summaries
} from './helpers';

const DOCS = path.join(REPO, 'docs');
const KERNEL_FIXTURE = 'kernel/kernel-keras3.ipynb';

test.use({
  viewport: { width: 1100, height: 1000 },
  deviceScaleFactor: 1,
  colorScheme: 'light',
  reducedMotion: 'reduce'
});

/** No blinking cursor, no half-finished transition in a picture. */
const STILL = `
  .cm-cursorLayer, .cm-cursor, .cm-dropCursor { display: none !important; }
  *, *::before, *::after { transition: none !important; animation: none !important; }
`;

/** Write `target` as docs/`name`, once the page is still. */
async function shoot(page: Page, target: Locator, name: string): Promise<void> {
  // Let the highlight settle and the mouse leave the buttons.
  await settle(page);
  await target.screenshot({
    path: path.join(DOCS, name),
    animations: 'disabled',
    caret: 'hide',
    scale: 'css',
    style: STILL
  });
}

/**
 * The demo's cell whose source holds `text`, scrolled into view, and its one
 * summary, as a user of `make demo` sees it: a text table in a notebook with
 * a live Python kernel, so with "Exact shapes…" (wait for it: it comes when
 * the kernel is up).
 */
async function demoSummary(
  page: IJupyterLabPageFixture,
  tmpPath: string,
  text: string
): Promise<{ cell: Locator; summary: Locator }> {
  await openDemo(page, tmpPath);
  const cell = demoCell(page, text);
  await cell.scrollIntoViewIfNeeded();
  const summary = summaries(cell);
  await expect(summary).toHaveCount(1);
  await expect(
    summary.getByRole('button', { name: 'Exact shapes…', exact: true })
  ).toBeVisible({ timeout: 120000 });
  return { cell, summary };
}

/**
 * The summary of cell `id` of the companion's captured notebook (a saved
 * payload: an exact summary, rendered without running anything), alone in a
 * notebook of its own: the cell and its outputs as captured, at the top of
 * the page, so that no estimated height of the cells above it (ResNet50's)
 * moves it by a fraction of a pixel from one run to the next.
 */
async function kernelSummary(
  page: IJupyterLabPageFixture,
  tmpPath: string,
  id: string
): Promise<{ output: Locator; summary: Locator }> {
  const captured = readFixture(KERNEL_FIXTURE);
  const alone = {
    ...captured,
    cells: [captured.cells[fixtureCellIndex(captured, id, KERNEL_FIXTURE)]]
  };
  const file = `kernel-${id}.ipynb`;
  await page.contents.uploadContent(
    JSON.stringify(alone),
    'text',
    `${tmpPath}/${file}`
  );
  await page.notebook.openByPath(`${tmpPath}/${file}`);
  await page.notebook.activate(file);
  await page.sidebar.close('left');
  const output = outputAt(page, 0);
  const summary = summaries(output);
  await expect(summary).toHaveCount(1, { timeout: 60000 });
  await expect(summary.locator('.jp-KerasSummary-source')).toContainText(
    'Exact, from the kernel (Keras 3.15.1, jax)'
  );
  return { output, summary };
}

/** The table row of layer `name` (its row header, not a reference to it). */
function rowOf(summary: Locator, name: string): Locator {
  return summary.locator('tbody tr').filter({
    has: summary.page().locator('th[scope="row"]', {
      hasText: new RegExp(`^${name}$`)
    })
  });
}

test.describe('README: the table', () => {
  for (const theme of ['light', 'dark'] as const) {
    test(`a variable-length None explained, ${theme} theme`, async ({
      page,
      tmpPath
    }) => {
      if (theme === 'dark') {
        await page.theme.setDarkTheme();
      }
      const { cell, summary } = await demoSummary(
        page,
        tmpPath,
        'layers.LSTM(32, return_sequences=True)'
      );
      await summary
        .getByRole('button', { name: 'None', exact: true })
        .nth(1)
        .click();
      await expect(summary.getByRole('dialog')).toHaveText(
        /^Variable-length dimension/
      );
      await shoot(page, cell, `screenshot-${theme}.png`);
    });
  }
});

test.describe('README: dimension tools and Connected to', () => {
  test('letters for None', async ({ page, tmpPath }) => {
    const { cell, summary } = await demoSummary(
      page,
      tmpPath,
      'layers.MaxPooling2D()'
    );
    await summary
      .getByRole('switch', { name: 'Letters for None', exact: true })
      .click();
    await expect(
      summary.getByRole('note', { name: 'Dimension letters' })
    ).toBeVisible();
    // The pooling halves the height: its H′ is a size of its own.
    await summary
      .getByRole('button', {
        name: 'H′: variable-length dimension (None in the summary)',
        exact: true
      })
      .click();
    await expect(summary.getByRole('dialog')).toContainText('Its letter is H′');
    await shoot(
      page,
      cell.locator('.jp-Cell-outputArea'),
      'feature-letters.png'
    );
  });

  test('what if', async ({ page, tmpPath }) => {
    const { cell, summary } = await demoSummary(
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
    // The typed field keeps the focus: no caret in the picture (STILL).
    await shoot(
      page,
      cell.locator('.jp-Cell-outputArea'),
      'feature-whatif.png'
    );
  });

  // --- The exact what-if (docs/kernel-whatif.png) -------------------------
  // Added by the lead once the branch that makes What if… exact from the
  // kernel lands: a kernelSummary() whose panel shows exact sizes.

  test('Connected to', async ({ page, tmpPath }) => {
    const { cell, summary } = await demoSummary(
      page,
      tmpPath,
      'image_features = keras.Input(shape=(64,))'
    );
    await summary
      .getByRole('button', { name: 'concatenate[0][0]', exact: true })
      .click();
    await expect(summary.getByRole('dialog')).toContainText('Node index 0');
    await shoot(
      page,
      cell.locator('.jp-Cell-outputArea'),
      'feature-connected.png'
    );
  });

  test('How Param # is computed', async ({ page, tmpPath }) => {
    const { cell, summary } = await demoSummary(
      page,
      tmpPath,
      'layers.MaxPooling2D()'
    );
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
    await shoot(
      page,
      cell.locator('.jp-Cell-outputArea'),
      'feature-formula.png'
    );
  });
});

test.describe('README: table tools', () => {
  test('share bars, rows sorted by parameters', async ({ page, tmpPath }) => {
    const { cell, summary } = await demoSummary(
      page,
      tmpPath,
      'name="nested_model"'
    );
    await summary
      .getByLabel('Sort:')
      .selectOption({ label: 'Params, largest first' });
    await expect(
      summary.locator('tbody tr.jp-KerasSummary-row').first()
    ).toContainText('block');
    const output = cell.locator('.jp-Cell-outputArea');
    await output.scrollIntoViewIfNeeded();
    await shoot(page, output, 'feature-share.png');
  });

  test('the Export menu', async ({ page, tmpPath }) => {
    const { cell, summary } = await demoSummary(
      page,
      tmpPath,
      'keras.Input(shape=(28, 28))'
    );
    await summary.getByRole('button', { name: 'Export' }).click();
    await expect(summary.getByRole('menu')).toBeVisible();
    await shoot(
      page,
      cell.locator('.jp-Cell-outputArea'),
      'feature-export.png'
    );
  });

  test('comparing two versions of a model', async ({ page }) => {
    test.setTimeout(300000);
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
    const found = summaries(
      page.locator('.jp-NotebookPanel:not(.lm-mod-hidden)')
    );
    await expect(found).toHaveCount(2, { timeout: 150000 });
    await expect(found.nth(1)).toContainText('Total params');

    await found.nth(0).getByRole('button', { name: 'Compare with…' }).click();
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Compare' }).click();
    const comparison = page.getByRole('region', { name: /^Comparison of / });
    await expect(comparison).toBeVisible();
    await expect(comparison).toContainText('1 added');
    await expect(comparison).toContainText('1 removed');
    await shoot(page, comparison, 'feature-compare.png');
  });
});

test.describe('README: exact summaries from the kernel companion', () => {
  test('names Keras cut, whole, under the exact mark', async ({
    page,
    tmpPath
  }) => {
    const { output, summary } = await kernelSummary(
      page,
      tmpPath,
      'long_names'
    );
    const table = summary.getByRole('grid');
    await expect(table).toContainText(
      'a_really_long_layer_name_that_does_not_fit_in_the_column_at_all'
    );
    await expect(table).toContainText(
      'a layer name with several words that has to wrap'
    );
    expect(await table.textContent()).not.toContain('…');
    await shoot(page, output, 'kernel-exact.png');
  });

  test('Param # with the weights from the kernel', async ({
    page,
    tmpPath
  }) => {
    const { output, summary } = await kernelSummary(
      page,
      tmpPath,
      'conv1d_strided'
    );
    await rowOf(summary, 'conv_a')
      .locator('button.jp-KerasSummary-control-params')
      .click();
    const dialog = summary.getByRole('dialog');
    await expect(dialog).toContainText(
      'kernel (5, 100, 32) float32, trainable: 5 × 100 × 32 = 16,000'
    );
    await expect(dialog).toContainText('Together: 16,032, the printed count.');
    await expect(dialog).toContainText('Its configuration, from the kernel:');
    await shoot(page, output, 'kernel-params.png');
  });

  test('a None with its exact source and size', async ({ page, tmpPath }) => {
    const { output, summary } = await kernelSummary(
      page,
      tmpPath,
      'conv1d_strided'
    );
    await rowOf(summary, 'conv_a')
      .locator('button.jp-KerasSummary-control-dim')
      .nth(1)
      .click();
    const dialog = summary.getByRole('dialog');
    await expect(dialog).toContainText(
      'Source: axis 1 of the model input frames (InputLayer).'
    );
    await expect(dialog).toContainText('Size T′');
    await expect(dialog).toContainText('strides=(2,)');
    await expect(dialog).toContainText(
      'Exact: the kernel followed this axis through the live model (Keras 3.15.1, jax)'
    );
    await shoot(page, output, 'kernel-none.png');
  });
});
