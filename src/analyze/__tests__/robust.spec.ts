/**
 * The analysis takes summaries that came from text, or from anyone calling
 * the library: values the parser never produces (negative or fractional
 * depths, depths that jump) must not make it throw.
 */
import * as fs from 'fs';
import * as path from 'path';
import { analyzeSummary } from '..';
import { parseNotebookJson } from '../../parse';
import { FIXTURES_DIR } from '../../testing/fixtures';

function nestedSummary() {
  const text = fs.readFileSync(
    path.join(FIXTURES_DIR, 'keras3-print.ipynb'),
    'utf8'
  );
  const found = parseNotebookJson(text).find(s =>
    s.layers.some(l => l.depth > 0)
  );
  if (!found) {
    throw new Error('keras3-print.ipynb holds no nested summary');
  }
  return found;
}

describe('analysis of odd depths', () => {
  it.each([
    ['negative', -3],
    ['fractional', 0.5],
    ['jumping', 7],
    ['not a number', NaN]
  ])('does not throw for a %s depth', (_label, depth) => {
    const summary = nestedSummary();
    const layers = summary.layers.map((l, i) =>
      i % 2 === 1 ? { ...l, depth } : l
    );
    const facts = analyzeSummary({ ...summary, layers });
    // Every row still gets its facts, and every None a role.
    expect(facts.layers).toHaveLength(layers.length);
    layers.forEach((l, i) => {
      const nones = l.tensors.flat().filter(d => d === null).length;
      const roles = facts.layers[i].dims.filter(d => d.value === null);
      expect(roles).toHaveLength(nones);
    });
  });
});
