/**
 * One end of the supported JupyterLab range (`make compat-test`): a venv of
 * its own (COMPAT_VENV) with that JupyterLab, or Notebook 7, and the built
 * wheel installed; its server shows the demo notebook in each app of
 * COMPAT_APPS (`lab`, `notebook`).
 */
import { expect, test } from '@playwright/test';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { expectNoneExplained, expectSavedTables, stripAnsi } from './page';

const venv = process.env.COMPAT_VENV ?? '';
// The apps of the venv to check: `lab`, and `notebook` where Notebook 7 is
// installed (one `jupyter lab` server serves both).
const apps = (process.env.COMPAT_APPS ?? 'lab').split(/\s+/).filter(Boolean);
const name = path.basename(venv);

test(`${name}: jupyter labextension list says enabled OK`, () => {
  expect(venv, 'COMPAT_VENV: the venv under test').not.toBe('');
  const run = spawnSync(
    path.join(venv, 'bin', 'jupyter'),
    ['labextension', 'list'],
    { encoding: 'utf-8' }
  );
  const out = stripAnsi(`${run.stdout}${run.stderr}`);
  console.log(out.trim());
  expect(run.status).toBe(0);
  expect(out).toMatch(/^JupyterLab v4\.\d+\.\d+/m);
  expect(out).toMatch(/jupyterlab-keras-summary v\S+ enabled\s+OK/);
  expect(out).not.toMatch(/not compatible/);
  expect(out).not.toMatch(/ X\b/);
});

for (const app of apps) {
  test(`${name}: ${app} shows the demo's summaries and explains a None`, async ({
    page
  }) => {
    await page.goto(
      app === 'notebook' ? 'notebooks/demo.ipynb' : 'lab/tree/demo.ipynb'
    );
    await expectSavedTables(page);
    await expectNoneExplained(page);
  });
}
