/**
 * Hostile notebooks, as a user meets them: notebooks from anywhere, opened untrusted.
 * Real Keras names holding HTML and event handlers (fixtures/*-hostile.ipynb)
 * and hand-written names Keras refuses (fixtures/handwritten/) show as text;
 * no payload runs (each would set window.__ksPwned or open an alert); the
 * copy holds what Keras printed; saving leaves the file as it was.
 */
import { expect, test } from '@jupyterlab/galata';
import type { Page } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';
import {
  FIXTURES,
  fixtureCellIndex,
  KNOWN_ERRORS,
  openFixture,
  outputAt,
  readFixture,
  summaries
} from './helpers';

const K3 = 'keras3-hostile.ipynb';
const TF = 'tfkeras2-hostile.ipynb';

interface Watch {
  errors: string[];
  dialogs: string[];
}

/** Console errors, page errors and JavaScript dialogs while the test runs. */
function watch(page: Page): Watch {
  const w: Watch = { errors: [], dialogs: [] };
  page.on('console', message => {
    // The foreign HTML's <img src=x>, kept (without its handler) by
    // JupyterLab's sanitizer, asks the server for "x".
    const expected404 =
      message.text().startsWith('Failed to load resource') &&
      /\/x(\?|$)/.test(message.location().url);
    if (
      message.type() === 'error' &&
      !expected404 &&
      !KNOWN_ERRORS.some(k => message.text().includes(k))
    ) {
      w.errors.push(`${message.text()} (${message.location().url})`);
    }
  });
  page.on('pageerror', error => w.errors.push(error.message));
  page.on('dialog', dialog => {
    w.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return w;
}

/** No payload ran: the flag every payload sets is unset, no alert opened. */
async function expectNothingRan(page: Page, w: Watch): Promise<void> {
  expect(await page.evaluate(() => (window as any).__ksPwned)).toBeUndefined();
  expect(w.dialogs).toEqual([]);
  expect(w.errors).toEqual([]);
}

/** Whether any cell of the notebook shown is trusted. */
async function anyTrusted(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const panel = (window as any).jupyterapp.shell.currentWidget;
    return Array.from(panel.content.model.cells).some((c: any) => c.trusted);
  });
}

/** Elements a name could smuggle into an output. */
const INJECTED = 'img, script, iframe, style, svg, object, embed, b';

const stripAnsi = (s: string) => s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');

