/**
 * Original renderers made for a view's "Show original text": each call
 * renders into the host the view gives; renderers whose output the view has
 * since dropped are disposed on the next call, the rest with the wrapper.
 */
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import type { IDisposable } from '@lumino/disposable';

export class OriginalRenderers implements IDisposable {
  constructor(
    private readonly _owner: HTMLElement,
    private readonly _base: IRenderMime.IRendererFactory,
    private readonly _options: IRenderMime.IRendererOptions
  ) {}

  get isDisposed(): boolean {
    return this._disposed;
  }

  /** Render `model` with a new original renderer, appended to `host`. */
  async renderInto(
    host: HTMLElement,
    model: IRenderMime.IMimeModel
  ): Promise<void> {
    this._prune();
    const renderer = this._base.createRenderer(this._options);
    this._renderers.add(renderer);
    host.appendChild(renderer.node);
    await renderer.renderModel(model);
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    for (const renderer of this._renderers) {
      renderer.dispose();
    }
    this._renderers.clear();
  }

  /** Dispose renderers no longer inside the owner (the view replaced them). */
  private _prune(): void {
    for (const renderer of [...this._renderers]) {
      if (!this._owner.contains(renderer.node)) {
        this._renderers.delete(renderer);
        renderer.dispose();
      }
    }
  }

  private readonly _renderers = new Set<IRenderMime.IRenderer>();
  private _disposed = false;
}
