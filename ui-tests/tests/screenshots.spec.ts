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
import * as fs from 'fs';
import * as path from 'path';
import {
  cellAt,
  DEMO,
  fixtureCellIndex,
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

/** A cell on the page, its output area and the one summary in it. */
interface Shown {
  cell: Locator;
  output: Locator;
  summary: Locator;
}

/**
 * Cell `index` of `notebook` (a saved notebook's JSON), alone in a notebook
 * of its own named `file`: the cell and its outputs as saved, at the top of
 * the page, so that no estimated height of the cells above it (windowing)
 * moves it by a fraction of a pixel from one run to the next. The notebook
 * gets a live Python kernel, as the saved one would.
 */
async function showAlone(
  page: IJupyterLabPageFixture,
  tmpPath: string,
  file: string,
  notebook: any,
  index: number
): Promise<Shown> {
  const alone = { ...notebook, cells: [notebook.cells[index]] };
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
  return { cell: cellAt(page, 0), output, summary };
}

/**
 * The demo's cell whose source holds `text` (its saved outputs: a text
 * table), as a user of `make demo` sees it: in a notebook with a live Python
 * kernel, so with "Exact shapes…" (wait for it: it comes when the kernel is
 * up).
 */
async function demoSummary(
  page: IJupyterLabPageFixture,
  tmpPath: string,
  text: string
): Promise<Shown> {
  const demo = JSON.parse(fs.readFileSync(DEMO, 'utf-8'));
  const index = demo.cells.findIndex((c: { source: string | string[] }) =>
    [c.source].flat().join('').includes(text)
  );
  expect(index).toBeGreaterThanOrEqual(0);
  const shown = await showAlone(page, tmpPath, 'demo.ipynb', demo, index);
  await expect(
    shown.summary.getByRole('button', { name: 'Exact shapes…', exact: true })
  ).toBeVisible({ timeout: 120000 });
  return shown;
}

/**
 * The summary of cell `id` of the companion's captured notebook (a saved
 * payload: an exact summary, rendered without running anything).
 */
async function kernelSummary(
  page: IJupyterLabPageFixture,
  tmpPath: string,
  id: string
): Promise<Shown> {
  const captured = readFixture(KERNEL_FIXTURE);
  const index = fixtureCellIndex(captured, id, KERNEL_FIXTURE);
  const shown = await showAlone(
    page,
    tmpPath,
    `kernel-${id}.ipynb`,
    captured,
    index
  );
  await expect(shown.summary.locator('.jp-KerasSummary-source')).toContainText(
    'Exact, from the kernel (Keras 3.15.1, jax)'
  );
  return shown;
}

/** The table row of layer `name` (its row header, not a reference to it). */
function rowOf(summary: Locator, name: string): Locator {
  return summary.locator('tbody tr').filter({
    has: summary.page().locator('th[scope="row"]', {
      hasText: new RegExp(`^${name}$`)
    })
  });
}

/**
 * Open `control`'s explanation and wait until it says each of `says` (the
 * picture is about those words).
 */
async function explain(
  summary: Locator,
  control: Locator,
  says: (string | RegExp)[]
): Promise<void> {
  await control.click();
  const dialog = summary.getByRole('dialog');
  for (const words of says) {
    await expect(dialog).toContainText(words);
  }
}

/** The demo's fully convolutional network and its text model. */
const FCN = { demo: 'layers.MaxPooling2D()' };
const TEXT_MODEL = { demo: 'layers.LSTM(32, return_sequences=True)' };

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
        TEXT_MODEL.demo
      );
      await explain(
        summary,
        summary.getByRole('button', { name: 'None', exact: true }).nth(1),
        [/^Variable-length dimension/, 'Size T']
      );
      await shoot(page, cell, `screenshot-${theme}.png`);
    });
  }
});

/**
 * A picture of one summary: its test's title, the file it writes under docs/,
 * which summary (`from`: the demo cell whose source holds it, or the id of a
 * cell of the companion's captured notebook) and what to do before the
 * picture, waiting on what it shows.
 */
interface Picture {
  title: string;
  file: string;
  from: { demo: string } | { kernel: string };
  show: (summary: Locator) => Promise<void>;
}

