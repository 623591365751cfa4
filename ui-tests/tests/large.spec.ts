/**
 * Large summaries in real Chromium: a 1,000-layer table is laid out in
 * blocks of grid rows (src/render/blocks.ts), filled chunk by chunk, with
 * column widths computed from the cells' text. Checked here where only a
 * browser can: every row ends up in the DOM and in the accessibility tree,
 * columns line up across blocks, no cell's text needs more room than its
 * column has (nor gets much more), and a row far down works with the
 * keyboard. The inputs are the captured ResNet50 outputs (tf.keras 2 on
 * stdout, Keras 3's rich HTML) with their rows repeated, as `make bench`
 * uses them.
 */
import { expect, test } from '@jupyterlab/galata';
import type { Page } from '@playwright/test';
import { scaled } from '../../bench/scale';
import { collectErrors, outputAt, realErrors, summaries } from './helpers';

const LAYERS = 1000;
const NOTEBOOK = 'large.ipynb';

function notebookJson(): string {
  const cell = (source: string, outputs: unknown[]) => ({
    cell_type: 'code',
    execution_count: 1,
    id: source.replace(/\W+/g, '-').slice(2, 20),
    metadata: {},
    outputs,
    source: [source]
  });
  return JSON.stringify({
    cells: [
      cell('# tf.keras 2 ResNet50, rows repeated', [
        {
          name: 'stdout',
          output_type: 'stream',
          text: scaled('ascii', LAYERS)
        }
      ]),
      cell('# Keras 3 ResNet50 display, rows repeated', [
        {
          data: { 'text/html': scaled('html', LAYERS), 'text/plain': '' },
          metadata: {},
          output_type: 'display_data'
        }
      ])
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
  });
}

/**
 * Every cell of the table at `index`, laid out on one line in a test-only
 * style: cells whose text needs more room
 * than their column gives, cells out of line with their column's header,
 * and per column the room left over beside its widest text (px).
 */
async function measure(page: Page, index: number) {
  return page.evaluate(i => {
    const table = document.querySelectorAll<HTMLTableElement>(
      '.jp-KerasSummary-table'
    )[i];
    const style = document.createElement('style');
    style.textContent = `
      .jp-KerasSummary-blocks .jp-KerasSummary-cell,
      .jp-KerasSummary-blocks .jp-KerasSummary-head {
        white-space: nowrap !important; overflow: hidden !important;
      }`;
    document.head.appendChild(style);
    try {
      const heads = Array.from(table.tHead!.rows[0].cells);
      const lefts = heads.map(h => h.getBoundingClientRect().left);
      const spare = heads.map(() => Infinity);
      const tooNarrow: string[] = [];
      const misaligned: string[] = [];
      const range = document.createRange();
      const rows = Array.from(
        table.querySelectorAll<HTMLTableRowElement>('tr.jp-KerasSummary-row')
      );
      for (const row of [table.tHead!.rows[0], ...rows]) {
        Array.from(row.cells).forEach((cell, k) => {
          const label = `row ${row.getAttribute('data-row')} column ${k}`;
          if (cell.scrollWidth > cell.clientWidth + 1) {
            tooNarrow.push(
              `${label}: ${cell.scrollWidth} > ${cell.clientWidth}`
            );
          }
          if (Math.abs(cell.getBoundingClientRect().left - lefts[k]) > 0.5) {
            misaligned.push(label);
          }
          const css = getComputedStyle(cell);
          range.selectNodeContents(cell);
          const text = range.getBoundingClientRect().width;
          const room =
            cell.clientWidth -
            parseFloat(css.paddingLeft) -
            parseFloat(css.paddingRight);
          spare[k] = Math.min(spare[k], room - text);
        });
      }
      return {
        rows: rows.length,
        blocks: table.tBodies.length,
        tooNarrow,
        misaligned,
        spare,
        charWidth: (() => {
          const probe = document.createElement('span');
          probe.textContent = '0'.repeat(100);
          table.rows[1].cells[0].appendChild(probe);
          const w = probe.getBoundingClientRect().width / 100;
          probe.remove();
          return w;
        })()
      };
    } finally {
      style.remove();
    }
  }, index);
}

test.describe('large summaries', () => {
  test.beforeEach(async ({ page, tmpPath }) => {
    await page.contents.uploadContent(
      notebookJson(),
      'text',
      `${tmpPath}/${NOTEBOOK}`
    );
    await page.notebook.openByPath(`${tmpPath}/${NOTEBOOK}`);
    await page.notebook.activate(NOTEBOOK);
  });

  test('1,000 layers: every row in the DOM, columns in line, no text cut or squeezed', async ({
    page
  }) => {
    const errors = collectErrors(page);
    for (const index of [0, 1]) {
      const view = summaries(outputAt(page, index));
      await expect(view).toHaveCount(1);
      await expect(view.locator('tr.jp-KerasSummary-row')).toHaveCount(LAYERS, {
        timeout: 60000
      });
      const m = await measure(page, index);
      expect(m.rows).toBe(LAYERS);
      expect(m.blocks).toBeGreaterThan(10);
      expect(m.tooNarrow).toEqual([]);
      expect(m.misaligned).toEqual([]);
      // Every column fits its widest text with at most a few characters to spare.
      for (const spare of m.spare) {
        expect(spare).toBeGreaterThanOrEqual(-0.5);
        expect(spare).toBeLessThanOrEqual(3 * m.charWidth);
      }
    }
    expect(realErrors(errors)).toEqual([]);
  });

  test('1,000 layers: every row reaches the accessibility tree, and one far down works from the keyboard', async ({
    page
  }) => {
    const view = summaries(outputAt(page, 0));
    const rows = view.locator('tr.jp-KerasSummary-row');
    await expect(rows).toHaveCount(LAYERS, { timeout: 60000 });
    // Chromium's own accessibility tree, as a screen reader gets it.
    const cdp = await page.context().newCDPSession(page.mainFrame().page());
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const axHeaders: string[] = nodes
      .filter((n: any) => n.role?.value === 'rowheader')
      .map((n: any) => String(n.name?.value ?? '').trim());
    const names = new Set(axHeaders);
    const last = rows.nth(LAYERS - 1);
    // Every row header of the table (names repeat: compared as sets). The
    // second output, off screen, is left out by JupyterLab's own notebook
    // windowing, so only this table is counted.
    const headers = await rows
      .locator('th')
      .evaluateAll(cells => cells.map(c => (c.textContent ?? '').trim()));
    expect(headers).toHaveLength(LAYERS);
    expect(headers.filter(name => !names.has(name))).toEqual([]);
    // Names repeat (the real rows, repeated): count them too.
    const ours = new Set(headers);
    expect(axHeaders.filter(name => ours.has(name)).length).toBe(LAYERS);
    const rowCount = nodes.filter((n: any) => n.role?.value === 'row').length;
    expect(rowCount).toBeGreaterThanOrEqual(LAYERS + 1);

    // The last row's batch None: focus, Enter, an explanation on screen.
    const none = last.getByRole('button', { name: 'None' }).first();
    await none.focus();
    await page.keyboard.press('Enter');
    const dialog = view.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('batch');
    await expect(dialog).toBeInViewport();
  });
});
