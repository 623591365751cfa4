/**
 * The exact what-if of kernel summaries (real payloads from `make
 * fixtures`): every row's shapes and memory from the engine's shapes, the
 * rows that cannot take the sizes, the fields it asks for; in the same
 * shape as the text what-if.
 */
import { parseText } from '../../../parse/parse';
import { kernelCases } from '../../../testing/kernel-checks';
import type { KernelCase } from '../../../testing/kernel-checks';
import { whatIf } from '../../whatif';
import { analyzeSummary } from '../../summary';
import { exactFields } from '../fields';
import { exactWhatIf } from '../whatif';

const CASES = kernelCases();
const find = (name: string): KernelCase => {
  const c = CASES.find(k => k.name === name);
  if (!c) {
    throw new Error(`no case ${name}`);
  }
  return c;
};

describe('exact what-if', () => {
  it('has the rows, memory and weights of the kernel shapes, in whatIf’s shape', () => {
    const c = find('kernel-keras3/conv1d_strided#0');
    const check = c.checks.find(k => k.result.valid)!;
    const w = exactWhatIf(c.summary, check.sizes)!;
    const text = whatIf(c.summary, analyzeSummary(c.summary), check.sizes);
    expect(Object.keys(w).sort()).toEqual(
      [...Object.keys(text), 'flags', 'unknowns', 'shapes'].sort()
    );
    let bytes = 0;
    c.payload.layers.forEach((row, i) => {
      const out = row.nodes.flatMap(n => n.out);
      const elements = out
        .map(t =>
          check.result.tensors![String(t)]!.reduce<number>(
            (n, d) => n * (d as number),
            1
          )
        )
        .reduce((a, b) => a + b, 0);
      expect(w.rows[i].shapes).toEqual(
        row.outputs!.map(t => check.result.tensors![String(t)])
      );
      expect(w.rows[i]).toMatchObject({
        elements,
        bytes: elements * 4,
        missing: null,
        flag: null,
        blocked: false
      });
      bytes += elements * 4;
    });
    expect(w.activations).toMatchObject({
      bytes,
      rows: c.payload.layers.length,
      missing: 0,
      modelBytes: bytes
    });
    expect(w.weights.params).toBe(
      c.payload.totals.trainable + c.payload.totals.non_trainable
    );
    expect(w.weights.printedBytes).toBe(
      c.payload.totals.bytes.trainable + c.payload.totals.bytes.non_trainable
    );
    expect(
      exactWhatIf(c.summary, check.sizes, 'float16')!.activations.bytes
    ).toBe(bytes / 2);
  });

  it('flags the row that cannot take the sizes and leaves the rows after it out', () => {
    const c = find('kernel-keras3/conv1d_strided#0');
    const check = c.checks.find(k => !k.result.valid)!;
    const w = exactWhatIf(c.summary, check.sizes)!;
    const flagged = check.result.errors![0].row;
    expect(w.flags.map(f => f.row)).toEqual([flagged]);
    expect(w.rows[flagged].flag).toMatchObject({
      kind: 'tooSmall',
      what: 'window'
    });
    w.rows.forEach((row, i) => {
      expect(row.blocked).toBe(i > flagged);
      expect(row.elements === null).toBe(i >= flagged);
      if (i >= flagged) {
        expect(row.missing).toBe('unknown');
      }
    });
    expect(w.activations.missing).toBe(w.rows.length - flagged);
  });

  it('counts each tensor at its own dtype too (mixed precision)', () => {
    const c = find('kernel-keras3/mixed_precision#0');
    const w = exactWhatIf(c.summary, { batch: 10 })!;
    // mixed_dense computes in bfloat16: 10 × 8 elements of 2 bytes.
    expect(w.rows[0]).toMatchObject({
      elements: 80,
      bytes: 320,
      modelBytes: 160
    });
    expect(w.activations.modelBytes).toBe(w.activations.bytes - 160);
  });

  it('does not count a nested model’s own row or its input layer twice', () => {
    const c = find('kernel-keras3/nested#0');
    const w = exactWhatIf(c.summary, { batch: 2 })!;
    const counted = c.payload.layers
      .filter((_, i) => w.rows[i].counted)
      .map(r => r.name);
    expect(counted).not.toContain('block');
    expect(counted).not.toContain('encoder');
    expect(counted).not.toContain('encoder_input');
    expect(counted).toContain('encoder_dense_1');
    expect(counted).toContain('features');
  });

  it('asks for the sources, then for sizes no rule gives (once each)', () => {
    const c = find('shapes:kernel-keras3/custom#0');
    const fields = exactFields(c.summary);
    expect(fields.map(f => [f.key, f.kind, f.className])).toEqual([
      ['batch', 'batch', null],
      ['i0.1', 'input', null],
      // every_other keeps every other step: no rule says how many. Doubler
      // keeps its input's size, which the payload says is conv's: no field.
      ['s2', 'unknown', 'EveryOther']
    ]);
    expect(fields[1]).toMatchObject({ input: 'seq', inputIndex: 0, axis: 1 });
    const open = exactWhatIf(c.summary, { batch: 4, 'i0.1': 15 })!;
    expect(open.rows[1]).toMatchObject({ missing: 'open', needs: ['s2'] });
    expect(open.unknowns.map(u => u.key)).toEqual(['s2']);
    const typed = exactWhatIf(c.summary, { batch: 4, 'i0.1': 15, s2: 8 })!;
    expect(typed.rows.map(r => r.shapes)).toEqual([
      [[4, 15, 6]],
      [[4, 8, 6]],
      [[4, 6, 4]],
      [[4, 6, 4]],
      [[4, 4]]
    ]);
  });

  it('names each model input a source comes from', () => {
    const c = find('kernel-keras3/attention#0');
    expect(exactFields(c.summary).map(f => [f.key, f.input, f.axis])).toEqual([
      ['batch', null, null],
      ['i0.1', 'query', 1],
      ['i1.1', 'memory', 1]
    ]);
  });

  it('is null for a parsed text (its what-if is whatIf)', () => {
    const c = find('kernel-keras3/mlp#0');
    const text = parseText(c.text).summaries[0];
    expect(text.layers).toHaveLength(c.payload.layers.length);
    expect(text.source).toBeUndefined();
    expect(exactWhatIf(text, { batch: 2 })).toBeNull();
  });
});
