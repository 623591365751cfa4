/**
 * The table tools as a user meets them: share bars, filter and sort,
 * export to the clipboard, and comparing two summaries — with the mouse and
 * with the keyboard, in the light, dark and high-contrast themes. Real
 * JupyterLab, real Chromium, the real Keras outputs in fixtures/; expected
 * rows come from the CLI's reading of the same notebook.
 */
import { expect, test } from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';
import { spawnSync } from 'child_process';
import * as path from 'path';
import {
  cellIndex,
  collectErrors,
  FIXTURES,
  openFixture,
  realErrors,
  REPO,
  summaryOf,
  uploadFixture
} from './helpers';

const CLI = path.join(REPO, 'lib', 'cli.js');

interface CliLayer {
  name: string;
  type: string;
  depth: number;
  params: number | null;
}
interface CliSummary {
  model: string | null;
  cell: number;
  layers: CliLayer[];
  [key: string]: unknown;
}

/** What the CLI reads in a fixture notebook. */
function cliSummaries(file: string): CliSummary[] {
  const r = spawnSync(process.execPath, [
    CLI,
    'parse',
    path.join(FIXTURES, file)
  ]);
  if (r.status !== 0) {
    throw new Error(`CLI failed: ${r.stderr.toString()}`);
  }
  return JSON.parse(r.stdout.toString()).summaries;
}

function cliSummary(file: string, id: string): CliSummary {
  const cell = cellIndex(file, id);
  const found = cliSummaries(file).find(s => s.cell === cell);
  if (!found) {
    throw new Error(`no summary in ${file}#${id}`);
  }
  return found;
}

/** Choose the option whose text starts with `prefix` (the execution count follows). */
async function pickStarting(select: Locator, prefix: string): Promise<void> {
  const texts = await select.locator('option').allTextContents();
  const found = texts.filter(t => t === prefix || t.startsWith(`${prefix} `));
  expect(found).toHaveLength(1);
  await select.selectOption({ label: found[0] });
}

/** The names of the layer rows shown, top to bottom. */
async function shownNames(summary: Locator): Promise<string[]> {
  return summary
    .locator('tbody tr.jp-KerasSummary-row:visible .jp-KerasSummary-name')
    .allTextContents();
}

