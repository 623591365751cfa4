/**
 * JupyterLite (`make lite-test`): a site built by `jupyter lite build` with
 * the extension's wheel and the demo notebook, served as static files. The
 * Pyodide kernel cannot start offline; the saved outputs are what is read:
 * Lite hands their data over as lists of lines.
 */
import { expect, test } from '@playwright/test';
import { execFileSync } from 'child_process';
import * as path from 'path';
import { expectNoneExplained, expectSavedTables, REPO } from './page';

test('JupyterLite shows every saved summary of the demo as a table, and a None explains itself', async ({
  page
}) => {
  await page.goto('lab/index.html?path=demo.ipynb');
  await expectSavedTables(page);
  await expectNoneExplained(page);
});

test('the JupyterLab that the JupyterLite site ships is inside the declared range', () => {
  const site = process.env.LITE_SITE;
  expect(site, 'LITE_SITE: the built site').toBeTruthy();
  // Exits 1 (and execFileSync throws) when a range does not hold.
  const out = execFileSync(
    path.join(REPO, '.venv', 'bin', 'python'),
    [path.join(REPO, 'scripts', 'check_lite_versions.py'), site!],
    { encoding: 'utf-8' }
  );
  console.log(out.trim());
  expect(out).toMatch(/ships JupyterLab 4\.\d+\.\d+ .*: inside /);
  expect(out).toMatch(/shared packages checked, all overlap/);
});
