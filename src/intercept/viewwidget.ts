/**
 * A Lumino widget owning one SummaryView, so that the wrappers can hold
 * views and original renderers side by side in one PanelLayout. It keeps
 * nothing of its own: what it shows is the view's.
 */
import type { Message } from '@lumino/messaging';
import { Widget } from '@lumino/widgets';
import type { SummaryView, SummaryViewOptions } from '../render';
import type { Summary } from '../parse';
import { loadedRenderLayer } from './render-layer';

export class SummaryViewWidget extends Widget {
  /** Made once the render layer is loaded (`loadRenderLayer`). */
  constructor(options: SummaryViewOptions) {
    const view = new (loadedRenderLayer().SummaryView)(options);
    super({ node: view.node });
    this.view = view;
  }

  readonly view: SummaryView;

  /** The summary shown. */
  get summary(): Summary {
    return this.view.summary;
  }

  /** The text "Copy original text" copies. */
  get originalText(): string {
    return this.view.originalText;
  }

  /** Attached: its notebook (and so the "Exact shapes…" offer) can be found now. */
  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this.view.checkOffer();
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    super.dispose();
    this.view.dispose();
  }
}
