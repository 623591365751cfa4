import type { OutputArea } from '@jupyterlab/outputarea';
import { Widget } from '@lumino/widgets';
import * as analysis from '../../render/analysis';
import { ABSORBED_CLASS } from '../grouping';
import { isRichPre, readRichPiece } from '../pieces';
import { ALL_FORMATS } from '../settings';
import {
  cell,
  cellOutputs,
  flush,
  HTML,
  htmls,
  registries,
  render,
  showOutputs,
  views
} from './helpers';

const DISPLAY = 'keras3-display.ipynb';

/** Everything JupyterLab shows of an HTML renderer that is not a view. */
function shownHtml(w: Widget): string {
  return w.node.firstElementChild?.outerHTML ?? '';
}

describe('text/html wrapper', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('renders HTML that is not a summary exactly as the original renderer', async () => {
    const { plain, wrapped } = registries();
    const sources = [
      '<b>hello</b>',
      '<table><tr><th>Layer (type)</th><th>Output Shape</th></tr><tr><td>a</td><td>(None, 3)</td></tr></table>',
      '<div>Model: "sequential"</div>',
      '<pre>Total params: 10</pre><script>document.title = "ran"</script>',
      ''
    ];
    for (const trusted of [false, true]) {
      for (const source of sources) {
        const a = await render(plain, HTML, source, trusted);
        const b = await render(wrapped, HTML, source, trusted);
        expect(views(b)).toHaveLength(0);
        expect(shownHtml(b)).toBe(a.node.outerHTML);
      }
    }
  });

  it('shows a rich table output as the view, alone', async () => {
    const { wrapped } = registries();
    const [, table] = htmls(cell(DISPLAY, 'mlp'));
    const r = await render(wrapped, HTML, table);
    expect(views(r)).toHaveLength(1);
    expect(views(r)[0].summary.layers.map(l => l.name)).toEqual([
      'flatten',
      'dense',
      'dense_1'
    ]);
  });

  it('renders the heading and totals outputs as before when alone', async () => {
    const { plain, wrapped } = registries();
    const [heading, , total] = htmls(cell(DISPLAY, 'mlp'));
    for (const source of [heading, total]) {
      const a = await render(plain, HTML, source);
      const b = await render(wrapped, HTML, source);
      expect(views(b)).toHaveLength(0);
      expect(shownHtml(b)).toBe(a.node.outerHTML);
    }
  });

  it('falls back to the original renderer for rich HTML cut short or malformed', async () => {
    const { plain, wrapped } = registries();
    const [, table] = htmls(cell(DISPLAY, 'mlp'));
    const bottom = table.lastIndexOf('└');
    const broken = [
      table.slice(0, bottom) + '</pre>\n', // no bottom border
      table.replace('</pre>', ''), // unclosed <pre>
      table.replace('<pre', '<div').replace('</pre>', '</div>'), // not rich's <pre>
      table.replace('</span>', ''), // unbalanced span
      '<p>before</p>' + table, // something around it
      table + table // two tables in one output
    ];
    for (const source of broken) {
      const a = await render(plain, HTML, source);
      const b = await render(wrapped, HTML, source);
      expect(views(b)).toHaveLength(0);
      expect(shownHtml(b)).toBe(a.node.outerHTML);
    }
  });

  it('recognises every table of the captured display outputs', () => {
    const ids = [
      'mlp',
      'rnn',
      'two_inputs',
      'text',
      'fcn',
      'nested',
      'unbuilt',
      'resnet50',
      'masking',
      'trained'
    ];
    for (const id of ids) {
      const roles = htmls(cell(DISPLAY, id)).map(
        h => readRichPiece(h, ALL_FORMATS)?.part ?? null
      );
      expect(roles[0]).toBe('heading');
      expect(roles[1]).toBe('table');
      expect(roles.slice(2).every(r => r === 'totals')).toBe(true);
      expect(htmls(cell(DISPLAY, id)).every(isRichPre)).toBe(true);
    }
  });
});

/** A cell's outputs as the server sends them, from keras3-display.ipynb by default. */
const outputsOf = (id: string, notebook = DISPLAY) => cellOutputs(notebook, id);

function visibleChildren(widget: OutputArea): Element[] {
  return Array.from(widget.node.children).filter(
    c =>
      c.classList.contains('jp-OutputArea-child') &&
      !c.classList.contains(ABSORBED_CLASS)
  );
}

/** How many layer tables the views build from now on (`jp-KerasSummary-table` elements made). */
function countTables(): () => number {
  const made: Element[] = [];
  const original = document.createElement.bind(document);
  const spy = jest
    .spyOn(document, 'createElement')
    .mockImplementation((tag: string, options?: ElementCreationOptions) => {
      const node = original(tag, options);
      if (tag === 'table') {
        made.push(node);
      }
      return node;
    });
  afterThis.push(() => spy.mockRestore());
  return () =>
    made.filter(t => t.classList.contains('jp-KerasSummary-table')).length;
}

const afterThis: (() => void)[] = [];
afterEach(() => {
  while (afterThis.length) {
    afterThis.pop()!();
  }
});

