/**
 * Test helpers for the summary view: summaries from the real captured
 * fixtures, mounting, and queries by what a user sees (roles, text).
 */
import { nullTranslator } from '@jupyterlab/translation';
import { parseNotebookJson } from '../../parse';
import type { NotebookSummary } from '../../parse';
import {
  fixtureCell,
  fixtureIds,
  loadNotebook,
  stdoutOf
} from '../../testing/fixtures';
import type { FixtureNotebook } from '../../testing/fixtures';
import { SummaryView } from '../view';
import type { SummaryViewOptions } from '../view';

export const DISPLAY = 'keras3-display.ipynb';
export const DISPLAY_WIDE = 'keras3-display-wide.ipynb';
export const PRINT = 'keras3-print.ipynb';
export const TFKERAS = 'tfkeras2.ipynb';
export const NOTEBOOKS = [DISPLAY, DISPLAY_WIDE, PRINT, TFKERAS];

export const trans = nullTranslator.load('jupyterlab_keras_summary');

const notebooks = new Map<string, FixtureNotebook>();
const parsed = new Map<string, NotebookSummary[]>();

export function notebook(name: string): FixtureNotebook {
  let nb = notebooks.get(name);
  if (!nb) {
    nb = loadNotebook(name);
    notebooks.set(name, nb);
  }
  return nb;
}

/** Every summary of a fixture notebook, as the parser finds it. */
export function summariesOf(name: string): NotebookSummary[] {
  let all = parsed.get(name);
  if (!all) {
    all = parseNotebookJson(notebook(name).json);
    parsed.set(name, all);
  }
  return all;
}

/** The summaries printed by the cell `# fixture: <id>`. */
export function fixtureSummaries(name: string, id: string): NotebookSummary[] {
  const cell = fixtureCell(notebook(name), id);
  return summariesOf(name).filter(s => s.cell === cell.index);
}

/** The one summary of a fixture cell. */
export function fixtureSummary(name: string, id: string): NotebookSummary {
  const found = fixtureSummaries(name, id);
  if (found.length === 0) {
    throw new Error(`no summary in fixture ${name}#${id}`);
  }
  return found[0];
}

export function ids(name: string): string[] {
  return fixtureIds(notebook(name));
}

/** The stdout of a fixture cell (the print_fn path). */
export function stdoutText(name: string, id: string): string {
  return stdoutOf(fixtureCell(notebook(name), id));
}

const mounted: SummaryView[] = [];

/** Build a view and put it in the document (focus needs it attached). */
export function mount(
  options: Partial<SummaryViewOptions> & Pick<SummaryViewOptions, 'summary'>
): SummaryView {
  const view = new SummaryView({
    originalText: 'original text',
    renderOriginal: host => {
      const pre = document.createElement('pre');
      pre.textContent = 'ORIGINAL';
      host.appendChild(pre);
    },
    trans,
    ...options
  });
  document.body.appendChild(view.node);
  mounted.push(view);
  return view;
}

export function unmountAll(): void {
  while (mounted.length) {
    mounted.pop()?.dispose();
  }
  document.body.textContent = '';
}

/** Buttons whose visible text is exactly `name`. */
export function buttonsNamed(
  root: ParentNode,
  name: string
): HTMLButtonElement[] {
  return Array.from(root.querySelectorAll('button')).filter(
    b => b.textContent === name
  );
}

/** The one button named `name` (visible text or aria-label). */
export function buttonNamed(root: ParentNode, name: string): HTMLButtonElement {
  const found = Array.from(root.querySelectorAll('button')).filter(
    b => b.textContent === name || b.getAttribute('aria-label') === name
  );
  if (found.length !== 1) {
    throw new Error(`${found.length} buttons named "${name}"`);
  }
  return found[0];
}

/** Table rows with a row header: one per layer. */
export function layerRows(root: ParentNode): HTMLTableRowElement[] {
  return Array.from(
    root.querySelectorAll<HTMLTableRowElement>('table tbody tr')
  ).filter(tr => tr.querySelector('th[scope="row"]') !== null);
}

/** The row whose header cell reads `name`. */
export function rowOf(root: ParentNode, name: string): HTMLTableRowElement {
  const row = layerRows(root).find(
    tr => tr.querySelector('th[scope="row"]')?.textContent === name
  );
  if (!row) {
    throw new Error(`no row "${name}"`);
  }
  return row;
}

export function dialogs(root: ParentNode = document): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>('[role="dialog"]'));
}

/** Whether an element is shown (no `hidden` on it or above it). */
export function isShown(el: Element): boolean {
  return el.closest('[hidden]') === null;
}

export function key(
  target: Element,
  k: string,
  type: 'keydown' | 'keyup' = 'keydown'
): KeyboardEvent {
  const event = new KeyboardEvent(type, {
    key: k,
    bubbles: true,
    cancelable: true
  });
  target.dispatchEvent(event);
  return event;
}

/** Count `None` in the printed Output Shape cells of a summary. */
export function printedNones(summary: NotebookSummary): number {
  return summary.layers
    .filter(l => l.shapeKind === 'tensors')
    .reduce((n, l) => n + (l.outputShape.match(/\bNone\b/g) ?? []).length, 0);
}
