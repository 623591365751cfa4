/**
 * Hostile names through the wrappers, in a real OutputArea, trusted and
 * untrusted: the real Keras captures in fixtures/keras3-hostile.ipynb and
 * fixtures/tfkeras2-hostile.ipynb, and the hand-written names Keras refuses
 * (fixtures/handwritten/keras3-hostile-slash.txt) sent the two ways Keras 3
 * sends a summary. No element or handler comes from a name, "Copy original
 * text" copies exactly what Keras printed, and the outputs to save are the
 * outputs given.
 */
import type * as nbformat from '@jupyterlab/nbformat';
import * as fs from 'fs';
import * as path from 'path';
import { FIXTURES_DIR } from '../../testing/fixtures';
import { cellOutputs, flush, showOutputs, stripAnsi, views } from './helpers';

const K3 = 'keras3-hostile.ipynb';
const TF = 'tfkeras2-hostile.ipynb';
const SLASH = fs.readFileSync(
  path.join(FIXTURES_DIR, 'handwritten', 'keras3-hostile-slash.txt'),
  'utf-8'
);

const manifest = JSON.parse(
  fs.readFileSync(path.join(FIXTURES_DIR, 'manifest.json'), 'utf-8')
) as {
  notebooks: { path: string; cells: { id: string; summaries: number }[] }[];
};

/** The <pre> rich wraps every display output in (rich/jupyter.py). */
const RICH_PRE =
  "<pre style=\"white-space:pre;overflow-x:auto;line-height:normal;font-family:Menlo,'DejaVu Sans Mono',consolas,'Courier New',monospace\">";
const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The hand-written summary as Keras 3 would send it by default: one display
 * output per console.print (heading, table, each totals line), HTML escaped
 * by rich, plain text beside it.
 */
function slashDisplayOutputs(): nbformat.IOutput[] {
  const lines = SLASH.replace(/\n+$/, '\n').split(/(?<=\n)/);
  const tableEnd = lines.findIndex(l => l.startsWith('└')) + 1;
  const pieces = [
    lines[0],
    lines.slice(1, tableEnd).join(''),
    ...lines.slice(tableEnd)
  ];
  return pieces.map(text => ({
    output_type: 'display_data',
    data: {
      'text/html': `${RICH_PRE}${escapeHtml(text)}</pre>\n`,
      'text/plain': text
    },
    metadata: {}
  }));
}

function slashStreamOutputs(): nbformat.IOutput[] {
  return [{ output_type: 'stream', name: 'stdout', text: SLASH }];
}

/** Elements a name could smuggle in, and attributes that run or load things. */
const INJECTED = 'script, img, svg, iframe, style, object, embed, link, b';
function expectNothingInjected(root: Element): void {
  expect(root.querySelectorAll(INJECTED)).toHaveLength(0);
  root.querySelectorAll('*').forEach(e => {
    for (const attr of Array.from(e.attributes)) {
      expect(attr.name).not.toMatch(/^on|^(src|srcdoc|href|action)$/i);
    }
  });
}

/** Every [notebook, cell id, summaries] of the hostile captures. */
const CELLS: [string, string, number][] = [];
for (const nb of manifest.notebooks) {
  const file = path.basename(nb.path);
  if (file === K3 || file === TF) {
    for (const c of nb.cells) {
      if (c.summaries > 0) {
        CELLS.push([file, c.id, c.summaries]);
      }
    }
  }
}

