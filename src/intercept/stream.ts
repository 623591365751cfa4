/**
 * The stdout wrapper. A stream that holds no summary is rendered by the
 * original renderer, unchanged. A stream that holds one or more whole
 * summaries is cut into pieces: the text around them goes to original
 * renderers (ANSI colours, links, all as before), each summary to a view.
 *
 * JupyterLab calls `renderModel` again with the whole text for every chunk
 * that arrives, so children are kept and updated, never rebuilt. A table
 * still being printed stays text until it is whole; once a summary shows as
 * a table it stays a table.
 */
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { readText } from '../parse';
import type { Summary } from '../parse';
import type { InterceptContext } from './context';
import type { StreamPart } from './grouping';
import {
  findSummaries,
  hasWholeTable,
  plainText,
  splitText,
  StreamMarkers,
  StreamParser,
  TableCloseWatch
} from './segments';
import type { Segment } from './segments';
import { RenderTurns } from './render-layer';
import { SummaryViewWidget } from './viewwidget';
import { SummaryWrapper } from './wrapper';

/** Marks the stream wrapper, whose summaries line up with the text around. */
const STREAM_CLASS = 'jp-KerasSummary-stream';

interface TextChild {
  kind: 'text';
  widget: IRenderMime.IRenderer;
  source: string;
}

interface SummaryChild {
  kind: 'summary';
  widget: SummaryViewWidget;
  start: number;
  source: string;
}

type Child = TextChild | SummaryChild;

export class RenderedStreamSummary extends SummaryWrapper {
  constructor(
    options: IRenderMime.IRendererOptions,
    base: IRenderMime.IRendererFactory,
    context: InterceptContext
  ) {
    super(options, base, context);
    this.addClass(STREAM_CLASS);
  }

  /** Streams hold no rich piece; they only tell whether they show a summary. */
  readonly piece = null;
  readonly blank = false;

  get showsSummary(): boolean {
    return this._children.some(c => c.kind === 'summary');
  }

  setGroup(): void {
    // Nothing to merge into a stream's views.
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    const own = readText(model.data[this._options.mimeType]);
    const changed = own !== this._own;
    if (changed) {
      // A summary joined with the outputs after this one is stale now.
      this._own = own;
      this._joined = null;
    }
    this._model = model;
    const turn = this._turns.begin();
    const shown = this.showsSummary;
    try {
      this._holdsMarkers =
        this._settings.enabled && this._markers.mayHoldSummary(own);
      await this._render(model, this._joined ?? own, turn);
    } finally {
      // A stream with summary markers stays in its area's group, which
      // regroups when its text changes (see `stream` below).
      if (this.showsSummary !== shown || (changed && this._holdsMarkers)) {
        this._syncArea();
      }
    }
  }

  /**
   * What the area's group needs to join this output's text with the stdout
   * outputs after it (a summary printed over several, a stderr line
   * between them): null when its text holds no summary marker.
   */
  get stream(): StreamPart | null {
    return this._holdsMarkers ? this._streamPart : null;
  }

  private readonly _turns = new RenderTurns(() => this.isDisposed);

  private readonly _streamPart: StreamPart = {
    text: () => this._own,
    read: text =>
      findSummaries(text, 'text', this._settings.formats).filter(hasWholeTable),
    show: (joined: string | null) => {
      if (joined === this._joined || this.isDisposed) {
        return;
      }
      this._joined = joined;
      if (this._model) {
        void this.renderModel(this._model);
      }
    }
  };

  private async _render(
    model: IRenderMime.IMimeModel,
    source: string,
    turn: number
  ): Promise<void> {
    let segments: Segment[] | null = null;
    if (
      this._settings.enabled &&
      (this._holdsMarkers || this._joined !== null) &&
      // Until a table shows, only a closing line can make one whole.
      (this._shownAt.size > 0 || this._closers.mayClose(source))
    ) {
      try {
        const summaries = this._parser.summaries(
          source,
          this._settings.formats
        );
        segments = splitText(source, summaries, s => this._showsTable(s));
        if (!segments.some(s => s.kind === 'summary')) {
          segments = null;
        }
      } catch (error) {
        console.warn(
          'keras-summary: could not read a stream output; showing it as text.',
          error
        );
        segments = null;
      }
    }
    const waiting = segments ? this._turns.wait(turn) : null;
    if (waiting) {
      const next = await waiting;
      if (next === 'stale') {
        return;
      }
      if (next === 'failed') {
        segments = null;
      }
    }
    if (segments) {
      try {
        await this._renderSegments(source, segments, model);
        return;
      } catch (error) {
        console.warn(
          'keras-summary: could not show a summary; showing it as text.',
          error
        );
      }
    }
    await this._renderPlain(model);
  }

