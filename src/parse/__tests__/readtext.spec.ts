/**
 * readText: output data in both of nbformat's multiline forms (one string,
 * or the list of lines a saved notebook holds and JupyterLite hands over).
 */
import { looksLikeHtml, parseParts, parseText, readText } from '..';
import { fixtureCell, loadNotebook } from '../../testing/fixtures';

describe('readText', () => {
  it('returns a string as it is and joins a list of lines', () => {
    expect(readText('a\nb\n')).toBe('a\nb\n');
    expect(readText(['a\n', 'b\n', 'c'])).toBe('a\nb\nc');
    expect(readText([])).toBe('');
    expect(readText('')).toBe('');
  });

  it('reads anything that is not text as no text', () => {
    for (const value of [undefined, null, 3, {}, ['a', 2], [null], true]) {
      expect(readText(value)).toBe('');
    }
  });

  it('reads the same summary from saved lines as from the joined text', () => {
    const nb = loadNotebook('keras3-display.ipynb');
    const [, table] = fixtureCell(nb, 'mlp').outputs;
    const lines = table.data!['text/html'];
    expect(Array.isArray(lines)).toBe(true);
    expect(lines.length).toBeGreaterThan(1);
    const fromLines = parseParts(readText(lines), { kind: 'html' });
    const fromText = parseParts((lines as string[]).join(''), {
      kind: 'html'
    });
    expect(fromLines).toHaveLength(1);
    expect(fromLines[0].layers.map(l => l.name)).toEqual([
      'flatten',
      'dense',
      'dense_1'
    ]);
    expect(fromLines).toEqual(fromText);
    // What String(lines) made of it: a comma before every line but the
    // first, which the parser reads past as a line prefix, with offsets
    // that are not the saved text's.
    const joinedWrong = parseParts(String(lines), { kind: 'html' });
    expect(joinedWrong).not.toEqual(fromText);
  });

  it("finds rich's HTML quoted among Markdown text (nbconvert's Markdown export; the Markdown around it hand-written)", () => {
    const nb = loadNotebook('keras3-display.ipynb');
    const html = fixtureCell(nb, 'mlp')
      .outputs.map(o => readText(o.data?.['text/html']))
      .join('');
    expect(html).toContain('<pre style="white-space:pre;');
    const md =
      '# Training\n\n```python\nmodel.summary()  # x < 3 & y > 2\n```\n\n' +
      html +
      '\n\nThe model has three layers.\n';
    expect(looksLikeHtml(md)).toBe(true);
    const [s] = parseText(md).summaries;
    expect(s.layers.map(l => l.name)).toEqual(['flatten', 'dense', 'dense_1']);
    expect(s.totals.total).toBe(101770);
    // The span is the quoted HTML's, in the document's own offsets.
    expect(md.slice(s.start, s.end)).toContain('flatten');
    expect(s.start).toBeGreaterThanOrEqual(md.indexOf('<pre'));
    // Plain text that only mentions a tag is still text.
    expect(looksLikeHtml('print("<pre>")\n Layer (type)\n</pre>')).toBe(false);
  });
});
