/**
 * A Lumino widget owning one SummaryView, so that the wrappers can hold
 * views and original renderers side by side in one PanelLayout.
 */
import { Widget } from '@lumino/widgets';
import { SummaryView } from './view';
import type { SummaryViewOptions } from './view';

export class SummaryViewWidget extends Widget {
  constructor(options: SummaryViewOptions) {
    const view = new SummaryView(options);
    super({ node: view.node });
    this._view = view;
    this._options = { ...options };
  }

  /** The options the view shows now. */
  get options(): Readonly<SummaryViewOptions> {
    return this._options;
  }

  setOptions(options: Partial<SummaryViewOptions>): void {
    this._options = { ...this._options, ...options };
    this._view.update(options);
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    super.dispose();
    this._view.dispose();
  }

  private readonly _view: SummaryView;
  private _options: SummaryViewOptions;
}
