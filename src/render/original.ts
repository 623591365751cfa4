/**
 * The original output, for "Show original text": rendered by JupyterLab's
 * own renderer into the view (through `renderOriginal`), or as plain text
 * when that renderer fails. Rendered when first shown, and again only when
 * the original changed.
 */
import { h } from './dom';

export class OriginalText {
  /** @param label the accessible name of the region it is shown in. */
  constructor(private readonly _label: string) {}

  readonly node = h('div', 'jp-KerasSummary-original');

  /** The original changed: render it again when next shown. */
  invalidate(): void {
    this._stale = true;
  }

  /** Render the original into the node if it is stale. */
  show(
    renderOriginal: (host: HTMLElement) => Promise<void> | void,
    originalText: string
  ): void {
    if (!this._stale) {
      return;
    }
    this._stale = false;
    const host = this.node;
    host.textContent = '';
    // The region scrolls (a wide table), so it takes the focus: the arrow
    // keys then scroll it.
    const inner = h('div', 'jp-KerasSummary-originalOutput');
    inner.setAttribute('role', 'region');
    inner.setAttribute('aria-label', this._label);
    inner.tabIndex = 0;
    host.appendChild(inner);
    const fallback = (error: unknown) => {
      console.warn(
        'jupyterlab-keras-summary: the original renderer failed',
        error
      );
      inner.textContent = '';
      inner.appendChild(h('pre', 'jp-KerasSummary-originalText', originalText));
    };
    try {
      const result = renderOriginal(inner);
      if (result && typeof (result as Promise<void>).then === 'function') {
        (result as Promise<void>).then(undefined, fallback);
      }
    } catch (error) {
      fallback(error);
    }
  }

  private _stale = true;
}
