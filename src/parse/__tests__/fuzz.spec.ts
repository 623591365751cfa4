/**
 * Property tests: the parser never throws, and the spans it reports cut the
 * input into summaries and the text between them with nothing lost, for
 * random text, mutations of every real fixture, and every prefix of every
 * fixture (as a stream arrives).
 */
import * as fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { parseText } from '../parse';
import { parseNotebookJson } from '../notebook';
import { ADVERSARIAL, RICH_HEAD } from '../../testing/adversarial';
import { FIXTURES_DIR, fixtureTexts } from '../../testing/fixtures';
import { mutateText, TEXT_EDITS } from '../../testing/mutate-text';
import type { Summary } from '../types';

/** The spans are in order, inside the input, and rebuild it exactly with the text between them. */
function expectSpansRebuild(input: string, summaries: Summary[]): void {
  let at = 0;
  const pieces: string[] = [];
  for (const s of summaries) {
    expect(s.start).toBeGreaterThanOrEqual(at);
    expect(s.end).toBeGreaterThanOrEqual(s.start);
    expect(s.end).toBeLessThanOrEqual(input.length);
    pieces.push(input.slice(at, s.start), input.slice(s.start, s.end));
    at = s.end;
  }
  pieces.push(input.slice(at));
  expect(pieces.join('')).toBe(input);
}

const TEXTS = fixtureTexts();

describe('parser properties', () => {
  it('has fixtures to work on', () => {
    expect(TEXTS.length).toBeGreaterThan(20);
  });

  it('never throws on random text and its spans rebuild the input', () => {
    const boxy = fc.constantFrom(
      ...'┏┳┓┃┡╇┩│├┼┤└┴┘━─ ()[]{},.…?:_=¯|\n\r\t\x1b'.split(''),
      'None',
      '(None, ',
      'Model: "',
      ' Total params: ',
      'Layer (type)',
      'Output Shape',
      'Param #',
      '<pre>',
      '&lt;',
      '\x1b[1m',
      '+',
      '+-----',
      '|----+',
      'INFO:absl:',
      'I1203 00:00:44.187878 140237 layer_utils.py:461] '
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.array(boxy, { maxLength: 200 }).map(a => a.join(''))
        ),
        text => {
          const result = parseText(text);
          expectSpansRebuild(text, result.summaries);
        }
      ),
      { numRuns: 500 }
    );
  });

  it('never throws on mutated fixtures, and spans rebuild the input', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TEXTS), TEXT_EDITS, (fixture, ops) => {
        const text = mutateText(fixture.text, ops);
        expectSpansRebuild(
          text,
          parseText(text, { kind: fixture.kind }).summaries
        );
      }),
      { numRuns: 400 }
    );
  });

  it('reads every prefix of every fixture without throwing (as a stream arrives)', () => {
    let prefixes = 0;
    for (const fixture of TEXTS) {
      const text = fixture.text;
      // Every line boundary, and every character of the first table row.
      const cuts = new Set<number>();
      for (let i = 0; i <= text.length; i++) {
        if (text[i - 1] === '\n' || i === text.length) {
          cuts.add(i);
        }
      }
      const firstRow = text.indexOf('│');
      for (
        let i = firstRow;
        i >= 0 && i < Math.min(text.length, firstRow + 400);
        i++
      ) {
        cuts.add(i);
      }
      for (const cut of cuts) {
        const prefix = text.slice(0, cut);
        expectSpansRebuild(
          prefix,
          parseText(prefix, { kind: fixture.kind }).summaries
        );
        prefixes++;
      }
    }
    expect(prefixes).toBeGreaterThan(1000);
  });

  it('never throws on mutated notebook JSON handed to the notebook reader', () => {
    const json = fs.readFileSync(
      path.join(FIXTURES_DIR, 'keras3-display.ipynb'),
      'utf-8'
    );
    fc.assert(
      fc.property(fc.nat(json.length), fc.nat(50), (at, n) => {
        const cut = json.slice(0, at) + json.slice(at + n);
        try {
          parseNotebookJson(cut);
        } catch (e) {
          expect(
            (e as Error).name === 'Error' ||
              (e as Error).constructor.name === 'NotebookError'
          ).toBe(true);
          expect((e as Error).message).toMatch(/invalid notebook/);
        }
      }),
      { numRuns: 200 }
    );
  });
});

describe("rich's ASCII box and log prefixes, broken at random", () => {
  const LOG_PREFIX = /^(?:INFO:absl:|I\d{4} [^\]\n]*\] )/;
  const cases = TEXTS.filter(
    t => t.text.includes('+-----') || /^(?:INFO:absl:|I\d{4} )/m.test(t.text)
  );

  /** One line of a box or a log changed: a border character, a prefix, a cut. */
  const breakLine = (line: string, kind: number, n: number): string => {
    const nth = (ch: string) => {
      const at: number[] = [];
      for (let i = line.indexOf(ch); i !== -1; i = line.indexOf(ch, i + 1)) {
        at.push(i);
      }
      return at.length ? at[n % at.length] : -1;
    };
    const put = (i: number, ch: string) =>
      i < 0 ? line : line.slice(0, i) + ch + line.slice(i + 1);
    switch (kind) {
      case 0:
        return put(nth('+'), '-');
      case 1:
        return put(nth('|'), ' ');
      case 2:
        return put(nth('-'), '=');
      case 3:
        return put(nth('|'), '+');
      case 4: {
        const at = n % (line.length + 1);
        return line.slice(0, at) + ' ' + line.slice(at);
      }
      case 5:
        return line.replace(LOG_PREFIX, '');
      case 6:
        return 'INFO:absl:' + line;
      default:
        return line.slice(0, n % (line.length + 1));
    }
  };

  it('has the captured ASCII boxes and logged summaries to break', () => {
    expect(cases.length).toBeGreaterThanOrEqual(5);
  });

  it('never throws, never loses text, and keeps rows inside their summary', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...cases),
        fc.array(
          fc.record({ kind: fc.nat(8), at: fc.nat(10000), n: fc.nat(1000) }),
          { minLength: 1, maxLength: 8 }
        ),
        (fixture, ops) => {
          const lines = fixture.text.split('\n');
          for (const op of ops) {
            const i = op.at % lines.length;
            if (op.kind === 8) {
              lines.splice(i, 1);
            } else {
              lines[i] = breakLine(lines[i], op.kind, op.n);
            }
          }
          const text = lines.join('\n');
          const { summaries } = parseText(text, { kind: fixture.kind });
          expectSpansRebuild(text, summaries);
          for (const s of summaries) {
            let at = s.start;
            for (const layer of s.layers) {
              expect(layer.start).toBeGreaterThanOrEqual(at);
              expect(layer.end).toBeGreaterThanOrEqual(layer.start);
              expect(layer.end).toBeLessThanOrEqual(s.end);
              at = layer.end;
            }
          }
        }
      ),
      { numRuns: 600 }
    );
  });
});

describe('adversarial inputs parse in linear time', () => {
  // Each must finish; jest's timeout (10 s) is the guard against
  // catastrophic backtracking. Timing figures belong to `make bench`.
  jest.setTimeout(10000);
  it.each(ADVERSARIAL)('%s', (_name, make) => {
    const text = make();
    const { summaries } = parseText(text);
    expectSpansRebuild(text, summaries);
    if (text.startsWith(RICH_HEAD)) {
      // The rows were read (the cell readers ran on the hostile cells).
      expect(summaries[0]?.layers.length).toBeGreaterThan(0);
    }
  });
});
