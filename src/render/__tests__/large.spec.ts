/**
 * Large tables: quick to build, filled in chunks above a threshold so the
 * page never freezes, and complete in the end. The big summaries repeat the
 * rows of REAL captured summaries (tf.keras ResNet50; the `text` model).
 */
import type { Summary } from '../../parse';
import {
  BLOCK_ROWS,
  BLOCK_THRESHOLD,
  CHUNK_SIZE,
  CHUNK_THRESHOLD,
  MAX_TABLE_ROWS
} from '../view';
import type { SummaryView } from '../view';
import { chooseSort, typeFilter } from './table-tools-helpers';
import {
  buttonNamed,
  buttonsNamed,
  dialogs,
  fixtureSummary,
  layerRows,
  mount,
  PRINT,
  TFKERAS,
  unmountAll
} from './helpers';

afterEach(() => {
  unmountAll();
});

/** A row's layer name (the row header's text). */
function rowName(row: HTMLTableRowElement): string {
  return row.querySelector('th[scope="row"]')?.textContent ?? '';
}

/** tf.keras ResNet50's real rows, repeated (names made unique) up to `count`. */
function resnetRows(count: number): Summary {
  const base = fixtureSummary(TFKERAS, 'resnet50');
  const rename = (name: string, round: number) =>
    round ? `${name}_r${round}` : name;
  const layers = [];
  for (let i = 0; i < count; i++) {
    const layer = base.layers[i % base.layers.length];
    const round = Math.floor(i / base.layers.length);
    layers.push({
      ...layer,
      name: rename(layer.name, round),
      // `conv1_pad[0][0]` → `conv1_pad_r2[0][0]`
      connectedTo: layer.connectedTo.map(c =>
        c.replace(/^([^[]+)/, m => rename(m, round))
      )
    });
  }
  return { ...base, layers };
}

/**
 * The real `text` model (Embedding → LSTM → GlobalMaxPooling1D → Dense)
 * with its LSTM row repeated: one variable-length dimension runs through
 * every row and is consumed at the very end.
 */
function longSequence(lstms: number): Summary {
  const base = fixtureSummary(PRINT, 'text');
  const [embedding, lstm, pooling, dense] = base.layers;
  const middle = Array.from({ length: lstms }, (_, i) => ({
    ...lstm,
    name: `lstm_${i}`
  }));
  return { ...base, layers: [embedding, ...middle, pooling, dense] };
}

describe('a summary too large for a table', () => {
  it(`shows the original text above ${MAX_TABLE_ROWS} rows, and says why`, () => {
    const base = fixtureSummary(TFKERAS, 'resnet50');
    const layers = Array.from(
      { length: MAX_TABLE_ROWS + 1 },
      (_, i) => base.layers[i % base.layers.length]
    );
    const rendered: HTMLElement[] = [];
    const view = mount({
      summary: { ...base, layers },
      renderOriginal: host => {
        rendered.push(host);
        host.textContent = 'the original';
      }
    });
    expect(view.view).toBe('text');
    expect(view.node.querySelector('table')).toBeNull();
    expect(rendered).toHaveLength(1);
    expect(view.node.textContent).toContain('the original');
    expect(view.node.textContent).toContain(
      'This summary has 100,001 layers: too many to show as a table here, so it shows as the original text.'
    );
    // No way back to a table that cannot be shown.
    const toggle = buttonNamed(view.node, 'Show table');
    expect(toggle.disabled).toBe(true);
    view.setView('table');
    expect(view.view).toBe('text');
    expect(view.node.querySelector('table')).toBeNull();
  });

  it('goes back to the table when the summary shrinks below the limit', () => {
    const base = fixtureSummary(TFKERAS, 'resnet50');
    const huge = {
      ...base,
      layers: Array.from(
        { length: MAX_TABLE_ROWS + 1 },
        (_, i) => base.layers[i % base.layers.length]
      )
    };
    const view = mount({ summary: huge });
    expect(view.view).toBe('text');
    view.update({ summary: base });
    buttonNamed(view.node, 'Show table').click();
    expect(view.view).toBe('table');
    expect(layerRows(view.node)).toHaveLength(base.layers.length);
    expect(view.node.textContent).not.toContain('too many to show');
  });
});

describe('large tables', () => {
  it('builds 1,000 rows, a screenful at once, with one delegated listener per event type', async () => {
    const summary = resnetRows(1000);
    let added: string[] = [];
    const original = EventTarget.prototype.addEventListener;
    const spy = jest
      .spyOn(EventTarget.prototype, 'addEventListener')
      .mockImplementation(function (
        this: EventTarget,
        type: string,
        ...rest: any[]
      ) {
        added.push(type);
        return (original as any).call(this, type, ...rest);
      });
    // The first view may set up shared listeners once; count the second.
    mount({ summary: resnetRows(1) });
    added = [];
    mount({ summary: resnetRows(1) });
    const forOneRow = added.sort();
    added = [];
    const view = mount({ summary });
    // The first chunk shows at once; the rest arrives between frames.
    expect(layerRows(view.node)).toHaveLength(CHUNK_SIZE);
    await view.ready;
    spy.mockRestore();
    expect(layerRows(view.node)).toHaveLength(1000);
    expect(buttonsNamed(view.node, 'None')).toHaveLength(1000);
    // Listeners on the view node and its tools row only, none per row or button.
    expect(added.sort()).toEqual(forOneRow);
    expect(forOneRow).toEqual(
      expect.arrayContaining(['click', 'keydown', 'keyup'])
    );
    // How long it takes is measured by `make bench`, not asserted here.
  }, 30000);

  it(`with the defaults, adds ${CHUNK_SIZE} rows at first above ${CHUNK_THRESHOLD} rows and ends with every row`, async () => {
    const summary = resnetRows(CHUNK_THRESHOLD + 1);
    const view = mount({ summary });
    expect(layerRows(view.node)).toHaveLength(CHUNK_SIZE);
    await view.ready;
    const rows = layerRows(view.node);
    expect(rows).toHaveLength(summary.layers.length);
    expect(rows.map(rowName)).toEqual(summary.layers.map(l => l.name));
  }, 60000);

  it('does not chunk at or below the threshold', () => {
    const summary = longSequence(9);
    const view = mount({ summary, rowChunks: { threshold: 12, size: 3 } });
    expect(layerRows(view.node)).toHaveLength(12);
  });

  it('a link to a row not built yet builds up to it at once', async () => {
    const summary = longSequence(400);
    const view = mount({ summary, rowChunks: { threshold: 100, size: 50 } });
    expect(layerRows(view.node)).toHaveLength(50);
    buttonsNamed(layerRows(view.node)[10], 'None')[1].click();
    const [dialog] = dialogs();
    expect(dialog.textContent).toMatch(/^Variable-length dimension/);
    buttonNamed(dialog, 'global_max_pooling1d').click();
    expect(document.activeElement?.textContent).toBe('global_max_pooling1d');
    expect(layerRows(view.node).length).toBeGreaterThanOrEqual(402);
    await view.ready;
    expect(layerRows(view.node)).toHaveLength(summary.layers.length);
  });

  it('rows added later join the open highlight and keep their order', async () => {
    const summary = longSequence(300);
    const view = mount({ summary, rowChunks: { threshold: 100, size: 40 } });
    buttonsNamed(layerRows(view.node)[1], 'None')[1].click();
    await view.ready;
    const related = view.node.querySelectorAll(
      '.jp-KerasSummary-control-related'
    );
    // embedding + 300 LSTMs carry the dimension.
    expect(related).toHaveLength(301);
    // The explanation still sits right under its row.
    expect(
      layerRows(view.node)[1].nextElementSibling?.contains(dialogs()[0])
    ).toBe(true);
    expect(layerRows(view.node).map(rowName)).toEqual(
      summary.layers.map(l => l.name)
    );
  });

  it('an update while rows are still being added starts over cleanly', async () => {
    const view = mount({
      summary: longSequence(300),
      rowChunks: { threshold: 100, size: 40 }
    });
    const first = view.ready;
    const smaller = longSequence(150);
    view.update({ summary: smaller });
    await first;
    await view.ready;
    expect(layerRows(view.node)).toHaveLength(smaller.layers.length);
  });

  it('dispose stops adding rows', async () => {
    const view = mount({
      summary: longSequence(300),
      rowChunks: { threshold: 100, size: 40 }
    });
    view.dispose();
    await view.ready;
    expect(layerRows(view.node)).toHaveLength(40);
  });
});

/** The layer rows of each `<tbody>`. */
function blockSizes(view: SummaryView): number[] {
  return Array.from(view.node.querySelectorAll('tbody')).map(
    body => body.querySelectorAll('tr.jp-KerasSummary-row').length
  );
}

/** The column widths the table asks for, as `calc(Ach + Bem + Cpx)`, read back. */
function columnWidths(
  view: SummaryView
): { ch: number; em: number; px: number }[] {
  const table = view.node.querySelector<HTMLTableElement>('table')!;
  const value = table.style.getPropertyValue('--jp-keras-summary-columns');
  return Array.from(
    value.matchAll(/calc\(([\d.]+)ch \+ ([\d.]+)em \+ ([\d.]+)px\)/g)
  ).map(m => ({ ch: Number(m[1]), em: Number(m[2]), px: Number(m[3]) }));
}

describe('large tables in blocks', () => {
  it(`lays out tables above ${BLOCK_THRESHOLD} rows in blocks of ${BLOCK_ROWS}, every row in order, with table roles`, async () => {
    const summary = resnetRows(BLOCK_THRESHOLD * 2 + 7);
    const view = mount({ summary });
    await view.ready;
    const table = view.node.querySelector('table')!;
    expect(table.classList).toContain('jp-KerasSummary-blocks');
    const sizes = blockSizes(view);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(summary.layers.length);
    expect(sizes.length).toBe(Math.ceil(summary.layers.length / BLOCK_ROWS));
    expect(sizes.every(n => n <= BLOCK_ROWS)).toBe(true);
    expect(layerRows(view.node).map(rowName)).toEqual(
      summary.layers.map(l => l.name)
    );
    // CSS display takes the table parts' roles in some browsers: given back.
    expect(table.getAttribute('role')).toBe('grid');
    for (const group of Array.from(table.querySelectorAll('thead, tbody'))) {
      expect(group.getAttribute('role')).toBe('rowgroup');
    }
    for (const row of Array.from(table.rows)) {
      expect(row.getAttribute('role')).toBe('row');
    }
    const roles = new Set(
      Array.from(table.querySelectorAll('th, td')).map(
        c =>
          `${c.closest('thead') ? 'head' : 'body'} ${c.localName} ${c.getAttribute('role')}`
      )
    );
    expect([...roles].sort()).toEqual([
      'body td gridcell',
      'body th rowheader',
      'head th columnheader'
    ]);
  });

  it(`keeps one body and the browser's table layout up to ${BLOCK_THRESHOLD} rows`, () => {
    const summary = resnetRows(BLOCK_THRESHOLD);
    const view = mount({ summary });
    const table = view.node.querySelector('table')!;
    expect(table.classList).not.toContain('jp-KerasSummary-blocks');
    expect(blockSizes(view)).toEqual([BLOCK_THRESHOLD]);
    // A grid (one tab stop) whose parts keep the roles the browser gives them.
    expect(table.getAttribute('role')).toBe('grid');
    expect(table.querySelector('tbody tr[role], tbody td[role]')).toBeNull();
    expect(table.style.getPropertyValue('--jp-keras-summary-columns')).toBe('');
  });

  it('gives every column at least the characters of its longest cell', async () => {
    const summary = resnetRows(BLOCK_THRESHOLD + 1);
    // A name longer than any other, in the last row (built last).
    summary.layers[summary.layers.length - 1] = {
      ...summary.layers[summary.layers.length - 1],
      name: 'n'.repeat(57)
    };
    const view = mount({ summary });
    await view.ready;
    const widths = columnWidths(view);
    const heads = Array.from(view.node.querySelectorAll('thead th'));
    expect(widths).toHaveLength(heads.length);
    heads.forEach((head, k) => {
      const longest = Math.max(
        head.textContent!.length,
        ...layerRows(view.node).map(row => {
          const cell = row.cells[k];
          // Connected to: one reference per line, the longest counts.
          const refs = cell.querySelectorAll('.jp-KerasSummary-ref');
          if (refs.length) {
            return Math.max(
              ...Array.from(refs).map(r => r.textContent!.length)
            );
          }
          // The share bar's percentage is in another font: counted apart.
          const text = cell.cloneNode(true) as HTMLElement;
          text.querySelector('.jp-KerasSummary-share')?.remove();
          return text.textContent!.length;
        })
      );
      expect(widths[k].ch).toBeGreaterThanOrEqual(longest);
      // Not much more than that either (the slack is one character).
      expect(widths[k].ch).toBeLessThanOrEqual(longest + 1);
    });
    expect(widths[0].ch).toBe(57 + 1);
  });

  it('redistributes sorted rows over the blocks and keeps an explanation under its row', async () => {
    const summary = resnetRows(BLOCK_THRESHOLD + 50);
    const view = mount({ summary });
    await view.ready;
    const row = layerRows(view.node)[BLOCK_ROWS + 3];
    buttonsNamed(row, 'None')[0].click();
    chooseSort(view, 'Params, largest first');
    const sizes = blockSizes(view);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(summary.layers.length);
    expect(sizes.every(n => n <= BLOCK_ROWS)).toBe(true);
    const byName = new Map(summary.layers.map(l => [l.name, l]));
    const params = layerRows(view.node).map(
      r => byName.get(rowName(r))?.params ?? -1
    );
    expect(params).toEqual([...params].sort((a, b) => b - a));
    const [dialog] = dialogs();
    expect(row.nextElementSibling?.contains(dialog)).toBe(true);
    expect(row.nextElementSibling?.getAttribute('role')).toBe('row');
  });

  it('widens the name column for the model paths shown when rows are filtered', async () => {
    // Nested models: filtered rows show the names of the models around them.
    const base = fixtureSummary(TFKERAS, 'nested');
    const layers = [];
    while (layers.length <= BLOCK_THRESHOLD) {
      layers.push(...base.layers);
    }
    const summary = { ...base, layers };
    const view = mount({ summary });
    await view.ready;
    const before = columnWidths(view)[0];
    const nested = summary.layers.find(l => (l.depth ?? 0) > 0)!;
    typeFilter(view, nested.name);
    const after = columnWidths(view)[0];
    const path = view.node.querySelector('.jp-KerasSummary-path');
    expect(path).not.toBeNull();
    expect(after.ch).toBeGreaterThan(before.ch);
    typeFilter(view, '');
    expect(columnWidths(view)[0]).toEqual(before);
  });
});
