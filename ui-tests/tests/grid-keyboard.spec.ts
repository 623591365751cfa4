/**
 * The layer table is one tab stop, as a keyboard user meets it in
 * JupyterLab: Tab enters the table once and leaves it on the next press;
 * the arrow keys, Home / End and Page Up / Page Down move between its
 * controls and cells; Enter opens an explanation and Escape gives the
 * focus back; every control keeps its accessible name; a key that reaches
 * rows of a large table not built yet builds them. The outputs are the
 * real Keras outputs captured in fixtures/ (the large one: the captured
 * ResNet50 with its rows repeated, as `make bench` uses it).
 */
import { expect, test } from '@jupyterlab/galata';
import type { Locator, Page } from '@playwright/test';
import { scaled } from '../../bench/scale';
import {
  collectErrors,
  notebookState,
  openFixture,
  outputAt,
  realErrors,
  summaries,
  summaryOf
} from './helpers';

const FILE = 'keras3-display.ipynb';

/** What has the focus: its accessible name (aria-label, else its text) and whether it is in `scope`. */
function focusInfo(page: Page, scope: Locator) {
  return scope.evaluate(root => {
    const el = document.activeElement as HTMLElement | null;
    return {
      inside: !!el && root.contains(el),
      inGrid: !!el?.closest('[role="grid"]') && root.contains(el),
      name: el?.getAttribute('aria-label') ?? el?.textContent ?? '',
      row: el?.closest('tr')?.querySelector('th')?.textContent ?? ''
    };
  });
}

test.describe('the table as one tab stop', () => {
  test('Tab enters a 10-row table once and leaves it on the next press', async ({
    page,
    tmpPath
  }) => {
    const errors = collectErrors(page);
    await openFixture(page, tmpPath, FILE);
    const summary = summaryOf(page, FILE, 'nested');
    await expect(summary.locator('tbody tr.jp-KerasSummary-row')).toHaveCount(
      10
    );
    // Every control is a button with its name: 27 of them in this table.
    const controls = summary.locator('[role="grid"] button');
    expect(await controls.count()).toBe(27);

    await summary.getByRole('button', { name: 'Show original text' }).focus();
    const stops: { inGrid: boolean; name: string }[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const at = await focusInfo(page, summary);
      if (!at.inside) {
        break;
      }
      stops.push({ inGrid: at.inGrid, name: at.name });
    }
    const inGrid = stops.filter(s => s.inGrid);
    // One stop in the table, the first row's name; the header's buttons and
    // the table tools before it.
    expect(inGrid).toEqual([{ inGrid: true, name: 'features' }]);
    expect(stops.length).toBeLessThan(12);
    expect(stops[stops.length - 1]).toEqual(inGrid[0]);
    expect(realErrors(errors)).toEqual([]);
  });

  test('arrow keys, Home, End and Page keys move; Enter opens; Escape returns', async ({
    page,
    tmpPath
  }) => {
    const errors = collectErrors(page);
    await openFixture(page, tmpPath, FILE);
    const summary = summaryOf(page, FILE, 'text');
    const grid = summary.getByRole('grid', { name: 'Layers of sequential_2' });
    await expect(grid).toHaveCount(1);
    const before = await notebookState(page);
    await summary.getByRole('searchbox').focus();
    // Filter, Sort, Export, Compare with…, then the table.
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      if ((await focusInfo(page, summary)).inGrid) {
        break;
      }
    }
    const embedding = grid.getByRole('rowheader', { name: 'embedding' });
    await expect(embedding).toBeFocused();

    // → along the row: the type, then each None of (None, None, 64).
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const rowOf = (name: string) =>
      grid
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name, exact: true }) });
    const row = rowOf('embedding');
    const nones = row.getByRole('button', { name: 'None', exact: true });
    await expect(nones.first()).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(nones.nth(1)).toBeFocused();
    // The name a screen reader gets is the button's own.
    await expect(nones.nth(1)).toHaveAccessibleName('None');
    await expect(nones.nth(1)).toHaveAttribute(
      'title',
      'Variable-length dimension: activate to explain'
    );

    // ↓ keeps the column and the place in the cell: lstm's second None.
    await page.keyboard.press('ArrowDown');
    expect((await focusInfo(page, summary)).row).toBe('lstm');
    await page.keyboard.press('Enter');
    const dialog = summary.getByRole('dialog');
    await expect(dialog).toHaveText(/^Variable-length dimension/);
    await expect(dialog).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    const lstmNone = rowOf('lstm')
      .getByRole('button', { name: 'None', exact: true })
      .nth(1);
    await expect(lstmNone).toBeFocused();

    // End: the row's Param #; Home: its name; Page Down: the last row here.
    await page.keyboard.press('End');
    expect((await focusInfo(page, summary)).name).toBe(
      'Param # 12,416: how it is computed'
    );
    await page.keyboard.press('Home');
    await expect(grid.getByRole('rowheader', { name: 'lstm' })).toBeFocused();
    await page.keyboard.press('PageDown');
    expect((await focusInfo(page, summary)).row).toBe('dense_5');
    await page.keyboard.press('Control+Home');
    await expect(
      grid.getByRole('columnheader', { name: 'Layer', exact: true })
    ).toBeFocused();
    // Space on a control opens it too, and Tab leaves the table.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    await page.keyboard.press('Space');
    await expect(dialog).toHaveText(/^Parameters of embedding/);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect((await focusInfo(page, summary)).inGrid).toBe(false);
    // None of these keys reached the notebook (no cell moved, added or edited).
    expect(await notebookState(page)).toEqual(before);
    expect(realErrors(errors)).toEqual([]);
  });

  test('keys reach the rows of a large table, built on the way', async ({
    page,
    tmpPath
  }) => {
    const layers = 1000;
    const errors = collectErrors(page);
    const nb = {
      cells: [
        {
          cell_type: 'code',
          execution_count: 1,
          id: 'large',
          metadata: {},
          outputs: [
            {
              data: {
                'text/html': scaled('html', layers),
                'text/plain': ''
              },
              metadata: {},
              output_type: 'display_data'
            }
          ],
          source: ['# Keras 3 ResNet50 display, rows repeated']
        }
      ],
      metadata: {
        kernelspec: {
          display_name: 'Python 3',
          language: 'python',
          name: 'python3'
        }
      },
      nbformat: 4,
      nbformat_minor: 5
    };
    await page.contents.uploadContent(
      JSON.stringify(nb),
      'text',
      `${tmpPath}/large.ipynb`
    );
    await page.notebook.openByPath(`${tmpPath}/large.ipynb`);
    await page.notebook.activate('large.ipynb');
    const view = summaries(outputAt(page, 0));
    const rows = view.locator('tr.jp-KerasSummary-row');
    await expect(rows.first()).toBeVisible();
    // Straight in, while the rows may still be coming.
    await view.locator('[role="grid"] [tabindex="0"]').focus();
    await page.keyboard.press('Control+End');
    await expect(rows).toHaveCount(layers);
    const last = rows.nth(layers - 1);
    await expect(last.locator(':focus')).toHaveCount(1);
    await expect(last).toBeInViewport();
    await page.keyboard.press('PageUp');
    await expect(rows.nth(layers - 11).locator(':focus')).toHaveCount(1);
    await page.keyboard.press('Enter');
    await expect(view.getByRole('dialog')).toBeVisible();
    expect(realErrors(errors)).toEqual([]);
  });
});
