/**
 * "Compare Keras summaries…": pick two summaries of the current notebook
 * (by model name and cell number) in a dialog, then see what changed in a
 * main-area tab. The summaries come from the notebook's outputs, parsed as
 * the CLI parses a saved notebook, so they are the same however they are
 * rendered. Each summary's "Compare with…" button opens the same dialog with
 * that summary chosen first.
 */
import type { JupyterFrontEnd } from '@jupyterlab/application';
import { Dialog, MainAreaWidget, showDialog } from '@jupyterlab/apputils';
import type { ICommandPalette } from '@jupyterlab/apputils';
import type { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import type { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import { parseNotebook } from './parse';
import type { Summary } from './parse';
import { loadRenderLayer } from './intercept/render-layer';
import type { CompareHandler } from './render';

export const COMPARE_COMMAND = 'keras-summary:compare';

/** A summary to pick, with the words that name it. */
export interface SummaryChoice {
  summary: Summary;
  label: string;
  /** Index of the notebook cell that printed it; null when it is not in the notebook. */
  cell: number | null;
}

interface NotebookJson {
  cells: { execution_count?: number | null }[];
}

/** Every summary of a notebook (nbformat JSON), named "model — cell N". */
export function notebookChoices(
  nb: NotebookJson,
  trans: TranslationBundle
): SummaryChoice[] {
  const summaries = parseNotebook(nb as { cells: unknown[] });
  const perCell = new Map<number, number>();
  for (const s of summaries) {
    perCell.set(s.cell, (perCell.get(s.cell) ?? 0) + 1);
  }
  const seen = new Map<number, number>();
  return summaries.map(s => {
    const nth = (seen.get(s.cell) ?? 0) + 1;
    seen.set(s.cell, nth);
    const name = s.model || trans.__('unnamed model');
    const count = nb.cells[s.cell]?.execution_count;
    let label = trans.__('%1 — cell %2', name, s.cell + 1);
    if (typeof count === 'number') {
      label += ` [${count}]`;
    }
    const many = perCell.get(s.cell) ?? 1;
    if (many > 1) {
      label += ` (${trans.__('%1 of %2', nth, many)})`;
    }
    return { summary: s, label, cell: s.cell };
  });
}

function sameLayers(a: Summary, b: Summary): boolean {
  return (
    a.layers.length === b.layers.length &&
    a.layers.every((l, i) => l.name === b.layers[i].name)
  );
}

/**
 * Which choice is `origin` (the summary whose button was pressed, printed
 * in cell `cell`), adding it first when the notebook does not hold it (an
 * output in a console, say). Returns the choices and its index.
 */
export function chooseOrigin(
  choices: SummaryChoice[],
  origin: Summary,
  cell: number | null,
  trans: TranslationBundle
): { choices: SummaryChoice[]; index: number } {
  if (cell !== null) {
    const inCell = choices
      .map((c, i) => ({ c, i }))
      .filter(({ c }) => c.cell === cell);
    const found =
      inCell.find(({ c }) => sameLayers(c.summary, origin)) ?? inCell[0];
    if (found) {
      return { choices, index: found.i };
    }
  }
  const own: SummaryChoice = {
    summary: origin,
    label: trans.__(
      '%1 — this output',
      origin.model || trans.__('unnamed model')
    ),
    cell: null
  };
  return { choices: [own, ...choices], index: 0 };
}

/** The dialog's body: two labelled lists of the summaries. */
export class ComparePicker extends Widget {
  constructor(
    choices: SummaryChoice[],
    first: number,
    second: number,
    trans: TranslationBundle
  ) {
    super();
    this.addClass('jp-KerasSummary-compareDialog');
    this._first = this._select(trans.__('Before'), choices, first);
    this._second = this._select(trans.__('After'), choices, second);
  }

  getValue(): { a: number; b: number } {
    return { a: Number(this._first.value), b: Number(this._second.value) };
  }

  private _select(
    text: string,
    choices: SummaryChoice[],
    selected: number
  ): HTMLSelectElement {
    const label = document.createElement('label');
    label.textContent = text;
    const select = document.createElement('select');
    choices.forEach((choice, i) => {
      const option = document.createElement('option');
      option.value = String(i);
      option.textContent = choice.label;
      option.selected = i === selected;
      select.appendChild(option);
    });
    select.setAttribute('aria-label', text);
    label.htmlFor = select.id = `jp-KerasSummary-pick-${++pickerId}`;
    this.node.appendChild(label);
    this.node.appendChild(select);
    return select;
  }

  private readonly _first: HTMLSelectElement;
  private readonly _second: HTMLSelectElement;
}

let pickerId = 0;
let compareId = 0;

/**
 * The comparison of two choices in a new main-area tab. Notebook 7's shell
 * keeps one widget in its main area and ignores others: there it shows in a
 * dialog instead. Resolves to the tab, or null when a dialog showed it.
 */
export async function openComparison(
  app: JupyterFrontEnd,
  a: SummaryChoice,
  b: SummaryChoice,
  trans: TranslationBundle
): Promise<MainAreaWidget | null> {
  // The render layer is loaded on first use (src/intercept/render-layer.ts).
  const { buildComparison } = await loadRenderLayer();
  const content = new Widget();
  content.addClass('jp-KerasSummary-compareWidget');
  content.node.tabIndex = -1;
  content.node.appendChild(
    buildComparison(a.summary, b.summary, { a: a.label, b: b.label }, trans)
  );
  const widget = new MainAreaWidget({ content });
  widget.id = `jp-KerasSummary-compare-${++compareId}`;
  widget.title.label = trans.__(
    'Compare: %1 → %2',
    a.summary.model || '?',
    b.summary.model || '?'
  );
  widget.title.caption = trans.__('%1 → %2', a.label, b.label);
  widget.title.closable = true;
  app.shell.add(widget, 'main');
  if (widget.isAttached) {
    app.shell.activateById(widget.id);
    return widget;
  }
  widget.dispose();
  const body = new Widget();
  body.addClass('jp-KerasSummary-compareWidget');
  body.node.appendChild(
    buildComparison(a.summary, b.summary, { a: a.label, b: b.label }, trans)
  );
  await showDialog({
    title: trans.__('Compare Keras summaries'),
    body,
    buttons: [Dialog.okButton({ label: trans.__('Close') })]
  });
  return null;
}

/** The panel that holds `node`, else the current notebook. */
function panelOf(
  tracker: INotebookTracker | null,
  node: HTMLElement | null
): NotebookPanel | null {
  if (!tracker) {
    return null;
  }
  return (
    (node ? tracker.find(panel => panel.node.contains(node)) : undefined) ??
    tracker.currentWidget
  );
}

/** Index of the notebook cell whose output holds `node`, or null. */
function cellOf(
  panel: NotebookPanel | null,
  node: HTMLElement | null
): number | null {
  if (!panel || !node) {
    return null;
  }
  const index = panel.content.widgets.findIndex(cell =>
    cell.node.contains(node)
  );
  return index >= 0 ? index : null;
}

function choicesOf(
  panel: NotebookPanel | null,
  trans: TranslationBundle
): SummaryChoice[] {
  const json = panel?.context?.model?.toJSON() as unknown as
    NotebookJson | undefined;
  if (!json || !Array.isArray(json.cells)) {
    return [];
  }
  return notebookChoices(json, trans);
}

/**
 * Ask for two summaries (the origin's first, when given) and open their
 * comparison. Resolves to the widget opened, or null.
 */
export async function pickAndCompare(
  app: JupyterFrontEnd,
  tracker: INotebookTracker | null,
  trans: TranslationBundle,
  origin?: { summary: Summary; node: HTMLElement }
): Promise<MainAreaWidget | null> {
  const panel = panelOf(tracker, origin?.node ?? null);
  let choices = choicesOf(panel, trans);
  let first = 0;
  if (origin) {
    const chosen = chooseOrigin(
      choices,
      origin.summary,
      cellOf(panel, origin.node),
      trans
    );
    choices = chosen.choices;
    first = chosen.index;
  }
  if (choices.length < 2) {
    await showDialog({
      title: trans.__('Compare Keras summaries'),
      body: trans.__(
        'Comparing needs two Keras summaries; this notebook has %1.',
        choices.length
      ),
      buttons: [Dialog.okButton()]
    });
    return null;
  }
  const second = first + 1 < choices.length ? first + 1 : first - 1;
  const picker = new ComparePicker(choices, first, second, trans);
  const result = await showDialog({
    title: trans.__('Compare Keras summaries'),
    body: picker,
    buttons: [
      Dialog.cancelButton(),
      Dialog.okButton({ label: trans.__('Compare') })
    ],
    focusNodeSelector: 'select'
  });
  if (!result.button.accept || !result.value) {
    return null;
  }
  const { a, b } = result.value;
  if (!choices[a] || !choices[b]) {
    return null;
  }
  return openComparison(app, choices[a], choices[b], trans);
}

/** Register the command, its palette entry and the views' "Compare with…" handler. */
export function addCompareCommand(
  app: JupyterFrontEnd,
  trans: TranslationBundle,
  tracker: INotebookTracker | null,
  palette: ICommandPalette | null
): CompareHandler | null {
  app.commands.addCommand(COMPARE_COMMAND, {
    label: trans.__('Compare Keras summaries…'),
    caption: trans.__(
      'Pick two Keras model summaries of the notebook and see which layers, shapes and parameter counts changed'
    ),
    describedBy: {
      args: {
        type: 'object',
        properties: {
          a: {
            type: 'number',
            description: 'Index of the first summary (skips the dialog with b)'
          },
          b: { type: 'number', description: 'Index of the second summary' }
        }
      }
    },
    isEnabled: () => !!tracker?.currentWidget,
    execute: async args => {
      const a = args?.a;
      const b = args?.b;
      if (typeof a === 'number' && typeof b === 'number') {
        const choices = choicesOf(tracker?.currentWidget ?? null, trans);
        if (choices[a] && choices[b]) {
          return await openComparison(app, choices[a], choices[b], trans);
        }
        return null;
      }
      return pickAndCompare(app, tracker, trans);
    }
  });
  palette?.addItem({
    command: COMPARE_COMMAND,
    category: trans.__('Keras Summary')
  });
  if (!tracker) {
    return null;
  }
  // Each view's "Compare with…" button.
  return (summary, node) => {
    void pickAndCompare(app, tracker, trans, { summary, node }).catch(error =>
      console.error('keras-summary: compare failed', error)
    );
  };
}
