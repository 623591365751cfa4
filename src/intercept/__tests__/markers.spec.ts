/**
 * StreamMarkers: the incremental pre-check of a growing stream must answer
 * as `mayHoldSummary` on the whole text would, however the text grows.
 */
import { mayHoldSummary, StreamMarkers } from '../segments';

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
