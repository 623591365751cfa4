/**
 * The renderer of the kernel companion's output: one display bundle holding
 * the payload (`application/vnd.jupyterlab-keras-summary+json`), Keras's own
 * `text/plain` and, for Keras 3, rich's `text/html`. The payload becomes the
 * same interactive view as a parsed text, with the facts only the kernel
 * has; "Show original text" renders the bundle's HTML (else its text) with
 * JupyterLab's own renderer.
 *
 * Whenever the view cannot be shown (interception off, a format the
 * settings leave out, a payload of an unknown major version or malformed)
 * the bundle renders exactly as JupyterLab would render it without this
 * extension: the MIME type JupyterLab's own registry prefers among the
 * bundle's other types, with JupyterLab's own renderer for it. The factory
 * is safe, so untrusted notebooks render the payload too: nothing of it
 * reaches the page but as text.
 */
import type { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { PanelLayout, Widget } from '@lumino/widgets';
import { PAYLOAD_MIME_TYPE, readPayload, readText } from '../parse';
import type { Summary } from '../parse';
import type { InterceptContext } from './context';
import { plainText } from './segments';
import type { InterceptSettings } from './settings';
import { RenderTurns } from './render-layer';
import { SummaryViewWidget } from './viewwidget';
import { WRAPPER_CLASS } from './wrapper';

/**
 * The payload factory's rank: below `text/html` (50), which would otherwise
 * win, and below every other type such a bundle holds.
 */
export const PAYLOAD_RANK = 40;

/** Marks the payload renderer's node (besides `WRAPPER_CLASS`). */
export const PAYLOAD_CLASS = 'jp-KerasSummary-payload';

/**
 * What JupyterLab itself would render a bundle with: the MIME type its own
 * registry (as it was before this extension wrapped anything) prefers, and
 * that registry's factory for it. Null when no other type can be rendered.
 */
export type OriginalChoice = (
  data: IRenderMime.IMimeModel['data'],
  trusted: boolean
) => { mimeType: string; factory: IRenderMime.IRendererFactory } | null;

/**
 * The choice JupyterLab's own registry makes: `registry` must be a copy
 * taken before any factory was wrapped.
 */
export function originalChoice(registry: IRenderMimeRegistry): OriginalChoice {
  return (data, trusted) => {
    const mimeType = registry.preferredMimeType(
      data,
      trusted ? 'any' : 'ensure'
    );
    const factory = mimeType ? registry.getFactory(mimeType) : undefined;
    return mimeType && factory ? { mimeType, factory } : null;
  };
}

/** The factory for the payload's MIME type. */
export function payloadFactory(
  context: InterceptContext,
  original: OriginalChoice
): IRenderMime.IRendererFactory {
  return {
    safe: true,
    mimeTypes: [PAYLOAD_MIME_TYPE],
    defaultRank: PAYLOAD_RANK,
    createRenderer: options =>
      new RenderedPayloadSummary(options, context, original)
  };
}

/** Why a bundle shows as JupyterLab shows it, not as a view (for the console). */
type Refusal = { why: string; quiet: boolean };

export class RenderedPayloadSummary
  extends Widget
  implements IRenderMime.IRenderer
{
  constructor(
    options: IRenderMime.IRendererOptions,
    context: InterceptContext,
    original: OriginalChoice
  ) {
    super();
    super.layout = new PanelLayout();
    this.addClass(WRAPPER_CLASS);
    this.addClass(PAYLOAD_CLASS);
    this.node.dataset['mimeType'] = options.mimeType;
    this._options = options;
    this._context = context;
    this._original = original;
    // Read once: a settings change applies to outputs rendered from then on.
    this._settings = context.settings;
  }

  get layout(): PanelLayout {
    return super.layout as PanelLayout;
  }

  /** The view shown, or null when the bundle shows as JupyterLab shows it. */
  get view(): SummaryViewWidget | null {
    return this._view;
  }

  /** Why the bundle shows as JupyterLab shows it ('' while a view shows). */
  get fallbackReason(): string {
    return this._reason;
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    const turn = this._turns.begin();
    this._model = model;
    let summary: Summary | null = null;
    let refusal: Refusal | null = null;
    try {
      const read = this._read(model);
      summary = read.summary;
      refusal = read.refusal;
    } catch (error) {
      refusal = {
        why: `the payload could not be read (${error})`,
        quiet: false
      };
    }
    const waiting = summary ? this._turns.wait(turn) : null;
    if (waiting) {
      const next = await waiting;
      if (next === 'stale') {
        return;
      }
      if (next === 'failed') {
        // Warned about already.
        refusal = { why: 'the table view could not be loaded', quiet: true };
        summary = null;
      }
    }
    if (summary) {
      try {
        this._showView(summary, model);
        return;
      } catch (error) {
        refusal = { why: `the view failed (${error})`, quiet: false };
      }
    }
    if (refusal && !refusal.quiet) {
      console.warn(
        `keras-summary: showing a kernel summary as its text: ${refusal.why}.`
      );
    }
    await this._showFallback(model, refusal?.why ?? 'no summary');
  }

  /**
   * Render the bundle as JupyterLab would without this extension into
   * `host`; false when it holds nothing else JupyterLab can render.
   */
  async renderOriginalInto(host: HTMLElement): Promise<boolean> {
    const renderer = this._model ? this._originalRenderer(this._model) : null;
    if (!renderer || !this._model) {
      return false;
    }
    this._originals.add(renderer);
    host.appendChild(renderer.node);
    await renderer.renderModel(this._model);
    return true;
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._clear();
    super.dispose();
  }

  /** The summary the bundle holds, or why it is not shown as one. */
  private _read(model: IRenderMime.IMimeModel): {
    summary: Summary | null;
    refusal: Refusal | null;
  } {
    if (!this._settings.enabled) {
      return {
        summary: null,
        refusal: { why: 'rendering summaries as tables is off', quiet: true }
      };
    }
    const text = readText(model.data['text/plain']);
    const reading = readPayload(model.data[PAYLOAD_MIME_TYPE], text);
    if (!reading.summary) {
      return { summary: null, refusal: { why: reading.error, quiet: false } };
    }
    if (!this._settings.formats.includes(reading.summary.format)) {
      return {
        summary: null,
        refusal: {
          why: `the ${reading.summary.format} format is not rendered (settings)`,
          quiet: true
        }
      };
    }
    return { summary: reading.summary, refusal: null };
  }

  private _showView(summary: Summary, model: IRenderMime.IMimeModel): void {
    this._clear();
    const text = readText(model.data['text/plain']);
    this._view = new SummaryViewWidget({
      summary,
      originalText: plainText(text, 'text'),
      renderOriginal: async host => {
        this._pruneOriginals();
        if (!(await this.renderOriginalInto(host))) {
          throw new Error('the bundle holds nothing else to render');
        }
      },
      trans: this._context.trans,
      initialView: this._settings.initialView,
      dimensionLetters: this._settings.dimensionLetters,
      compare: this._context.compare,
      kernel: this._context.kernelLink?.(this.node) ?? null
    });
    this.layout.addWidget(this._view);
  }

  private async _showFallback(
    model: IRenderMime.IMimeModel,
    why: string
  ): Promise<void> {
    this._clear();
    this._reason = why;
    const renderer = this._originalRenderer(model);
    if (!renderer) {
      // JupyterLab shows an empty output for a bundle it cannot render.
      return;
    }
    this._fallback = renderer;
    this.layout.addWidget(renderer);
    await renderer.renderModel(model);
  }

  /** A new renderer of JupyterLab's own for the bundle, or null. */
  private _originalRenderer(
    model: IRenderMime.IMimeModel
  ): IRenderMime.IRenderer | null {
    const data = { ...model.data };
    delete data[PAYLOAD_MIME_TYPE];
    const choice = this._original(data, model.trusted);
    if (!choice) {
      return null;
    }
    return choice.factory.createRenderer({
      ...this._options,
      mimeType: choice.mimeType
    });
  }

  /** Dispose the original renderers the view no longer holds. */
  private _pruneOriginals(): void {
    for (const renderer of [...this._originals]) {
      if (!this.node.contains(renderer.node)) {
        this._originals.delete(renderer);
        renderer.dispose();
      }
    }
  }

  private _clear(): void {
    this._view?.dispose();
    this._view = null;
    this._fallback?.dispose();
    this._fallback = null;
    for (const renderer of this._originals) {
      renderer.dispose();
    }
    this._originals.clear();
    this._reason = '';
  }

  private readonly _options: IRenderMime.IRendererOptions;
  private readonly _context: InterceptContext;
  private readonly _original: OriginalChoice;
  private readonly _settings: InterceptSettings;
  private _model: IRenderMime.IMimeModel | null = null;
  private readonly _turns = new RenderTurns(() => this.isDisposed);
  private _view: SummaryViewWidget | null = null;
  private _fallback: IRenderMime.IRenderer | null = null;
  private readonly _originals = new Set<IRenderMime.IRenderer>();
  private _reason = '';
}
