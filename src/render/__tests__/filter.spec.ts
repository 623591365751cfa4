/**
 * Filtering and sorting the rows of REAL captured summaries, as a user does
 * it: type into the filter, pick an order, read the rows shown. Expected
 * rows are worked out here from the parsed layers.
 */
import type { Summary } from '../../parse';
import { parentNames, parentRows } from '../../analyze/nesting';
import { arrange } from '../filter';
import {
  buttonNamed,
  buttonsNamed,
  DISPLAY,
  dialogs,
  fixtureSummary,
  key,
  layerRows,
  mount,
  PRINT,
  rowOf,
  TFKERAS,
  unmountAll
} from './helpers';
import {
  chooseSort,
  countStatus,
  filterField,
  nameOf,
  shownRows,
  sortList,
  typeFilter
} from './table-tools-helpers';

afterEach(() => {
  unmountAll();
  jest.restoreAllMocks();
});

const names = (rows: HTMLTableRowElement[]) => rows.map(nameOf);

/** Layer names whose name or type contains `q`, any case, in Keras' order. */
function matching(summary: Summary, q: string): string[] {
  const lower = q.toLowerCase();
  return summary.layers
    .filter(
      l =>
        l.name.toLowerCase().includes(lower) ||
        l.type.toLowerCase().includes(lower)
    )
    .map(l => l.name);
}

describe('the filter', () => {
  it('is a search field with an accessible name, and the sort a labelled list', () => {
    const view = mount({ summary: fixtureSummary(DISPLAY, 'mlp') });
    const field = filterField(view);
    expect(field.type).toBe('search');
    expect(Array.from(sortList(view).options).map(o => o.text)).toEqual([
      'Keras order',
      'Params, largest first',
      'Params, smallest first'
    ]);
  });

  it('shows the rows whose name or type contains the text, any case, and counts them', () => {
    const summary = fixtureSummary(TFKERAS, 'resnet50');
    const view = mount({ summary });
    for (const q of ['conv', 'BN', 'add', 'Conv2D', 'block3_']) {
      typeFilter(view, q);
      const expected = matching(summary, q);
      expect(expected.length).toBeGreaterThan(0);
      expect(names(shownRows(view))).toEqual(expected);
      expect(countStatus(view)).toBe(
        `${expected.length} of ${summary.layers.length} layers`
      );
    }
    typeFilter(view, '');
    expect(shownRows(view)).toHaveLength(summary.layers.length);
    expect(countStatus(view)).toBe('');
  });

  it('says so when nothing matches', () => {
    const view = mount({ summary: fixtureSummary(DISPLAY, 'mlp') });
    typeFilter(view, 'transformer');
    expect(shownRows(view)).toHaveLength(0);
    expect(countStatus(view)).toBe('0 of 3 layers');
    const message = view.node.querySelector('.jp-KerasSummary-noMatch');
    expect(message?.textContent).toBe(
      'No layer’s name or type contains “transformer”.'
    );
    expect(message?.closest('[hidden]')).toBeNull();
    typeFilter(view, '');
    expect(message?.closest('[hidden]')).not.toBeNull();
  });

  it('Escape in the field clears it; keys typed there stay there', () => {
    const view = mount({ summary: fixtureSummary(DISPLAY, 'mlp') });
    const field = filterField(view);
    const reached: string[] = [];
    document.addEventListener('keydown', e => reached.push(e.key));
    typeFilter(view, 'dense');
    expect(shownRows(view)).toHaveLength(2);
    // Command-mode shortcuts (a, b, d d) must not see keys typed here.
    key(field, 'a');
    key(field, 'd');
    key(field, 'Enter');
    expect(reached).toEqual([]);
    const escape = key(field, 'Escape');
    expect(escape.defaultPrevented).toBe(true);
    expect(field.value).toBe('');
    expect(shownRows(view)).toHaveLength(3);
  });

  it('is hidden with the table in the original text view', () => {
    const view = mount({ summary: fixtureSummary(DISPLAY, 'mlp') });
    expect(filterField(view).closest('[hidden]')).toBeNull();
    buttonNamed(view.node, 'Show original text').click();
    expect(filterField(view).closest('[hidden]')).not.toBeNull();
    buttonNamed(view.node, 'Show table').click();
    expect(filterField(view).closest('[hidden]')).toBeNull();
  });

  it('gives way when a link jumps to a row it hides', () => {
    const scroll = Element.prototype as any;
    const had = scroll.scrollIntoView;
    scroll.scrollIntoView = () => undefined;
    try {
      const summary = fixtureSummary(PRINT, 'text');
      const view = mount({ summary });
      typeFilter(view, 'embedding');
      expect(names(shownRows(view))).toEqual(['embedding']);
      buttonsNamed(rowOf(view.node, 'embedding'), 'None')[1].click();
      const [dialog] = dialogs();
      buttonNamed(dialog, 'global_max_pooling1d').click();
      expect(filterField(view).value).toBe('');
      const target = rowOf(view.node, 'global_max_pooling1d');
      expect(shownRows(view)).toContain(target);
      expect(document.activeElement).toBe(target.cells[0]);
    } finally {
      scroll.scrollIntoView = had;
    }
  });
});

