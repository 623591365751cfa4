/**
 * Hostile layer and model names in the view: real Keras names captured in
 * fixtures/keras3-hostile.ipynb and fixtures/tfkeras2-hostile.ipynb (HTML
 * with event handlers, quotes, entities, bidi and zero-width characters,
 * summary look-alikes, 10,000 characters), and the hand-written names Keras
 * refuses (fixtures/handwritten/keras3-hostile-slash.txt). They must show as
 * text, exactly, and never become elements or attributes that do anything.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseText } from '../../parse';
import type { Summary } from '../../parse';
import { FIXTURES_DIR } from '../../testing/fixtures';
import {
  buttonsNamed,
  dialogs,
  DISPLAY,
  fixtureSummaries,
  layerRows,
  mount,
  summariesOf,
  TFKERAS,
  unmountAll
} from './helpers';

const K3 = 'keras3-hostile.ipynb';
const TF = 'tfkeras2-hostile.ipynb';
const SLASH = fs.readFileSync(
  path.join(FIXTURES_DIR, 'handwritten', 'keras3-hostile-slash.txt'),
  'utf-8'
);

/**
 * What each cell's names look like once Keras printed them: the names given
 * in scripts/capture_fixtures.py, cut by rich with `…` where a word is wider
 * than the column (76-column tables, so 31 characters in Layer (type)).
 */
const SHOWN: Record<string, string[]> = {
  html_names: [
    '<b onmouseover="window.__ksPwned=6">evil',
    '<img src=x onerror="window.__ksPwned=1;al…',
    '<script>window.__ksPwned=2;ale…',
    '<svg onload="window.__ksPwned=3">',
    '<iframe srcdoc="&lt;script&gt;parent._…',
    '<style>.jp-KerasSummary{displa…'
  ],
  quotes_entities: [
    'it\'s "quoted" & <b>bold',
    'quote"\'`double""',
    '&lt;b&gt;&amp;&#60;x&#x3E;',
    '&nbsp;&quot;&#0;&bogus;',
    '%3Cscript%3E{{7*7}}${alert(1)}'
  ],
  unicode_names: [
    'unicode\u202e\u200bmodel\u6a21\u578b',
    'rtl\u202egnp.exe',
    '\u200fmarks\u200e',
    'zero\u200bwidth\u200c\u200djoin',
    'e\u0301\u0301\u0301combining',
    'emoji\u{1f642}\u{1f643}',
    '\u5c64\u306e\u540d\u524d',
    '\u0637\u0628\u0642\u0629_\u0643\u062b\u064a\u0641\u0629'
  ],
  parser_names: [
    'Model: "fake" Total',
    '(None, 3)',
    'Layer (type)',
    'Model: "inner"',
    'Non-trainable params: 0',
    '\u2502\u2503\u250f\u2501\u2513 box',
    '\u2514 fake_nested',
    'tab     here'
  ],
  connected_names: [
    '<svg onload=window.__ksPwned=9>',
    'quote"\'',
    '&amp;concat',
    '\u202eout'
  ],
  long_names: ['x'.repeat(30) + '…', 'spaced spaced spaced'],
  model_names: [
    '<img src=x onerror="window.__ksPwned=11;alert(11)">',
    '</pre><script>window.__ksPwned=12;alert(12)</script>',
    'quote"\'` &amp; &lt;b&gt;',
    'rtl\u202e zero\u200bwidth \u5c64'
  ],
  odd_layer_names: ['a>b', '..\\..', '0-->', 'x.y-z_w>'],
  slash: [
    '</pre><script>window.__ksPwned=20;alert(20)</script>',
    '</pre><b>x</b>',
    '<script>__ksPwned=21</script>',
    '</span></pre><img src=x onerror=alert(22)>',
    'a/b/c',
    '../../etc/passwd'
  ]
};

/** The tags any benign summary view is made of (from the common fixtures). */
function benignTags(): Set<string> {
  const tags = new Set<string>();
  for (const [nb, id] of [
    [DISPLAY, 'nested'],
    [DISPLAY, 'two_inputs'],
    [DISPLAY, 'unbuilt'],
    [DISPLAY, 'long_names'],
    [TFKERAS, 'nested'],
    [TFKERAS, 'multi_output']
  ]) {
    for (const summary of fixtureSummaries(nb, id)) {
      const view = mount({ summary });
      for (const b of buttonsNamed(view.node, 'None').slice(0, 1)) {
        b.click();
      }
      view.node.querySelectorAll('*').forEach(e => tags.add(e.localName));
    }
  }
  unmountAll();
  return tags;
}

/** Attributes that could load or run something if a name reached them. */
const ACTIVE_ATTRIBUTES =
  /^(on.*|src|srcdoc|href|xlink:href|action|formaction|style)$/i;

function expectInert(root: Element, allowed: Set<string>): void {
  root.querySelectorAll('*').forEach(e => {
    expect(allowed).toContain(e.localName);
    for (const attr of Array.from(e.attributes)) {
      if (ACTIVE_ATTRIBUTES.test(attr.name)) {
        // Only the view's own inline styles (none carries a name).
        expect(attr.name).toBe('style');
        expect(attr.value).not.toMatch(/__ksPwned|display:\s*none/);
      }
    }
  });
}

/** [label, key of SHOWN, summaries] */
const cases: [string, string, Summary[]][] = [
  ...[
    'html_names',
    'quotes_entities',
    'unicode_names',
    'parser_names',
    'connected_names',
    'long_names'
  ].map(
    id =>
      [`keras3 ${id}`, id, fixtureSummaries(K3, id)] as [
        string,
        string,
        Summary[]
      ]
  ),
  ...['model_names', 'odd_layer_names'].map(
    id =>
      [`tf.keras ${id}`, id, fixtureSummaries(TF, id)] as [
        string,
        string,
        Summary[]
      ]
  ),
  ['hand-written names with "/"', 'slash', parseText(SLASH).summaries]
];

