/**
 * The renderer of the kernel companion's bundle, on every bundle captured
 * by `make fixtures` in real kernels (fixtures/kernel/: Keras 3 with jax,
 * tf-keras): one view per summary, names whole, the header's mark, Show
 * original text rendered by JupyterLab's own renderer; and the fallbacks
 * (unknown major, malformed, interception off, a format left out), which
 * must show exactly what JupyterLab shows for the bundle without this
 * extension. Malformed payloads are real ones changed by hand (marked).
 */
import type * as nbformat from '@jupyterlab/nbformat';
import { MimeModel } from '@jupyterlab/rendermime';
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';
import { PAYLOAD_MIME_TYPE } from '../../parse';
import { RenderedPayloadSummary } from '../payload';
import { cellOutputs, flush, registries, showOutputs, views } from './helpers';
import { loadNotebook } from '../../testing/fixtures';

const KERAS3 = 'kernel/kernel-keras3.ipynb';
const TFKERAS = 'kernel/kernel-tfkeras2.ipynb';

interface Bundle {
  notebook: string;
  cell: string;
  output: nbformat.IDisplayData;
}

/** Every display output holding a payload, with its cell id. */
function bundles(notebook: string): Bundle[] {
  const nb = loadNotebook(notebook).nb as unknown as {
    cells: { id?: string; outputs?: unknown[] }[];
  };
  const found: Bundle[] = [];
  for (const cell of nb.cells) {
    const id = String(cell.id ?? '');
    if (!cell.outputs) {
      continue;
    }
    for (const output of cellOutputs(notebook, id)) {
      const data = (output as nbformat.IDisplayData).data;
      if (data && PAYLOAD_MIME_TYPE in data) {
        found.push({
          notebook,
          cell: id,
          output: output as nbformat.IDisplayData
        });
      }
    }
  }
  return found;
}

const ALL = [...bundles(KERAS3), ...bundles(TFKERAS)];

function bundleOf(notebook: string, cell: string): nbformat.IDisplayData {
  const found = ALL.find(b => b.notebook === notebook && b.cell === cell);
  if (!found) {
    throw new Error(`no bundle in ${notebook}#${cell}`);
  }
  return found.output;
}

/** A copy of a bundle whose payload `change` edits (by hand: marked in each test). */
function edited(
  bundle: nbformat.IDisplayData,
  change: (payload: any) => unknown
): nbformat.IDisplayData {
  const copy = JSON.parse(JSON.stringify(bundle));
  const result = change(copy.data[PAYLOAD_MIME_TYPE]);
  if (result !== undefined) {
    copy.data[PAYLOAD_MIME_TYPE] = result;
  }
  return copy;
}

function mimeModel(bundle: nbformat.IDisplayData, trusted = false): MimeModel {
  return new MimeModel({
    data: bundle.data as any,
    metadata: bundle.metadata as any,
    trusted
  });
}

/** Render a bundle as an output area would, with the wrapped registry's preferred renderer. */
async function renderBundle(
  bundle: nbformat.IDisplayData,
  options: { trusted?: boolean; settings?: Record<string, unknown> } = {}
): Promise<IRenderMime.IRenderer> {
  const { wrapped } = registries(options.settings ?? {});
  const trusted = options.trusted ?? false;
  const mime = wrapped.preferredMimeType(
    bundle.data as any,
    trusted ? 'any' : 'ensure'
  );
  expect(mime).toBe(PAYLOAD_MIME_TYPE);
  const r = wrapped.createRenderer(mime!);
  await r.renderModel(mimeModel(bundle, trusted));
  Widget.attach(r, document.body);
  await flush();
  return r;
}

/** What JupyterLab alone renders for a bundle (its preferred type, its own renderer). */
async function plainRender(
  bundle: nbformat.IDisplayData,
  trusted = false
): Promise<string> {
  const { plain } = registries();
  const mime = plain.preferredMimeType(
    bundle.data as any,
    trusted ? 'any' : 'ensure'
  );
  const r = plain.createRenderer(mime!);
  await r.renderModel(mimeModel(bundle, trusted));
  return r.node.outerHTML;
}

/** The node the payload renderer shows when it falls back. */
function shown(r: IRenderMime.IRenderer): string {
  return r.node.firstElementChild?.outerHTML ?? '';
}