test.describe('hostile notebooks', () => {
  test('real Keras names holding HTML show as text and run nothing, untrusted and trusted', async ({
    page,
    tmpPath
  }) => {
    const w = watch(page);
    const nb = readFixture(K3);
    // Trusting signs the notebook into the server's signature database,
    // which outlives the server: a mark of this run keeps it unknown there.
    const copy = {
      ...nb,
      metadata: {
        ...nb.metadata,
        hostile_run: `${Date.now()}-${Math.random()}`
      }
    };
    await page.contents.uploadContent(
      JSON.stringify(copy),
      'text',
      `${tmpPath}/${K3}`
    );
    await page.notebook.openByPath(`${tmpPath}/${K3}`);
    await page.notebook.activate(K3);
    expect(await anyTrusted(page)).toBe(false);

    for (const trusted of [false, true]) {
      if (trusted) {
        await page.notebook.trust();
        expect(await anyTrusted(page)).toBe(true);
      }
      const counts: [string, number][] = [
        ['html_names', 1],
        ['quotes_entities', 1],
        ['unicode_names', 1],
        ['parser_names', 1],
        ['connected_names', 1],
        ['long_names', 1],
        ['print_all', 6]
      ];
      for (const [id, n] of counts) {
        await expect(
          summaries(outputAt(page, fixtureCellIndex(nb, id)))
        ).toHaveCount(n);
      }
      const html = summaries(
        outputAt(page, fixtureCellIndex(nb, 'html_names'))
      );
      await html.scrollIntoViewIfNeeded();
      await expect(html).toBeVisible();
      // The names as Keras printed them (cut by rich at 31 characters).
      for (const name of [
        '<b onmouseover="window.__ksPwned=6">evil',
        '<img src=x onerror="window.__ksPwned=1;al…',
        '<script>window.__ksPwned=2;ale…',
        '<svg onload="window.__ksPwned=3">',
        '<iframe srcdoc="&lt;script&gt;parent._…',
        '<style>.jp-KerasSummary{displa…'
      ]) {
        await expect(html).toContainText(name);
      }
      await expect(
        summaries(outputAt(page, fixtureCellIndex(nb, 'quotes_entities')))
      ).toContainText('&lt;b&gt;&amp;&#60;x&#x3E;');
      await expect(
        summaries(outputAt(page, fixtureCellIndex(nb, 'unicode_names')))
      ).toContainText('rtl\u202egnp.exe');
      await expect(
        page.locator('.jp-Notebook .jp-OutputArea-output').locator(INJECTED)
      ).toHaveCount(0);

      // An explanation opened on a hostile row names the layer as text.
      const row = html.getByRole('row').filter({ hasText: '<img src=x' });
      await row.getByRole('button', { name: 'None', exact: true }).click();
      const dialog = html.getByRole('dialog');
      await expect(dialog).toHaveCount(1);
      await expect(dialog).toContainText('<img src=x');
      await page.keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);
      await expectNothingRan(page, w);
    }
  });

  test('tf.keras 2 model names with closing tags and 10,000-character names show as text', async ({
    page,
    tmpPath
  }) => {
    const w = watch(page);
    await openFixture(page, tmpPath, TF);
    const nb = readFixture(TF);
    const models = summaries(
      outputAt(page, fixtureCellIndex(nb, 'model_names'))
    );
    await expect(models).toHaveCount(4);
    await expect(models.nth(1)).toContainText(
      '</pre><script>window.__ksPwned=12;alert(12)</script>'
    );
    await expect(models.first()).toContainText(
      '<img src=x onerror="window.__ksPwned=11;alert(11)">'
    );
    const long = summaries(outputAt(page, fixtureCellIndex(nb, 'long_names')));
    await expect(long).toHaveCount(1);
    await expect(long.getByRole('rowheader')).toHaveText('x'.repeat(10000));
    await expect(
      page.locator('.jp-Notebook .jp-OutputArea-output').locator(INJECTED)
    ).toHaveCount(0);
    await expectNothingRan(page, w);
  });

  test('hand-written names Keras refuses, and foreign HTML, render safely untrusted', async ({
    page,
    tmpPath
  }) => {
    const w = watch(page);
    // HAND-WRITTEN (fixtures/handwritten/README.md): names holding "/".
    const text = fs.readFileSync(
      path.join(FIXTURES, 'handwritten', 'keras3-hostile-slash.txt'),
      'utf-8'
    );
    const escape = (s: string) =>
      s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const pre =
      "<pre style=\"white-space:pre;overflow-x:auto;line-height:normal;font-family:Menlo,'DejaVu Sans Mono',consolas,'Courier New',monospace\">";
    const lines = text.replace(/\n+$/, '\n').split(/(?<=\n)/);
    const tableEnd = lines.findIndex(l => l.startsWith('└')) + 1;
    const pieces = [
      lines[0],
      lines.slice(1, tableEnd).join(''),
      ...lines.slice(tableEnd)
    ];
    const display = pieces.map(p => ({
      output_type: 'display_data',
      data: { 'text/html': `${pre}${escape(p)}</pre>\n`, 'text/plain': p },
      metadata: {}
    }));
    const foreign = [
      // Not rich's: sanitized by JupyterLab (untrusted), with or without us.
      '<pre>Model: "x"</pre><img src=x onerror="window.__ksPwned=30;alert(30)">',
      `${pre}┏━━┓ Total params: 1\n<img src=x onerror="window.__ksPwned=31">\n</pre>\n`,
      '<script>window.__ksPwned=32;alert(32)</script><pre>Layer (type)</pre>'
    ].map(h => ({
      output_type: 'display_data',
      data: { 'text/html': h, 'text/plain': 'x' },
      metadata: {}
    }));
    const code = (id: string, outputs: unknown[]) => ({
      cell_type: 'code',
      execution_count: null,
      id,
      metadata: {},
      source: `# fixture: ${id}\n`,
      outputs
    });
    const notebook = {
      cells: [
        code('display', display),
        code('stream', [{ output_type: 'stream', name: 'stdout', text }]),
        code('foreign', foreign)
      ],
      // A kernelspec, or JupyterLab asks for a kernel in a dialog.
      metadata: {
        kernelspec: {
          name: 'python3',
          display_name: 'Python 3 (ipykernel)',
          language: 'python'
        }
      },
      nbformat: 4,
      nbformat_minor: 5
    };
    const file = 'hostile-slash.ipynb';
    await page.contents.uploadContent(
      JSON.stringify(notebook),
      'text',
      `${tmpPath}/${file}`
    );
    await page.notebook.openByPath(`${tmpPath}/${file}`);
    await page.notebook.activate(file);
    expect(await anyTrusted(page)).toBe(false);

    for (const index of [0, 1]) {
      const summary = summaries(outputAt(page, index));
      await expect(summary).toHaveCount(1);
      for (const name of [
        '</pre><script>window.__ksPwned=20;alert(20)</script>',
        '</pre><b>x</b>',
        '<script>__ksPwned=21</script>',
        '</span></pre><img src=x onerror=alert(22)>'
      ]) {
        await expect(summary).toContainText(name);
      }
    }
    // Heading and totals folded into the view: one output shows.
    await expect(
      outputAt(page, 0).locator('.jp-OutputArea-child:visible')
    ).toHaveCount(1);
    // Foreign HTML is JupyterLab's business: three outputs, no table.
    await expect(summaries(outputAt(page, 2))).toHaveCount(0);
    await expect(outputAt(page, 2).locator('.jp-OutputArea-child')).toHaveCount(
      3
    );
    await expect(
      page.locator('.jp-Notebook .jp-OutputArea-output').locator('script')
    ).toHaveCount(0);
    await expect(
      page.locator('.jp-Notebook .jp-OutputArea-output [onerror]')
    ).toHaveCount(0);
    await expectNothingRan(page, w);
  });

  test('after viewing, toggling, explaining and copying, saving leaves the file byte-identical', async ({
    page,
    tmpPath
  }) => {
    const w = watch(page);
    await page
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write']);
    await openFixture(page, tmpPath, K3);
    const nb = readFixture(K3);

    // The display outputs: the copy is their text/plain, ANSI codes removed.
    const htmlCell = fixtureCellIndex(nb, 'html_names');
    const printedDisplay = nb.cells[htmlCell].outputs
      .map((o: any) => stripAnsi([o.data['text/plain']].flat().join('')))
      .join('');
    const html = summaries(outputAt(page, htmlCell));
    await html
      .getByRole('button', { name: 'None', exact: true })
      .first()
      .click();
    await page.keyboard.press('Escape');
    await html.getByRole('button', { name: 'Show original text' }).click();
    await expect(html.locator('.jp-RenderedHTMLCommon pre')).toHaveCount(5);
    await html.getByRole('button', { name: 'Show table' }).click();
    await html.getByRole('button', { name: 'Copy original text' }).click();
    await expect(html).toContainText('Copied the original text.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      printedDisplay
    );

    // A print_fn=print stream: what Keras handed print(), without its newline.
    const allCell = fixtureCellIndex(nb, 'print_all');
    const firstStream = nb.cells[allCell].outputs.find(
      (o: any) => o.output_type === 'stream'
    );
    const printedStream = stripAnsi([firstStream.text].flat().join('')).slice(
      0,
      -1
    );
    const first = summaries(outputAt(page, allCell)).first();
    await first.scrollIntoViewIfNeeded();
    await first.getByRole('button', { name: 'Copy original text' }).click();
    await expect(first).toContainText('Copied the original text.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      printedStream
    );

    // Save with nothing edited, then read the file back as bytes.
    await page.notebook.save();
    const response = await page.request.get(
      `/api/contents/${tmpPath}/${K3}?type=file&format=text&content=1`
    );
    expect(response.ok()).toBe(true);
    const saved = (await response.json()).content as string;
    const original = fs.readFileSync(path.join(FIXTURES, K3), 'utf-8');
    const savedNb = JSON.parse(saved);
    expect(savedNb.cells.length).toBe(nb.cells.length);
    savedNb.cells.forEach((c: { outputs?: unknown[] }, i: number) => {
      expect(JSON.stringify(c.outputs ?? null)).toBe(
        JSON.stringify(nb.cells[i].outputs ?? null)
      );
    });
    expect(saved).toBe(original);
    await expectNothingRan(page, w);
  });
});
