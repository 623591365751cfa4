/**
 * The Export menu of a REAL captured summary, used with the mouse and with
 * the keyboard (the WAI-ARIA menu button pattern), copying through the
 * clipboard API (mocked: jsdom has none) or saying that it could not.
 */
import { exportSummary } from '../../export';
import {
  buttonNamed,
  DISPLAY,
  fixtureSummary,
  key,
  mount,
  TFKERAS,
  unmountAll
} from './helpers';

let written: string[] = [];
let allow = true;

beforeEach(() => {
  written = [];
  allow = true;
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: {
      writeText: async (text: string) => {
        if (!allow) {
          throw new Error('denied');
        }
        written.push(text);
      }
    }
  });
});

afterEach(() => {
  unmountAll();
  delete (navigator as any).clipboard;
});

const flush = () => new Promise(resolve => setTimeout(resolve, 0));

function menuOf(root: ParentNode): HTMLElement {
  const menu = root.querySelector<HTMLElement>('[role="menu"]');
  if (!menu) {
    throw new Error('no menu');
  }
  return menu;
}

const items = (root: ParentNode) =>
  Array.from(
    menuOf(root).querySelectorAll<HTMLButtonElement>('[role="menuitem"]')
  );

const status = (root: ParentNode) =>
  Array.from(root.querySelectorAll('[role="status"]'))
    .map(s => s.textContent)
    .join('');

describe('the Export menu', () => {
  it('is a menu button: closed, then open on the first of four formats', () => {
    const view = mount({ summary: fixtureSummary(DISPLAY, 'mlp') });
    const exportButton = buttonNamed(view.node, 'Export');
    expect(exportButton.getAttribute('aria-haspopup')).toBe('menu');
    expect(exportButton.getAttribute('aria-expanded')).toBe('false');
    expect(menuOf(view.node).hidden).toBe(true);
    exportButton.click();
    expect(exportButton.getAttribute('aria-expanded')).toBe('true');
    expect(exportButton.getAttribute('aria-controls')).toBe(
      menuOf(view.node).id
    );
    expect(menuOf(view.node).hidden).toBe(false);
    expect(items(view.node).map(i => i.textContent)).toEqual([
      'Copy as Markdown',
      'Copy as CSV',
      'Copy as LaTeX (booktabs)',
      'Copy as JSON'
    ]);
    expect(document.activeElement).toBe(items(view.node)[0]);
  });

  it.each([
    ['Copy as Markdown', 'markdown', 'Copied as Markdown.'],
    ['Copy as CSV', 'csv', 'Copied as CSV.'],
    ['Copy as LaTeX (booktabs)', 'latex', 'Copied as LaTeX.'],
    ['Copy as JSON', 'json', 'Copied as JSON.']
  ] as const)(
    '%s copies the summary and says so',
    async (label, format, said) => {
      const summary = fixtureSummary(TFKERAS, 'nested');
      const view = mount({ summary });
      const exportButton = buttonNamed(view.node, 'Export');
      exportButton.click();
      buttonNamed(view.node, label).click();
      await flush();
      expect(written).toEqual([exportSummary(summary, format)]);
      expect(status(view.node)).toBe(said);
      expect(menuOf(view.node).hidden).toBe(true);
      expect(document.activeElement).toBe(exportButton);
    }
  );

  it('works from the keyboard: ↓ opens, ↑ ↓ Home End move, Escape closes', () => {
    const view = mount({ summary: fixtureSummary(DISPLAY, 'mlp') });
    const exportButton = buttonNamed(view.node, 'Export');
    exportButton.focus();
    expect(key(exportButton, 'ArrowDown').defaultPrevented).toBe(true);
    const list = items(view.node);
    expect(document.activeElement).toBe(list[0]);
    key(list[0], 'ArrowDown');
    expect(document.activeElement).toBe(list[1]);
    key(list[1], 'End');
    expect(document.activeElement).toBe(list[3]);
    key(list[3], 'ArrowDown');
    expect(document.activeElement).toBe(list[0]);
    key(list[0], 'ArrowUp');
    expect(document.activeElement).toBe(list[3]);
    key(list[3], 'Home');
    expect(document.activeElement).toBe(list[0]);
    const escape = key(list[0], 'Escape');
    expect(escape.defaultPrevented).toBe(true);
    expect(menuOf(view.node).hidden).toBe(true);
    expect(document.activeElement).toBe(exportButton);
    // ↑ opens on the last item.
    key(exportButton, 'ArrowUp');
    expect(document.activeElement).toBe(list[3]);
  });

  it('closes on a click elsewhere', () => {
    const view = mount({ summary: fixtureSummary(DISPLAY, 'mlp') });
    buttonNamed(view.node, 'Export').click();
    expect(menuOf(view.node).hidden).toBe(false);
    document.body.click();
    expect(menuOf(view.node).hidden).toBe(true);
  });

  it('says so when the browser does not allow copying', async () => {
    allow = false;
    const view = mount({ summary: fixtureSummary(DISPLAY, 'mlp') });
    buttonNamed(view.node, 'Export').click();
    buttonNamed(view.node, 'Copy as CSV').click();
    await flush();
    await flush();
    expect(written).toEqual([]);
    expect(status(view.node)).toBe(
      'Could not copy: the browser did not allow it.'
    );
  });

  it('exports the whole summary in Keras’ order, whatever the filter shows', async () => {
    const summary = fixtureSummary(DISPLAY, 'mlp');
    const view = mount({ summary });
    const field = view.node.querySelector(
      'input[type="search"]'
    ) as HTMLInputElement;
    field.value = 'flatten';
    field.dispatchEvent(new Event('input'));
    buttonNamed(view.node, 'Export').click();
    buttonNamed(view.node, 'Copy as Markdown').click();
    await flush();
    expect(written[0]).toContain('`dense_1`');
  });
});