const PICTURES: Picture[] = [
  {
    title: 'letters for None',
    file: 'feature-letters.png',
    from: FCN,
    show: async summary => {
      await summary
        .getByRole('switch', { name: 'Letters for None', exact: true })
        .click();
      await expect(
        summary.getByRole('note', { name: 'Dimension letters' })
      ).toBeVisible();
      // The pooling halves the height: its H′ is a size of its own.
      await explain(
        summary,
        summary.getByRole('button', {
          name: 'H′: variable-length dimension (None in the summary)',
          exact: true
        }),
        ['Its letter is H′']
      );
    }
  },
  {
    title: 'what if',
    file: 'feature-whatif.png',
    from: TEXT_MODEL,
    show: async summary => {
      await summary
        .getByRole('button', { name: 'What if…', exact: true })
        .click();
      const panel = summary.getByRole('region', { name: 'What if' });
      await panel.getByLabel('Batch size (B)').fill('32');
      await panel.getByLabel('T: timesteps of a sequence').fill('200');
      // The typed field keeps the focus: no caret in the picture (STILL).
      await expect(
        summary.locator('tbody td.jp-KerasSummary-cell-memory').first()
      ).toHaveText('1.56 MB');
    }
  },
  {
    title: 'Connected to',
    file: 'feature-connected.png',
    from: { demo: 'image_features = keras.Input(shape=(64,))' },
    show: summary =>
      explain(
        summary,
        summary.getByRole('button', { name: 'concatenate[0][0]', exact: true }),
        ['Node index 0', 'Tensor index 0']
      )
  },
  {
    title: 'How Param # is computed',
    file: 'feature-formula.png',
    from: FCN,
    // Conv2D(32, 3) on 16 channels: (3×3 × 16 + 1) × 32 = 4,640.
    show: summary =>
      explain(
        summary,
        summary.getByRole('button', {
          name: 'Param # 4,640: how it is computed',
          exact: true
        }),
        ['(3×3 × 16 + 1) × 32 = 4,640 ✓ matches the printed count']
      )
  },
  {
    title: 'share bars, rows sorted by parameters',
    file: 'feature-share.png',
    from: { demo: 'name="nested_model"' },
    show: async summary => {
      await summary
        .getByLabel('Sort:')
        .selectOption({ label: 'Params, largest first' });
      await expect(
        summary.locator('tbody tr.jp-KerasSummary-row').first()
      ).toContainText('block');
    }
  },
  {
    title: 'the Export menu',
    file: 'feature-export.png',
    from: { demo: 'keras.Input(shape=(28, 28))' },
    show: async summary => {
      await summary.getByRole('button', { name: 'Export' }).click();
      await expect(summary.getByRole('menu')).toBeVisible();
    }
  },
  {
    title: 'an exact summary: names Keras cut, whole, under the exact mark',
    file: 'kernel-exact.png',
    from: { kernel: 'long_names' },
    show: async summary => {
      const table = summary.getByRole('grid');
      await expect(table).toContainText(
        'a_really_long_layer_name_that_does_not_fit_in_the_column_at_all'
      );
      await expect(table).toContainText(
        'a layer name with several words that has to wrap'
      );
      expect(await table.textContent()).not.toContain('…');
    }
  },
  {
    title: 'Param # with the weights from the kernel',
    file: 'kernel-params.png',
    from: { kernel: 'conv1d_strided' },
    show: summary =>
      explain(
        summary,
        rowOf(summary, 'conv_a').locator(
          'button.jp-KerasSummary-control-params'
        ),
        [
          'kernel (5, 100, 32) float32, trainable: 5 × 100 × 32 = 16,000',
          'Together: 16,032, the printed count.',
          'Its configuration, from the kernel:'
        ]
      )
  },
  {
    title: 'a None with its exact source and size',
    file: 'kernel-none.png',
    from: { kernel: 'conv1d_strided' },
    show: summary =>
      explain(
        summary,
        rowOf(summary, 'conv_a')
          .locator('button.jp-KerasSummary-control-dim')
          .nth(1),
        [
          'Source: axis 1 of the model input frames (InputLayer).',
          'Size T′',
          'strides=(2,)',
          'Exact: the kernel followed this axis through the live model (Keras 3.15.1, jax)'
        ]
      )
  },
  {
    // The exact what-if: fields per source, every shape from the kernel's
    // config (the strided convolutions' sizes follow), no field for T′.
    title: 'an exact what-if',
    file: 'kernel-whatif.png',
    from: { kernel: 'conv1d_strided' },
    show: async summary => {
      await summary
        .getByRole('button', { name: 'What if…', exact: true })
        .click();
      const panel = summary.getByRole('region', { name: 'What if' });
      await panel.getByLabel('Batch size (B)').fill('4');
      await panel
        .getByLabel('T: frames axis 1 (a size of the model input)')
        .fill('100');
      await expect(
        rowOf(summary, 'conv_b').locator('.jp-KerasSummary-cell-shape')
      ).toHaveText(/^\(4, \d+, \d+\)$/);
    }
  }
];

test.describe('README: the tools, Connected to, Param #, exact summaries', () => {
  for (const picture of PICTURES) {
    test(picture.title, async ({ page, tmpPath }) => {
      const { output, summary } =
        'demo' in picture.from
          ? await demoSummary(page, tmpPath, picture.from.demo)
          : await kernelSummary(page, tmpPath, picture.from.kernel);
      await picture.show(summary);
      await shoot(page, output, picture.file);
    });
  }
});

test.describe('README: comparing two summaries', () => {
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
