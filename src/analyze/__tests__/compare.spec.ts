/**
 * Comparing summaries of related models captured from real Keras
 * (fixtures/): the same model printed two ways, a nested model with and
 * without expand_nested, a subclassed model before and after it is built,
 * Keras 3 against tf.keras 2. Expectations come from what the fixture cells
 * did (fixtures/manifest.json, their source), not from the comparison code.
 * Edits made by hand on a real summary are marked so.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseNotebookJson } from '../../parse';
import type { NotebookSummary, Summary } from '../../parse';
import { fixtureCell, loadNotebook } from '../../testing/fixtures';
import { FIXTURES_DIR } from '../../testing/fixtures';
import { compareSummaries, sameText } from '../compare';

const cache = new Map<string, NotebookSummary[]>();
function summaryOf(file: string, id: string, nth = 0): NotebookSummary {
  let all = cache.get(file);
  if (!all) {
    all = parseNotebookJson(
      fs.readFileSync(path.join(FIXTURES_DIR, file), 'utf-8')
    );
    cache.set(file, all);
  }
  const cell = fixtureCell(loadNotebook(file), id).index;
  const found = all.filter(s => s.cell === cell);
  if (!found[nth]) {
    throw new Error(`no summary ${nth} in ${file}#${id}`);
  }
  return found[nth];
}

const DISPLAY = 'keras3-display.ipynb';
const PRINT = 'keras3-print.ipynb';
const TFKERAS = 'tfkeras2.ipynb';

/** Fixture cells holding one model summary each, in every notebook. */
const CELLS = [
  'mlp',
  'rnn',
  'two_inputs',
  'text',
  'fcn',
  'nested',
  'nested_plain',
  'unbuilt',
  'subclassed_built',
  'fixed_batch',
  'multi_output',
  'dict_output',
  'trained',
  'resnet50',
  'long_names',
  'layer_range',
  'masking',
  'batchnorm',
  'conv_mix',
  'print_around'
];

describe('the same model, printed by the display path and by print_fn=print', () => {
  it.each(CELLS)('%s: every layer unchanged, totals equal', id => {
    const a = summaryOf(DISPLAY, id);
    const b = summaryOf(PRINT, id);
    const result = compareSummaries(a, b);
    expect(result.rows).toHaveLength(a.layers.length);
    expect(result.counts).toEqual({
      added: 0,
      removed: 0,
      changed: 0,
      same: a.layers.length
    });
    result.rows.forEach((row, i) => {
      expect([row.a, row.b, row.matchedBy]).toEqual([i, i, 'name']);
    });
    for (const t of result.totals) {
      expect(t.delta).toBe(0);
    }
  });
});

describe('a summary compared with itself', () => {
  it('has nothing added, removed or changed', () => {
    const a = summaryOf(TFKERAS, 'resnet50');
    const result = compareSummaries(a, a);
    expect(result.counts.same).toBe(a.layers.length);
    expect(result.counts.same).toBeGreaterThan(100);
  });
});

describe('expand_nested=True against a plain summary of the same model', () => {
  it.each([DISPLAY, TFKERAS])(
    '%s: the nested rows are added, nothing else changes',
    file => {
      const plain = summaryOf(file, 'nested_plain');
      const expanded = summaryOf(file, 'nested');
      const nestedRows = expanded.layers
        .map((l, i) => (l.depth > 0 ? i : -1))
        .filter(i => i >= 0);
      expect(nestedRows.length).toBeGreaterThan(0);
      const result = compareSummaries(plain, expanded);
      expect(result.counts.added).toBe(nestedRows.length);
      expect(result.rows.filter(r => r.kind === 'added').map(r => r.b)).toEqual(
        nestedRows
      );
      expect(result.counts.removed).toBe(0);
      // show_trainable=True prints a column the plain summary lacks: not a change.
      expect(result.counts.changed).toBe(0);
      expect(result.totals.every(t => t.delta === 0)).toBe(true);
      // The other way round, the same rows are removed, in place.
      const back = compareSummaries(expanded, plain);
      expect(back.rows.filter(r => r.kind === 'removed').map(r => r.a)).toEqual(
        nestedRows
      );
      expect(back.rows.map(r => r.a)).toEqual(expanded.layers.map((_, i) => i));
    }
  );
});

describe('a subclassed model before and after it is built (Keras 3)', () => {
  it('pairs the renamed Dense layers and reports their counts and shapes', () => {
    // small_mlp: dense_7, dense_8 (0 (unbuilt), shapes ?); small_mlp_built:
    // dense_9, dense_10, called on (2, 16): 16·32+32 = 544 and 32+1 = 33.
    const before = summaryOf(DISPLAY, 'unbuilt');
    const after = summaryOf(DISPLAY, 'subclassed_built');
    const result = compareSummaries(before, after);
    expect(result.counts).toEqual({
      added: 0,
      removed: 0,
      changed: 2,
      same: 0
    });
    for (const row of result.rows) {
      expect(row.matchedBy).toBe('position');
      expect(row.fields).toEqual(['name', 'shape', 'params']);
      // No delta from "0 (unbuilt)": it is not a count.
      expect(row.paramsDelta).toBeNull();
    }
    expect(result.rows.map(r => after.layers[r.b!].params)).toEqual([544, 33]);
    const total = result.totals.find(t => t.field === 'total');
    expect(total).toEqual({ field: 'total', a: 0, b: 577, delta: 577 });
  });
});

