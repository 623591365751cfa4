/**
 * The table view is a chunk loaded with the first summary
 * (src/intercept/render-layer.ts). When it cannot be loaded (the server
 * went away, an extension update replaced the files), the summary shows as
 * JupyterLab shows it, and the next summary tries again.
 */
import {
  cell,
  HTML,
  htmls,
  registries,
  render,
  STDOUT,
  streams,
  textBlocks,
  views
} from './helpers';

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
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('could not load the table view'),
      expect.any(Error)
    );
    // Each summary tried again.
    expect(chunk.loads).toBe(2);

    chunk.fails = false;
    const again = await render(wrapped, STDOUT, text);
    expect(views(again)).toHaveLength(1);
    const htmlAgain = await render(wrapped, HTML, table);
    expect(views(htmlAgain)).toHaveLength(1);
    // Loaded once, kept.
    expect(chunk.loads).toBe(3);
  });
});