describe('sorting by parameter count', () => {
  it('orders the rows largest first or smallest first; equal counts keep Keras order', () => {
    const summary = fixtureSummary(TFKERAS, 'resnet50');
    const view = mount({ summary });
    const byCount = (sign: number) =>
      summary.layers
        .map((l, i) => ({ l, i }))
        .sort((x, y) => sign * (x.l.params! - y.l.params!) || x.i - y.i)
        .map(({ l }) => l.name);
    chooseSort(view, 'Params, largest first');
    expect(names(shownRows(view))).toEqual(byCount(-1));
    chooseSort(view, 'Params, smallest first');
    expect(names(shownRows(view))).toEqual(byCount(1));
    chooseSort(view, 'Keras order');
    expect(names(layerRows(view.node))).toEqual(
      summary.layers.map(l => l.name)
    );
  });

  it('combines with the filter', () => {
    const summary = fixtureSummary(DISPLAY, 'conv_mix');
    const view = mount({ summary });
    typeFilter(view, 'conv');
    chooseSort(view, 'Params, largest first');
    const expected = summary.layers
      .filter(l => /conv/i.test(l.name) || /conv/i.test(l.type))
      .sort((x, y) => y.params! - x.params!)
      .map(l => l.name);
    expect(names(shownRows(view))).toEqual(expected);
  });

  it('puts rows without a count (0 (unbuilt)) last either way', () => {
    const built = fixtureSummary(DISPLAY, 'subclassed_built');
    const unbuilt = fixtureSummary(DISPLAY, 'unbuilt');
    // A hand-made mix of the two real summaries' rows.
    const summary = {
      ...built,
      layers: [unbuilt.layers[0], ...built.layers, unbuilt.layers[1]]
    };
    const view = mount({ summary });
    chooseSort(view, 'Params, smallest first');
    expect(names(shownRows(view))).toEqual([
      built.layers[1].name,
      built.layers[0].name,
      unbuilt.layers[0].name,
      unbuilt.layers[1].name
    ]);
  });

  it('keeps focus on a row’s button while rows that arrive later are sorted in', async () => {
    const summary = fixtureSummary(TFKERAS, 'resnet50');
    const view = mount({ summary, rowChunks: { threshold: 10, size: 20 } });
    chooseSort(view, 'Params, smallest first');
    const none = buttonsNamed(layerRows(view.node)[0], 'None')[0];
    none.focus();
    await view.ready;
    expect(layerRows(view.node)).toHaveLength(summary.layers.length);
    expect(document.activeElement).toBe(none);
  });

  it('keeps an open explanation under its row', () => {
    const summary = fixtureSummary(PRINT, 'text');
    const view = mount({ summary });
    buttonsNamed(rowOf(view.node, 'lstm'), 'None')[1].click();
    chooseSort(view, 'Params, largest first');
    const lstm = rowOf(view.node, 'lstm');
    expect(lstm.nextElementSibling?.contains(dialogs()[0])).toBe(true);
    typeFilter(view, 'dense');
    expect(dialogs()[0].closest('[hidden]')).not.toBeNull();
    typeFilter(view, '');
    expect(dialogs()[0].closest('[hidden]')).toBeNull();
  });
});

