/**
 * Test helpers for the tools row (filter, sort, export, compare): find the
 * controls by their accessible names and use them as a user would.
 */
import type { SummaryView } from '../view';
import { isShown, layerRows } from './helpers';

/** The filter field, by its accessible name. */
export function filterField(view: SummaryView): HTMLInputElement {
  const field = view.node.querySelector<HTMLInputElement>(
    'input[aria-label="Filter layers by name or type"]'
  );
  if (!field) {
    throw new Error('no filter field');
  }
  return field;
}

/** The sort list, found through its label's text. */
export function sortList(view: SummaryView): HTMLSelectElement {
  const label = Array.from(view.node.querySelectorAll('label')).find(l =>
    l.textContent?.startsWith('Sort:')
  );
  const select = label?.querySelector('select');
  if (!select) {
    throw new Error('no sort list');
  }
  return select;
}

/** Type `text` into the filter (replacing what is there). */
export function typeFilter(view: SummaryView, text: string): void {
  const field = filterField(view);
  field.value = text;
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Choose the option whose text is `label`. */
export function chooseSort(view: SummaryView, label: string): void {
  const select = sortList(view);
  const option = Array.from(select.options).find(o => o.text === label);
  if (!option) {
    throw new Error(`no sort option "${label}"`);
  }
  select.value = option.value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

/** The rows a user sees, top to bottom. */
export function shownRows(view: SummaryView): HTMLTableRowElement[] {
  return layerRows(view.node).filter(isShown);
}

/** A row's layer name (the name only, without the models it sits in). */
export function nameOf(row: HTMLTableRowElement): string {
  return row.querySelector('.jp-KerasSummary-name')?.textContent ?? '';
}

/** The status that counts the rows shown. */
export function countStatus(view: SummaryView): string {
  return view.node.querySelector('.jp-KerasSummary-count')?.textContent ?? '';
}
