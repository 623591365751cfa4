/** The dialog an explanation is shown in (`role="dialog"`, non-modal). */
import type { TranslationBundle } from '@jupyterlab/translation';
import { button, h } from '../dom';
import type { Actions, Explanation } from '../types';

/** The dialog holding `explanation`, with its close button. */
export function explanationNode(
  explanation: Explanation,
  id: string,
  trans: TranslationBundle,
  actions: Actions
): HTMLElement {
  const dialog = h('div', 'jp-KerasSummary-explain');
  dialog.id = id;
  dialog.setAttribute('role', 'dialog');
  dialog.setAttribute('aria-modal', 'false');
  dialog.tabIndex = -1;
  const title = h('p', 'jp-KerasSummary-explainTitle', explanation.title);
  title.id = `${id}-title`;
  dialog.setAttribute('aria-labelledby', title.id);
  dialog.appendChild(title);
  for (const p of explanation.paragraphs) {
    if (p instanceof HTMLElement) {
      dialog.appendChild(p);
      continue;
    }
    const para = h('p', 'jp-KerasSummary-explainText');
    para.appendChild(p);
    dialog.appendChild(para);
  }
  const close = button('jp-KerasSummary-explainClose', '×');
  actions.bind(close, { kind: 'close' });
  close.setAttribute('aria-label', trans.__('Close the explanation'));
  close.title = trans.__('Close (Escape)');
  dialog.appendChild(close);
  return dialog;
}