describe('hostile names in an output area', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('has the hostile captures in the manifest', () => {
    expect(CELLS.map(([f, id]) => `${f}#${id}`)).toEqual([
      `${K3}#html_names`,
      `${K3}#quotes_entities`,
      `${K3}#unicode_names`,
      `${K3}#parser_names`,
      `${K3}#connected_names`,
      `${K3}#long_names`,
      `${K3}#print_all`,
      `${TF}#model_names`,
      `${TF}#odd_layer_names`,
      `${TF}#long_names`
    ]);
  });

  for (const trusted of [false, true]) {
    it.each(CELLS)(
      `%s %s shows %d table(s), injects nothing and saves as given (${trusted ? 'trusted' : 'untrusted'})`,
      async (notebook, id, count) => {
        const given = cellOutputs(notebook, id);
        const { model, area } = await showOutputs(given, trusted);
        expect(views(area)).toHaveLength(count);
        expectNothingInjected(area.node);
        expect(model.toJSON()).toEqual(given);
        area.dispose();
      }
    );
  }

  it('copies exactly what Keras printed: the display outputs', async () => {
    const ids = CELLS.filter(([nb, id]) => nb === K3 && id !== 'print_all');
    for (const [notebook, id] of ids) {
      const given = cellOutputs(notebook, id);
      const { area } = await showOutputs(given, false);
      const printed = given
        .filter(o => o.output_type === 'display_data')
        .map(o => stripAnsi(String((o.data as any)['text/plain'])));
      const [view] = views(area);
      const text = view.originalText;
      if (id === 'long_names') {
        // rich wrapped the 10,000-character model name over many lines: the
        // heading is not read, so it stays its own output, as printed.
        expect(text).toBe(printed.slice(1).join(''));
      } else {
        expect(text).toBe(printed.join(''));
      }
      await expectCopied(view.node, text);
      area.dispose();
    }
  });

  it('copies exactly what Keras printed: print_fn=print streams', async () => {
    const given = cellOutputs(K3, 'print_all');
    const { area } = await showOutputs(given, false);
    const streams = given
      .filter(o => o.output_type === 'stream')
      .map(o => String(o.text));
    const shown = views(area);
    expect(shown).toHaveLength(streams.length);
    shown.forEach((view, i) => {
      // print() adds one newline after the text Keras handed it. ANSI codes
      // (here from a layer name) are what JupyterLab shows as colour, not
      // text: the copy holds the text shown, as with the display outputs.
      const printed = stripAnsi(streams[i].slice(0, -1));
      if (i === streams.length - 1) {
        // The wrapped 10,000-character heading stays text above the table.
        expect(printed.endsWith(view.originalText)).toBe(true);
        expect(view.originalText.startsWith('\u250f')).toBe(true);
      } else {
        expect(view.originalText).toBe(printed);
      }
    });
    await expectCopied(shown[0].node, shown[0].originalText);
    area.dispose();
  });

  it('copies exactly what tf.keras 2 printed', async () => {
    for (const id of ['odd_layer_names', 'long_names']) {
      const given = cellOutputs(TF, id);
      const { area } = await showOutputs(given, false);
      const [view] = views(area);
      // tf.keras prints line by line; the summary is the whole stream.
      expect(view.originalText).toBe(String(given[0].text));
      area.dispose();
    }
  });

  describe.each([
    ['display outputs', slashDisplayOutputs],
    ['a print_fn=print stream', slashStreamOutputs]
  ])('hand-written names holding "/", as %s', (_how, make) => {
    it.each([false, true])(
      'show as text in one table (trusted: %s)',
      async trusted => {
        const given = make();
        const { model, area } = await showOutputs(given, trusted);
        const [view, ...more] = views(area);
        expect(more).toHaveLength(0);
        expectNothingInjected(area.node);
        const text = view.node.textContent ?? '';
        for (const name of [
          '</pre><script>window.__ksPwned=20;alert(20)</script>',
          '</pre><b>x</b>',
          '<script>__ksPwned=21</script>',
          '</span></pre><img src=x onerror=alert(22)>',
          '../../etc/passwd'
        ]) {
          expect(text).toContain(name);
        }
        // One visible output: heading and totals folded into the view.
        const visible = Array.from(
          area.node.querySelectorAll('.jp-OutputArea-child')
        ).filter(c => !c.classList.contains('jp-KerasSummary-absorbed'));
        expect(visible).toHaveLength(1);
        expect(view.originalText).toBe(SLASH.replace(/\n+$/, '\n'));
        expect(model.toJSON()).toEqual(given);
        area.dispose();
      }
    );
  });
});

/** Click "Copy original text" and return what reached the clipboard. */
async function expectCopied(node: HTMLElement, expected: string) {
  const written: string[] = [];
  const clipboard = {
    writeText: async (t: string) => {
      written.push(t);
    }
  };
  Object.defineProperty(navigator, 'clipboard', {
    value: clipboard,
    configurable: true
  });
  try {
    const button = Array.from(node.querySelectorAll('button')).find(
      b => b.textContent === 'Copy original text'
    );
    // There to press, not hidden.
    expect(button?.closest('[hidden]')).toBeNull();
    button!.click();
    await flush();
    expect(written).toEqual([expected]);
  } finally {
    delete (navigator as any).clipboard;
  }
}
