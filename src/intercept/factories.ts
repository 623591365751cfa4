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

/** The constructor of a wrapper: the factory it wraps, and the context. */
type WrapperClass = new (
  options: IRenderMime.IRendererOptions,
  base: IRenderMime.IRendererFactory,
  context: InterceptContext
) => IRenderMime.IRenderer;

/** A factory for `mimeType` whose renderers are `Wrapper`s around `base`'s. */
function wrapping(mimeType: string, Wrapper: WrapperClass) {
  return (
    base: IRenderMime.IRendererFactory,
    rank: number,
    context: InterceptContext
  ): IRenderMime.IRendererFactory => ({
    safe: true,
    mimeTypes: [mimeType],
    defaultRank: rank,
    createRenderer: options => new Wrapper(options, base, context)
  });
}

/** Wraps `base` for stdout streams (print_fn=print, tf.keras 2). */
export const stdoutFactory = wrapping(STDOUT_MIME_TYPE, RenderedStreamSummary);

/** Wraps `base` for HTML (rich's display outputs, the Keras 3 default). */
export const htmlFactory = wrapping(HTML_MIME_TYPE, RenderedHtmlSummary);

/** The kernel companion's payload (its own renderer, not a wrapper). */
export { originalChoice, PAYLOAD_RANK, payloadFactory } from './payload';
