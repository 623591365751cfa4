/**
 * A text handed over to the parser (the CLI's input): parsed exactly as the
 * same string, let go of once decoded, and `released` called only when the
 * decoding made a new string (rich's HTML, ANSI colours), on every output
 * real Keras printed in the fixtures.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseText } from '../parse';
import type { HandedText } from '../parse';
import {
  displayTexts,
  FIXTURES_DIR,
  fixtureIds,
  fixtureCell,
  loadNotebook,
  stdoutOf
} from '../../testing/fixtures';

/** Every stdout text and every text/html and text/plain output of every fixture cell. */
function fixtureTexts(): [string, string][] {
  const texts: [string, string][] = [];
  for (const file of fs.readdirSync(FIXTURES_DIR).sort()) {
    if (!file.endsWith('.ipynb')) {
      continue;
    }
    const nb = loadNotebook(path.basename(file));
    for (const id of fixtureIds(nb)) {
      const cell = fixtureCell(nb, id);
      const stdout = stdoutOf(cell);
      if (stdout) {
        texts.push([`${file} ${id} stdout`, stdout]);
      }
      for (const mime of ['text/html', 'text/plain']) {
        displayTexts(cell, mime).forEach((text, k) => {
          if (text) {
            texts.push([`${file} ${id} ${mime} ${k}`, text]);
          }
        });
      }
    }
  }
  return texts;
}

const TEXTS = fixtureTexts();

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
});
