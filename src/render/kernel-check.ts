/**
 * "Check in the kernel", in the what-if panel of a kernel summary: the live
 * kernel computes the shapes for the sizes typed (the companion's
 * `check_sizes`, through a silent request that leaves no output and no
 * history) and the view marks every row where they differ from the page's.
 *
 * Builders only: running the check is the view's kernel controller's
 * (`kernel-link.ts`), which puts what came of it in the view state; the
 * request, its reply and the comparison are the shape engine's
 * (`analyze/shapes/check.ts`, `kernel.ts`). Never throws.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { button, h } from './dom';
import type { Summary } from '../parse';
import type { Actions, KernelCheckState } from './types';

/** What the check said, in words; '' before it ran. */
export function checkMessage(
  trans: TranslationBundle,
  summary: Summary,
  check: KernelCheckState
): string {
  if (check.running) {
    return trans.__('Checking in the kernel…');
  }
  const outcome = check.outcome;
  if (!outcome) {
    return '';
  }
  if (outcome.refused === 'sizes') {
    return trans.__(
      'Type a size first: the kernel checks the sizes typed here.'
    );
  }
  const result = outcome.check;
  if (outcome.refused === 'token' || result?.status === 'gone') {
    return trans.__(
      "The kernel does not hold this model (it was deleted, or the kernel restarted): run the summary's cell again, then check."
    );
  }
  if (!result || result.status === 'error') {
    return trans.__(
      'The kernel did not answer the check (%1).',
      result?.reason ?? trans.__('no reply')
    );
  }
  if (result.status === 'missing') {
    return trans.__(
      'This kernel has no jupyterlab_keras_summary companion to ask: run %load_ext jupyterlab_keras_summary and the summary cell again.'
    );
  }
  if (result.status !== 'ok') {
    return trans.__(
      'The kernel cannot check this model: %1.',
      result.reason ?? result.status
    );
  }
  const comparison = outcome.comparison;
  if (comparison && !comparison.agree) {
    return trans._n(
      'The kernel differs on %1 row: it is marked in the table.',
      'The kernel differs on %1 rows: they are marked in the table.',
      comparison.rows.length
    );
  }
  return trans._n(
    'The kernel agrees on the %1 row.',
    'The kernel agrees on all %1 rows.',
    summary.layers.length
  );
}

/** The panel's part: the button and what the check said. */
export interface CheckSection {
  node: HTMLElement;
  button: HTMLButtonElement;
  status: HTMLElement;
}

export function buildCheckSection(
  trans: TranslationBundle,
  actions: Actions
): CheckSection {
  const node = h('div', 'jp-KerasSummary-kernelCheck');
  const run = button(
    'jp-KerasSummary-button jp-KerasSummary-checkKernel',
    trans.__('Check in the kernel')
  );
  run.title = trans.__(
    'Compute these shapes in the live model in the kernel, silently, and mark every row where they differ from the page'
  );
  actions.bind(run, { kind: 'checkKernel' });
  const status = h('span', 'jp-KerasSummary-kernelCheckStatus');
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  node.appendChild(run);
  node.appendChild(status);
  return { node, button: run, status };
}

/** Bring the section in line with the state. */
export function showCheckSection(
  section: CheckSection,
  trans: TranslationBundle,
  summary: Summary,
  check: KernelCheckState
): void {
  section.node.hidden = !check.available && !check.running && !check.outcome;
  section.button.setAttribute('aria-disabled', String(check.running));
  const text = checkMessage(trans, summary, check);
  if (section.status.textContent !== text) {
    section.status.textContent = text;
  }
  const differs =
    !!check.outcome?.comparison && !check.outcome.comparison.agree;
  section.status.classList.toggle('jp-KerasSummary-kernelDiffers', differs);
}
