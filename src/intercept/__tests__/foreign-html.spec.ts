/**
 * HTML that is not rich's, or rich's HTML cut short or broken: random
 * mutations of the real rich outputs (fixtures/keras3-display.ipynb and the
 * hostile captures). Whatever the wrapper does not show as a table, it shows
 * exactly as JupyterLab's own renderer does; it never throws; and it shows a
 * table only for one rich `<pre>` of text and spans holding a whole table.
 */
import type * as nbformat from '@jupyterlab/nbformat';
import * as fc from 'fast-check';
import { ABSORBED_CLASS } from '../grouping';
import {
  attachArea,
  cell,
  flush,
  HTML,
  htmls,
  registries,
  render,
  views
} from './helpers';

const SOURCES: { name: string; html: string }[] = [];
for (const [nb, ids] of [
  ['keras3-display.ipynb', ['mlp', 'nested', 'two_inputs', 'masking']],
  ['keras3-display-wide.ipynb', ['nested']],
  ['keras3-hostile.ipynb', ['html_names', 'quotes_entities', 'parser_names']]
] as [string, string[]][]) {
  for (const id of ids) {
    htmls(cell(nb, id)).forEach((html, i) =>
      SOURCES.push({ name: `${nb}#${id}[${i}]`, html })
    );
  }
}

/** Things that break HTML or smuggle something into it. */
const INSERTS = [
  '<b>',
  '</b>',
  '<span>',
  '</span>',
  '<pre>',
  '</pre>',
  '<img src=x onerror="window.__ksPwned=1">',
  '<script>window.__ksPwned=2</script>',
  '<svg onload="window.__ksPwned=3">',
  '<!-- ',
  ' -->',
  '<br>',
  '&',
  '&amp;',
  '&lt;',
  '<',
  '>',
  '"',
  '\n',
  '\u0000',
  '┃',
  '└',
  'None'
];

type Op =
  | { kind: 'cut'; at: number }
  | { kind: 'drop'; at: number; n: number }
  | { kind: 'insert'; at: number; what: string }
  | { kind: 'wrap'; before: string; after: string };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(100000) }),
  fc.record({
    kind: fc.constant('drop' as const),
    at: fc.nat(100000),
    n: fc.integer({ min: 1, max: 40 })
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(100000),
    what: fc.constantFrom(...INSERTS)
  }),
  fc.record({
    kind: fc.constant('wrap' as const),
    before: fc.constantFrom('', '<div>', '<p>x</p>', ' ', '<pre>'),
    after: fc.constantFrom('', '</div>', '<p>y</p>', '\n\n', '</pre>')
  })
);

function mutate(html: string, ops: Op[]): string {
  let s = html;
  for (const o of ops) {
    const at = 'at' in o ? o.at % (s.length + 1) : 0;
    switch (o.kind) {
      case 'cut':
        s = s.slice(0, at);
        break;
      case 'drop':
        s = s.slice(0, at) + s.slice(at + o.n);
        break;
      case 'insert':
        s = s.slice(0, at) + o.what + s.slice(at);
        break;
      case 'wrap':
        s = o.before + s + o.after;
        break;
    }
  }
  return s;
}

/** Only rich's tags: one `<pre …>` holding text and `<span …>` elements. */
function onlyRichTags(html: string): boolean {
  const tags = html.match(/<\/?[a-zA-Z!][^>]*>?/g) ?? [];
  return (
    tags.filter(t => /^<pre[\s>]/.test(t)).length === 1 &&
    tags.every(t => /^<\/?(pre|span)[\s>]/.test(t))
  );
}