describe('Keras 3 against tf.keras 2, the same model code', () => {
  it.each(['mlp', 'rnn', 'text', 'fcn', 'batchnorm', 'layer_range'])(
    '%s: same names, shapes and counts',
    id => {
      const result = compareSummaries(
        summaryOf(DISPLAY, id),
        summaryOf(TFKERAS, id)
      );
      expect(result.counts.same).toBe(result.rows.length);
      expect(result.totals.every(t => t.delta === 0)).toBe(true);
    }
  );

  it('two_inputs: the inputs are renamed (input_layer_N in Keras 3, input_N in tf.keras), nothing else', () => {
    const k3 = summaryOf(DISPLAY, 'two_inputs');
    const tf = summaryOf(TFKERAS, 'two_inputs');
    const result = compareSummaries(k3, tf);
    const inputs = k3.layers
      .map((l, i) => (l.type === 'InputLayer' ? i : -1))
      .filter(i => i >= 0);
    expect(inputs).toHaveLength(2);
    const changed = result.rows.filter(r => r.kind !== 'same');
    expect(changed.map(r => r.a)).toEqual(inputs);
    for (const row of changed) {
      expect(row.kind).toBe('changed');
      expect(row.matchedBy).toBe('position');
      // tf.keras prints `[(None, 64)]` for an input; the same tensor.
      expect(row.fields).toEqual(['name']);
    }
    expect(result.counts.added + result.counts.removed).toBe(0);
  });

  it('masking: the op rows Keras 3 adds (NotEqual, Any) are removed in tf.keras', () => {
    const k3 = summaryOf(DISPLAY, 'masking');
    const tf = summaryOf(TFKERAS, 'masking');
    const ops = k3.layers.filter(l => ['NotEqual', 'Any'].includes(l.type));
    expect(ops.length).toBeGreaterThan(0);
    const result = compareSummaries(k3, tf);
    expect(
      result.rows
        .filter(r => r.kind === 'removed')
        .map(r => k3.layers[r.a!].type)
    ).toEqual(ops.map(l => l.type));
    expect(result.counts.added).toBe(0);
  });

  it('conv_mix: names and types Keras 3 cut with … match the full ones', () => {
    const k3 = summaryOf(DISPLAY, 'conv_mix');
    const tf = summaryOf(TFKERAS, 'conv_mix');
    expect(k3.layers.some(l => l.name.endsWith('…'))).toBe(true);
    const result = compareSummaries(k3, tf);
    expect(result.counts.added + result.counts.removed).toBe(0);
    expect(result.rows.every(r => r.matchedBy === 'name')).toBe(true);
  });
});

describe('edits made by hand on the real tf.keras ResNet50 summary', () => {
  const base = summaryOf(TFKERAS, 'resnet50');
  const layers = base.layers.map(l => ({ ...l }));
  // Remove row 5, rename row 10, change row 20's count, insert a row after 30.
  const removed = layers.splice(5, 1)[0];
  layers[9] = { ...layers[9], name: `${layers[9].name}_renamed` };
  layers[19] = { ...layers[19], params: (layers[19].params ?? 0) + 100 };
  const inserted = {
    ...layers[30],
    name: 'inserted_dropout',
    type: 'Dropout',
    params: 0
  };
  layers.splice(31, 0, inserted);
  const edited: Summary = { ...base, layers };

  it('finds exactly those edits', () => {
    const result = compareSummaries(base, edited);
    expect(result.counts).toEqual({
      added: 1,
      removed: 1,
      changed: 2,
      same: base.layers.length - 3
    });
    const of = (kind: string) => result.rows.filter(r => r.kind === kind);
    expect(base.layers[of('removed')[0].a!].name).toBe(removed.name);
    expect(edited.layers[of('added')[0].b!].name).toBe('inserted_dropout');
    const [renamed, recounted] = of('changed');
    expect(renamed.fields).toEqual(['name']);
    expect(renamed.matchedBy).toBe('position');
    expect(recounted.fields).toEqual(['params']);
    expect(recounted.paramsDelta).toBe(100);
    // Removed rows stay where they were: right after the row before them.
    const at = result.rows.indexOf(of('removed')[0]);
    expect(result.rows[at - 1].a).toBe(4);
  });
});

describe('sameText', () => {
  it('treats a cut text as equal to the text it starts', () => {
    expect(sameText('multi_head_attenti…', 'multi_head_attention')).toBe(true);
    expect(sameText('multi_head_attention', 'multi_head_attenti…')).toBe(true);
    expect(sameText('dense…', 'conv')).toBe(false);
    expect(sameText('…', 'anything')).toBe(false);
  });
});
