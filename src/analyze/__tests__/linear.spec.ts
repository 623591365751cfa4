/**
 * The linear analysis and the CLI's JSON give what the plain reference
 * (src/testing/reference.ts: the rules as first written, quadratic where
 * they were) gives: on every summary of every fixture, the hand-written
 * tables, the real ResNet50 scaled with each kind of reference
 * (bench/references.ts), and thousands of summaries changed at random. And
 * the JSON written a piece at a time is byte for byte the JSON of the whole.
 */
import * as fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeSummary } from '..';
import { parseNotebookJson, parseText } from '../../parse';
import type { Summary } from '../../parse';
import { Contract, reportSummary, writeReport } from '../../report';
import { FIXTURES_DIR } from '../../testing/fixtures';
import { edits, mutate } from '../../testing/mutate';
import { referenceFacts, referenceReport } from '../../testing/reference';
import { REFERENCES, scaledRefs } from '../../testing/references';
import { SHARED_LSTM_SUMMARY, STATES_SUMMARY } from './captured';

function fixtureSummaries(): [string, Summary][] {
  const out: [string, Summary][] = [];
  for (const file of fs.readdirSync(FIXTURES_DIR).sort()) {
    if (file.endsWith('.ipynb')) {
      const text = fs.readFileSync(path.join(FIXTURES_DIR, file), 'utf8');
      parseNotebookJson(text).forEach((s, k) =>
        out.push([`${file}#${k} ${s.model ?? ''}`, s])
      );
    }
  }
  const dir = path.join(FIXTURES_DIR, 'handwritten');
  for (const file of fs.readdirSync(dir).filter(f => f.endsWith('.txt'))) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    parseText(text).summaries.forEach((s, k) =>
      out.push([`handwritten/${file}#${k}`, s])
    );
  }
  for (const [name, text] of [
    ['captured shared LSTM', SHARED_LSTM_SUMMARY],
    ['captured LSTM states', STATES_SUMMARY]
  ]) {
    out.push([name, parseText(text).summaries[0]]);
  }
  return out;
}

const FIXTURES = fixtureSummaries();

/** What the JSON written in pieces holds, as one string. */
function written(
  summaries: Summary[],
  compact: boolean,
  contract: Contract
): string {
  const chunks: Uint8Array[] = [];
  writeReport(summaries, bytes => chunks.push(bytes), { compact, contract });
  return Buffer.concat(chunks).toString('utf8');
}

/** Contract 2's facts of each layer, read back through its tables. */
function readBack(report: Record<string, any>) {
  return report.layers.map((layer: any) => ({
    dims: layer.dims.map((k: number) => {
      const d = report.dims[k];
      return {
        tensor: d.tensor,
        axis: d.axis,
        role: d.role,
        kind: d.kind,
        value: d.value,
        meaning: report.meanings[d.meaning],
        lineage: d.lineage,
        label: report.lineages[d.lineage].label,
        origin: report.lineages[d.lineage].origin,
        consumers: report.lineages[d.lineage].consumers,
        size: d.size,
        sizeLabel: report.sizes[d.size].label,
        sizeOrigin: report.sizes[d.size].origin,
        source: d.source,
        exact: d.exact
      };
    }),
    formula: layer.formula === null ? null : report.formulas[layer.formula]
  }));
}

/** The same facts, from the reference's. */
function expected(summary: Summary) {
  const facts = referenceFacts(summary);
  return facts.layers.map(layer => ({
    dims: layer.dims.map(d => ({
      tensor: d.tensor,
      axis: d.axis,
      role: d.role,
      kind: d.kind,
      value: d.value === '?' ? null : d.value,
      meaning: d.meaning,
      lineage: d.lineage,
      label: facts.lineageLabels[d.lineage],
      origin: d.origin,
      consumers: d.consumers,
      size: d.size,
      sizeLabel: facts.sizes[d.size!].label,
      sizeOrigin: d.sizeOrigin,
      source: d.source,
      exact: d.exact
    })),
    formula: layer.formula
  }));
}

/** Everything checked for one summary. */
function expectSameAsReference(summary: Summary): void {
  expect(analyzeSummary(summary)).toEqual(referenceFacts(summary));
  expect(reportSummary(summary, 1)).toEqual(referenceReport(summary));
  expect(readBack(reportSummary(summary, 2))).toEqual(expected(summary));
}

