/**
 * The incremental pre-checks of a growing stream. StreamMarkers must answer
 * as `mayHoldSummary` on the whole text would, however the text grows;
 * TableCloseWatch may only say "no new table" when the parser indeed finds
 * no whole table.
 */
import {
  findSummaries,
  hasWholeTable,
  mayHoldSummary,
  StreamMarkers,
  TableCloseWatch
} from '../segments';
import { ALL_FORMATS } from '../settings';
import {
  fixtureIds,
  loadNotebook,
  stdoutOf,
  fixtureCell
} from '../../testing/fixtures';

const LOG =
  'Epoch 1/3\n1875/1875 ━━━━━━━━━━━━━━━━━━━━ 3s 1ms/step - loss: 0.3\n';

describe('StreamMarkers', () => {
  it('answers as mayHoldSummary for every prefix of a growing stream', () => {
    const text =
      LOG.repeat(3) +
      'Model: "sequential"\n' +
      LOG +
      ' Total params: 10 (40.00 B)\n';
    for (const step of [1, 2, 3, 7, 64]) {
      const markers = new StreamMarkers();
      for (let end = 0; end <= text.length; end += step) {
        const prefix = text.slice(0, end);
        expect(markers.mayHoldSummary(prefix)).toBe(mayHoldSummary(prefix));
      }
    }
  });

  it('finds a marker cut in two by a chunk boundary', () => {
    const markers = new StreamMarkers();
    expect(markers.mayHoldSummary(LOG + ' Layer (ty')).toBe(false);
    expect(markers.mayHoldSummary(LOG + ' Layer (type)  Output Shape')).toBe(
      true
    );
  });

  it('scans a text that does not continue the last one from its start', () => {
    const markers = new StreamMarkers();
    expect(markers.mayHoldSummary(LOG + LOG)).toBe(false);
    // Same length and more, but a marker where the old text was.
    const other = 'Model: "m"\n' + LOG + LOG;
    expect(markers.mayHoldSummary(other)).toBe(true);
  });

  it('sees a marker written over the last line with a carriage return', () => {
    const markers = new StreamMarkers();
    expect(markers.mayHoldSummary(LOG + 'working...')).toBe(false);
    // JupyterLab applies the \r: the last line is replaced.
    expect(markers.mayHoldSummary(LOG + 'Model: "m"\n')).toBe(true);
  });
});

/** Every non-empty stdout stream of the stream fixtures, whole. */
function fixtureStreams(): [string, string][] {
  const out: [string, string][] = [];
  for (const file of ['tfkeras2.ipynb', 'keras3-print.ipynb']) {
    const nb = loadNotebook(file);
    for (const id of fixtureIds(nb)) {
      const text = stdoutOf(fixtureCell(nb, id));
      if (text.trim() !== '') {
        out.push([`${file} ${id}`, text]);
      }
    }
  }
  return out;
}

describe('TableCloseWatch', () => {
  const cases = fixtureStreams();

  it('has streams with whole tables to check against', () => {
    expect(
      cases.filter(([, text]) =>
        findSummaries(text, 'text', ALL_FORMATS).some(hasWholeTable)
      ).length
    ).toBeGreaterThan(5);
  });

  it.each(cases)(
    'never skips a chunk that completes a table: %s, line by line',
    (_, text) => {
      const watch = new TableCloseWatch();
      let skipped = 0;
      const lines = text.split(/(?<=\n)/);
      let prefix = '';
      for (const line of lines) {
        prefix += line;
        if (!watch.mayClose(prefix)) {
          skipped++;
          const whole = findSummaries(prefix, 'text', ALL_FORMATS).filter(
            hasWholeTable
          );
          // No table may be whole here unless it was whole before this
          // line: then the stream already shows it and the watch is not asked.
          const before = findSummaries(
            prefix.slice(0, prefix.length - line.length),
            'text',
            ALL_FORMATS
          ).filter(hasWholeTable);
          expect(whole.length).toBeLessThanOrEqual(before.length);
        }
      }
      // It does skip: rows bring no closing line.
      if (lines.length > 40) {
        expect(skipped).toBeGreaterThan(0);
      }
    }
  );

  it('checks again from the start when the text is not the one before, grown', () => {
    const watch = new TableCloseWatch();
    // First text: searched whole.
    expect(watch.mayClose('a\n====\n')).toBe(true);
    // Grown: only the new part counts.
    expect(watch.mayClose('a\n====\nb\n')).toBe(false);
    // Rewritten: searched whole again.
    expect(watch.mayClose('x\n====\nb\n')).toBe(true);
    // No closing character anywhere: no table can be whole.
    expect(watch.mayClose('x\nb\n')).toBe(false);
    expect(watch.mayClose('x\nb\n\u2514\n')).toBe(true);
  });
});