describe('grouping the outputs of one summary', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('shows heading, table and totals as one view, the other outputs hidden', async () => {
    const { area: widget } = await showOutputs(outputsOf('mlp'));
    const shown = visibleChildren(widget);
    expect(shown).toHaveLength(1);
    const [view] = views(widget);
    expect(views(widget)).toHaveLength(1);
    const s = view.summary;
    expect(s.model).toBe('sequential');
    expect(s.totals).toMatchObject({
      total: 101770,
      trainable: 101770,
      nonTrainable: 0
    });
    expect(s.layers).toHaveLength(3);
    expect(view.originalText).toMatch(
      /^Model: "sequential"\n[\s\S]*┏[\s\S]*Non-trainable params: 0 \(0\.00 B\)\n$/
    );
  });

  it('analyses and builds a summary whose outputs arrive together once', async () => {
    const analyses = jest.spyOn(analysis, 'analyzeRows');
    const tables = countTables();
    try {
      const { area: widget } = await showOutputs(outputsOf('trained'));
      expect(views(widget)).toHaveLength(1);
      expect(views(widget)[0].summary.totals.optimizer).not.toBeNull();
      expect(analyses).toHaveBeenCalledTimes(1);
      expect(tables()).toBe(1);
    } finally {
      analyses.mockRestore();
    }
  });

  it('keeps the rows when the heading and totals arrive after the table', async () => {
    const analyses = jest.spyOn(analysis, 'analyzeRows');
    const tables = countTables();
    try {
      const outputs = outputsOf('mlp');
      const { model, area: widget } = await showOutputs([]);
      // The table first, then the heading before it is lost: live outputs
      // come one by one, the totals after the table.
      model.add(outputs[0]);
      model.add(outputs[1]);
      await flush();
      const rows = () => Array.from(widget.node.querySelectorAll('tbody tr'));
      const before = rows();
      expect(before).toHaveLength(3);
      for (let i = 2; i < outputs.length; i++) {
        model.add(outputs[i]);
        await flush();
      }
      expect(views(widget)[0].summary.totals.total).toBe(101770);
      expect(widget.node.querySelector('dl')?.textContent).toContain(
        'Total params:101,770'
      );
      // The same rows, built once, analysed once.
      expect(rows()).toEqual(before);
      expect(rows().every(r => r.isConnected)).toBe(true);
      expect(analyses).toHaveBeenCalledTimes(1);
      expect(tables()).toBe(1);
    } finally {
      analyses.mockRestore();
    }
  });

  it('groups the optimizer line too', async () => {
    const { area: widget } = await showOutputs(outputsOf('trained'));
    expect(visibleChildren(widget)).toHaveLength(1);
    expect(views(widget)[0].summary.totals.optimizer).not.toBeNull();
  });

  it('groups as the outputs arrive one by one', async () => {
    const outputs = outputsOf('mlp');
    const { model, area: widget } = await showOutputs([]);
    model.add(outputs[0]);
    await flush();
    expect(visibleChildren(widget)).toHaveLength(1);
    expect(views(widget)).toHaveLength(0);
    model.add(outputs[1]);
    await flush();
    expect(visibleChildren(widget)).toHaveLength(1);
    expect(views(widget)[0].summary.model).toBe('sequential');
    for (let i = 2; i < outputs.length; i++) {
      model.add(outputs[i]);
      await flush();
      expect(visibleChildren(widget)).toHaveLength(1);
    }
    expect(views(widget)[0].summary.totals.nonTrainable).toBe(0);
  });

  it('keeps two summaries in one cell apart', async () => {
    const { area: widget } = await showOutputs(outputsOf('two_summaries'));
    expect(views(widget)).toHaveLength(2);
    expect(visibleChildren(widget)).toHaveLength(2);
    const [a, b] = views(widget).map(v => v.summary);
    expect(a.model).not.toBe(b.model);
    expect(a.totals.total).not.toBeNull();
    expect(b.totals.total).not.toBeNull();
  });

  it('leaves text printed around a summary alone', async () => {
    const outputs = outputsOf('print_around');
    const { area: widget } = await showOutputs(outputs);
    expect(views(widget)).toHaveLength(1);
    // The stdout before and after, and the summary.
    expect(visibleChildren(widget)).toHaveLength(3);
  });

  it('shows every piece as before when the table output is gone', async () => {
    const outputs = outputsOf('mlp');
    const { model, area: widget } = await showOutputs(outputs);
    expect(visibleChildren(widget)).toHaveLength(1);
    model.set(1, {
      output_type: 'stream',
      name: 'stdout',
      text: 'table replaced\n'
    });
    await flush();
    expect(views(widget)).toHaveLength(0);
    expect(visibleChildren(widget)).toHaveLength(outputs.length);
    model.clear();
    await flush();
    expect(widget.node.querySelectorAll(`.${ABSORBED_CLASS}`)).toHaveLength(0);
  });

  it('never changes the outputs that will be saved', async () => {
    for (const id of ['mlp', 'two_summaries', 'print_around']) {
      const outputs = outputsOf(id);
      const before = JSON.stringify(outputs);
      const { model } = await showOutputs(outputs);
      expect(model.toJSON()).toEqual(outputs);
      expect(JSON.stringify(outputs)).toBe(before);
    }
  });

  it('hides the empty rich output print_fn=print leaves before its summary', async () => {
    const outputs = outputsOf('mlp', 'keras3-print.ipynb');
    expect(outputs.map(o => o.output_type)).toEqual(['display_data', 'stream']);
    const { area: widget } = await showOutputs(outputs);
    expect(views(widget)).toHaveLength(1);
    expect(visibleChildren(widget)).toHaveLength(1);
    // Without a summary after it, an empty output stays.
    const { area: alone } = await showOutputs([
      outputs[0],
      { output_type: 'stream', name: 'stdout', text: 'hi\n' }
    ]);
    expect(visibleChildren(alone)).toHaveLength(2);
  });

  it('works in an untrusted area', async () => {
    const { area: widget } = await showOutputs(outputsOf('nested'), false);
    expect(views(widget)).toHaveLength(1);
    expect(visibleChildren(widget)).toHaveLength(1);
  });
});
