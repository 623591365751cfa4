/**
 * Every captured cell, rendered the way a notebook renders it (a real
 * OutputArea with the wrapped registry): as many views as Keras printed
 * summaries, nothing else visible but the text printed around them, and
 * the outputs to save unchanged.
 */
import * as fs from 'fs';
import * as path from 'path';
import { OutputAreaModel } from '@jupyterlab/outputarea';
import { ABSORBED_CLASS } from '../grouping';
import { attachArea, cellOutputs, flush, registries, views } from './helpers';

interface ManifestCell {
  id: string;
  summaries: number;
}
const manifest = JSON.parse(
  fs.readFileSync(
    path.resolve(__dirname, '../../../fixtures/manifest.json'),
    'utf-8'
  )
) as { notebooks: { path: string; cells: ManifestCell[] }[] };

/**
 * Captured summaries the page leaves as JupyterLab shows them, and why.
 * Each is checked to show no table (and to lose no text).
 */
const NOT_SHOWN: Record<string, string> = {
  'keras3-other.ipynb absl_logging':
    'absl logs to stderr, which the page never intercepts (tracebacks go there too)',
  'tfkeras2-absl.ipynb absl_lines':
    'tf-keras logs every line through absl to stderr, left alone for the same reason'
};

const cases: [string, string, number][] = [];
for (const nb of manifest.notebooks) {
  for (const c of nb.cells) {
    if (c.summaries > 0) {
      const name = path.basename(nb.path);
      const shown = `${name} ${c.id}` in NOT_SHOWN ? 0 : c.summaries;
      cases.push([name, c.id, shown]);
    }
  }
}

describe('captured cells in an output area', () => {
  const { wrapped } = registries();
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it.each(cases)('%s %s shows %d table(s)', async (notebook, id, count) => {
    const given = cellOutputs(notebook, id);
    const { model, area } = attachArea(false, wrapped);
    given.forEach(o => model.add(o));
    await flush();
    const shown = views(area);
    expect(shown).toHaveLength(count);
    for (const v of shown) {
      if (id === 'no_layers') {
        // A model whose weights are its own: a table of no rows, said so.
        expect(v.summary.layers).toHaveLength(0);
        expect(v.node.textContent).toContain('The model has no layers.');
      } else {
        expect(v.summary.layers.length).toBeGreaterThan(0);
      }
      expect(v.summary.totals.total).not.toBeNull();
    }
    // No totals line is left visible outside the views.
    const visible = Array.from(
      area.node.querySelectorAll('.jp-OutputArea-child')
    ).filter(c => !c.classList.contains(ABSORBED_CLASS));
    for (const child of visible) {
      const outside = child.textContent ?? '';
      if (count > 0 && !shown.some(v => child.contains(v.node))) {
        expect(outside).not.toMatch(/Total params:|Layer \(type\)/);
      }
    }
    if (count === 0) {
      // Left as JupyterLab shows it: the summary's text is all there.
      const text = given
        .map(o => (o as { text?: unknown }).text)
        .filter((t): t is string => typeof t === 'string')
        .join('');
      expect(area.node.textContent).toContain(text.trim());
      expect(area.node.textContent).toMatch(/Total params: \d+/);
    }
    // What is saved is what JupyterLab alone would save (it merges
    // consecutive streams of one name, as nbclient does not).
    const plain = new OutputAreaModel();
    given.forEach(o => plain.add(o));
    expect(model.toJSON()).toEqual(plain.toJSON());
    area.dispose();
  });
});
