/**
 * The demo (`make demo-test`): scripts/demo.sh starts JupyterLab as `make
 * demo` does, on a fresh working copy (DEMO_DIR), with the venv's kernel
 * that has Keras. Running everything and saving must leave the repository's
 * demo/demo.ipynb as it is.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { cells, DEMO, demoCells, REPO, summaries } from './page';

const sha = (file: string) =>
  createHash('sha256').update(fs.readFileSync(file)).digest('hex');

interface SavedCell {
  id: string;
  execution_count?: number | null;
  outputs?: { output_type: string; ename?: string; evalue?: string }[];
}

/** Run a JupyterLab command in the page and wait for it to finish. */
async function run(page: Page, command: string): Promise<unknown> {
  return page.evaluate(
    id => (window as any).jupyterapp.commands.execute(id),
    command
  );
}

/** The notebook shown, as its model holds it now. */
async function shownCells(page: Page): Promise<SavedCell[]> {
  return page.evaluate(
    () =>
      (window as any).jupyterapp.shell.currentWidget.content.model.toJSON()
        .cells
  );
}

test('the demo runs its live cells in a Keras kernel; running and saving leave demo/demo.ipynb unchanged', async ({
  page
}) => {
  test.setTimeout(600000);
  const before = sha(DEMO);
  const copy = path.join(process.env.DEMO_DIR ?? '', 'demo.ipynb');
  // The server shows a fresh copy of the repository's notebook.
  expect(sha(copy)).toBe(before);

  await page.goto('lab/tree/demo.ipynb');
  const all = demoCells();
  await expect(cells(page)).toHaveCount(all.length);
  await page.waitForFunction(
    () =>
      (window as any).jupyterapp.shell.currentWidget?.sessionContext?.session
        ?.kernel?.status === 'idle',
    null,
    { timeout: 180000 }
  );

  // Run All, as a user would: it re-runs the saved examples in the copy and
  // stops at the first that needs what the demo kernel lacks (tf-keras).
  await run(page, 'notebook:run-all-cells');
  // Then every live cell, from the first one down.
  const firstLive = all.findIndex(c => c.id.startsWith('live-'));
  expect(firstLive).toBeGreaterThan(0);
  await page.evaluate(index => {
    (window as any).jupyterapp.shell.currentWidget.content.activeCellIndex =
      index;
  }, firstLive);
  await run(page, 'notebook:run-all-below');

  const now = await shownCells(page);
  const live = now.filter(c => c.id.startsWith('live-'));
  expect(live.length).toBeGreaterThanOrEqual(3);
  for (const cell of live) {
    const errors = (cell.outputs ?? []).filter(o => o.output_type === 'error');
    expect(
      errors,
      `${cell.id}: ${errors.map(e => `${e.ename}: ${e.evalue}`)}`
    ).toEqual([]);
    expect(cell.execution_count, `${cell.id} ran`).toEqual(expect.any(Number));
  }
  // The live models' summaries show as tables; with the companion loaded
  // by the first live cell, model.summary() sends the exact one (one
  // output), while print_fn=print still prints Keras's text.
  for (const id of ['live-sequential', 'live-functional']) {
    const index = all.findIndex(c => c.id === id);
    await expect(
      summaries(cells(page).nth(index).locator('.jp-Cell-outputArea'))
    ).toHaveCount(1);
  }
  const sequential = cells(page)
    .nth(all.findIndex(c => c.id === 'live-sequential'))
    .locator('.jp-Cell-outputArea');
  await expect(sequential.locator('.jp-KerasSummary-source')).toContainText(
    'Exact, from the kernel'
  );
  await expect(sequential.locator('.jp-OutputArea-child')).toHaveCount(1);

  // Saving writes the working copy, never the repository's notebook.
  await run(page, 'docmanager:save');
  await expect.poll(() => sha(copy), { timeout: 30000 }).not.toBe(before);
  const saved: SavedCell[] = JSON.parse(fs.readFileSync(copy, 'utf-8')).cells;
  expect(
    saved
      .filter(c => c.id.startsWith('live-'))
      .every(c => typeof c.execution_count === 'number')
  ).toBe(true);
  // Run All did replace a saved example there: the tf.keras cell failed in
  // this kernel (no tf-keras), where the repository keeps its table.
  const tfkeras = (cells: SavedCell[]) =>
    cells.find(c => c.id === 'saved-tfkeras2-text')?.outputs ?? [];
  expect(tfkeras(saved).map(o => o.output_type)).toContain('error');
  expect(tfkeras(all as SavedCell[]).map(o => o.output_type)).toEqual([
    'stream'
  ]);
  expect(sha(DEMO)).toBe(before);
  // And the repository's notebook is still what scripts/build_demo.py makes.
  execFileSync('python3', [
    path.join(REPO, 'scripts', 'build_demo.py'),
    '--check'
  ]);
});
