import { looksLikeHtml, normalize, originalSpan } from '../normalize';

describe('normalize', () => {
  it('leaves plain text alone', () => {
    const n = normalize('Model: "m"\n');
    expect(n.text).toBe('Model: "m"\n');
    expect(n.origin).toBeNull();
  });

  it('drops ANSI codes and maps offsets back', () => {
    const input = '\x1b[1mModel: "m"\x1b[0m\nnext\n';
    const n = normalize(input);
    expect(n.text).toBe('Model: "m"\nnext\n');
    // The span of the second line, mapped back, is the same text in the input.
    const [s, e] = originalSpan(n, 11, 16);
    expect(input.slice(s, e)).toBe('next\n');
    // A span from 0 takes the escape code before the first character.
    const [s0, e0] = originalSpan(n, 0, 11);
    expect(input.slice(s0, e0)).toBe('\x1b[1mModel: "m"\x1b[0m\n');
  });

  it('decodes rich HTML: tags dropped, entities decoded', () => {
    const html =
      '<pre style="white-space:pre;overflow-x:auto">' +
      '<span style="font-weight: bold">Model: &quot;a&lt;b&gt;&amp;c&quot;</span>\n</pre>\n';
    expect(looksLikeHtml(html)).toBe(true);
    expect(normalize(html).text).toBe('Model: "a<b>&c"\n\n');
  });

  it('decodes numeric entities, astral ones included', () => {
    expect(normalize('<pre>&#x27;&#39;&#128512;</pre>', 'html').text).toBe(
      "''😀"
    );
  });

  it('keeps a lone & or < as text', () => {
    expect(normalize('<pre>a & b < c</pre>', 'html').text).toBe('a & b < c');
  });

  it('does not take plain text for HTML', () => {
    expect(looksLikeHtml('Model: "x"\n<pre>')).toBe(false);
  });
});
