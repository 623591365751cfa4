/**
 * The CLI on notebooks whose summaries came from the kernel companion
 * (fixtures/kernel/, captured by `make fixtures` in real kernels): each
 * bundle is read from its payload, `"source": "kernel"` with the fields of
 * the contract filled from it; a parsed text says `"source": "text"`; a
 * payload that cannot be read (changed by hand, marked) leaves its text to
 * the parser, as for an output without one.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FIXTURES_DIR } from '../testing/fixtures';

const CLI = path.resolve(__dirname, '..', '..', 'lib', 'cli.js');
const MIME = 'application/vnd.jupyterlab-keras-summary+json';

function parse(file: string): any[] {
  const r = spawnSync(process.execPath, [CLI, 'parse', file]);
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout.toString('utf-8')).summaries;
}

const KERAS3 = path.join(FIXTURES_DIR, 'kernel', 'kernel-keras3.ipynb');
const TFKERAS = path.join(FIXTURES_DIR, 'kernel', 'kernel-tfkeras2.ipynb');

/** Every payload of a notebook with its cell and output index. */
function payloads(file: string) {
  const nb = JSON.parse(fs.readFileSync(file, 'utf-8'));
  const found: { cell: number; output: number; payload: any; text: string }[] =
    [];
  nb.cells.forEach((cell: any, c: number) =>
    (cell.outputs ?? []).forEach((o: any, k: number) => {
      if (o.data?.[MIME]) {
        const plain = o.data['text/plain'];
        found.push({
          cell: c,
          output: k,
          payload: o.data[MIME],
          text: Array.isArray(plain) ? plain.join('') : plain
        });
      }
    })
  );
  return found;
}

let tmp: string;
beforeAll(() => {
  if (!fs.existsSync(CLI)) {
    throw new Error(`${CLI} is missing: run \`jlpm build\` first`);
  }
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'keras-summary-cli-kernel-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('keras-summary parse on kernel notebooks', () => {
  it.each([
    ['kernel-keras3', KERAS3, 'keras3'],
    ['kernel-tfkeras2', TFKERAS, 'keras2']
  ])('%s: one summary per payload, from the kernel', (_, file, format) => {
    const expected = payloads(file);
    const summaries = parse(file);
    expect(summaries).toHaveLength(expected.length);
    summaries.forEach((s, i) => {
      const p = expected[i];
      expect(s.source).toBe('kernel');
      expect(s.format).toBe(format);
      expect(s.cell).toBe(p.cell);
      expect(s.output).toBe(p.output);
      expect(s.mime).toBe(MIME);
      expect(s.pieces).toEqual([
        {
          cell: p.cell,
          output: p.output,
          mime: MIME,
          start: 0,
          end: p.text.length
        }
      ]);
      expect(s.model).toBe(p.payload.model.name);
      expect(s.producer).toEqual(p.payload.producer);
      // Full names and classes, the kernel's counts.
      expect(s.layers.map((l: any) => l.name)).toEqual(
        p.payload.layers.map((l: any) => l.name)
      );
      expect(s.layers.map((l: any) => l.params)).toEqual(
        p.payload.layers.map((l: any) => l.params)
      );
      expect(s.totals.total).toBe(p.payload.totals.total);
      expect(s.warnings).toEqual([]);
      // The raw payload stays in the notebook; its facts are in the fields.
      expect(s.kernel).toBeUndefined();
      for (const l of s.layers) {
        expect(l.kernel).toBeUndefined();
        expect(l.exactAxes).toBeUndefined();
        expect(l.cut).toEqual([]);
      }
    });
  });

  it('every open axis of a graph the kernel walked is exact, with its source and size', () => {
    const [strided] = parse(KERAS3).filter(s => s.model === 'conv1d_strided');
    const open = strided.dims.filter((d: any) => d.value === null);
    expect(open.length).toBeGreaterThan(0);
    for (const d of open) {
      expect(d.exact).toBe(true);
      expect(d.source).not.toBeNull();
    }
    const lengths = open.filter((d: any) => d.role === 'variable');
    expect(new Set(lengths.map((d: any) => d.size)).size).toBe(4);
    expect(lengths.every((d: any) => d.source.input === 'frames')).toBe(true);
  });

  it('names whole where the text cut them (long_names)', () => {
    const [long] = parse(KERAS3).filter(s => s.model === 'long_names');
    expect(long.layers[0].name).toBe(
      'a_really_long_layer_name_that_does_not_fit_in_the_column_at_all'
    );
  });

  it('says a subclassed model’s shapes come from its first call', () => {
    const found = parse(KERAS3).filter(s => s.model === 'small_mlp_built');
    expect(found).toHaveLength(1);
    expect(found[0].shapesFrom).toBe('first_call');
  });

  it('parsed text says "source": "text"', () => {
    const summaries = parse(path.join(FIXTURES_DIR, 'keras3-display.ipynb'));
    expect(summaries.length).toBeGreaterThan(0);
    for (const s of summaries) {
      expect(s.source).toBe('text');
      expect(s.producer).toBeUndefined();
      expect(s.mime).not.toBe(MIME);
    }
  });

  it('a payload that cannot be read leaves its text to the parser', () => {
    const nb = JSON.parse(fs.readFileSync(KERAS3, 'utf-8'));
    const cell = nb.cells.find((c: any) => c.id === 'mlp');
    // Changed by hand: a major version this reader does not know.
    cell.outputs[0].data[MIME].version = [2, 0];
    const file = path.join(tmp, 'unknown-major.ipynb');
    fs.writeFileSync(file, JSON.stringify({ ...nb, cells: [cell] }));
    const [s, ...rest] = parse(file);
    expect(rest).toHaveLength(0);
    expect(s.source).toBe('text');
    expect(s.mime).toBe('text/html');
    expect(s.layers.map((l: any) => l.name)).toEqual([
      'flatten',
      'dense',
      'dense_1'
    ]);
  });
});
