/**
 * The wrapping renderer factories: same MIME types, ranks and safety as the
 * factories they wrap, which they delegate to for everything that is not a
 * Keras summary.
 */
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import type { InterceptContext } from './context';
import { RenderedHtmlSummary } from './html';
import { RenderedStreamSummary } from './stream';

export const STDOUT_MIME_TYPE = 'application/vnd.jupyter.stdout';
export const HTML_MIME_TYPE = 'text/html';

/** Wraps `base` for stdout streams (print_fn=print, tf.keras 2). */
export function stdoutFactory(
  base: IRenderMime.IRendererFactory,
  rank: number,
  context: InterceptContext
): IRenderMime.IRendererFactory {
  return {
    safe: true,
    mimeTypes: [STDOUT_MIME_TYPE],
    defaultRank: rank,
    createRenderer: options => new RenderedStreamSummary(options, base, context)
  };
}

/** Wraps `base` for HTML (rich's display outputs, the Keras 3 default). */
export function htmlFactory(
  base: IRenderMime.IRendererFactory,
  rank: number,
  context: InterceptContext
): IRenderMime.IRendererFactory {
  return {
    safe: true,
    mimeTypes: [HTML_MIME_TYPE],
    defaultRank: rank,
    createRenderer: options => new RenderedHtmlSummary(options, base, context)
  };
}
