/**
 * What the Galata specs share: the fixtures and the demo notebook, the
 * browser errors that are not ours, and where a fixture cell's output and
 * its interactive summaries are in the notebook shown. Not a spec file
 * (Playwright runs only *.spec.ts / *.test.ts): nothing here is a test.
 */
import { expect } from '@jupyterlab/galata';
import type { IJupyterLabPageFixture } from '@jupyterlab/galata';
import type { Locator, Page } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';

export const REPO = path.resolve(__dirname, '..', '..');
export const FIXTURES = path.join(REPO, 'fixtures');
export const DEMO = path.join(REPO, 'demo', 'demo.ipynb');

/**
 * Errors Notebook 7.6 logs by itself, with or without this extension: its
 * shortcuts plugin while loading settings, and its notebook page asking for a
 * file browser command that page does not have.
 */
export const KNOWN_ERRORS = [
  "Cannot read properties of undefined (reading 'schema')",
  "Command 'filebrowser:open-path' not registered."
];

/** Errors the browser reports while the test runs. */
export function collectErrors(page: Pick<Page, 'on'>): string[] {
  const errors: string[] = [];
  page.on('console', message => {
    if (message.type() === 'error') {
      errors.push(`${message.text()} (${message.location().url})`);
    }
  });
  page.on('pageerror', error => errors.push(error.message));
  return errors;
}

/** The errors that are not in KNOWN_ERRORS. */
export function realErrors(errors: string[]): string[] {
  return errors.filter(e => !KNOWN_ERRORS.some(k => e.includes(k)));
}

/** A fixture notebook's JSON, as on disk. */
export function readFixture(file: string): any {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf-8'));
}

/** Index of the cell of `nb` whose source starts with `# fixture: <id>`. */
export function fixtureCellIndex(nb: any, id: string, where = ''): number {
  const index = nb.cells.findIndex((c: { source: string | string[] }) =>
    [c.source].flat().join('').startsWith(`# fixture: ${id}\n`)
  );
  if (index < 0) {
    throw new Error(`no cell ${id}${where ? ` in ${where}` : ''}`);
  }
  return index;
}

/** Index of the cell of fixture `file` whose source starts with `# fixture: <id>`. */
export function cellIndex(file: string, id: string): number {
  return fixtureCellIndex(readFixture(file), id, file);
}

/** Copy fixture `file` to the server, under `tmpPath`. */
export async function uploadFixture(
  page: IJupyterLabPageFixture,
  tmpPath: string,
  file: string
): Promise<void> {
  await page.contents.uploadFile(
    path.join(FIXTURES, file),
    `${tmpPath}/${file}`
  );
}

/** Upload fixture `file` and show it in JupyterLab. */
export async function openFixture(
  page: IJupyterLabPageFixture,
  tmpPath: string,
  file: string
): Promise<void> {
  await uploadFixture(page, tmpPath, file);
  await page.notebook.openByPath(`${tmpPath}/${file}`);
  await page.notebook.activate(file);
}

/** Cell `index` of the notebook shown. */
export function cellAt(page: Pick<Page, 'locator'>, index: number): Locator {
  return page
    .locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell')
    .nth(index);
}

/** The output area of cell `index` in the notebook shown. */
export function outputAt(page: Pick<Page, 'locator'>, index: number): Locator {
  return cellAt(page, index).locator('.jp-Cell-outputArea');
}

/** The output area of a fixture cell in the notebook shown. */
export function outputOf(
  page: Pick<Page, 'locator'>,
  file: string,
  id: string
): Locator {
  return outputAt(page, cellIndex(file, id));
}

/** The interactive summaries inside a locator. */
export function summaries(scope: Locator): Locator {
  return scope.getByRole('group', { name: /Keras model summary/ });
}

/** The interactive summary (or summaries) of a fixture cell. */
export function summaryOf(
  page: Pick<Page, 'locator'>,
  file: string,
  id: string
): Locator {
  return summaries(outputOf(page, file, id));
}

/** The themes every look is checked in. */
export const THEMES = ['light', 'dark', 'high contrast'] as const;
export type Theme = (typeof THEMES)[number];

/** Switch JupyterLab to `theme` (light is the default). */
export async function setTheme(
  page: IJupyterLabPageFixture,
  theme: Theme
): Promise<void> {
  if (theme === 'dark') {
    await page.theme.setDarkTheme();
  } else if (theme === 'high contrast') {
    await page.theme.setDarkHighContrastTheme();
  }
}

/** Let hover and focus effects settle, with the mouse out of the way. */
export async function settle(
  page: Pick<Page, 'mouse' | 'waitForTimeout'>
): Promise<void> {
  await page.mouse.move(0, 0);
  await page.waitForTimeout(300);
}

/**
 * The WCAG contrast ratio of an element's text against the background it
 * is drawn on (the first ancestor with an opaque enough background).
 */
export async function contrast(target: Locator): Promise<number> {
  return target.evaluate(el => {
    const rgba = (s: string) => {
      const m = s.match(/[\d.]+/g) ?? ['0', '0', '0', '0'];
      return m.map(Number).concat([1]).slice(0, 4);
    };
    const lum = ([r, g, b]: number[]) => {
      const f = (c: number) => {
        const v = c / 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    let node: Element | null = el;
    let bg = [255, 255, 255, 1];
    while (node) {
      const c = rgba(getComputedStyle(node).backgroundColor);
      if (c[3] > 0.5) {
        bg = c;
        break;
      }
      node = node.parentElement;
    }
    const fg = rgba(getComputedStyle(el).color);
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05);
  });
}

/** Press Tab until `target` has the focus (at most `limit` times). */
export async function tabTo(
  page: Page,
  target: Locator,
  limit = 40
): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate(el => el === document.activeElement)) {
      return;
    }
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

/**
 * Reach `target`, a control or cell of a summary's table, by keys as a user
 * does: Tab until the focus is in the table (its one tab stop, wherever it
 * was left), Ctrl+Home to its start, then along each row with → and down
 * with ↓ (Home at the start of each row).
 */
export async function gridTo(
  page: Page,
  target: Locator,
  limit = 400
): Promise<void> {
  const isTarget = () => target.evaluate(el => el === document.activeElement);
  const inGrid = () =>
    page.evaluate(
      () => document.activeElement?.closest('[role="grid"]') !== null
    );
  for (let i = 0; i < 40 && !(await inGrid()); i++) {
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < limit; i++) {
    if (await isTarget()) {
      return;
    }
    const before = await page.evaluateHandle(() => document.activeElement);
    await page.keyboard.press('ArrowRight');
    const moved = await page.evaluate(
      el => el !== document.activeElement,
      before
    );
    if (!moved) {
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Home');
    }
  }
  await expect(target).toBeFocused();
}

/**
 * Notebook state that a stray command-mode shortcut would change (`1` makes
 * a heading, `a`/`b` add cells, Enter edits), read from the model: the DOM
 * holds only the cells scrolled into view.
 */
export async function notebookState(page: Page) {
  return page.evaluate(() => {
    const app = (window as any).jupyterapp;
    const notebook = app.shell.currentWidget.content;
    const cells = notebook.model.cells;
    const types: string[] = [];
    for (let i = 0; i < cells.length; i++) {
      types.push(cells.get(i).type);
    }
    return { count: cells.length, types, mode: notebook.mode };
  });
}
