/**
 * Item 5, second half: what the extension adds to JupyterLab's start-up.
 *
 * The same server and browser load /lab again and again, alternating two
 * variants of the page that differ only in its page config (rewritten on
 * the way by a route):
 * - `with`: the extension's entry points at the production build made by
 *   footprint.bench.ts (served from .make/bench/ext by the route), as a
 *   user who pip-installed the package gets it;
 * - `without`: the extension's entry is removed: JupyterLab never fetches
 *   or activates it.
 * Both go through the same route, with warm caches after one load each.
 * The time is from navigation start to `app.restored`. Then the JS one
 * load fetches of the extension before it is restored, gzipped (issue 4's
 * footprint target: the table's own chunk loads with the first summary).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { count, median, Report } from '../report';

const NAME = 'jupyterlab-keras-summary';
const PROD = path.resolve(
  __dirname,
  '..',
  '..',
  '.make',
  'bench',
  'ext',
  'labextension'
);
const RUNS = process.env.BENCH_QUICK ? 3 : 9;

type Variant = 'with' | 'without';

function prodEntry(): string {
  const pkg = JSON.parse(
    fs.readFileSync(path.join(PROD, 'package.json'), 'utf-8')
  );
  return pkg.jupyterlab._build.load;
}

/** The production build's files the page asked for since the last `clear()`. */
const fetched = new Set<string>();

async function route(page: Page, variant: { current: Variant }): Promise<void> {
  const load = prodEntry();
  await page.route(
    url => url.pathname === '/lab' || url.pathname.startsWith('/lab/tree'),
    async r => {
      const response = await r.fetch();
      let body = await response.text();
      body = body.replace(
        /(<script id="jupyter-config-data" type="application\/json">)([\s\S]*?)(<\/script>)/,
        (_, open, json, close) => {
          const config = JSON.parse(json);
          const exts = config.federated_extensions as {
            name: string;
            load: string;
          }[];
          config.federated_extensions =
            variant.current === 'without'
              ? exts.filter(e => e.name !== NAME)
              : exts.map(e => (e.name === NAME ? { ...e, load } : e));
          return open + JSON.stringify(config) + close;
        }
      );
      await r.fulfill({ response, body });
    }
  );
  // The production build's files.
  await page.route(`**/lab/extensions/${NAME}/static/**`, async r => {
    const name = path.basename(new URL(r.request().url()).pathname);
    const file = path.join(PROD, 'static', name);
    fetched.add(name);
    if (!fs.existsSync(file)) {
      await r.fulfill({ status: 404, body: '' });
      return;
    }
    await r.fulfill({
      status: 200,
      contentType: 'application/javascript',
      body: fs.readFileSync(file)
    });
  });
}

/** Load /lab; ms from navigation start to app.restored, and whether the plugin ran. */
async function load(
  page: Page
): Promise<{ restored: number; active: boolean }> {
  await page.goto('/lab');
  const handle = await page.waitForFunction(
    () => (window as any).__benchRestored,
    null,
    {
      timeout: 120000
    }
  );
  const restored = (await handle.jsonValue()) as number;
  const active = await page.evaluate(
    id => (window as any).jupyterapp.isPluginActivated(id),
    `${NAME}:plugin`
  );
  return { restored, active };
}

test('item 5: start-up with and without the extension', async ({ page }) => {
  expect(fs.existsSync(PROD)).toBe(true);
  await page.addInitScript(() => {
    // JupyterLab sets window.jupyterapp (expose_app_in_browser) right after
    // creating the app: catch it and note when it is restored.
    let app: any;
    Object.defineProperty(window, 'jupyterapp', {
      configurable: true,
      get: () => app,
      set: value => {
        app = value;
        value.restored.then(() => {
          (window as any).__benchRestored = performance.now();
        });
      }
    });
  });
  const variant = { current: 'with' as Variant };
  await route(page, variant);
  const times: Record<Variant, number[]> = { with: [], without: [] };
  // One load each to warm the caches, then alternate.
  for (const v of ['with', 'without'] as Variant[]) {
    variant.current = v;
    const r = await load(page);
    expect(r.active).toBe(v === 'with');
  }
  for (let i = 0; i < RUNS; i++) {
    for (const v of (i % 2
      ? ['without', 'with']
      : ['with', 'without']) as Variant[]) {
      variant.current = v;
      const r = await load(page);
      expect(r.active).toBe(v === 'with');
      times[v].push(r.restored);
    }
  }
  // What one load fetches of the extension before it is restored (the
  // route serves every request: routing turns the browser's cache off).
  variant.current = 'with';
  fetched.clear();
  await load(page);
  const atStart = [...fetched].filter(f => f.endsWith('.js')).sort();
  const gzipped = (f: string) =>
    zlib.gzipSync(fs.readFileSync(path.join(PROD, 'static', f))).length;
  const startBytes = atStart.reduce((sum, f) => sum + gzipped(f), 0);
  const allJs = fs
    .readdirSync(path.join(PROD, 'static'))
    .filter(f => f.endsWith('.js'));
  const later = allJs.filter(f => !atStart.includes(f));
  const q = (a: number[], p: number) => {
    const s = [...a].sort((x, y) => x - y);
    return s[
      Math.min(s.length - 1, Math.max(0, Math.round(p * (s.length - 1))))
    ];
  };
  const iqr = (a: number[]) => q(a, 0.75) - q(a, 0.25);
  const added = median(times.with) - median(times.without);
  const noise = Math.max(iqr(times.with), iqr(times.without));
  const report = new Report('startup.json', 'Item 5: start-up');
  report.add({
    item: 5,
    name: 'start-up to app.restored: added by the extension',
    value: `${added >= 0 ? '+' : ''}${added.toFixed(0)} ms`,
    target: 'within noise (≤ IQR)',
    pass: Math.abs(added) <= noise,
    note:
      `with ${median(times.with).toFixed(0)} ms, without ${median(times.without).toFixed(0)} ms ` +
      `(medians of ${count(RUNS)} loads each); IQR ${noise.toFixed(0)} ms`
  });
  report.add({
    item: 5,
    name: 'JS the page loads at start-up, gzipped',
    value: `${(startBytes / 1024).toFixed(1)} KB`,
    target: '≤ 60 KB',
    pass: startBytes <= 60 * 1024,
    note:
      `${atStart.map(f => `${f} ${(gzipped(f) / 1024).toFixed(1)}`).join('; ')}; ` +
      `loaded with the first summary: ${later.map(f => `${f} ${(gzipped(f) / 1024).toFixed(1)}`).join('; ') || 'nothing'}`
  });
  report.note(
    'Same server, browser and warm caches; the variants differ only in the page config ' +
      '(our entry removed, or pointed at the production build). Loads alternate.'
  );
  report.save();
});
