/**
 * The "Exact shapes…" offer of text summaries, for each output: it applies
 * while the notebook the output belongs to (found through the notebook
 * tracker when asked, since a renderer is made before it is attached) has
 * a live Python kernel; carrying it out adds a first cell
 * `%load_ext jupyterlab_keras_summary` (or finds it there) and runs it in
 * that kernel, visibly, like any cell. Outputs outside notebooks (consoles,
 * output views) get no offer.
 */
import { CodeCell } from '@jupyterlab/cells';
import type { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { Signal } from '@lumino/signaling';
import type { ISignal } from '@lumino/signaling';
import { COMPANION_LOAD_LINE } from '../parse';
import type { KernelLink, CompanionOutcome } from '../render';
import type { KernelWatch } from './watch';

/** What a cell's execute reply says of loading: loaded, the package missing, or another failure. */
export function loadOutcome(content: unknown): CompanionOutcome {
  const c = content as { status?: unknown; ename?: unknown } | null;
  if (c?.status === 'ok') {
    return 'loaded';
  }
  return c?.ename === 'ModuleNotFoundError' ? 'missing' : 'failed';
}

/** Whether a cell's source is the load line (white space aside). */
function isLoadCell(source: unknown): boolean {
  const text = Array.isArray(source) ? source.join('') : source;
  return typeof text === 'string' && text.trim() === COMPANION_LOAD_LINE;
}

export class NotebookOffers {
  constructor(
    private readonly _tracker: INotebookTracker,
    private readonly _watch: KernelWatch
  ) {
    _watch.changed.connect(() => this._changed.emit(), this);
  }

  /** Fires when any notebook's kernel became live Python or stopped being so. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** The kernel link (offer and check) for the output whose node is `node`. */
  linkFor(node: HTMLElement): KernelLink {
    let panel: NotebookPanel | null = null;
    const find = (): NotebookPanel | null => {
      if (panel && !panel.isDisposed && panel.node.contains(node)) {
        return panel;
      }
      panel = node.isConnected
        ? (this._tracker.find(p => p.node.contains(node)) ?? null)
        : null;
      return panel;
    };
    const live = (): NotebookPanel | null => {
      const found = find();
      return found && this._watch.isLivePython(found.sessionContext)
        ? found
        : null;
    };
    return {
      available: () => live() !== null,
      changed: this._changed,
      enable: () => this.enable(find()),
      kernel: () => live()?.sessionContext.session?.kernel ?? null
    };
  }

  /** Add (or find) the first cell that loads the companion in `panel`'s notebook, and run it. Never rejects. */
  async enable(panel: NotebookPanel | null): Promise<CompanionOutcome> {
    try {
      if (!panel || !this._watch.isLivePython(panel.sessionContext)) {
        return 'unavailable';
      }
      const notebook = panel.content;
      const model = notebook.model;
      if (!model) {
        return 'failed';
      }
      const first = model.cells.length > 0 ? model.cells.get(0) : null;
      if (!(
        first?.type === 'code' && isLoadCell(first.sharedModel.getSource())
      )) {
        model.sharedModel.insertCell(0, {
          cell_type: 'code',
          source: COMPANION_LOAD_LINE,
          metadata: {}
        });
      }
      const cell = notebook.widgets[0];
      if (!(cell instanceof CodeCell)) {
        return 'failed';
      }
      const reply = await CodeCell.execute(cell, panel.sessionContext);
      return reply ? loadOutcome(reply.content) : 'failed';
    } catch (error) {
      console.warn('keras-summary: could not run %load_ext', error);
      return 'failed';
    }
  }

  private readonly _changed = new Signal<this, void>(this);
}
