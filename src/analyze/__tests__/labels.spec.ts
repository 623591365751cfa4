/**
 * Letters for dimensions over every real fixture: one letter per dimension,
 * the same in every row it reaches, numbered only when several dimensions
 * share a letter.
 */
import * as fs from 'fs';
import * as path from 'path';
import { analyzeSummary } from '..';
import { parseNotebookJson } from '../../parse';
import type { Summary } from '../../parse';
import { FIXTURES_DIR } from '../../testing/fixtures';

const ALL: [string, Summary][] = fs
  .readdirSync(FIXTURES_DIR)
  .filter(f => f.endsWith('.ipynb'))
  .sort()
  .flatMap(file =>
    parseNotebookJson(
      fs.readFileSync(path.join(FIXTURES_DIR, file), 'utf8')
    ).map((s, k): [string, Summary] => [`${file}#${k} ${s.model ?? ''}`, s])
  );

describe('dimension letters over every fixture', () => {
  it.each(ALL)('%s', (_name, summary) => {
    const facts = analyzeSummary(summary);
    const shown = new Set<string>();
    summary.layers.forEach((layer, i) => {
      for (const d of facts.layers[i].dims) {
        shown.add(d.lineage);
        if (d.role === 'batch') {
          expect(d.lineage).toBe('batch');
        }
      }
    });
    const labels = [...shown].map(l => facts.lineageLabels[l]);
    // One label per dimension, none shared.
    expect(new Set(labels).size).toBe(labels.length);
    const byLetter = new Map<string, string[]>();
    for (const id of Object.keys(facts.lineageLabels)) {
      const label = facts.lineageLabels[id];
      expect(label).toMatch(/^[A-Z][1-9]?\d*$/);
      const letter = label[0];
      byLetter.set(letter, [...(byLetter.get(letter) ?? []), label]);
    }
    for (const [letter, list] of byLetter) {
      if (list.length === 1) {
        expect(list).toEqual([letter]);
      } else {
        expect(list).toEqual(list.map((_, k) => `${letter}${k + 1}`));
      }
    }
  });

  it('gives the letter B to every None at axis 0 and T to a text model’s length', () => {
    const [, text] = ALL.find(
      ([n, s]) =>
        n.startsWith('keras3-display.ipynb') && s.model === 'sequential_2'
    )!;
    const facts = analyzeSummary(text);
    const labels = facts.layers.flatMap(l =>
      l.dims.map(d => facts.lineageLabels[d.lineage])
    );
    // embedding and lstm: (B, T, 64), (B, T, 32); then (B, 32), (B, 1).
    expect(labels).toEqual(['B', 'T', 'B', 'T', 'B', 'B']);
  });
});
