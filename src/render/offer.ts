/**
 * "Exact shapes…": the offer a text summary's view makes while a live Python
 * kernel is attached to its notebook. The button opens a short explanation
 * and one action, "Add and run %load_ext", which the JupyterLab glue carries
 * out (a first cell `%load_ext jupyterlab_keras_summary`, run in the
 * notebook's kernel); the panel then says what came of it. Builders only:
 * what shows comes from the view state (`offered`, `offer`).
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { COMPANION_LOAD_LINE } from '../parse';
import { button, h } from './dom';
import type { ViewState } from './state';
import type { Actions, OfferStatus } from './types';

let panels = 0;

export interface OfferParts {
  /** "Exact shapes…", in the header's row of actions. */
  toggle: HTMLButtonElement;
  /** The explanation and the action, under the header's row. */
  panel: HTMLElement;
  run: HTMLButtonElement;
  /** What came of it (a polite live region). */
  result: HTMLElement;
}

export function buildOffer(
  trans: TranslationBundle,
  actions: Actions
): OfferParts {
  const toggle = button(
    'jp-KerasSummary-button jp-KerasSummary-offerToggle',
    trans.__('Exact shapes…')
  );
  toggle.title = trans.__(
    "Get this summary's exact facts from the live model: load the extension's kernel companion in this notebook"
  );
  actions.bind(toggle, { kind: 'offer' });
  const panel = h('div', 'jp-KerasSummary-offer');
  panel.id = `jp-KerasSummary-offer-${++panels}`;
  panel.setAttribute('role', 'region');
  panel.setAttribute('aria-label', trans.__('Exact shapes from the kernel'));
  toggle.setAttribute('aria-controls', panel.id);
  panel.appendChild(
    h(
      'p',
      'jp-KerasSummary-explainText',
      trans.__(
        'This table is read from the text Keras printed: long names may be cut, and where each None comes from is inferred. The kernel companion of this extension sends the facts from the live model instead: full names, exact shapes, weights, and the model input each None comes from.'
      )
    )
  );
  const how = h('p', 'jp-KerasSummary-explainText');
  how.appendChild(
    document.createTextNode(
      trans.__('It adds a first cell to this notebook and runs it:') + ' '
    )
  );
  how.appendChild(h('code', 'jp-KerasSummary-offerCode', COMPANION_LOAD_LINE));
  how.appendChild(
    document.createTextNode(
      ' ' +
        trans.__(
          "Then run this summary's cell again. Saved notebooks keep Keras's own text beside the exact facts."
        )
    )
  );
  panel.appendChild(how);
  const run = button(
    'jp-KerasSummary-button jp-KerasSummary-loadCompanion',
    trans.__('Add and run %load_ext')
  );
  actions.bind(run, { kind: 'loadCompanion' });
  panel.appendChild(run);
  const result = h(
    'p',
    'jp-KerasSummary-explainText jp-KerasSummary-offerResult'
  );
  result.setAttribute('role', 'status');
  result.setAttribute('aria-live', 'polite');
  panel.appendChild(result);
  panel.hidden = true;
  toggle.hidden = true;
  return { toggle, panel, run, result };
}

/** What the panel says after the action. */
function resultText(trans: TranslationBundle, status: OfferStatus): string {
  switch (status) {
    case 'running':
      return trans.__('Running %1…', COMPANION_LOAD_LINE);
    case 'loaded':
      return trans.__(
        "Loaded in this notebook's kernel. Run this summary's cell again to see the exact summary."
      );
    case 'missing':
      return trans.__(
        "The kernel's environment has no jupyterlab_keras_summary. Install the package there (pip install jupyterlab_keras_summary), restart the kernel, and try again."
      );
    case 'failed':
      return trans.__('The cell could not run: its output says why.');
    case 'unavailable':
      return trans.__('No Python kernel is running for this notebook now.');
    default:
      return '';
  }
}

/** The offer as the state says: shown while offered, open while not closed. */
export function showOffer(
  parts: OfferParts,
  state: ViewState,
  trans: TranslationBundle
): void {
  const status = state.offer;
  const open = status !== 'closed';
  // A result stays readable after the kernel went away.
  parts.toggle.hidden = !state.offered;
  parts.panel.hidden = !open || (!state.offered && status === 'open');
  parts.toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
  parts.run.disabled = status === 'running';
  const said = resultText(trans, status);
  if (parts.result.textContent !== said) {
    parts.result.textContent = said;
  }
}
