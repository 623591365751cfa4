/**
 * The share of all parameters in each row's Param # cell, on REAL captured
 * summaries. The expected percentages are worked out by hand from the
 * printed counts (noted beside each).
 */
import { formatShare, shareBasis } from '../share';
import {
  DISPLAY,
  fixtureSummary,
  layerRows,
  mount,
  NOTEBOOKS,
  rowOf,
  summariesOf,
  TFKERAS,
  unmountAll
} from './helpers';

afterEach(() => {
  unmountAll();
});

function share(row: HTMLTableRowElement): HTMLElement | null {
  return row.querySelector('.jp-KerasSummary-share');
}

const percentOf = (row: HTMLTableRowElement) =>
  share(row)?.querySelector('.jp-KerasSummary-sharePercent')?.textContent;

describe('the share bar', () => {
  it('shows each row’s share of the total as text, with a decorative bar', () => {
    const view = mount({ summary: fixtureSummary(DISPLAY, 'mlp') });
    // 100,480 / 101,770 = 98.73 %; 1,290 / 101,770 = 1.27 %; Flatten 0.
    expect(percentOf(rowOf(view.node, 'dense'))).toBe('98.7%');
    expect(percentOf(rowOf(view.node, 'dense_1'))).toBe('1.3%');
    expect(percentOf(rowOf(view.node, 'flatten'))).toBe('0%');
    const node = share(rowOf(view.node, 'dense'))!;
    const bar = node.querySelector('.jp-KerasSummary-shareBar') as HTMLElement;
    expect(bar.getAttribute('aria-hidden')).toBe('true');
    const fill = bar.querySelector('.jp-KerasSummary-shareFill') as HTMLElement;
    expect(parseFloat(fill.style.width)).toBeCloseTo(
      (100480 / 101770) * 100,
      6
    );
    expect(node.title).toBe('98.7% of the model’s 101,770 parameters');
    // The count itself still reads first.
    expect(
      rowOf(view.node, 'dense')
        .querySelector('.jp-KerasSummary-cell-params')
        ?.textContent?.startsWith('100,480')
    ).toBe(true);
  });

  it('leaves the optimizer’s variables out of the whole', () => {
    // trained: Dense 336 and 17 trainable, 708 optimizer params, total 1,061.
    const view = mount({ summary: fixtureSummary(DISPLAY, 'trained') });
    const rows = layerRows(view.node);
    expect(rows.map(percentOf)).toEqual(['95.2%', '4.8%']);
  });

  it('gives nested rows their share of the same whole', () => {
    // nested: total 5,121; block 4,720 (92.2 %), encoder 4,192 (81.9 %),
    // encoder_dense_1 2,112 (41.2 %), frozen_projection 392 (7.7 %).
    const view = mount({ summary: fixtureSummary(TFKERAS, 'nested') });
    expect(percentOf(rowOf(view.node, 'block'))).toBe('92.2%');
    expect(percentOf(rowOf(view.node, 'encoder'))).toBe('81.9%');
    expect(percentOf(rowOf(view.node, 'encoder_dense_1'))).toBe('41.2%');
    expect(percentOf(rowOf(view.node, 'frozen_projection'))).toBe('7.7%');
  });

  it('shows no bar for 0 (unbuilt) and none when nothing is counted yet', () => {
    const view = mount({ summary: fixtureSummary(DISPLAY, 'unbuilt') });
    expect(view.node.querySelectorAll('.jp-KerasSummary-share')).toHaveLength(
      0
    );
  });

  it('without totals, takes the top-level rows’ sum as the whole', () => {
    const summary = fixtureSummary(DISPLAY, 'mlp');
    const view = mount({
      summary: {
        ...summary,
        totals: {
          total: null,
          trainable: null,
          nonTrainable: null,
          optimizer: null
        }
      }
    });
    // 100,480 + 1,290 = 101,770, the same whole.
    expect(percentOf(rowOf(view.node, 'dense'))).toBe('98.7%');
  });

  for (const name of NOTEBOOKS) {
    it(`${name}: the top-level shares add up to the whole where the counts do`, () => {
      let checked = 0;
      for (const summary of summariesOf(name)) {
        const top = summary.layers.filter(l => l.depth === 0);
        const t = summary.totals;
        if (
          shareBasis(summary) === null ||
          t.trainable === null ||
          t.nonTrainable === null ||
          top.some(l => l.params === null || l.unbuilt) ||
          // The parser says when they do not (layer_range prints a part).
          summary.warnings.some(w => w.includes('add up'))
        ) {
          continue;
        }
        const view = mount({ summary });
        const widths = layerRows(view.node)
          .filter((_, i) => summary.layers[i].depth === 0)
          .map(row =>
            parseFloat(
              (row.querySelector('.jp-KerasSummary-shareFill') as HTMLElement)
                .style.width
            )
          );
        expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 6);
        unmountAll();
        checked++;
      }
      expect(checked).toBeGreaterThan(10);
    });
  }
});

describe('formatShare', () => {
  it.each([
    [0, '0%'],
    [0.0004, '<0.1%'],
    [0.0005, '0.1%'],
    [0.5, '50%'],
    [0.98732, '98.7%'],
    [0.9996, '>99.9%'],
    [1, '100%']
  ])('%d → %s', (value, text) => {
    expect(formatShare(value)).toBe(text);
  });
});
