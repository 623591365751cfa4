/**
 * The layer table is one tab stop (the ARIA grid pattern): arrow keys,
 * Home / End and Page Up / Page Down move between its controls and cells,
 * over REAL captured summaries (and a large one made of real rows, filled
 * in chunks). Checked as a user meets it: what has the focus, what is the
 * one element Tab reaches, what the notebook sees of the keys.
 */
import type { Summary } from '../../parse';
import {
  buttonNamed,
  buttonsNamed,
  dialogs,
  DISPLAY,
  fixtureSummary,
  isShown,
  layerRows,
  mount,
  PRINT,
  rowOf,
  TFKERAS,
  unmountAll
} from './helpers';
import { lettersSwitch } from './dimension-helpers';
import { chooseSort, typeFilter } from './table-tools-helpers';

afterEach(() => {
  unmountAll();
  jest.restoreAllMocks();
});

/**
 * The elements of `root`'s table Tab can reach (tabindex 0), an open
 * explanation aside (its links and close button are its own).
 */
function tabStops(root: ParentNode): HTMLElement[] {
  const table = root.querySelector('table')!;
  return Array.from(table.querySelectorAll<HTMLElement>('*')).filter(
    el => el.tabIndex === 0 && !el.closest('[role="dialog"]')
  );
}

/** Press `k` (with Ctrl when asked) on what has the focus; returns the event. */
function press(k: string, ctrl = false): KeyboardEvent {
  const event = new KeyboardEvent('keydown', {
    key: k,
    ctrlKey: ctrl,
    bubbles: true,
    cancelable: true
  });
  document.activeElement!.dispatchEvent(event);
  return event;
}

const focused = () => document.activeElement as HTMLElement;

/** The row name of what has the focus. */
const rowName = () =>
  focused().closest('tr')?.querySelector('th')?.textContent ?? '';

/** The real `text` model with its LSTM row repeated (one long dimension). */
function longSequence(lstms: number): Summary {
  const base = fixtureSummary(PRINT, 'text');
  const [embedding, lstm, pooling, dense] = base.layers;
  const middle = Array.from({ length: lstms }, (_, i) => ({
    ...lstm,
    name: `lstm_${i}`
  }));
  return { ...base, layers: [embedding, ...middle, pooling, dense] };
}

