/**
 * Test helpers: a real rendermime registry with JupyterLab's standard
 * factories, wrapped the way the plugin wraps them, and the captured Keras
 * outputs as MIME models.
 */
import {
  MimeModel,
  RenderMimeRegistry,
  standardRendererFactories
} from '@jupyterlab/rendermime';
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';
import { InterceptContext } from '../context';
import { DEFAULT_SETTINGS } from '../settings';
import type { InterceptSettings } from '../settings';
import { wrapFactories } from '../../plugin';
import { SummaryViewWidget } from '../viewwidget';
import { fixtureCell, loadNotebook } from '../../testing/fixtures';
import type { FixtureCell, FixtureOutput } from '../../testing/fixtures';

export const STDOUT = 'application/vnd.jupyter.stdout';
export const HTML = 'text/html';

/** A registry with the standard factories, and one wrapped by the plugin. */
export function registries(settings: Partial<InterceptSettings> = {}): {
  plain: RenderMimeRegistry;
  wrapped: RenderMimeRegistry;
  context: InterceptContext;
} {
  const plain = new RenderMimeRegistry({
    initialFactories: standardRendererFactories
  });
  const wrapped = new RenderMimeRegistry({
    initialFactories: standardRendererFactories
  });
  const context = new InterceptContext({
    settings: { ...DEFAULT_SETTINGS, ...settings }
  });
  wrapFactories(wrapped, context);
  return { plain, wrapped, context };
}

export function model(mime: string, text: string, trusted = false): MimeModel {
  return new MimeModel({ data: { [mime]: text }, trusted, metadata: {} });
}

const joined = (v: string | string[] | undefined): string =>
  Array.isArray(v) ? v.join('') : (v ?? '');

const notebooks = new Map<string, ReturnType<typeof loadNotebook>>();

export function cell(notebook: string, id: string): FixtureCell {
  let nb = notebooks.get(notebook);
  if (!nb) {
    nb = loadNotebook(notebook);
    notebooks.set(notebook, nb);
  }
  return fixtureCell(nb, id);
}

/** Stream outputs of a cell, each as JupyterLab keeps it (consecutive ones merged). */
export function streams(c: FixtureCell): string[] {
  const out: string[] = [];
  let last: FixtureOutput | null = null;
  for (const o of c.outputs) {
    if (o.output_type === 'stream' && o.name === 'stdout') {
      if (last && last.output_type === 'stream' && last.name === 'stdout') {
        out[out.length - 1] += joined(o.text);
      } else {
        out.push(joined(o.text));
      }
    }
    last = o;
  }
  return out;
}

/** The text/html of the display outputs of a cell, in order. */
export function htmls(c: FixtureCell): string[] {
  return c.outputs
    .filter(o => o.output_type === 'display_data')
    .map(o => joined(o.data?.['text/html']));
}

/** Render with a renderer of `registry` and return it, attached to the document. */
export async function render(
  registry: RenderMimeRegistry,
  mime: string,
  text: string,
  trusted = false
): Promise<IRenderMime.IRenderer> {
  const r = registry.createRenderer(mime);
  await r.renderModel(model(mime, text, trusted));
  Widget.attach(r, document.body);
  return r;
}

/** The summary views a wrapper shows. */
export function views(w: Widget): SummaryViewWidget[] {
  const found: SummaryViewWidget[] = [];
  const walk = (x: Widget) => {
    if (x instanceof SummaryViewWidget) {
      found.push(x);
    }
    for (const child of Array.from(x.children())) {
      walk(child);
    }
  };
  walk(w);
  return found;
}

/** Every `<pre>` of the original renderers inside a wrapper (not in views). */
export function textBlocks(w: Widget): string[] {
  return Array.from(
    w.node.querySelectorAll('.jp-RenderedText pre, .jp-RenderedHTMLCommon pre')
  )
    .filter(pre => !views(w).some(v => v.node.contains(pre)))
    .map(pre => pre.textContent ?? '');
}

export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await Promise.resolve();
  }
}
