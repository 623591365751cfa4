import { Widget } from '@lumino/widgets';
import {
  cell,
  registries,
  render,
  STDOUT,
  streams,
  textBlocks,
  views,
  model
} from './helpers';

const PRINT = 'keras3-print.ipynb';
const TF2 = 'tfkeras2.ipynb';

describe('stdout wrapper', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('renders output without a summary exactly as the original renderer', async () => {
    const { plain, wrapped } = registries();
    const texts = [
      'hello\n',
      'Epoch 1/3\n\x1b[1m10/10\x1b[0m \x1b[32m━━━━━━━━━━━━━━━━━━━━\x1b[0m\x1b[37m\x1b[0m - loss: 0.25\n',
      'see https://keras.io/api/models/model/ for more\n',
      ''
    ];
    for (const text of texts) {
      const a = await render(plain, STDOUT, text);
      const b = await render(wrapped, STDOUT, text);
      expect(views(b)).toHaveLength(0);
      expect(b.node.children).toHaveLength(1);
      expect(b.node.firstElementChild!.outerHTML).toBe(a.node.outerHTML);
    }
  });

  it.each(['mlp', 'text', 'fcn', 'nested', 'two_inputs', 'resnet50'])(
    'shows the keras3 print_fn summary %s as a table',
    async id => {
      const { wrapped } = registries();
      const [text] = streams(cell(PRINT, id));
      const r = await render(wrapped, STDOUT, text);
      expect(views(r)).toHaveLength(1);
      expect(textBlocks(r)).toEqual([]);
    }
  );

  it.each(['mlp', 'text', 'fcn', 'nested', 'rnn', 'masking'])(
    'shows the tf.keras 2 summary %s as a table',
    async id => {
      const { wrapped } = registries();
      const [text] = streams(cell(TF2, id));
      const r = await render(wrapped, STDOUT, text);
      expect(views(r)).toHaveLength(1);
      const summary = views(r)[0];
      expect(summary.node.textContent).toContain('Total params');
    }
  );

  it('keeps the text around a summary as text, in order, losing nothing', async () => {
    const { wrapped } = registries();
    for (const nb of [PRINT, TF2]) {
      const all = streams(cell(nb, 'print_around')).join('');
      const r = await render(wrapped, STDOUT, all);
      expect(views(r)).toHaveLength(1);
      const [view] = views(r);
      const nodes = Array.from(r.node.children);
      const at = nodes.indexOf(view.node);
      const before = nodes
        .slice(0, at)
        .map(n => n.textContent)
        .join('');
      const after = nodes
        .slice(at + 1)
        .map(n => n.textContent)
        .join('');
      expect(before.trim()).not.toBe('');
      expect(after.trim()).not.toBe('');
      // Text before, the summary's own text and the text after rebuild the stream.
      const squash = (s: string) => s.replace(/\s+/g, '');
      expect(squash(before + view.originalText + after)).toBe(squash(all));
      expect(
        nodes.every(
          n => n === view.node || n.classList.contains('jp-RenderedText')
        )
      ).toBe(true);
    }
  });

  it('shows two summaries in one stream as two tables', async () => {
    const { wrapped } = registries();
    const text = streams(cell(TF2, 'two_summaries')).join('');
    const r = await render(wrapped, STDOUT, text);
    expect(views(r)).toHaveLength(2);
  });

  it('ends in the table when the stream arrives chunk by chunk, never going back to text', async () => {
    const { wrapped } = registries();
    for (const [nb, id] of [
      [TF2, 'print_around'],
      [PRINT, 'mlp'],
      [TF2, 'two_summaries']
    ]) {
      const text = streams(cell(nb, id)).join('');
      const r = wrapped.createRenderer(STDOUT);
      Widget.attach(r as Widget, document.body);
      let shown = 0;
      const firstViews: Widget[] = [];
      for (let end = 1; end <= text.length; end += 7) {
        await r.renderModel(model(STDOUT, text.slice(0, end)));
        const now = views(r as Widget);
        expect(now.length).toBeGreaterThanOrEqual(shown);
        // The views shown stay the same widgets (updated, not rebuilt).
        firstViews.forEach((v, i) => expect(now[i]).toBe(v));
        for (const v of now.slice(firstViews.length)) {
          firstViews.push(v);
        }
        shown = now.length;
      }
      await r.renderModel(model(STDOUT, text));
      expect(views(r as Widget)).toHaveLength(id === 'two_summaries' ? 2 : 1);
      (r as Widget).dispose();
    }
  });

  it('copes with \\r progress bars around summaries arriving in small chunks', async () => {
    const { wrapped } = registries();
    const [one] = streams(cell(TF2, 'mlp'));
    const [two] = streams(cell(TF2, 'text'));
    const bar = (n: number) =>
      Array.from(
        { length: n },
        (_, i) => `\r${i + 1}/${n} [${'='.repeat(i + 1)}>]`
      ).join('') + '\n';
    const text =
      'Loading\n' +
      bar(5) +
      one +
      bar(8) +
      'between\n' +
      two +
      bar(3) +
      'end\n';
    const r = wrapped.createRenderer(STDOUT) as unknown as Widget;
    Widget.attach(r, document.body);
    let most = 0;
    for (let end = 1; end <= text.length; end += 5) {
      await (r as any).renderModel(model(STDOUT, text.slice(0, end)));
      const n = views(r).length;
      expect(n).toBeGreaterThanOrEqual(most);
      most = n;
    }
    await (r as any).renderModel(model(STDOUT, text));
    expect(views(r)).toHaveLength(2);
    const shown = textBlocks(r).join('');
    for (const word of ['Loading', 'between', 'end', '3/3']) {
      expect(shown).toContain(word);
    }
    r.dispose();
  });

  it('shows a table cut short (kernel interrupt) as text, losing nothing', async () => {
    const { wrapped } = registries();
    const [text] = streams(cell(TF2, 'mlp'));
    const lines = text.split('\n');
    const cut = lines.slice(0, 6).join('\n') + '\nKeyboardInterrupt\n';
    const r = await render(wrapped, STDOUT, cut);
    expect(views(r)).toHaveLength(0);
    expect(textBlocks(r).join('')).toBe(cut);
  });

  it('does nothing when disabled or when the format is not asked for', async () => {
    const [text] = streams(cell(TF2, 'mlp'));
    for (const settings of [
      { enabled: false },
      { formats: ['keras3' as const] }
    ]) {
      const { wrapped } = registries(settings);
      const r = await render(wrapped, STDOUT, text);
      expect(views(r)).toHaveLength(0);
      expect(textBlocks(r).join('')).toBe(text);
    }
  });

  it('applies a settings change to outputs rendered afterwards only', async () => {
    const { wrapped, context } = registries();
    const [text] = streams(cell(TF2, 'mlp'));
    const before = await render(wrapped, STDOUT, text);
    context.settings = { ...context.settings, enabled: false };
    const after = await render(wrapped, STDOUT, text);
    await before.renderModel(model(STDOUT, text));
    expect(views(before)).toHaveLength(1);
    expect(views(after)).toHaveLength(0);
  });

  it("gives the view the summary's text, exactly as printed", async () => {
    const { wrapped } = registries();
    for (const [nb, id] of [
      [PRINT, 'mlp'],
      [TF2, 'mlp']
    ]) {
      const [text] = streams(cell(nb, id));
      const r = await render(wrapped, STDOUT, text);
      const given = views(r)[0].originalText;
      expect(given.trim()).toBe(text.trim());
      expect(given).not.toContain('\x1b');
    }
  });
});