  protected _disposeContent(): void {
    this._clearChildren();
    this._plain?.dispose();
    this._plain = null;
  }

  /**
   * A stream that shows a summary joins its output area's group, so that the
   * empty rich output `print_fn=print` leaves before it can be hidden.
   */
  protected _joinsArea(): boolean {
    return this.showsSummary || this._holdsMarkers;
  }

  /** Whether a summary shows as a table: whole, or already shown as one. */
  private _showsTable(s: Summary): boolean {
    return s.parts.table && (hasWholeTable(s) || this._shownAt.has(s.start));
  }

  /** The fast path: the original renderer, created once, with the whole model. */
  private async _renderPlain(model: IRenderMime.IMimeModel): Promise<void> {
    this._clearChildren();
    if (!this._plain) {
      this._plain = this._base.createRenderer(this._options);
    }
    if (this._plain.parent !== this) {
      this.layout.addWidget(this._plain);
    }
    await this._plain.renderModel(model);
  }

  private async _renderSegments(
    source: string,
    segments: Segment[],
    model: IRenderMime.IMimeModel
  ): Promise<void> {
    if (this._plain && this._plain.parent === this) {
      this._plain.parent = null;
    }
    const pending: Promise<void>[] = [];
    const children: Child[] = [];
    segments.forEach((segment, index) => {
      const slice = source.slice(segment.start, segment.end);
      const old = this._children[index];
      let child: Child;
      if (segment.kind === 'text') {
        if (old && old.kind === 'text') {
          child = old;
        } else {
          child = {
            kind: 'text',
            widget: this._base.createRenderer(this._options),
            source: ''
          };
        }
        if (child.source !== slice || child !== old) {
          child.source = slice;
          pending.push(child.widget.renderModel(this._textModel(slice, model)));
        }
      } else {
        this._shownAt.add(segment.start);
        const original = () => this._textModel(slice, model);
        if (old && old.kind === 'summary' && old.start === segment.start) {
          child = old;
          if (old.source !== slice) {
            old.source = slice;
            old.widget.view.update({
              summary: segment.summary,
              originalText: plainText(slice, 'text'),
              renderOriginal: host =>
                this._originals.renderInto(host, original())
            });
          }
        } else {
          child = {
            kind: 'summary',
            start: segment.start,
            source: slice,
            widget: this._createView(segment.summary, slice, original)
          };
        }
      }
      if (child !== old && old) {
        old.widget.dispose();
      }
      if (this.layout.widgets[index] !== child.widget) {
        this.layout.insertWidget(index, child.widget);
      }
      children.push(child);
    });
    for (const old of this._children.slice(segments.length)) {
      old.widget.dispose();
    }
    this._children = children;
    await Promise.all(pending);
  }

  private _createView(
    summary: Summary,
    slice: string,
    original: () => IRenderMime.IMimeModel
  ): SummaryViewWidget {
    return new SummaryViewWidget({
      summary,
      originalText: plainText(slice, 'text'),
      renderOriginal: host => this._originals.renderInto(host, original()),
      trans: this._context.trans,
      initialView: this._settings.initialView,
      dimensionLetters: this._settings.dimensionLetters,
      compare: this._context.compare,
      kernel: this._context.kernelLink?.(this.node) ?? null
    });
  }

  /** Dispose every child but the plain renderer (also those of a render that failed). */
  private _clearChildren(): void {
    for (const widget of [...this.layout.widgets]) {
      if (widget !== this._plain) {
        widget.dispose();
      }
    }
    for (const child of this._children) {
      child.widget.dispose();
    }
    this._children = [];
  }

  /** This output's own text, and the text it shows joined with later outputs. */
  private _own = '';
  private _joined: string | null = null;
  private _holdsMarkers = false;
  private _model: IRenderMime.IMimeModel | null = null;
  private readonly _parser = new StreamParser();
  /** The cheap check before parsing, scanning only what a chunk added. */
  private readonly _markers = new StreamMarkers();
  private readonly _closers = new TableCloseWatch();
  private _plain: IRenderMime.IRenderer | null = null;
  private _children: Child[] = [];
  /** Starts of the summaries shown as tables: they never turn back into text. */
  private readonly _shownAt = new Set<number>();
}
