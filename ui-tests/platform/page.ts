/**
 * What the platform tests look for in a page (JupyterLab, Notebook 7 or
 * JupyterLite), by role as a user meets it: the summaries, a None control
 * and its explanation. Plain Playwright: no Galata.
 */
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';

export const REPO = path.resolve(__dirname, '..', '..');
export const DEMO = path.join(REPO, 'demo', 'demo.ipynb');

interface DemoCell {
  id: string;
  cell_type: string;
  outputs?: { output_type: string }[];
}

/** The demo notebook's cells, as the repository holds them. */
export function demoCells(file = DEMO): DemoCell[] {
  return JSON.parse(fs.readFileSync(file, 'utf-8')).cells;
}

/** Indexes of the demo's cells with saved summaries (ids `saved-…`). */
export function savedCellIndexes(): number[] {
  return demoCells()
    .map((c, i) => (c.id.startsWith('saved-') ? i : -1))
    .filter(i => i >= 0);
}

/** The cells of the notebook shown. */
export function cells(page: Page): Locator {
  return page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell');
}

/** The interactive summaries inside a locator. */
export function summaries(scope: Locator): Locator {
  return scope.getByRole('group', { name: /Keras model summary/ });
}

/**
 * Every saved summary of the demo shows as one table in its cell. The
 * notebook must be open in the page.
 */
export async function expectSavedTables(page: Page): Promise<void> {
  const saved = savedCellIndexes();
  expect(saved.length).toBeGreaterThan(5);
  await expect(cells(page)).toHaveCount(demoCells().length);
  for (const index of saved) {
    const output = cells(page).nth(index).locator('.jp-Cell-outputArea');
    await expect(summaries(output)).toHaveCount(1);
    await expect(summaries(output).getByRole('grid')).toBeVisible();
  }
}

/** Open the first None of the first summary and check what it says. */
export async function expectNoneExplained(page: Page): Promise<void> {
  const summary = summaries(page.locator('.jp-Cell-outputArea')).first();
  await summary.scrollIntoViewIfNeeded();
  await summary
    .getByRole('button', { name: 'None', exact: true })
    .first()
    .click();
  await expect(summary.getByRole('dialog')).toHaveText(/^Batch dimension/);
}

/** Text without ANSI colour codes (`jupyter labextension list` colours). */
export const stripAnsi = (s: string): string =>
  s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