describe('nested rows', () => {
  it('are listed flat with the models they sit in, whatever is collapsed', () => {
    const summary = fixtureSummary(TFKERAS, 'nested');
    const view = mount({ summary });
    // Collapse `block` (it holds encoder and its layers).
    buttonNamed(view.node, 'Nested layers: block').click();
    const visible = () => names(shownRows(view));
    expect(visible()).not.toContain('encoder_dense_1');
    typeFilter(view, 'encoder_dense');
    expect(visible()).toEqual(['encoder_dense_1', 'encoder_dense_2']);
    const row = shownRows(view)[0];
    expect(row.cells[0].textContent).toBe('block › encoder › encoder_dense_1');
    // No collapse buttons while flat.
    expect(
      view.node
        .querySelector('table')
        ?.classList.contains('jp-KerasSummary-flat')
    ).toBe(true);
    // Cleared: Keras' order, `block` still collapsed, names alone again.
    typeFilter(view, '');
    expect(visible()).not.toContain('encoder_dense_1');
    expect(visible()).toContain('block');
    expect(
      layerRows(view.node).every(r => !r.querySelector('.jp-KerasSummary-path'))
    ).toBe(true);
    buttonNamed(view.node, 'Nested layers: block').click();
    expect(visible()).toEqual(summary.layers.map(l => l.name));
  });

  it('sort by their own counts: a nested model above its layers', () => {
    const summary = fixtureSummary(TFKERAS, 'nested');
    const view = mount({ summary });
    chooseSort(view, 'Params, largest first');
    const order = names(shownRows(view));
    expect(order.slice(0, 3)).toEqual(['block', 'encoder', 'encoder_dense_1']);
  });
});

describe('large tables filled in chunks', () => {
  /** tf.keras ResNet50's real rows, repeated with unique names. */
  function repeated(count: number): Summary {
    const base = fixtureSummary(TFKERAS, 'resnet50');
    return {
      ...base,
      layers: Array.from({ length: count }, (_, i) => ({
        ...base.layers[i % base.layers.length],
        name: `${base.layers[i % base.layers.length].name}_${i}`
      }))
    };
  }

  it('sorts and filters rows that arrive later too', async () => {
    const summary = repeated(600);
    const view = mount({ summary, rowChunks: { threshold: 100, size: 50 } });
    expect(layerRows(view.node).length).toBeLessThan(600);
    chooseSort(view, 'Params, largest first');
    typeFilter(view, '_conv_');
    expect(countStatus(view)).toBe(
      `${matching(summary, '_conv_').length} of 600 layers`
    );
    await view.ready;
    expect(layerRows(view.node)).toHaveLength(600);
    const expected = summary.layers
      .map((l, i) => ({ l, i }))
      .filter(({ l }) => l.name.includes('_conv_'))
      .sort((x, y) => y.l.params! - x.l.params! || x.i - y.i)
      .map(({ l }) => l.name);
    expect(names(shownRows(view))).toEqual(expected);
    typeFilter(view, '');
    chooseSort(view, 'Keras order');
    expect(names(layerRows(view.node))).toEqual(
      summary.layers.map(l => l.name)
    );
    expect(shownRows(view)).toHaveLength(600);
  });
});

describe('arrange (pure)', () => {
  it('lists nested rows with their models, outermost first', () => {
    const summary = fixtureSummary(DISPLAY, 'nested');
    const result = arrange(summary.layers, 'encoder_input', 'keras');
    expect(result.flat).toBe(true);
    expect(result.order.map(i => summary.layers[i].name)).toEqual([
      'encoder_input'
    ]);
    expect(
      parentNames(summary.layers, parentRows(summary.layers), result.order[0])
    ).toEqual(['block', 'encoder']);
  });
});