describe('hostile names in the view', () => {
  let allowed: Set<string>;
  beforeAll(() => {
    allowed = benignTags();
  });
  afterEach(() => unmountAll());

  it('has every hostile summary to work on', () => {
    expect(summariesOf(K3)).toHaveLength(12);
    expect(summariesOf(TF)).toHaveLength(6);
    for (const [, , summaries] of cases) {
      expect(summaries.length).toBeGreaterThan(0);
    }
  });

  it.each(cases)(
    '%s: names show as text and nothing is injected',
    (_label, key, summaries) => {
      const text = summaries
        .map(summary => {
          const view = mount({ summary, originalText: SLASH });
          expectInert(view.node, allowed);
          return view.node.textContent ?? '';
        })
        .join('\n');
      for (const name of SHOWN[key]) {
        expect(text).toContain(name);
      }
      expect(document.querySelector('script, img, svg, iframe, style')).toBe(
        null
      );
    }
  );

  it.each(cases)(
    '%s: every explanation names its layer as text and injects nothing',
    (_label, _key, summaries) => {
      let opened = 0;
      for (const summary of summaries) {
        const view = mount({ summary });
        const controls = Array.from(
          view.node.querySelectorAll<HTMLButtonElement>(
            'button.jp-KerasSummary-control'
          )
        );
        for (const control of controls) {
          control.click();
          expect(dialogs(view.node)).toHaveLength(1);
          const [dialog] = dialogs(view.node);
          expect(control.getAttribute('aria-controls')).toBe(dialog.id);
          const row = control.closest('tr')!;
          const name = row.querySelector('th[scope="row"]')?.textContent ?? '';
          if (name.length > 0 && name.length < 200) {
            expect(dialog.textContent).toContain(name);
          }
          expectInert(view.node, allowed);
          opened++;
        }
      }
      expect(opened).toBeGreaterThan(0);
      expect(document.querySelector('script, img, svg, iframe, style')).toBe(
        null
      );
    }
  );

  it('shows 10,000-character names whole where Keras printed them whole', () => {
    // tf.keras 2 wraps a long name over many lines instead of cutting it.
    const [summary] = fixtureSummaries(TF, 'long_names');
    const view = mount({ summary });
    const [row] = layerRows(view.node);
    expect(row.querySelector('th[scope="row"]')?.textContent).toBe(
      'x'.repeat(10000)
    );
    expect(view.node.getAttribute('aria-label')).toContain('m'.repeat(10000));
    expect(view.node.textContent).toContain('m'.repeat(10000));
  });

  it('renders adversarial cells (hand-written) without throwing', async () => {
    const head =
      '┏━┳━┳━┓\n┃ Layer (type) ┃ Output Shape ┃ Param # ┃\n┡━╇━╇━┩\n';
    const texts = [
      // Brackets nested 100,000 deep, closed and unclosed.
      head +
        '│ a (D) │ ' +
        '('.repeat(100000) +
        ')'.repeat(100000) +
        ' │ 1 │\n│ b (D) │ ' +
        '[('.repeat(50000) +
        ' │ 1 │\n└─┴─┴─┘\n',
      // A 1 MB name.
      head +
        '│ ' +
        'x'.repeat(1000000) +
        ' (Dense) │ (None, 2) │ 6 │\n└─┴─┴─┘\n',
      // Nesting 1,000 levels deep.
      head +
        Array.from(
          { length: 1000 },
          (_, i) => `│ ${'   '.repeat(i + 1)}└ a${i} (D) │ (None, 2) │ 6 │\n`
        ).join('├─┼─┼─┤\n') +
        '└─┴─┴─┘\n'
    ];
    let opened = 0;
    const error = jest.spyOn(console, 'error');
    const warn = jest.spyOn(console, 'warn');
    for (const text of texts) {
      const [summary] = parseText(text).summaries;
      const view = mount({ summary, originalText: text });
      // Large tables get their rows in chunks: all of them in the end.
      await view.ready;
      const rows = layerRows(view.node);
      expect(rows.length).toBe(summary.layers.length);
      const controls = Array.from(
        view.node.querySelectorAll<HTMLButtonElement>(
          'button.jp-KerasSummary-control'
        )
      ).slice(0, 20);
      opened += controls.length;
      for (const control of controls) {
        control.click();
        // Each opens its explanation, tied to it.
        const [dialog] = dialogs(view.node);
        expect(control.getAttribute('aria-expanded')).toBe('true');
        expect(control.getAttribute('aria-controls')).toBe(dialog.id);
        expect(dialog.textContent).not.toBe('');
      }
      unmountAll();
    }
    expect(opened).toBeGreaterThan(0);
    // No part of the view fell back to plain text.
    expect(error).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
    error.mockRestore();
    warn.mockRestore();
  });

  it('reads "└" at the start of a name as part of the name, not nesting', () => {
    // Keras 3 indents nested rows by three spaces per level before "└ ".
    const [summary] = fixtureSummaries(K3, 'parser_names');
    const names = summary.layers.map(l => l.name);
    expect(names).toContain('\u2514 fake_nested');
    expect(summary.layers.every(l => l.depth === 0)).toBe(true);
    const view = mount({ summary });
    expect(layerRows(view.node)).toHaveLength(11);
    // No bogus "params do not add up" notice: 8 + 10 × 6 = 68, as printed.
    expect(view.node.textContent).not.toMatch(/add up to/);
  });
});
