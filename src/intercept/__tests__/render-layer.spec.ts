/**
 * The table view is a chunk loaded with the first summary
 * (src/intercept/render-layer.ts). When it cannot be loaded (the server
 * went away, an extension update replaced the files), the summary shows as
 * JupyterLab shows it, and the next summary tries again; a render that a
 * newer one overtakes while the chunk loads leaves the output to the newer.
 */
import type * as nbformat from '@jupyterlab/nbformat';
import { MimeModel } from '@jupyterlab/rendermime';
import { PAYLOAD_MIME_TYPE } from '../../parse';
import type { RenderedPayloadSummary } from '../payload';
import {
  cell,
  cellOutputs,
  HTML,
  htmls,
  registries,
  render,
  STDOUT,
  streams,
  textBlocks,
  views
} from './helpers';

/** The companion's bundle for the MLP, captured in a real kernel (fixtures/kernel/). */
function bundle(): MimeModel {
  const found = cellOutputs('kernel/kernel-keras3.ipynb', 'mlp').find(
    o => PAYLOAD_MIME_TYPE in ((o as nbformat.IDisplayData).data ?? {})
  ) as nbformat.IDisplayData;
  return new MimeModel({
    data: found.data as any,
    metadata: found.metadata as any,
    trusted: false
  });
}

const chunk = { fails: true, loads: 0 };

jest.mock('../../render', () => {
  chunk.loads++;
  if (chunk.fails) {
    throw new Error('Loading chunk lib_render_index_js failed');
  }
  return jest.requireActual('../../render');
});

describe('the table view loaded on first use', () => {
  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    warn.mockRestore();
    document.body.innerHTML = '';
  });

  it('shows the summaries as text while it cannot be loaded, and loads once it can', async () => {
    const { plain, wrapped } = registries();
    const [text] = streams(cell('tfkeras2.ipynb', 'print_around'));
    const [, table] = htmls(cell('keras3-display.ipynb', 'mlp'));

    const stream = await render(wrapped, STDOUT, text);
    expect(views(stream)).toHaveLength(0);
    expect(textBlocks(stream).join('')).toBe(text);
    const plainStream = await render(plain, STDOUT, text);
    expect(stream.node.firstElementChild!.outerHTML).toBe(
      plainStream.node.outerHTML
    );
    const html = await render(wrapped, HTML, table);
    const plainHtml = await render(plain, HTML, table);
    expect(views(html)).toHaveLength(0);
    expect(html.node.firstElementChild!.outerHTML).toBe(
      plainHtml.node.outerHTML
    );
    const payload = wrapped.createRenderer(
      PAYLOAD_MIME_TYPE
    ) as RenderedPayloadSummary;
    await payload.renderModel(bundle());
    expect(views(payload)).toHaveLength(0);
    expect(payload.fallbackReason).toBe('the table view could not be loaded');
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('could not load the table view'),
      expect.any(Error)
    );
    // Each summary tried again.
    expect(chunk.loads).toBe(3);

    chunk.fails = false;
    const again = await render(wrapped, STDOUT, text);
    expect(views(again)).toHaveLength(1);
    const htmlAgain = await render(wrapped, HTML, table);
    expect(views(htmlAgain)).toHaveLength(1);
    const payloadAgain = wrapped.createRenderer(PAYLOAD_MIME_TYPE);
    await payloadAgain.renderModel(bundle());
    expect(views(payloadAgain)).toHaveLength(1);
    // Loaded once, kept.
    expect(chunk.loads).toBe(4);
  });

  it('leaves a stream to a newer render that came while the layer loaded', async () => {
    // The layer is loaded by now: a fresh module registry has it unloaded.
    await jest.isolateModulesAsync(async () => {
      const fresh = require('./helpers') as typeof import('./helpers');
      const { wrapped, plain } = fresh.registries();
      const [text] = fresh.streams(
        fresh.cell('tfkeras2.ipynb', 'print_around')
      );
      const later = 'Epoch 1/1: no summary here\n';
      const r = wrapped.createRenderer(STDOUT);
      const first = r.renderModel(fresh.model(STDOUT, text));
      const second = r.renderModel(fresh.model(STDOUT, later));
      await Promise.all([first, second]);
      const a = await fresh.render(plain, STDOUT, later);
      expect(fresh.views(r)).toHaveLength(0);
      expect(r.node.firstElementChild!.outerHTML).toBe(a.node.outerHTML);
    });
  });
});