describe('the table as one tab stop', () => {
  it('has exactly one element Tab reaches: the first row’s name, in a grid', () => {
    const view = mount({ summary: fixtureSummary(DISPLAY, 'mlp') });
    const table = view.node.querySelector('table')!;
    expect(table.getAttribute('role')).toBe('grid');
    const stops = tabStops(view.node);
    expect(stops).toEqual([rowOf(view.node, 'flatten').cells[0]]);
    // Every control is still a button with its name, out of the tab order.
    for (const b of Array.from(table.querySelectorAll('button'))) {
      expect(b.tabIndex).toBe(-1);
      expect(b.getAttribute('aria-haspopup')).toBe('dialog');
    }
  });

  it('moves along a row with ← → Home End, and between rows with ↑ ↓', () => {
    const view = mount({ summary: fixtureSummary(DISPLAY, 'mlp') });
    tabStops(view.node)[0].focus();
    const dense = rowOf(view.node, 'dense');
    // flatten: name, type, (None, 784): None, Param # 0.
    press('ArrowRight');
    expect(focused().textContent).toBe('Flatten');
    press('ArrowRight');
    expect(focused().textContent).toBe('None');
    press('ArrowDown');
    // The same column, one row down: dense's None.
    expect(focused()).toBe(buttonsNamed(dense, 'None')[0]);
    press('End');
    expect(focused().getAttribute('aria-label')).toBe(
      'Param # 100,480: how it is computed'
    );
    press('ArrowRight');
    expect(focused().getAttribute('aria-label')).toBe(
      'Param # 100,480: how it is computed'
    );
    press('Home');
    expect(focused()).toBe(dense.cells[0]);
    press('ArrowLeft');
    expect(focused()).toBe(dense.cells[0]);
    press('ArrowUp');
    press('ArrowUp');
    // The header row, above the first.
    expect(focused().getAttribute('scope')).toBe('col');
    expect(focused().textContent).toBe('Layer');
    press('ArrowUp');
    expect(focused().textContent).toBe('Layer');
    // Wherever the focus is, it is the one tab stop.
    expect(tabStops(view.node)).toEqual([focused()]);
  });

  it('keeps the stop within a cell of several controls when moving up and down', () => {
    const view = mount({ summary: fixtureSummary(DISPLAY, 'text') });
    const lstm = rowOf(view.node, 'lstm');
    buttonsNamed(rowOf(view.node, 'embedding'), 'None')[1].focus();
    press('ArrowDown');
    expect(focused()).toBe(buttonsNamed(lstm, 'None')[1]);
    press('ArrowLeft');
    expect(focused()).toBe(buttonsNamed(lstm, 'None')[0]);
  });

  it('Enter opens the explanation, Escape gives the focus back to its control', () => {
    const view = mount({ summary: fixtureSummary(DISPLAY, 'mlp') });
    tabStops(view.node)[0].focus();
    press('ArrowDown');
    press('ArrowRight');
    press('ArrowRight');
    const none = focused();
    expect(none.textContent).toBe('None');
    expect(rowName()).toBe('dense');
    press('Enter');
    const [dialog] = dialogs();
    expect(dialog.textContent).toMatch(/^Batch dimension/);
    expect(focused()).toBe(dialog);
    // Arrow keys inside the explanation are not the table's.
    const inside = press('ArrowDown');
    expect(inside.defaultPrevented).toBe(false);
    expect(focused()).toBe(dialog);
    press('Escape');
    expect(dialogs()).toHaveLength(0);
    expect(focused()).toBe(none);
    expect(tabStops(view.node)).toEqual([none]);
  });

  it('a click moves the tab stop to the control clicked', () => {
    const view = mount({ summary: fixtureSummary(DISPLAY, 'mlp') });
    const count = buttonNamed(view.node, 'Param # 1,290: how it is computed');
    count.focus();
    count.click();
    expect(tabStops(view.node)).toEqual([count]);
  });

  it('keeps its keys from the notebook: arrows do not scroll or select cells', () => {
    const view = mount({ summary: fixtureSummary(DISPLAY, 'mlp') });
    const reached: string[] = [];
    const listener = (e: KeyboardEvent) => reached.push(e.key);
    document.addEventListener('keydown', listener);
    try {
      tabStops(view.node)[0].focus();
      for (const k of [
        'ArrowDown',
        'ArrowUp',
        'ArrowRight',
        'ArrowLeft',
        'Home',
        'End',
        'PageDown',
        'PageUp'
      ]) {
        expect(press(k).defaultPrevented).toBe(true);
      }
      // Space on a cell has nothing to press, and does not scroll.
      expect(press(' ').defaultPrevented).toBe(true);
      // Tab leaves the table: not ours.
      expect(press('Tab').defaultPrevented).toBe(false);
      expect(reached).toEqual(['Tab']);
    } finally {
      document.removeEventListener('keydown', listener);
    }
  });

  it('skips rows hidden under a collapsed row', () => {
    const view = mount({ summary: fixtureSummary(DISPLAY, 'nested') });
    buttonNamed(view.node, 'Nested layers: encoder').click();
    const encoder = rowOf(view.node, 'encoder');
    encoder.cells[0].querySelector('button')!.focus();
    press('ArrowDown');
    // encoder's rows are hidden: the next one shown is block_dense.
    expect(rowName()).toBe('block_dense');
    expect(isShown(focused())).toBe(true);
  });

  it('follows the order shown when sorted, and gives way when the filter hides its row', () => {
    const summary = fixtureSummary(TFKERAS, 'resnet50');
    const view = mount({ summary });
    chooseSort(view, 'Params, largest first');
    tabStops(view.node)[0].focus();
    const order = layerRows(view.node)
      .filter(isShown)
      .map(r => r.querySelector('th')?.textContent);
    expect(rowName()).toBe(order[0]);
    press('ArrowDown');
    expect(rowName()).toBe(order[1]);
    press('PageDown');
    expect(rowName()).toBe(order[11]);
    // The filter hides that row: the tab stop moves to the first row shown.
    typeFilter(view, 'input');
    const [stop] = tabStops(view.node);
    expect(isShown(stop)).toBe(true);
    expect(stop.closest('tr')?.querySelector('th')?.textContent).toBe(
      layerRows(view.node).filter(isShown)[0].querySelector('th')?.textContent
    );
  });

  it('builds the rows a key reaches in a table still being filled', async () => {
    const summary = longSequence(400);
    const view = mount({ summary, rowChunks: { threshold: 100, size: 50 } });
    expect(layerRows(view.node)).toHaveLength(50);
    tabStops(view.node)[0].focus();
    press('End', true);
    expect(rowName()).toBe('dense_5');
    expect(layerRows(view.node).length).toBe(summary.layers.length);
    press('Home', true);
    expect(focused().textContent).toBe('Layer');
    press('ArrowDown');
    for (let i = 0; i < 8; i++) {
      press('PageDown');
    }
    // Row 0 (embedding), then 8 × 10 rows on: row 80.
    expect(rowName()).toBe('lstm_79');
    await view.ready;
    expect(tabStops(view.node)).toEqual([focused()]);
  });

  it('keeps its place when the table is built again (Letters for None)', () => {
    const view = mount({ summary: fixtureSummary(DISPLAY, 'text') });
    buttonsNamed(rowOf(view.node, 'lstm'), 'None')[1].focus();
    lettersSwitch(view.node).click();
    const [stop] = tabStops(view.node);
    expect(stop.textContent).toBe('T');
    expect(stop.closest('tr')?.querySelector('th')?.textContent).toBe('lstm');
  });
});