test.describe('Table tools', () => {
  test('share bars, filter and sort, by mouse', async ({ page, tmpPath }) => {
    const errors = collectErrors(page);
    const file = 'keras3-display.ipynb';
    const expected = cliSummary(file, 'resnet50');
    await openFixture(page, tmpPath, file);
    const summary = summaryOf(page, file, 'resnet50');
    await summary.scrollIntoViewIfNeeded();
    await expect(summary.locator('tbody tr.jp-KerasSummary-row')).toHaveCount(
      expected.layers.length
    );

    // conv1_conv: 9,472 of 25,583,592 + 53,120 = 25,636,712 → 0.04 %.
    const conv1 = summary
      .locator('tbody tr.jp-KerasSummary-row')
      .filter({ has: page.getByText('conv1_conv', { exact: true }) });
    await expect(conv1.locator('.jp-KerasSummary-sharePercent')).toHaveText(
      '<0.1%'
    );
    // predictions (Dense 2048 → 1000): 2,049,000 → 8.0 %.
    const predictions = summary
      .locator('tbody tr.jp-KerasSummary-row')
      .filter({ has: page.getByText('predictions', { exact: true }) });
    await expect(
      predictions.locator('.jp-KerasSummary-sharePercent')
    ).toHaveText('8%');
    const fill = predictions.locator('.jp-KerasSummary-shareFill');
    const ratio = await fill.evaluate(
      el =>
        el.getBoundingClientRect().width /
        el.parentElement!.getBoundingClientRect().width
    );
    expect(ratio).toBeCloseTo(2049000 / 25636712, 2);

    const filter = summary.getByRole('searchbox', {
      name: 'Filter layers by name or type'
    });
    await filter.click();
    await filter.fill('block1_0');
    const matching = expected.layers
      .filter(l => /block1_0/i.test(l.name) || /block1_0/i.test(l.type))
      .map(l => l.name);
    await expect(
      summary.getByRole('status').filter({ hasText: 'of' })
    ).toHaveText(`${matching.length} of ${expected.layers.length} layers`);
    expect(await shownNames(summary)).toEqual(matching);

    await filter.fill('no such layer');
    await expect(
      summary.getByText('No layer’s name or type contains “no such layer”.')
    ).toBeVisible();
    await expect(
      summary.locator('tbody tr.jp-KerasSummary-row:visible')
    ).toHaveCount(0);
    await filter.fill('');

    await summary
      .getByLabel('Sort:')
      .selectOption({ label: 'Params, largest first' });
    const largest = [...expected.layers]
      .map((l, i) => ({ l, i }))
      .sort((x, y) => (y.l.params ?? -1) - (x.l.params ?? -1) || x.i - y.i)
      .map(({ l }) => l.name);
    expect(await shownNames(summary)).toEqual(largest);
    await summary.getByLabel('Sort:').selectOption({ label: 'Keras order' });
    expect(await shownNames(summary)).toEqual(expected.layers.map(l => l.name));
    expect(realErrors(errors)).toEqual([]);
  });

  test('filter and sort by keyboard, without the notebook taking the keys', async ({
    page,
    tmpPath
  }) => {
    const errors = collectErrors(page);
    const file = 'keras3-display.ipynb';
    const expected = cliSummary(file, 'nested');
    await openFixture(page, tmpPath, file);
    const cells = await page.notebook.getCellCount();
    const summary = summaryOf(page, file, 'nested');
    await summary.scrollIntoViewIfNeeded();

    // Tab from the header's last button into the filter, then type.
    await summary.getByRole('button', { name: 'Copy original text' }).focus();
    const filter = summary.getByRole('searchbox', {
      name: 'Filter layers by name or type'
    });
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      if (await filter.evaluate(el => el === document.activeElement)) {
        break;
      }
    }
    await expect(filter).toBeFocused();
    // `a`, `b` and `dd` would add or delete cells in command mode.
    await page.keyboard.type('dense');
    const dense = expected.layers.filter(l => /dense/i.test(l.name + l.type));
    await expect(summary.locator('.jp-KerasSummary-count')).toHaveText(
      `${dense.length} of ${expected.layers.length} layers`
    );
    // Nested rows are listed with the models they sit in.
    await expect(
      summary
        .locator('tbody tr.jp-KerasSummary-row:visible')
        .filter({ hasText: 'encoder_dense_1' })
        .locator('th')
    ).toHaveText('block › encoder › encoder_dense_1');
    await page.keyboard.press('Escape');
    await expect(filter).toHaveValue('');
    await expect(
      summary.locator('tbody tr.jp-KerasSummary-row:visible')
    ).toHaveCount(expected.layers.length);

    // On to the sort list; ↓ picks the next order.
    await page.keyboard.press('Tab');
    const sort = summary.getByLabel('Sort:');
    await expect(sort).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(sort).toHaveValue('paramsDesc');
    const order = await shownNames(summary);
    expect(order.slice(0, 3)).toEqual(['block', 'encoder', 'encoder_dense_1']);
    await page.keyboard.press('ArrowUp');
    await expect(sort).toHaveValue('keras');
    expect(await shownNames(summary)).toEqual(expected.layers.map(l => l.name));

    expect(await page.notebook.getCellCount()).toBe(cells);
    await expect(page.locator('.jp-Notebook.jp-mod-editMode')).toHaveCount(0);
    expect(realErrors(errors)).toEqual([]);
  });

  test('Export copies Markdown, CSV, LaTeX and JSON, by mouse and keyboard', async ({
    page,
    tmpPath,
    baseURL
  }) => {
    const errors = collectErrors(page);
    await page
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], {
        origin: baseURL
      });
    const file = 'keras3-display.ipynb';
    const expected = cliSummary(file, 'two_inputs');
    await openFixture(page, tmpPath, file);
    const summary = summaryOf(page, file, 'two_inputs');
    await summary.scrollIntoViewIfNeeded();
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());

    // Mouse: Markdown.
    const exportButton = summary.getByRole('button', { name: 'Export' });
    await exportButton.click();
    const menu = summary.getByRole('menu');
    await expect(menu).toBeVisible();
    await menu.getByRole('menuitem', { name: 'Copy as Markdown' }).click();
    await expect(summary.getByText('Copied as Markdown.')).toBeVisible();
    await expect(menu).toBeHidden();
    const markdown = await clipboard();
    const tableRows = markdown.split('\n').filter(l => l.startsWith('| `'));
    expect(tableRows).toHaveLength(expected.layers.length);
    expected.layers.forEach((l, i) => {
      expect(tableRows[i].startsWith(`| \`${l.name}\` | ${l.type} |`)).toBe(
        true
      );
    });

    // Mouse: CSV and LaTeX.
    await exportButton.click();
    await menu.getByRole('menuitem', { name: 'Copy as CSV' }).click();
    await expect(summary.getByText('Copied as CSV.')).toBeVisible();
    const csv = (await clipboard()).split('\r\n');
    expect(csv[0].startsWith('Layer,Type,Output Shape,Param #')).toBe(true);
    expect(csv[1].startsWith(`${expected.layers[0].name},InputLayer,`)).toBe(
      true
    );
    await exportButton.click();
    await menu
      .getByRole('menuitem', { name: 'Copy as LaTeX (booktabs)' })
      .click();
    await expect(summary.getByText('Copied as LaTeX.')).toBeVisible();
    const latex = await clipboard();
    expect(latex).toContain('\\toprule');
    expect(latex).toContain('\\bottomrule');
    expect(latex).toContain(expected.layers[0].name.replace(/_/g, '\\_'));

    // Keyboard: Enter opens on the first item, End goes to JSON, Enter copies.
    await exportButton.focus();
    await page.keyboard.press('Enter');
    await expect(
      menu.getByRole('menuitem', { name: 'Copy as Markdown' })
    ).toBeFocused();
    await page.keyboard.press('End');
    await expect(
      menu.getByRole('menuitem', { name: 'Copy as JSON' })
    ).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(summary.getByText('Copied as JSON.')).toBeVisible();
    await expect(exportButton).toBeFocused();
    const json = JSON.parse(await clipboard());
    // The notebook's merged summary: the CLI's fields, apart from where it sits.
    const { cell, output, mime, pieces, start, end, ...fromCli } =
      expected as any;
    const { start: s2, end: e2, ...fromUi } = json.summaries[0];
    expect(fromUi).toEqual(fromCli);

    // Escape closes the menu and gives focus back.
    await page.keyboard.press('ArrowDown');
    await expect(menu).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
    await expect(exportButton).toBeFocused();
    expect(realErrors(errors)).toEqual([]);
  });

  test('compare two summaries from the command palette', async ({
    page,
    tmpPath
  }) => {
    const errors = collectErrors(page);
    const file = 'keras3-display.ipynb';
    const plain = cliSummary(file, 'nested_plain');
    const nested = cliSummary(file, 'nested');
    await openFixture(page, tmpPath, file);
    await expect(summaryOf(page, file, 'mlp')).toHaveCount(1);

    // The palette opens by its command: its shortcut (Ctrl+Shift+C) goes
    // wherever the focus is, and a key pressed while the notebook is still
    // taking it opened nothing on a loaded CI machine. The modal palette also
    // closes when it loses focus, and on a loaded CI machine the notebook took
    // the focus back after the palette had opened (the input went hidden), so
    // opening the palette and choosing the command is retried as one step
    // until the dialog is up.
    const palette = page.locator('#command-palette');
    const dialog = page
      .locator('.jp-Dialog')
      .filter({ hasText: 'Compare Keras summaries' });
    await expect(async () => {
      if (await dialog.isVisible()) {
        return;
      }
      await page.evaluate(() =>
        (window as any).jupyterapp.commands.execute(
          'apputils:activate-command-palette'
        )
      );
      const input = palette.locator('input');
      await expect(input).toBeVisible({ timeout: 2000 });
      await input.fill('Compare Keras summaries');
      await palette
        .locator('.lm-CommandPalette-item')
        .filter({ hasText: 'Compare Keras summaries…' })
        .click({ timeout: 2000 });
      await expect(dialog).toBeVisible({ timeout: 2000 });
    }).toPass({ timeout: 30000 });
    const label = (s: CliSummary) => `${s.model} — cell ${s.cell + 1}`;
    await pickStarting(dialog.getByLabel('Before'), label(plain));
    await pickStarting(dialog.getByLabel('After'), label(nested));
    await dialog.getByRole('button', { name: 'Compare' }).click();

    const comparison = page.getByRole('region', { name: /^Comparison of / });
    await expect(comparison).toBeVisible();
    const added = nested.layers.filter(l => l.depth > 0).length;
    await expect(comparison).toContainText(
      `Layers: ${added} added, 0 removed, 0 changed, ${plain.layers.length} unchanged.`
    );
    const rows = comparison.locator('.jp-KerasSummary-compareTable tbody tr');
    await expect(rows).toHaveCount(nested.layers.length);
    await expect(rows.filter({ hasText: /^added/ })).toHaveCount(added);
    // Only the changes, by keyboard.
    const only = comparison.getByRole('button', { name: 'Show only changes' });
    await only.focus();
    await page.keyboard.press('Enter');
    await expect(only).toHaveAttribute('aria-pressed', 'true');
    await expect(rows.filter({ visible: true })).toHaveCount(added);
    expect(realErrors(errors)).toEqual([]);
  });

  test('“Compare with…” starts from its own summary, by keyboard', async ({
    page,
    tmpPath
  }) => {
    const errors = collectErrors(page);
    const file = 'keras3-display.ipynb';
    const before = cliSummary(file, 'unbuilt');
    const after = cliSummary(file, 'subclassed_built');
    await openFixture(page, tmpPath, file);
    const summary = summaryOf(page, file, 'unbuilt');
    await summary.scrollIntoViewIfNeeded();
    await summary.getByRole('button', { name: 'Compare with…' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog).toBeVisible();
    const first = dialog.getByLabel('Before');
    await expect(first).toBeFocused();
    expect(await first.locator('option:checked').textContent()).toMatch(
      new RegExp(`^${before.model} — cell ${before.cell + 1}`)
    );
    // Tab to the second list and pick the built model with the keyboard.
    await page.keyboard.press('Tab');
    const second = dialog.getByLabel('After');
    await expect(second).toBeFocused();
    // The summary after it comes second already; ↓ ↑ move and come back.
    const chosen = () => second.locator('option:checked').textContent();
    const afterPrefix = `${after.model} — cell ${after.cell + 1}`;
    expect(await chosen()).toMatch(new RegExp(`^${afterPrefix}( |$)`));
    await page.keyboard.press('ArrowDown');
    expect(await chosen()).not.toMatch(new RegExp(`^${afterPrefix}( |$)`));
    await page.keyboard.press('ArrowUp');
    expect(await chosen()).toMatch(new RegExp(`^${afterPrefix}( |$)`));
    await page.keyboard.press('Enter');
    const comparison = page.getByRole('region', { name: /^Comparison of / });
    await expect(comparison).toBeVisible();
    await expect(comparison).toContainText('2 changed');
    await expect(
      comparison.locator('.jp-KerasSummary-compareTable tbody tr').first()
    ).toContainText('changed (renamed, shape, params)');
    expect(realErrors(errors)).toEqual([]);
  });

  test('tools and Compare work in Notebook 7 too', async ({
    page,
    baseURL,
    tmpPath
  }) => {
    const file = 'keras3-display.ipynb';
    await uploadFixture(page, tmpPath, file);
    const nb7 = await page.context().newPage();
    const errors = collectErrors(nb7);
    await nb7.goto(`${baseURL}/notebooks/${tmpPath}/${file}`);
    const summary = nb7
      .locator('.jp-Notebook .jp-Cell')
      .nth(cellIndex(file, 'unbuilt'))
      .getByRole('group', { name: /Keras model summary/ });
    await expect(summary).toHaveCount(1, { timeout: 60000 });
    await summary.scrollIntoViewIfNeeded();
    await summary.getByRole('searchbox').fill('dense_8');
    await expect(summary.locator('.jp-KerasSummary-count')).toHaveText(
      '1 of 2 layers'
    );
    await summary.getByRole('button', { name: 'Compare with…' }).click();
    const dialog = nb7.locator('.jp-Dialog');
    await dialog.getByRole('button', { name: 'Compare' }).click();
    const comparison = nb7.getByRole('region', { name: /^Comparison of / });
    await expect(comparison).toBeVisible();
    await expect(comparison).toContainText('2 changed');
    expect(realErrors(errors)).toEqual([]);
    await nb7.close();
  });

  for (const theme of [
    'JupyterLab Light',
    'JupyterLab Dark',
    'JupyterLab Dark High Contrast'
  ]) {
    test(`the tools are visible and legible in ${theme}`, async ({
      page,
      tmpPath
    }) => {
      const errors = collectErrors(page);
      await page.theme.setTheme(theme);
      const file = 'keras3-display.ipynb';
      await openFixture(page, tmpPath, file);
      const summary = summaryOf(page, file, 'mlp');
      await summary.scrollIntoViewIfNeeded();
      const contrast = await summary.evaluate(node => {
        const rgba = (c: string) =>
          (c.match(/[\d.]+/g) ?? []).map(Number) as number[];
        /** The colour behind an element: the first ancestor that paints one. */
        const behind = (el: Element | null): number[] => {
          for (let e = el; e; e = e.parentElement) {
            const c = rgba(getComputedStyle(e).backgroundColor);
            if (c.length === 3 || (c.length === 4 && c[3] > 0)) {
              return c.slice(0, 3);
            }
          }
          return [255, 255, 255];
        };
        const luminance = ([r, g, b]: number[]) => {
          const lin = (v: number) => {
            const s = v / 255;
            return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
          };
          return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
        };
        const ratio = (a: number[], b: number[]) => {
          const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
          return (x + 0.05) / (y + 0.05);
        };
        const text = (selector: string) => {
          const el = node.querySelector(selector)!;
          return ratio(
            rgba(getComputedStyle(el).color).slice(0, 3),
            behind(el)
          );
        };
        const fill = node.querySelector('.jp-KerasSummary-shareFill')!;
        return {
          filter: text('input[type="search"]'),
          percent: text('.jp-KerasSummary-sharePercent'),
          sort: text('select'),
          exportButton: text('.jp-KerasSummary-menuToggle'),
          bar: ratio(behind(fill), behind(fill.parentElement))
        };
      });
      // WCAG AA for text; the bar is decoration (the percentage says it)
      // but must still stand out from its track.
      expect(contrast.filter).toBeGreaterThanOrEqual(4.5);
      expect(contrast.percent).toBeGreaterThanOrEqual(4.5);
      expect(contrast.sort).toBeGreaterThanOrEqual(4.5);
      expect(contrast.exportButton).toBeGreaterThanOrEqual(4.5);
      expect(contrast.bar).toBeGreaterThanOrEqual(1.5);
      // Every tool by mouse: filter, sort, export menu.
      await summary.getByRole('searchbox').fill('dense');
      await expect(
        summary.locator('tbody tr.jp-KerasSummary-row:visible')
      ).toHaveCount(2);
      await summary
        .getByLabel('Sort:')
        .selectOption({ label: 'Params, smallest first' });
      expect(await shownNames(summary)).toEqual(['dense_1', 'dense']);
      await summary.getByRole('button', { name: 'Export' }).click();
      await expect(summary.getByRole('menu')).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(summary.getByRole('menu')).toBeHidden();
      // The comparison (the first two summaries), its words legible.
      await page.evaluate(async () => {
        await (window as any).jupyterapp.commands.execute(
          'keras-summary:compare',
          { a: 0, b: 1 }
        );
      });
      const comparison = page.getByRole('region', { name: /^Comparison of / });
      await expect(comparison).toBeVisible();
      const words = await comparison.evaluate(node => {
        const rgb = (c: string) =>
          (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
        const behind = (el: Element | null): number[] => {
          for (let e = el; e; e = e.parentElement) {
            const parts = (
              getComputedStyle(e).backgroundColor.match(/[\d.]+/g) ?? []
            ).map(Number);
            if (parts.length === 3 || (parts.length === 4 && parts[3] > 0)) {
              return parts.slice(0, 3);
            }
          }
          return [255, 255, 255];
        };
        const lum = (c: number[]) =>
          c
            .map(v => v / 255)
            .map(s => (s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4))
            .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
        return Array.from(
          node.querySelectorAll('.jp-KerasSummary-compareKind, th, td')
        ).map(el => {
          const [x, y] = [
            lum(rgb(getComputedStyle(el).color)),
            lum(behind(el))
          ].sort((p, q) => q - p);
          return (x + 0.05) / (y + 0.05);
        });
      });
      expect(words.length).toBeGreaterThan(5);
      expect(Math.min(...words)).toBeGreaterThanOrEqual(4.5);
      expect(realErrors(errors)).toEqual([]);
    });
  }
});
