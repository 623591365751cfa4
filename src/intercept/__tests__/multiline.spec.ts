/**
 * Output data as a list of lines, the form a saved notebook holds. The
 * JupyterLab server joins the lists before the page sees them; JupyterLite
 * hands display data over as saved, so a rich table's text/html arrives as
 * a list. Both forms show the same table, and the notebook keeps its
 * outputs as they were.
 */
import type * as nbformat from '@jupyterlab/nbformat';
import { MimeModel } from '@jupyterlab/rendermime';
import type { Widget } from '@lumino/widgets';
import {
  cell,
  cellOutputs,
  registries,
  showOutputs,
  STDOUT,
  streams,
  views
} from './helpers';

/** The outputs of a fixture cell exactly as saved: multiline lists kept. */
function savedOutputs(notebook: string, id: string): nbformat.IOutput[] {
  return JSON.parse(JSON.stringify(cell(notebook, id).outputs));
}

const summariesOf = (w: Widget) => views(w).map(v => v.summary);

describe('output data as a list of lines', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it.each(['mlp', 'nested', 'two_inputs'])(
    'rich display outputs of keras3-display %s show the same table',
    async id => {
      const saved = savedOutputs('keras3-display.ipynb', id);
      // The fixture really holds its HTML as lists of several lines.
      expect(
        saved.some(o => {
          const html = (o as nbformat.IDisplayData).data?.['text/html'];
          return Array.isArray(html) && html.length > 1;
        })
      ).toBe(true);

      const fromLines = await showOutputs(saved);
      const fromText = await showOutputs(
        cellOutputs('keras3-display.ipynb', id)
      );
      expect(summariesOf(fromLines.area)).toHaveLength(1);
      expect(summariesOf(fromLines.area)[0].layers.length).toBeGreaterThan(1);
      expect(summariesOf(fromLines.area)).toEqual(summariesOf(fromText.area));
      // Nothing written back: the model still holds the outputs as given.
      expect(fromLines.model.toJSON()).toEqual(
        savedOutputs('keras3-display.ipynb', id)
      );
    }
  );

  it.each([
    ['keras3-print.ipynb', 'print_around'],
    ['tfkeras2.ipynb', 'mlp']
  ])(
    'a stdout stream of %s %s as lines shows the same table',
    async (notebook, id) => {
      const text = streams(cell(notebook, id)).find(t => t.includes('Model:'))!;
      const lines = text.split(/(?<=\n)/);
      expect(lines.length).toBeGreaterThan(5);
      const shown = async (data: string | string[]) => {
        const r = registries().wrapped.createRenderer(STDOUT);
        await r.renderModel(
          new MimeModel({ data: { [STDOUT]: data }, trusted: false })
        );
        return summariesOf(r as unknown as Widget);
      };
      const fromLines = await shown(lines);
      expect(fromLines).toHaveLength(1);
      expect(fromLines).toEqual(await shown(text));
    }
  );
});
