/**
 * Helpers for the tests of the dimension tools and Connected to (letters,
 * what-if, references):
 * the header controls by role and name, typing into a field, and the two
 * summaries captured from real Keras for cases the fixtures lack.
 */
import { parseText } from '../../parse';
import type { Summary } from '../../parse';
import {
  SHARED_LSTM_SUMMARY,
  STATES_SUMMARY
} from '../../analyze/__tests__/captured';
import { buttonNamed } from './helpers';

export { SHARED_LSTM_SUMMARY, STATES_SUMMARY };

export function captured(text: string): Summary {
  const [summary] = parseText(text).summaries;
  if (!summary) {
    throw new Error('the captured text holds no summary');
  }
  return summary;
}

/** The "Letters for None" switch. */
export function lettersSwitch(root: ParentNode): HTMLButtonElement {
  const found = Array.from(
    root.querySelectorAll<HTMLButtonElement>('button[role="switch"]')
  ).filter(b => b.textContent === 'Letters for None');
  if (found.length !== 1) {
    throw new Error(`${found.length} letter switches`);
  }
  return found[0];
}

/** The "What if…" button. */
export function whatIfButton(root: ParentNode): HTMLButtonElement {
  return buttonNamed(root, 'What if…');
}

/** The size field labelled `label` (its <label for> text). */
export function field(root: ParentNode, label: string): HTMLInputElement {
  const labels = Array.from(root.querySelectorAll('label')).filter(
    l => l.textContent === label
  );
  if (labels.length !== 1) {
    const all = Array.from(root.querySelectorAll('label')).map(
      l => l.textContent
    );
    throw new Error(
      `${labels.length} labels "${label}"; labels: ${all.join(' | ')}`
    );
  }
  const input = labels[0].control;
  if (!(input instanceof HTMLInputElement)) {
    throw new Error(`label "${label}" labels no input`);
  }
  return input;
}

/** Every field label of the what-if panel. */
export function fieldLabels(root: ParentNode): string[] {
  return Array.from(root.querySelectorAll('.jp-KerasSummary-whatif label')).map(
    l => l.textContent ?? ''
  );
}

/** Type a value into a field the way a browser reports it: set it, fire `input`. */
export function typeInto(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Pick an option of a select, firing `change`. */
export function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

/** The dimension controls (every printed None and fixed batch), in table order. */
export function dimButtons(root: ParentNode): HTMLButtonElement[] {
  return Array.from(
    root.querySelectorAll<HTMLButtonElement>(
      'button.jp-KerasSummary-control-dim'
    )
  );
}

/** Where a dimension control sits: its row, output tensor and axis. */
export interface DimPlace {
  button: HTMLButtonElement;
  row: number;
  tensor: number;
  axis: number;
}

/**
 * The dimension controls of each row with the place of each, worked out
 * from the parsed shapes: a row's controls are its None axes (and a fixed
 * batch size at axis 0), in the order the shape prints them.
 */
export function dimPlaces(root: ParentNode, summary: Summary): DimPlace[] {
  const rows = Array.from(
    root.querySelectorAll<HTMLTableRowElement>('tbody tr')
  ).filter(tr => tr.querySelector('th[scope="row"]') !== null);
  const places: DimPlace[] = [];
  rows.forEach((tr, row) => {
    const buttons = dimButtons(tr);
    const layer = summary.layers[row];
    const axes: { tensor: number; axis: number }[] = [];
    const tensors = layer.shapeKind === 'tensors' ? layer.tensors : [];
    tensors.forEach((shape, tensor) =>
      shape.forEach((dim, axis) => {
        if (dim === null || (axis === 0 && typeof dim === 'number')) {
          axes.push({ tensor, axis });
        }
      })
    );
    if (axes.length !== buttons.length) {
      throw new Error(
        `row ${row}: ${buttons.length} dimension controls, ${axes.length} places`
      );
    }
    buttons.forEach((button, k) => places.push({ button, row, ...axes[k] }));
  });
  return places;
}

/** The text of each column cell `kind` of the layer rows. */
export function columnTexts(root: ParentNode, kind: string): string[] {
  return Array.from(
    root.querySelectorAll(`tbody tr .jp-KerasSummary-cell-${kind}`)
  ).map(c => c.textContent ?? '');
}

/** The accessible name of a button as a screen reader gets it (aria-label, else its text). */
export function nameOf(el: Element): string {
  return el.getAttribute('aria-label') ?? el.textContent ?? '';
}
