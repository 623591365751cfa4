/**
 * The comparison view and the glue that lists a notebook's summaries, on
 * REAL captured notebooks: what a user reads (words beside colours, old →
 * new values), and the "Compare with…" button of each summary.
 */
import { nullTranslator } from '@jupyterlab/translation';
import {
  chooseOrigin,
  ComparePicker,
  notebookChoices
} from '../../compare-command';
import { buildComparison } from '../compare';
import {
  buttonNamed,
  DISPLAY,
  fixtureSummary,
  mount,
  notebook,
  TFKERAS,
  unmountAll
} from './helpers';

const trans = nullTranslator.load('jupyterlab_keras_summary');

afterEach(() => {
  unmountAll();
});

function rowsOf(root: HTMLElement): HTMLTableRowElement[] {
  return Array.from(
    root.querySelectorAll<HTMLTableRowElement>(
      '.jp-KerasSummary-compareTable tbody tr'
    )
  );
}

const visible = (row: Element) => row.closest('[hidden]') === null;

describe('the comparison', () => {
  it('marks every layer with a word and shows old → new values', () => {
    // small_mlp before it is built, and small_mlp_built after a call.
    const before = fixtureSummary(DISPLAY, 'unbuilt');
    const after = fixtureSummary(DISPLAY, 'subclassed_built');
    const root = buildComparison(
      before,
      after,
      { a: 'small_mlp', b: 'small_mlp_built' },
      trans
    );
    document.body.appendChild(root);
    expect(root.getAttribute('role')).toBe('region');
    expect(root.textContent).toContain(
      'Layers: 0 added, 0 removed, 2 changed, 0 unchanged.'
    );
    const rows = rowsOf(root);
    expect(rows).toHaveLength(2);
    const first = rows[0];
    expect(first.cells[0].textContent).toBe('changed (renamed, shape, params)');
    const name = first.querySelector('th[scope="row"]')!;
    expect(name.querySelector('del')?.textContent).toBe(before.layers[0].name);
    expect(name.querySelector('ins')?.textContent).toBe(after.layers[0].name);
    expect(name.textContent).toBe(
      `${before.layers[0].name} → ${after.layers[0].name}`
    );
    expect(
      first.querySelector('.jp-KerasSummary-compareCell-params')?.textContent
    ).toBe('0 (unbuilt) → 544');
    // Totals: 0 → 577.
    const totals = root.querySelector('.jp-KerasSummary-compareTotals')!;
    expect(totals.textContent).toContain('Total params0577+577');
  });

  it('lists added rows where they are, and can show only the changes', () => {
    const plain = fixtureSummary(TFKERAS, 'nested_plain');
    const nested = fixtureSummary(TFKERAS, 'nested');
    const root = buildComparison(plain, nested, { a: 'A', b: 'B' }, trans);
    document.body.appendChild(root);
    const rows = rowsOf(root);
    expect(rows.map(r => r.cells[0].textContent)).toEqual(
      nested.layers.map(l => (l.depth > 0 ? 'added' : 'unchanged'))
    );
    const only = buttonNamed(root, 'Show only changes');
    expect(only.getAttribute('aria-pressed')).toBe('false');
    only.click();
    expect(only.getAttribute('aria-pressed')).toBe('true');
    expect(
      rowsOf(root)
        .filter(visible)
        .map(r => r.querySelector('th')?.textContent)
    ).toEqual(nested.layers.filter(l => l.depth > 0).map(l => l.name));
    only.click();
    expect(rowsOf(root).filter(visible)).toHaveLength(nested.layers.length);
  });

  it('shows removed rows with their old values', () => {
    const k3 = fixtureSummary(DISPLAY, 'masking');
    const tf = fixtureSummary(TFKERAS, 'masking');
    const root = buildComparison(k3, tf, { a: 'K3', b: 'TF' }, trans);
    const removed = rowsOf(root).filter(r =>
      r.classList.contains('jp-KerasSummary-compare-removed')
    );
    expect(removed.map(r => r.cells[0].textContent)).toEqual([
      'removed',
      'removed'
    ]);
    expect(
      removed.map(
        r => r.querySelector('.jp-KerasSummary-compareCell-type')?.textContent
      )
    ).toEqual(['NotEqual', 'Any']);
  });
});

describe('the notebook’s summaries, to pick from', () => {
  it('are named by model and cell, several in one cell numbered', () => {
    const nb = notebook(DISPLAY).nb as any;
    const choices = notebookChoices(nb, trans);
    const mlpCell = nb.cells.findIndex((c: any) =>
      [c.source].flat().join('').startsWith('# fixture: mlp')
    );
    const twoCell = nb.cells.findIndex((c: any) =>
      [c.source].flat().join('').startsWith('# fixture: two_summaries')
    );
    const count = (i: number) =>
      nb.cells[i].execution_count === null
        ? ''
        : ` [${nb.cells[i].execution_count}]`;
    expect(choices.map(c => c.label)).toContain(
      `sequential — cell ${mlpCell + 1}${count(mlpCell)}`
    );
    expect(choices.map(c => c.label)).toEqual(
      expect.arrayContaining([
        `tiny_encoder — cell ${twoCell + 1}${count(twoCell)} (1 of 2)`,
        `tiny_decoder — cell ${twoCell + 1}${count(twoCell)} (2 of 2)`
      ])
    );
  });

  it('start from the summary whose button was pressed', () => {
    const nb = notebook(DISPLAY).nb as any;
    const choices = notebookChoices(nb, trans);
    const decoder = choices.find(c => c.summary.model === 'tiny_decoder')!;
    const picked = chooseOrigin(choices, decoder.summary, decoder.cell, trans);
    expect(picked.choices).toBe(choices);
    expect(picked.choices[picked.index]).toBe(decoder);
    // Not in the notebook (a console's output): added first.
    const outside = chooseOrigin(
      choices,
      fixtureSummary(TFKERAS, 'mlp'),
      null,
      trans
    );
    expect(outside.index).toBe(0);
    expect(outside.choices[0].label).toBe('sequential — this output');
    expect(outside.choices).toHaveLength(choices.length + 1);
  });

  it('are offered in two labelled lists', () => {
    const nb = notebook(DISPLAY).nb as any;
    const choices = notebookChoices(nb, trans);
    const picker = new ComparePicker(choices, 2, 5, trans);
    const selects = Array.from(picker.node.querySelectorAll('select'));
    expect(selects.map(s => s.getAttribute('aria-label'))).toEqual([
      'Before',
      'After'
    ]);
    const labels = Array.from(picker.node.querySelectorAll('label'));
    expect(labels.map(l => l.htmlFor)).toEqual(selects.map(s => s.id));
    expect(picker.getValue()).toEqual({ a: 2, b: 5 });
    selects[1].value = '0';
    expect(picker.getValue()).toEqual({ a: 2, b: 0 });
    expect(selects[0].options).toHaveLength(choices.length);
  });
});

describe('the Compare with… button', () => {
  it('is there only when the plugin can compare, and passes the summary on', () => {
    const summary = fixtureSummary(DISPLAY, 'mlp');
    const without = mount({ summary });
    expect(
      Array.from(without.node.querySelectorAll('button')).some(
        b => b.textContent === 'Compare with…'
      )
    ).toBe(false);
    const calls: [unknown, unknown][] = [];
    const view = mount({
      summary,
      compare: (s, origin) => calls.push([s, origin])
    });
    const compare = buttonNamed(view.node, 'Compare with…');
    compare.click();
    expect(calls).toEqual([[summary, compare]]);
  });
});
