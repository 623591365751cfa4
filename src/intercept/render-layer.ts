/**
 * The render layer (the table, its explainers, the shape engine and the
 * analysis under them) loaded on first use, as a chunk of its own: every
 * output of every notebook passes through the wrappers, most never hold a
 * summary, and JupyterLab's start-up then loads only the wrappers and the
 * parser that tells a summary apart.
 *
 * A wrapper that has found a summary waits for the layer (`RenderTurns`)
 * before it makes a view; if the chunk cannot be loaded, the wrapper shows
 * the output as JupyterLab would, and the next summary tries again.
 */
import type * as Render from '../render';

export type RenderLayer = typeof Render;

let loaded: RenderLayer | null = null;
let loading: Promise<RenderLayer> | null = null;

/** Load the render layer (once; again after a failure). */
export function loadRenderLayer(): Promise<RenderLayer> {
  if (!loading) {
    loading = import('../render').then(
      layer => {
        loaded = layer;
        return layer;
      },
      error => {
        loading = null;
        throw error;
      }
    );
  }
  return loading;
}

/** The render layer, which the caller has waited for: a wrapper's bug otherwise. */
export function loadedRenderLayer(): RenderLayer {
  if (!loaded) {
    throw new Error('the render layer is not loaded yet');
  }
  return loaded;
}

/** What a render that waited for the layer does next. */
export type LayerWait =
  /** Make the view. */
  | 'ready'
  /** Show the output as JupyterLab would (the failure is warned about). */
  | 'failed'
  /** Nothing: a newer render of the wrapper started meanwhile (or it was disposed), and shows the output. */
  | 'stale';

/**
 * One wrapper's renders, for waiting on the layer: `begin` at the start of
 * each render; `wait` before making a view. Once the layer is loaded,
 * `wait` is null and the render goes on without a pause (every output
 * passes through a wrapper, and a stream renders again per chunk).
 */
export class RenderTurns {
  constructor(private readonly disposed: () => boolean) {}

  /** A render starts: its turn. */
  begin(): number {
    return ++this.latest;
  }

  /** Null when the layer is loaded; else what the render of `turn` does once the wait is over. */
  wait(turn: number): Promise<LayerWait> | null {
    if (loaded) {
      return null;
    }
    return loadRenderLayer().then(
      () => this.outcome(turn, 'ready'),
      error => {
        console.warn(
          'keras-summary: could not load the table view; showing the output as JupyterLab does.',
          error
        );
        return this.outcome(turn, 'failed');
      }
    );
  }

  private outcome(turn: number, outcome: LayerWait): LayerWait {
    return turn !== this.latest || this.disposed() ? 'stale' : outcome;
  }

  private latest = 0;
}
