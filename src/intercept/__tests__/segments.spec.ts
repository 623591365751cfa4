import {
  findSummaries,
  hasWholeTable,
  mayHoldSummary,
  splitText,
  StreamParser
} from '../segments';
import { readRichPiece, isBlankRichOutput, isRichPre } from '../pieces';
import { ALL_FORMATS } from '../settings';
import { cell, htmls, streams } from './helpers';

const TF2 = 'tfkeras2.ipynb';
const PRINT = 'keras3-print.ipynb';

describe('mayHoldSummary', () => {
  it('finds the markers of every piece and nothing in ordinary output', () => {
    expect(mayHoldSummary('Model: "x"')).toBe(true);
    expect(mayHoldSummary(' Total params: 3')).toBe(true);
    expect(mayHoldSummary('┏━━┓')).toBe(true);
    expect(mayHoldSummary(' Layer (type)   Output Shape')).toBe(true);
    expect(mayHoldSummary('Epoch 1/10\nloss: 0.3\n')).toBe(false);
    expect(mayHoldSummary('')).toBe(false);
  });
});

describe('splitText', () => {
  it('keeps the text around a summary, without the blank lines next to it', () => {
    const text = streams(cell(PRINT, 'print_around')).join('');
    const summaries = findSummaries(text, 'text', ALL_FORMATS);
    const segments = splitText(text, summaries, hasWholeTable);
    expect(segments.map(s => s.kind)).toEqual(['text', 'summary', 'text']);
    expect(text.slice(segments[0].start, segments[0].end)).toBe(
      'Building model...\n'
    );
    expect(text.slice(segments[2].start, segments[2].end)).toBe('done\n');
  });

  it('leaves summaries not shown in the text', () => {
    const text = streams(cell(TF2, 'two_summaries')).join('');
    const summaries = findSummaries(text, 'text', ALL_FORMATS);
    expect(summaries).toHaveLength(2);
    const segments = splitText(text, summaries, s => s === summaries[1]);
    expect(segments.map(s => s.kind)).toEqual(['text', 'summary']);
    expect(segments[0].start).toBe(0);
  });
});

describe('StreamParser', () => {
  it('gives the same summaries as a full parse for every prefix of a stream', () => {
    for (const [nb, id] of [
      [TF2, 'print_around'],
      [TF2, 'two_summaries'],
      [PRINT, 'two_summaries'],
      [PRINT, 'print_around']
    ]) {
      const text =
        streams(cell(nb, id)).join('') +
        'Epoch 1/2\nloss: 0.5\nEpoch 2/2\nloss: 0.4\n';
      const parser = new StreamParser();
      for (let end = 1; end <= text.length; end += 3) {
        const prefix = text.slice(0, end);
        expect(parser.summaries(prefix, ALL_FORMATS)).toEqual(
          findSummaries(prefix, 'text', ALL_FORMATS)
        );
      }
    }
  });

  it('does not parse again while only ordinary text is appended after a closed summary', () => {
    const summary = streams(cell(TF2, 'mlp')).join('');
    const parser = new StreamParser();
    let text = summary + 'Epoch 1/100\n';
    const first = parser.summaries(text, ALL_FORMATS);
    for (let i = 2; i <= 100; i++) {
      text += `Epoch ${i}/100\nloss: 0.1\n`;
      expect(parser.summaries(text, ALL_FORMATS)).toBe(first);
    }
    // A new summary in the appended text is found.
    text += summary;
    expect(parser.summaries(text, ALL_FORMATS)).toHaveLength(2);
  });
});

describe('rich pieces', () => {
  it('reads heading, table and totals outputs and refuses other HTML', () => {
    const [heading, table, total] = htmls(cell('keras3-display.ipynb', 'mlp'));
    expect(readRichPiece(heading, ALL_FORMATS)?.part).toBe('heading');
    expect(readRichPiece(table, ALL_FORMATS)?.part).toBe('table');
    expect(readRichPiece(total, ALL_FORMATS)?.part).toBe('totals');
    expect(readRichPiece(table, ['keras2'])).toBeNull();
    expect(readRichPiece('<b>Model: "x"</b>', ALL_FORMATS)).toBeNull();
    expect(isRichPre('<pre>a<span>b</span></pre>')).toBe(true);
    expect(isRichPre('<pre>a<span>b</pre>')).toBe(false);
    expect(isRichPre('<pre>a</pre><pre>b</pre>')).toBe(false);
    expect(isRichPre('<pre>a<img src=x></pre>')).toBe(false);
  });

  it('knows the empty output print_fn=print leaves before its stream', () => {
    const [empty] = htmls(cell(PRINT, 'mlp'));
    expect(isBlankRichOutput(empty)).toBe(true);
    expect(
      isBlankRichOutput(htmls(cell('keras3-display.ipynb', 'mlp'))[0])
    ).toBe(false);
  });
});
