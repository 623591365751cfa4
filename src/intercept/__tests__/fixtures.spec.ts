/**
 * Every captured cell, rendered the way a notebook renders it (a real
 * OutputArea with the wrapped registry): as many views as Keras printed
 * summaries, nothing else visible but the text printed around them, and
 * the outputs to save unchanged.
 */
import * as fs from 'fs';
import * as path from 'path';
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

const cases: [string, string, number][] = [];
for (const nb of manifest.notebooks) {
  for (const c of nb.cells) {
    if (c.summaries > 0) {
      cases.push([path.basename(nb.path), c.id, c.summaries]);
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
      expect(v.summary.layers.length).toBeGreaterThan(0);
      expect(v.summary.totals.total).not.toBeNull();
    }
    // No totals line is left visible outside the views.
    const visible = Array.from(
      area.node.querySelectorAll('.jp-OutputArea-child')
    ).filter(c => !c.classList.contains(ABSORBED_CLASS));
    for (const child of visible) {
      const outside = child.textContent ?? '';
      if (!shown.some(v => child.contains(v.node))) {
        expect(outside).not.toMatch(/Total params:|Layer \(type\)/);
      }
    }
    expect(model.toJSON()).toEqual(given);
    area.dispose();
  });
});
