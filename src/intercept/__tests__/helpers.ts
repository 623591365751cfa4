/**
 * Test helpers: a real rendermime registry with JupyterLab's standard
 * factories, wrapped the way the plugin wraps them, and the captured Keras
 * outputs as MIME models.
 */
import type * as nbformat from '@jupyterlab/nbformat';
import { OutputArea, OutputAreaModel } from '@jupyterlab/outputarea';
import {
  MimeModel,
  RenderMimeRegistry,
  standardRendererFactories
} from '@jupyterlab/rendermime';
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Signal } from '@lumino/signaling';
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

/** A cell's outputs as the server sends them (nbformat joins multiline strings). */
export function cellOutputs(notebook: string, id: string): nbformat.IOutput[] {
  // Only string lists are joined: other values (JSON data, null) stay as stored.
  const join = (v: unknown) => (Array.isArray(v) ? v.join('') : v);
  return cell(notebook, id).outputs.map(o => {
    const out: Record<string, unknown> = { ...o };
    if (o.text !== undefined) {
      out.text = join(o.text);
    }
    if (o.data) {
      out.data = Object.fromEntries(
        Object.entries(o.data).map(([k, v]) => [k, join(v)])
      );
    }
    return out as unknown as nbformat.IOutput;
  });
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

/** An output area attached to the document, and its model. */
export interface ShownArea {
  model: OutputAreaModel;
  area: OutputArea;
}

/** An empty output area on `rendermime` (a fresh wrapped registry by default), attached. */
export function attachArea(
  trusted = false,
  rendermime: RenderMimeRegistry = registries().wrapped
): ShownArea {
  const model = new OutputAreaModel({ trusted });
  const area = new OutputArea({ model, rendermime });
  Widget.attach(area, document.body);
  return { model, area };
}

/** An attached output area on a fresh wrapped registry, showing `outputs`. */
export async function showOutputs(
  outputs: nbformat.IOutput[],
  trusted = false
): Promise<ShownArea> {
  const shown = attachArea(trusted);
  outputs.forEach(o => shown.model.add(o));
  await flush();
  return shown;
}

/**
 * Text without ANSI escape sequences (what JupyterLab shows as colour),
 * including one cut short at the end of a chunk (`ESC [` and digits), which
 * JupyterLab drops too. A lone ESC at the end is not a sequence yet:
 * JupyterLab shows it as a character, and so does this.
 */
export const stripAnsi = (s: string): string =>
  s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').replace(/\x1b\[[0-9;]*$/, '');

/** Whether `rendermime` shows a real tf.keras 2 summary (a stream) as a table. */
export async function rendersTable(
  rendermime: RenderMimeRegistry
): Promise<boolean> {
  const [text] = streams(cell('tfkeras2.ipynb', 'mlp'));
  const r = rendermime.clone().createRenderer(STDOUT) as unknown as Widget;
  await (r as any).renderModel(model(STDOUT, text));
  const shown = views(r).length === 1;
  r.dispose();
  return shown;
}

/** Let the plugin's pending settings promises settle. */
export const tick = (): Promise<unknown> =>
  new Promise(resolve => setTimeout(resolve, 0));

/** The settings object the plugin reads: `composite`, and `changed` when `set`. */
export class FakeSettings {
  constructor(public composite: Record<string, unknown>) {}
  changed = new Signal<this, void>(this);
  async set(key: string, value: unknown) {
    this.composite = { ...this.composite, [key]: value };
    this.changed.emit();
  }
}
