/**
 * A text handed over to the parser (the CLI's input): parsed exactly as the
 * same string, let go of once decoded, and `released` called only when the
 * decoding made a new string (rich's HTML, ANSI colours), on every text the
 * fixtures hold and on 1,000 edits of them. Read without a `kind`, as the
 * CLI reads a file.
 */
import * as fc from 'fast-check';
import { normalize } from '../normalize';
import { parseText } from '../parse';
import type { HandedText } from '../parse';
import { fixtureTexts } from '../../testing/fixtures';
import { mutateText, TEXT_EDITS } from '../../testing/mutate-text';

const TEXTS = fixtureTexts().map(t => [t.name, t.text]);

describe('a handed-over text', () => {
  it('covers HTML, ANSI-coloured and plain outputs', () => {
    const kinds = TEXTS.map(([, t]) =>
      t.trimStart().startsWith('<')
        ? 'html'
        : t.includes('\x1b')
          ? 'ansi'
          : 'plain'
    );
    expect(new Set(kinds)).toEqual(new Set(['html', 'ansi', 'plain']));
  });

  it.each(TEXTS)('%s: parsed as the string, then let go of', (_, text) => {
    let released = 0;
    const input: HandedText = { text, released: () => released++ };
    const handed = parseText(input);
    expect(handed).toEqual(parseText(text));
    expect(input.text).toBe('');
    const decodes =
      text.trimStart().startsWith('<') ||
      text.includes('\x1b') ||
      text.includes('\r\n');
    expect(released).toBe(decodes ? 1 : 0);
  });

  it('parses 1,000 edited fixture texts as their strings', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TEXTS.map(([, t]) => t)),
        TEXT_EDITS,
        (fixture, ops) => {
          const text = mutateText(fixture, ops);
          let released = 0;
          const input: HandedText = { text, released: () => released++ };
          expect(parseText(input)).toEqual(parseText(text));
          expect(input.text).toBe('');
          expect(released).toBe(normalize(text).text === text ? 0 : 1);
        }
      ),
      { numRuns: 1000 }
    );
  });
});