afterEach(() => {
  document.body.innerHTML = '';
  jest.restoreAllMocks();
});

describe('the payload renderer', () => {
  it('finds the captured bundles', () => {
    // Every fixture model of both flavours, and the companion's own models.
    expect(ALL.length).toBeGreaterThan(40);
  });

  it.each(ALL.map(b => [`${b.notebook} ${b.cell}`, b]))(
    '%s: one view, from the kernel, untrusted',
    async (_, b) => {
      const { output } = b as Bundle;
      const r = await renderBundle(output);
      const shownViews = views(r as unknown as Widget);
      expect(shownViews).toHaveLength(1);
      const summary = shownViews[0].summary;
      expect(summary.source).toBe('kernel');
      const payload = output.data[PAYLOAD_MIME_TYPE] as any;
      // Every row, with its full name and class, in the payload's order.
      const names = Array.from(
        r.node.querySelectorAll('tbody th[scope="row"] .jp-KerasSummary-name')
      ).map(n => n.textContent);
      expect(names).toEqual(payload.layers.map((l: any) => l.name));
      expect(summary.warnings).toEqual([]);
      // The header says where the facts come from.
      const mark = r.node.querySelector('.jp-KerasSummary-source')!;
      expect(mark.hasAttribute('hidden')).toBe(false);
      expect(mark.textContent).toContain('Exact, from the kernel');
      expect(mark.textContent).toContain(payload.producer.framework_version);
    }
  );

  it('shows names Keras cut with … whole (long_names)', async () => {
    const output = bundleOf(KERAS3, 'long_names');
    expect(String(output.data['text/plain'])).toContain(
      'a_really_long_layer_name_that_…'
    );
    const r = await renderBundle(output);
    const text = r.node.querySelector('table')!.textContent!;
    expect(text).toContain(
      'a_really_long_layer_name_that_does_not_fit_in_the_column_at_all'
    );
    expect(text).not.toContain('…');
    expect(r.node.querySelector('.jp-KerasSummary-notice')).toBeNull();
  });

  it('says the backend of Keras 3 and the version of tf-keras', async () => {
    const k3 = await renderBundle(bundleOf(KERAS3, 'mlp'));
    expect(k3.node.querySelector('.jp-KerasSummary-source')!.textContent).toBe(
      'Exact, from the kernel (Keras 3.15.1, jax)'
    );
    const tf = await renderBundle(bundleOf(TFKERAS, 'mlp'));
    expect(tf.node.querySelector('.jp-KerasSummary-source')!.textContent).toBe(
      'Exact, from the kernel (tf-keras 2.21.0)'
    );
  });

  it('Show original text renders the bundle as JupyterLab would: the HTML, else the text', async () => {
    for (const [notebook, selector] of [
      [KERAS3, '.jp-RenderedHTMLCommon pre'],
      [TFKERAS, '.jp-RenderedText pre']
    ]) {
      const output = bundleOf(notebook, 'mlp');
      const r = await renderBundle(output);
      const [view] = views(r as unknown as Widget);
      view.view.setView('text');
      await flush();
      const original = r.node.querySelector('.jp-KerasSummary-original')!;
      const pres = Array.from(original.querySelectorAll(selector));
      expect(pres.length).toBeGreaterThan(0);
      const shownText = pres.map(p => p.textContent).join('');
      expect(shownText).toContain('Model: "sequential');
      expect(shownText).toContain('Total params');
      // No table of ours inside the original.
      expect(original.querySelector('table')).toBeNull();
      // Copy original text: Keras's text without colour codes.
      expect(view.originalText).toContain('Model: "sequential');
      expect(view.originalText).not.toContain('\x1b[');
    }
  });

  describe('falls back to exactly what JupyterLab shows', () => {
    const cases: [
      string,
      () => nbformat.IDisplayData,
      Record<string, unknown>
    ][] = [
      [
        'an unknown major version (changed by hand to 2.0)',
        () => edited(bundleOf(KERAS3, 'mlp'), p => void (p.version = [2, 0])),
        {}
      ],
      [
        'a payload with no rows (removed by hand)',
        () => edited(bundleOf(KERAS3, 'mlp'), p => void delete p.layers),
        {}
      ],
      [
        'a row naming a tensor that does not exist (changed by hand)',
        () =>
          edited(
            bundleOf(KERAS3, 'fcn'),
            p => void (p.layers[1].outputs = [999])
          ),
        {}
      ],
      [
        'a payload that is a string (changed by hand)',
        () => edited(bundleOf(KERAS3, 'mlp'), () => 'not a payload'),
        {}
      ],
      [
        'a tf-keras payload with no version (removed by hand): its text',
        () => edited(bundleOf(TFKERAS, 'mlp'), p => void delete p.version),
        {}
      ],
      ['interception off', () => bundleOf(KERAS3, 'mlp'), { enabled: false }],
      [
        'the keras3 format left out in the settings',
        () => bundleOf(KERAS3, 'mlp'),
        { formats: ['keras2', 'keras1'] }
      ]
    ];
    it.each(cases)('%s', async (_, make, settings) => {
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
      const bundle = make();
      for (const trusted of [false, true]) {
        const r = await renderBundle(bundle, { trusted, settings });
        expect(views(r as unknown as Widget)).toHaveLength(0);
        expect(shown(r)).toBe(await plainRender(bundle, trusted));
        expect((r as RenderedPayloadSummary).fallbackReason).not.toBe('');
      }
      // Settings are quiet; a payload that cannot be read says why in the console.
      const fromSettings = Object.keys(settings).length > 0;
      expect(warn.mock.calls.length > 0).toBe(!fromSettings);
    });
  });

  it('reads a payload with fields it does not know (a later minor version)', async () => {
    const bundle = edited(bundleOf(KERAS3, 'mlp'), p => {
      p.version = [1, 7];
      p.future_field = { anything: [1, 2, 3] };
      p.layers[0].future_row_field = 'x';
    });
    const r = await renderBundle(bundle);
    expect(views(r as unknown as Widget)).toHaveLength(1);
  });

  it('never throws into JupyterLab, whatever the payload holds', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    const base = bundleOf(KERAS3, 'mlp');
    const hostile: unknown[] = [
      null,
      42,
      [],
      { version: [1, 0] },
      {
        version: [1, 0],
        producer: {},
        call: {},
        model: { name: 'm' },
        tensors: [{}],
        layers: [],
        totals: {}
      },
      new Proxy(
        {},
        {
          get() {
            throw new Error('hostile');
          },
          ownKeys() {
            throw new Error('hostile');
          }
        }
      )
    ];
    for (const payload of hostile) {
      const bundle = {
        ...base,
        data: { ...base.data, [PAYLOAD_MIME_TYPE]: payload as any }
      };
      const r = await renderBundle(bundle);
      expect(views(r as unknown as Widget)).toHaveLength(0);
      expect(r.node.querySelector('.jp-RenderedHTMLCommon pre')).not.toBeNull();
    }
    expect(warn).toHaveBeenCalled();
  });

  it('a bundle with nothing else to show renders empty, as JupyterLab does', async () => {
    jest.spyOn(console, 'warn').mockImplementation(() => {});
    const bundle = edited(
      bundleOf(KERAS3, 'mlp'),
      p => void (p.version = [9, 0])
    );
    delete (bundle.data as any)['text/plain'];
    delete (bundle.data as any)['text/html'];
    const { wrapped } = registries();
    const r = wrapped.createRenderer(PAYLOAD_MIME_TYPE);
    await r.renderModel(mimeModel(bundle));
    expect(r.node.children).toHaveLength(0);
  });
});

describe('kernel bundles in an output area', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('one output per summary: one view, the prints around it as text (print_around)', async () => {
    const { area } = await showOutputs(cellOutputs(KERAS3, 'print_around'));
    expect(views(area)).toHaveLength(1);
    const text = area.node.textContent ?? '';
    expect(text).toContain('Building model...');
    expect(text).toContain('done');
  });

  it('two summaries of one cell: two views (two_summaries)', async () => {
    const { area } = await showOutputs(cellOutputs(KERAS3, 'two_summaries'));
    expect(views(area).map(v => v.summary.model)).toEqual([
      'tiny_encoder',
      'tiny_decoder'
    ]);
  });

  it('renders in an untrusted output area (the factory is safe)', async () => {
    const { area } = await showOutputs(cellOutputs(TFKERAS, 'rnn'), false);
    expect(views(area)).toHaveLength(1);
    expect(views(area)[0].summary.source).toBe('kernel');
  });
});
