/**
 * Large tables: quick to build, filled in chunks above a threshold so the
 * page never freezes, and complete in the end. The big summaries repeat the
 * rows of REAL captured summaries (tf.keras ResNet50; the `text` model).
 */
import type { Summary } from '../../parse';
import { CHUNK_SIZE, CHUNK_THRESHOLD } from '../view';
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

describe('large tables', () => {
  it('builds 1,000 rows at once with one delegated listener per event type', () => {
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
    rows.forEach((row, i) => {
      expect(row.getAttribute('data-row')).toBe(String(i));
    });
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
    expect(layerRows(view.node).map(r => r.getAttribute('data-row'))).toEqual(
      summary.layers.map((_, i) => String(i))
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
