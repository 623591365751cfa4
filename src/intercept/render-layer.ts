/**
 * The render layer (the table, its explainers, the shape engine and the
 * analysis under them) loaded on first use, as a chunk of its own: every
 * output of every notebook passes through the wrappers, most never hold a
 * summary, and JupyterLab's start-up then loads only the wrappers and the
 * parser that tells a summary apart.
 *
 * A wrapper that has found a summary waits for `loadRenderLayer` before it
 * makes a view; if the chunk cannot be loaded the promise rejects, the
 * wrapper shows the output as JupyterLab would, and the next summary tries
 * again.
 */
import type * as Render from '../render';

export type RenderLayer = typeof Render;

let loaded: RenderLayer | null = null;
let loading: Promise<RenderLayer> | null = null;

/** The render layer once loaded, else null. */
export function renderLayer(): RenderLayer | null {
  return loaded;
}

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