describe('broken and foreign HTML', () => {
  let warn: jest.SpyInstance;
  let error: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    error = jest.spyOn(console, 'error');
  });
  afterEach(() => {
    warn.mockRestore();
    error.mockRestore();
    document.body.innerHTML = '';
    delete (window as any).__ksPwned;
  });

  it('shows mutated rich outputs exactly as the original renderer, or as a table of a whole rich <pre>', async () => {
    const { plain, wrapped } = registries();
    let runs = 0;
    let tables = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...SOURCES),
        fc.array(op, { minLength: 1, maxLength: 4 }),
        async (source, ops) => {
          runs++;
          const html = mutate(source.html, ops);
          const a = await render(plain, HTML, html);
          const b = await render(wrapped, HTML, html);
          if (views(b).length === 0) {
            expect(b.node.firstElementChild?.outerHTML).toBe(a.node.outerHTML);
          } else {
            tables++;
            expect(views(b)).toHaveLength(1);
            expect(onlyRichTags(html)).toBe(true);
            expect(html.trim().endsWith('</pre>')).toBe(true);
          }
          // Untrusted: the sanitizer drops scripts and handlers, with or without us.
          expect(b.node.querySelector('script')).toBeNull();
          b.node.querySelectorAll('*').forEach(e => {
            for (const attr of Array.from(e.attributes)) {
              expect(attr.name).not.toMatch(/^on/i);
            }
          });
          a.dispose();
          b.dispose();
        }
      ),
      { numRuns: 600 }
    );
    expect(runs).toBe(600);
    // Some mutations leave the table whole (a dropped space, a second span).
    expect(tables).toBeGreaterThan(0);
    expect((window as any).__ksPwned).toBeUndefined();
    expect(error).not.toHaveBeenCalled();
  });

  it('groups mutated outputs of one summary without hiding or losing any', async () => {
    const given = cell('keras3-display.ipynb', 'mlp').outputs;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.nat(given.length - 1),
        fc.array(op, { minLength: 1, maxLength: 3 }),
        async (which, ops) => {
          runs++;
          const outputs = given.map((o, i) => {
            const html = [o.data!['text/html']].flat().join('');
            return {
              output_type: 'display_data',
              data: {
                'text/html': i === which ? mutate(html, ops) : html,
                'text/plain': [o.data!['text/plain']].flat().join('')
              },
              metadata: {}
            } as nbformat.IDisplayData;
          });
          const { model, area } = attachArea();
          outputs.forEach(o => model.add(o));
          await flush();
          const shown = views(area);
          expect(shown.length).toBeLessThanOrEqual(1);
          const children = Array.from(
            area.node.querySelectorAll('.jp-OutputArea-child')
          );
          const absorbed = children.filter(c =>
            c.classList.contains(ABSORBED_CLASS)
          );
          if (shown.length === 0) {
            expect(absorbed).toHaveLength(0);
          } else {
            // What is hidden is in the view's text, in order.
            const text = shown[0].originalText;
            let at = 0;
            for (const child of absorbed) {
              const piece = (child.textContent ?? '').trim();
              const found = text.indexOf(piece, at);
              expect(found).toBeGreaterThanOrEqual(0);
              at = found + piece.length;
            }
          }
          expect(model.toJSON()).toEqual(outputs);
          area.dispose();
        }
      ),
      { numRuns: 150 }
    );
    expect(runs).toBe(150);
  });

  it('renders foreign HTML holding summary words, untrusted and trusted, as the original renderer', async () => {
    const { plain, wrapped } = registries();
    const foreign = [
      '<pre>Model: "x"</pre><img src=x onerror="window.__ksPwned=4">',
      '<pre>┏━━┓</pre><script>window.__ksPwned=5</script>',
      '<div><pre>Layer (type)</pre></div>',
      '<pre><span>Total params: 3</span><b>bold</b></pre>',
      '<pre>\n</pre>'.repeat(3),
      '<pre style="white-space:pre"> Total params: 12 (48.00 B)\n</pre><iframe srcdoc="x"></iframe>'
    ];
    for (const trusted of [false, true]) {
      for (const html of foreign) {
        const a = await render(plain, HTML, html, trusted);
        const b = await render(wrapped, HTML, html, trusted);
        expect(views(b)).toHaveLength(0);
        expect(b.node.firstElementChild?.outerHTML).toBe(a.node.outerHTML);
      }
    }
  });
});
