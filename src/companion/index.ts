/**
 * The kernel companion in the page: which notebooks and consoles have a
 * live Python kernel (`KernelWatch`), the setting that loads the companion
 * silently in them (`CompanionLoader`), and the "Exact shapes…" offer of
 * text summaries (`NotebookOffers`).
 */
import type { INotebookTracker } from '@jupyterlab/notebook';
import type { KernelLink } from '../render';
import { CompanionLoader } from './autoload';
import { NotebookOffers } from './offers';
import { KernelWatch } from './watch';
import type { SessionTracker } from './watch';

export { CompanionLoader } from './autoload';
export { NotebookOffers, loadOutcome } from './offers';
export { KernelWatch } from './watch';
export type { KernelStart, SessionTracker, SessionWidget } from './watch';
export * from './code';

/** What the plugin keeps of the companion. */
export interface CompanionParts {
  kernels: KernelWatch;
  loader: CompanionLoader;
  /** The offer for an output's node; null without a notebook tracker. */
  linkFor: ((node: HTMLElement) => KernelLink) | null;
}

/** Watch the kernels of notebooks and consoles (either tracker may be missing). */
export function startCompanion(
  notebooks: INotebookTracker | null,
  consoles: SessionTracker | null
): CompanionParts {
  const kernels = new KernelWatch([notebooks, consoles]);
  const loader = new CompanionLoader(kernels);
  const offers = notebooks ? new NotebookOffers(notebooks, kernels) : null;
  return {
    kernels,
    loader,
    linkFor: offers ? node => offers.linkFor(node) : null
  };
}