describe('the linear analysis gives the reference’s results', () => {
  it('has fixtures to check', () => {
    expect(FIXTURES.length).toBeGreaterThan(80);
  });

  it.each(FIXTURES)('%s', (_name, summary) => {
    expectSameAsReference(summary);
  });

  it.each(
    (['rich', 'ascii', 'html'] as const).flatMap(flavour =>
      REFERENCES.map(refs => [flavour, refs] as const)
    )
  )('ResNet50 as %s, references %s, scaled to 600 rows', (flavour, refs) => {
    const [summary] = parseText(scaledRefs(flavour, 600, refs)).summaries;
    expect(summary.layers).toHaveLength(600);
    expectSameAsReference(summary);
  });

  it('on a tensor fed to a call twice, by a whole and by a cut reference (a counterexample the random edits found)', () => {
    const [, cnn] = FIXTURES.find(([name]) =>
      name.startsWith('keras1.1.ipynb#1')
    )!;
    const fedTwice = mutate(cnn, [
      // convolution2d_2 gets `maxpooling2d_1[2][0]`, and its own reference cut to `m…`.
      { kind: 3, at: 1091, n: 7754 },
      { kind: 0, at: 4763, n: 0 }
    ]);
    expect(fedTwice.layers[3].connectedTo).toEqual([
      'm…',
      'maxpooling2d_1[2][0]'
    ]);
    expectSameAsReference(fedTwice);
    // The open height and width pass through the convolution: consumed by the pooling alone.
    const height = analyzeSummary(fedTwice).layers[3].dims.find(
      d => d.axis === 1
    )!;
    expect(height.consumers).toEqual([4]);
  });

  it('on 3,000 summaries changed at random', () => {
    const pool = FIXTURES.map(([, s]) => s).filter(s => s.layers.length > 0);
    fc.assert(
      fc.property(fc.nat(pool.length - 1), edits(10), (k, list) => {
        expectSameAsReference(mutate(pool[k], list));
      }),
      { numRuns: 3000 }
    );
  });
});

describe('the JSON written a piece at a time', () => {
  const all = FIXTURES.map(([, s]) => s);

  it.each([
    [2, false],
    [2, true],
    [1, false],
    [1, true]
  ] as const)(
    'is the whole JSON’s bytes (contract %s, compact %s)',
    (contract, compact) => {
      for (const summaries of [[], all.slice(0, 1), all]) {
        const whole =
          JSON.stringify(
            { summaries: summaries.map(s => reportSummary(s, contract)) },
            null,
            compact ? undefined : 2
          ) + '\n';
        expect(written(summaries, compact, contract)).toBe(whole);
      }
    }
  );

  it('grows with rows + references for a fan-out model, where contract 1 grows with their product', () => {
    // Hand-made rows (the bench measures a real capture): one input of
    // variable length, n Dense layers on it, a pooling head on each.
    const fanout = (n: number): Summary => {
      const [base] = parseText(SHARED_LSTM_SUMMARY).summaries;
      const row = base.layers[0];
      const layers = [{ ...row, name: 'tokens', type: 'InputLayer' }];
      for (let k = 0; k < n; k++) {
        layers.push({
          ...row,
          name: `head_${k}`,
          type: 'Dense',
          tensors: [[null, null, 8]],
          params: 136,
          connectedTo: ['tokens[0][0]']
        });
      }
      for (let k = 0; k < n; k++) {
        layers.push({
          ...row,
          name: `pool_${k}`,
          type: 'GlobalAveragePooling1D',
          tensors: [[null, 8]],
          params: 0,
          connectedTo: [`head_${k}[0][0]`]
        });
      }
      return { ...base, layers };
    };
    const size = (n: number, contract: Contract) =>
      written([fanout(n)], true, contract).length / (2 * n + 1 + 2 * n);
    expect(size(400, 2) / size(100, 2)).toBeLessThan(1.1);
    expect(size(400, 1) / size(100, 1)).toBeGreaterThan(2);
  });

  it('holds each repeated fact once in contract 2', () => {
    const [summary] = parseText(scaledRefs('rich', 2000, 'printed')).summaries;
    const report = reportSummary(summary, 2) as any;
    // 2,000 rows of ResNet50's 177 layers repeated: one batch dimension,
    // and no more formulas than ResNet50 has distinct ones.
    expect(report.dims).toHaveLength(1);
    expect(report.formulas.length).toBeLessThanOrEqual(177);
    expect(Object.keys(report.meanings)).toEqual(['batch']);
    const texts = report.formulas.map((f: any) => JSON.stringify(f));
    expect(new Set(texts).size).toBe(texts.length);
  });
});
