/**
 * What the text/html and the stdout wrappers share: the output node
 * JupyterLab sees (a panel holding original renderers and views), the
 * factory, settings and translations they were made with, the original
 * renderers behind "Show original text", and their place in the output
 * area's group: joined while attached and holding something to group, left
 * when detached or disposed.
 */
import { MimeModel } from '@jupyterlab/rendermime';
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import type { Message } from '@lumino/messaging';
import { PanelLayout, Widget } from '@lumino/widgets';
import type { InterceptContext } from './context';
import { joinArea, leaveArea } from './grouping';
import type { GroupMember } from './grouping';
import { OriginalRenderers } from './originals';
import type { RichPiece } from './pieces';
import type { InterceptSettings } from './settings';

/** Class of every wrapper node (the output node JupyterLab sees). */
export const WRAPPER_CLASS = 'jp-KerasSummary-output';

export abstract class SummaryWrapper
  extends Widget
  implements IRenderMime.IRenderer, GroupMember
{
  constructor(
    options: IRenderMime.IRendererOptions,
    base: IRenderMime.IRendererFactory,
    context: InterceptContext
  ) {
    super();
    super.layout = new PanelLayout();
    this.addClass(WRAPPER_CLASS);
    this.node.dataset['mimeType'] = options.mimeType;
    this._options = options;
    this._base = base;
    this._context = context;
    // Read once: a settings change applies to outputs rendered from then on.
    this._settings = context.settings;
    this._originals = new OriginalRenderers(this.node, base, options);
  }

  get layout(): PanelLayout {
    return super.layout as PanelLayout;
  }

  abstract readonly piece: RichPiece | null;
  abstract readonly blank: boolean;
  abstract readonly showsSummary: boolean;
  abstract setGroup(members: ReadonlyArray<GroupMember>): void;
  abstract renderModel(model: IRenderMime.IMimeModel): Promise<void>;

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    leaveArea(this);
    this._disposeContent();
    this._originals.dispose();
    super.dispose();
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this._syncArea();
  }

  protected onBeforeDetach(msg: Message): void {
    leaveArea(this);
    this._inArea = false;
    super.onBeforeDetach(msg);
  }

  /** Whether this output belongs in its output area's group now. */
  protected abstract _joinsArea(): boolean;

  /** Dispose the renderers and views this wrapper made (not the originals). */
  protected abstract _disposeContent(): void;

  /** Join or leave the output area's group, as `_joinsArea` says. */
  protected _syncArea(): void {
    if (this.isAttached && this._joinsArea()) {
      this._inArea = joinArea(this);
    } else {
      leaveArea(this);
      this._inArea = false;
    }
  }

  /** `text` as a model of this wrapper's MIME type, trusted as `model` is. */
  protected _textModel(
    text: string,
    model: IRenderMime.IMimeModel
  ): IRenderMime.IMimeModel {
    return new MimeModel({
      data: { [this._options.mimeType]: text },
      trusted: model.trusted,
      metadata: model.metadata
    });
  }

  protected readonly _options: IRenderMime.IRendererOptions;
  protected readonly _base: IRenderMime.IRendererFactory;
  protected readonly _context: InterceptContext;
  protected readonly _settings: InterceptSettings;
  protected readonly _originals: OriginalRenderers;
  /** Whether this output is in an output area's group (which then calls `setGroup`). */
  protected _inArea = false;
}
