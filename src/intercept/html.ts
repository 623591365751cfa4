/**
 * The text/html wrapper. rich's output of a Keras 3 summary table becomes the
 * interactive view; rich's heading and totals outputs render as before and
 * are offered to the area's coordinator, which folds them into the table's
 * view and hides them. Every other HTML output goes to the original renderer
 * untouched.
 *
 * A table output in an output area waits for the area's grouping (a
 * microtask after it joins) before it builds its view, so that a summary
 * whose outputs arrive together (a reopened notebook) is analysed and built
 * once, with its heading and totals. Outputs arriving later (a live kernel)
 * change only the view's heading and totals, not its rows.
 */
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import type { Message } from '@lumino/messaging';
import { readText, withChecks } from '../parse';
import { mergeGroup } from './grouping';
import type { GroupMember } from './grouping';
import { isBlankRichOutput, readRichPiece } from './pieces';
import type { RichPiece } from './pieces';
import { RenderTurns } from './render-layer';
import { SummaryViewWidget } from './viewwidget';
import { SummaryWrapper } from './wrapper';

export class RenderedHtmlSummary extends SummaryWrapper {
  /** The summary piece this output holds, or null. */
  get piece(): RichPiece | null {
    return this._piece;
  }

  get blank(): boolean {
    return this._blank;
  }

  get showsSummary(): boolean {
    return this._view !== null && this._view.parent === this;
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    const turn = this._turns.begin();
    const source = readText(model.data[this._options.mimeType]);
    this._model = model;
    this._source = source;
    let piece: RichPiece | null = null;
    this._blank = false;
    if (this._settings.enabled) {
      try {
        this._blank = isBlankRichOutput(source);
        piece = readRichPiece(source, this._settings.formats);
      } catch (error) {
        console.warn(
          'keras-summary: could not read an HTML output; showing it as is.',
          error
        );
      }
    }
    // The layer loads before the piece is set: its group shows it as soon as it is.
    const waiting = piece?.part === 'table' ? this._turns.wait(turn) : null;
    if (waiting) {
      const next = await waiting;
      if (next === 'stale') {
        return;
      }
      if (next === 'failed') {
        piece = null;
      }
    }
    this._piece = piece;
    if (piece?.part === 'table') {
      // Shown when the output is attached: alone, or with its group.
      this._group = [];
      this._syncArea();
      if (this.isAttached && !this._inArea) {
        this._showGroup([this]);
      }
      return;
    }
    this._syncArea();
    await this._showOriginal(model);
  }

  setGroup(members: ReadonlyArray<GroupMember>): void {
    if (this.isDisposed || this._piece?.part !== 'table') {
      return;
    }
    this._showGroup(members);
  }

  /** Render this output as the original renderer would into `host`. */
  async renderOriginalInto(
    host: HTMLElement,
    owner: RenderedHtmlSummary
  ): Promise<void> {
    if (!this._model) {
      return;
    }
    await owner._originals.renderInto(
      host,
      this._textModel(this._source, this._model)
    );
  }

  /** Attached outside an output area (a mime document, a test host): the table alone. */
  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    if (this._piece?.part === 'table' && !this._inArea && !this.showsSummary) {
      this._showGroup([this]);
    }
  }

  protected _disposeContent(): void {
    this._view?.dispose();
    this._original?.dispose();
  }

  /**
   * Summary pieces and empty rich outputs join their output area's group
   * (which regroups it); other HTML outputs never do, and cost nothing.
   */
  protected _joinsArea(): boolean {
    return this._piece !== null || this._blank;
  }

  /** Show the view of `members` (this table output and the pieces around it); the original if that fails. */
  private _showGroup(members: ReadonlyArray<GroupMember>): void {
    try {
      this._group = [...members];
      this._showView();
    } catch (error) {
      console.warn(
        'keras-summary: could not show a summary; showing the output as is.',
        error
      );
      this._piece = null;
      this._syncArea();
      if (this._model) {
        void this._showOriginal(this._model);
      }
    }
  }

  private _showView(): void {
    const members = this._group.filter(m => m.piece) as RenderedHtmlSummary[];
    const group = members.includes(this) ? members : [this];
    // Sources of the pieces shown: nothing to do when they did not change.
    const key = group.map(m => m._source).join('\0');
    if (this._view && this._view.parent === this && key === this._shownKey) {
      return;
    }
    const summary = withChecks(mergeGroup(group));
    const options = {
      summary,
      originalText: group.map(m => m._piece!.text).join(''),
      renderOriginal: async (host: HTMLElement) => {
        for (const m of group) {
          await m.renderOriginalInto(host, this);
        }
      }
    };
    if (this._view) {
      this._view.view.update(options);
    } else {
      this._view = new SummaryViewWidget({
        ...options,
        trans: this._context.trans,
        initialView: this._settings.initialView,
        dimensionLetters: this._settings.dimensionLetters,
        compare: this._context.compare,
        kernel: this._context.kernelLink?.(this.node) ?? null
      });
    }
    this._shownKey = key;
    if (this._original && this._original.parent === this) {
      this._original.parent = null;
    }
    if (this._view.parent !== this) {
      this.layout.addWidget(this._view);
    }
  }

  private async _showOriginal(model: IRenderMime.IMimeModel): Promise<void> {
    if (this._view) {
      this._view.dispose();
      this._view = null;
      this._group = [];
      this._shownKey = '';
    }
    if (!this._original) {
      this._original = this._base.createRenderer(this._options);
    }
    if (this._original.parent !== this) {
      this.layout.addWidget(this._original);
    }
    await this._original.renderModel(model);
  }

  private _model: IRenderMime.IMimeModel | null = null;
  private readonly _turns = new RenderTurns(() => this.isDisposed);
  private _source = '';
  private _piece: RichPiece | null = null;
  private _blank = false;
  private _original: IRenderMime.IRenderer | null = null;
  private _view: SummaryViewWidget | null = null;
  private _group: GroupMember[] = [];
  private _shownKey = '';
}
