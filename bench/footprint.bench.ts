/**
 * Item 5, first half: the size of the production labextension's JS, as a
 * server sends it (gzip), all files (the start-up bench measures what a
 * page loads at start-up, against the target). The production build is made in a staging copy of
 * the package (.make/bench/ext: package.json with its own outputDir, links
 * to lib/, style/, schema/ and node_modules/), so the development build that
 * JupyterLab serves from jupyterlab_keras_summary/labextension is left as
 * it is. The start-up bench serves this production build to the browser.
 *
 * Run: `make bench` (bundled by esbuild into .make/bench/footprint.bench.js).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { Report } from './report';
import { ROOT } from './scale';

const stage = path.join(ROOT, '.make', 'bench', 'ext');

function prepareStage(): void {
  fs.mkdirSync(stage, { recursive: true });
  for (const name of ['lib', 'style', 'schema', 'node_modules']) {
    const link = path.join(stage, name);
    if (!fs.existsSync(link)) {
      fs.symlinkSync(path.join(ROOT, name), link);
    }
  }
  const pkg = JSON.parse(
    fs.readFileSync(path.join(ROOT, 'package.json'), 'utf-8')
  );
  pkg.jupyterlab.outputDir = 'labextension';
  fs.writeFileSync(
    path.join(stage, 'package.json'),
    JSON.stringify(pkg, null, 2)
  );
}

const report = new Report('footprint.json', 'Item 5: footprint');
prepareStage();
const builder = path.join(ROOT, '.venv', 'bin', 'jupyter-builder');
execFileSync(builder, ['build', stage], { stdio: 'ignore' });
const staticDir = path.join(stage, 'labextension', 'static');
const files = fs
  .readdirSync(staticDir)
  .filter(f => f.endsWith('.js'))
  .sort();
let raw = 0;
let gz = 0;
let gz9 = 0;
const parts: string[] = [];
for (const f of files) {
  const data = fs.readFileSync(path.join(staticDir, f));
  const size = zlib.gzipSync(data).length;
  raw += data.length;
  gz += size;
  gz9 += zlib.gzipSync(data, { level: 9 }).length;
  parts.push(`${f} ${(size / 1024).toFixed(1)}`);
}
report.add({
  item: 5,
  name: 'production labextension JS, all files, gzipped',
  value: `${(gz / 1024).toFixed(1)} KB`,
  // The target is on what start-up loads (bench/browser/startup.bench.ts):
  // the table's chunk loads with the first summary.
  target: '',
  pass: null,
  note: `${files.length} files, ${(raw / 1024).toFixed(1)} KB before gzip, ${(gz9 / 1024).toFixed(1)} KB at gzip -9`
});
report.note(
  `Files (KB gzipped, level 6 as servers send): ${parts.join('; ')}.`
);
report.note(
  'Start-up loads the remote entry, the plugin module and its styles; the table view (the ' +
    'render layer and the analysis under it) is a chunk of its own, loaded with the first ' +
    'summary: "Item 5: start-up" gives what a page loads, against the 60 KB target.'
);
report.save();
