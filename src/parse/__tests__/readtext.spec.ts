/**
 * readText: output data in both of nbformat's multiline forms (one string,
 * or the list of lines a saved notebook holds and JupyterLite hands over).
 */
import { parseParts, readText } from '..';
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
    // What String(lines) made of it: commas between the lines, no summary.
    expect(parseParts(String(lines), { kind: 'html' })).toHaveLength(0);
  });
});
