/**
 * rich's HTML, read as a browser reads it: the text must be the DOM's
 * `textContent` (an independent reading) and every character must map back
 * to its source, for text between many tags (what rich writes), entities
 * among them, a tag cut short, `<br>` and escape codes.
 */
import { normalize, originalSpan } from '../normalize';

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEXT_CHARS = [
  'a',
  'Z',
  '0',
  ' ',
  ' ',
  '\n',
  '(',
  ')',
  ',',
  '│',
  '━',
  '┃',
  '…',
  '>',
  '"',
  "'",
  '=',
  '😀'
];

/**
 * Text and tags in the way rich writes them, with `extra` mixed in now and
 * then: `spans` runs of text (5–64 when not given).
 */
function richLike(seed: number, extra: string[], spans = 0): string {
  const next = random(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)];
  // Not a line break first: a browser drops one just after `<pre>`.
  let out =
    '<pre style="white-space:pre;font-family:Menlo,\'DejaVu Sans Mono\',monospace">M';
  const n = spans || 5 + Math.floor(next() * 60);
  for (let i = 0; i < n; i++) {
    let text = '';
    const len = Math.floor(next() * 8);
    for (let j = 0; j < len; j++) {
      text += pick(TEXT_CHARS);
    }
    // A `<` followed by a space is text in HTML, and to the reader.
    if (next() < 0.05) {
      text += '< ';
    }
    if (extra.length > 0 && next() < 0.1) {
      text += pick(extra);
    }
    out +=
      next() < 0.6
        ? `<span style="color: #00af00; text-decoration-color: #00af00">${text}</span>`
        : text;
  }
  return out + '</pre>';
}

/** What a browser shows for an HTML fragment. */
function domText(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return doc.body.textContent ?? '';
}

function expectMapped(input: string): void {
  const norm = normalize(input, 'html');
  const origin = norm.origin!;
  const after = norm.after!;
  expect(origin).not.toBeNull();
  for (let i = 0; i < norm.text.length; i++) {
    const source = input.slice(origin[i], after[i]);
    // A character is copied (its source is itself) or decoded from an
    // entity; a surrogate pair's halves share one numeric entity.
    if (source.length === 1) {
      expect(source).toBe(norm.text[i]);
    } else {
      expect(source.startsWith('&')).toBe(true);
    }
  }
  expect(origin[norm.text.length]).toBe(input.length);
  // Each line of the text, mapped back, is its own source: no tag is lost
  // or doubled between two lines.
  let start = 0;
  const pieces: string[] = [];
  while (start < norm.text.length) {
    const nl = norm.text.indexOf('\n', start);
    const end = nl === -1 ? norm.text.length : nl + 1;
    const [s, e] = originalSpan(norm, start, end);
    pieces.push(input.slice(s, e));
    start = end;
  }
  if (norm.text.length > 0) {
    expect(pieces.join('')).toBe(input);
  }
}

describe('normalize: rich HTML', () => {
  it('reads text and tags only as a browser does, and maps every character back', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const html = richLike(seed, []);
      expect(normalize(html, 'html').text).toBe(domText(html));
      expectMapped(html);
    }
  });

  it('reads entities among the tags as a browser does', () => {
    const extra = ['&lt;', '&gt;', '&amp;', '&quot;', '&#x27;', '&#128512;'];
    for (let seed = 100; seed <= 130; seed++) {
      const html = richLike(seed, extra);
      expect(normalize(html, 'html').text).toBe(domText(html));
      expectMapped(html);
    }
  });

  it("reads as a browser does across the decoder's chunks of 4,096 runs", () => {
    // 30,000 runs of text and tags, entities among them: the decoder joins
    // its runs a chunk at a time, and every boundary must fall unseen.
    const extra = ['&lt;', '&amp;', '&#128512;'];
    for (const seed of [7, 8]) {
      const html = richLike(seed, extra, 30000);
      expect(normalize(html, 'html').text).toBe(domText(html));
      expectMapped(html);
    }
  });

  it('keeps a tag cut short at the end as text', () => {
    const html =
      '<pre><span style="color: red">Model</span>: "m"\n<span style="col';
    const norm = normalize(html, 'html');
    expect(norm.text).toBe('Model: "m"\n<span style="col');
    expectMapped(html);
  });

  it('drops NUL from the text, as a browser does', () => {
    const html = '<pre><span>a\u0000b</span> (\u00000.00 B)</pre>';
    expect(normalize(html, 'html').text).toBe(domText(html));
    expect(normalize(html, 'html').text).toBe('ab (0.00 B)');
    expectMapped(html);
  });

  it('turns <br> into a line break and drops escape codes and the \\r of \\r\\n', () => {
    const html = '<pre><span>a</span><br>b\x1b[1m</span>c\r\nd<BR/>e</pre>';
    const norm = normalize(html, 'html');
    expect(norm.text).toBe('a\nbc\nd\ne');
    expect(html.slice(norm.origin![1], norm.after![1])).toBe('<br>');
  });
});
