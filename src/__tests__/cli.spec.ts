/**
 * The CLI as a user runs it: `node lib/cli.js parse FILE` (built by
 * `jlpm build`). Bad inputs here are hand-written; summaries are real.
 */
import { spawnSync } from 'child_process';
import * as fc from 'fast-check';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FIXTURES_DIR } from '../testing/fixtures';

const CLI = path.resolve(__dirname, '..', '..', 'lib', 'cli.js');

function run(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, [CLI, ...args], { input });
  return {
    code: r.status,
    stdout: r.stdout.toString('utf-8'),
    stderr: r.stderr.toString('utf-8')
  };
}

let tmp: string;
beforeAll(() => {
  if (!fs.existsSync(CLI)) {
    throw new Error(`${CLI} is missing: run \`jlpm build\` first`);
  }
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'keras-summary-cli-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function expectCleanError(
  r: { code: number | null; stderr: string; stdout: string },
  pattern: RegExp
) {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^keras-summary: /);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\s+at .*\.js:\d+/);
}

describe('keras-summary parse', () => {
  it('prints {"summaries": []} and exits 0 for text with no summary', () => {
    const file = path.join(tmp, 'plain.txt');
    fs.writeFileSync(file, 'Epoch 1/3\nloss: 0.25\n');
    const r = run(['parse', file]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ summaries: [] });
  });

  it('reads stdin with -', () => {
    const text = fs.readFileSync(
      path.join(FIXTURES_DIR, 'handwritten', 'keras1-sequential-mlp.txt'),
      'utf-8'
    );
    const r = run(['parse', '-'], text);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.summaries).toHaveLength(1);
    expect(out.summaries[0].format).toBe('keras1');
  });

  it('reports a missing file', () => {
    expectCleanError(
      run(['parse', path.join(tmp, 'nope.txt')]),
      /no such file/
    );
  });

  it('reports a directory', () => {
    expectCleanError(run(['parse', tmp]), /is a directory/);
  });

  it('reports a binary file', () => {
    const file = path.join(tmp, 'bin.dat');
    fs.writeFileSync(
      file,
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02])
    );
    expectCleanError(run(['parse', file]), /binary file/);
  });

  it('reports invalid UTF-8', () => {
    const file = path.join(tmp, 'latin1.txt');
    fs.writeFileSync(file, Buffer.from([0x4d, 0x6f, 0x64, 0xe9, 0x6c, 0x0a]));
    expectCleanError(run(['parse', file]), /not valid UTF-8/);
  });

  it('reports invalid notebook JSON', () => {
    const file = path.join(tmp, 'broken.ipynb');
    fs.writeFileSync(file, '{"cells": [');
    expectCleanError(run(['parse', file]), /invalid notebook JSON/);
    const notNb = path.join(tmp, 'array.ipynb');
    fs.writeFileSync(notNb, '[1, 2]');
    expectCleanError(run(['parse', notNb]), /invalid notebook/);
  });

  it('reports bad usage', () => {
    expectCleanError(run(['frobnicate']), /usage/);
    expectCleanError(run(['parse', '-', '--contract=3']), /usage/);
  });

  it('prints contract 2 by default: facts said once, in tables keyed by id', () => {
    const r = run(['parse', path.join(FIXTURES_DIR, 'keras3-print.ipynb')]);
    expect(r.code).toBe(0);
    const summaries = JSON.parse(r.stdout).summaries;
    const fcn = summaries.find((s: any) => s.model === 'sequential_3');
    expect(fcn.version).toBe(2);
    const conv = fcn.layers.find((l: any) => l.name === 'conv2d_1');
    const dims = conv.dims.map((k: number) => fcn.dims[k]);
    expect(dims.map((d: any) => fcn.sizes[d.size].label)).toEqual([
      'B',
      'H″',
      'W″'
    ]);
    expect(dims[1]).toMatchObject({
      role: 'variable',
      kind: 'height',
      meaning: 'height',
      lineage: 'v0',
      source: { input: null, row: null, axis: 1 },
      exact: false
    });
    expect(fcn.meanings.height).toMatch(/height of an image/);
    // The size's origin: the second convolution's own row.
    expect(fcn.layers[fcn.sizes[dims[1].size].origin].name).toBe('conv2d_1');
    expect(fcn.lineages.v0.label).toBe('H');
    expect(fcn.formulas[conv.formula].text).toBe('(3×3 × 16 + 1) × 32 = 4,640');
  });

  it('prints no field the README’s contract does not list', () => {
    const readme = fs.readFileSync(
      path.resolve(__dirname, '..', '..', 'README.md'),
      'utf-8'
    );
    const block = /The contract, version 2[\s\S]*?```\n([\s\S]*?)```/.exec(
      readme
    )![1];
    const listed = new Set(
      [...block.matchAll(/"([A-Za-z]+)":/g)].map(m => m[1])
    );
    const printed = new Set<string>();
    const walk = (value: unknown, table: boolean): void => {
      if (Array.isArray(value)) {
        value.forEach(v => walk(v, false));
      } else if (value && typeof value === 'object') {
        for (const [key, v] of Object.entries(value)) {
          // Keys of the tables keyed by id are ids, not fields.
          if (!table) {
            printed.add(key);
          }
          walk(v, ['lineages', 'sizes', 'meanings'].includes(key));
        }
      }
    };
    for (const file of fs.readdirSync(FIXTURES_DIR)) {
      if (file.endsWith('.ipynb')) {
        const r = run(['parse', path.join(FIXTURES_DIR, file), '--compact']);
        walk(JSON.parse(r.stdout), false);
      }
    }
    // The pieces of a notebook summary are described in the text below it.
    for (const key of ['summaries', 'cell', 'output', 'mime', 'pieces']) {
      printed.delete(key);
    }
    expect([...printed].filter(k => !listed.has(k))).toEqual([]);
    expect(printed.size).toBeGreaterThan(40);
  });

  it('prints the first shape with --contract=1: every fact in every row', () => {
    const r = run([
      'parse',
      path.join(FIXTURES_DIR, 'keras3-print.ipynb'),
      '--contract=1',
      '--compact'
    ]);
    expect(r.code).toBe(0);
    const fcn = JSON.parse(r.stdout).summaries.find(
      (s: any) => s.model === 'sequential_3'
    );
    expect(fcn.version).toBeUndefined();
    expect(fcn.dims).toBeUndefined();
    const conv = fcn.layers.find((l: any) => l.name === 'conv2d_1');
    expect(conv.dims[1]).toEqual({
      tensor: 0,
      axis: 1,
      role: 'variable',
      meaning: expect.stringMatching(/height of an image/),
      value: null,
      lineage: 'v0',
      label: 'H',
      origin: 'conv2d',
      consumers: ['global_average_pooling2d']
    });
    expect(conv.formula.text).toBe('(3×3 × 16 + 1) × 32 = 4,640');
  });

  it('reports an option it does not know as a missing file, in one line', () => {
    expectCleanError(run(['parse', '--frobnicate']), /no such file/);
    expectCleanError(run(['parse', 'a', 'b']), /usage/);
  });

  it('reads an empty file and /dev/null as text with no summary', () => {
    const file = path.join(tmp, 'empty.txt');
    fs.writeFileSync(file, '');
    for (const f of [file, '/dev/null']) {
      const r = run(['parse', f]);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual({ summaries: [] });
    }
  });

  it('reports UTF-16 text as binary', () => {
    const file = path.join(tmp, 'utf16.txt');
    fs.writeFileSync(
      file,
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from('Model: "x"\n', 'utf16le')
      ])
    );
    expectCleanError(run(['parse', file]), /binary file/);
  });

  it('reads UTF-8 text that starts with a byte order mark', () => {
    const file = path.join(tmp, 'bom.txt');
    fs.writeFileSync(
      file,
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        fs.readFileSync(
          path.join(FIXTURES_DIR, 'handwritten', 'keras1-sequential-mlp.txt')
        )
      ])
    );
    const r = run(['parse', file]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summaries).toHaveLength(1);
  });

  it.each([
    ['null', 'null'],
    ['a number', '5'],
    ['a string', '"cells"'],
    ['cells that are not a list', '{"cells": 5}']
  ])('reports a notebook that is %s', (_what, json) => {
    const file = path.join(tmp, 'odd.ipynb');
    fs.writeFileSync(file, json);
    expectCleanError(run(['parse', file]), /invalid notebook/);
  });

  it.each([
    ['a cell that is a number', '{"cells": [5]}'],
    ['outputs that are a string', '{"cells": [{"outputs": "x"}]}'],
    [
      'stream text that is a number',
      '{"cells": [{"cell_type": "code", "outputs": [{"output_type": "stream", "text": 5}]}]}'
    ],
    [
      'HTML lines that are not strings',
      '{"cells": [{"cell_type": "code", "outputs": [{"output_type": "display_data", "data": {"text/html": ["<pre>", 3]}}]}]}'
    ],
    [
      'an output that is null',
      '{"cells": [{"cell_type": "code", "source": null, "outputs": [null]}]}'
    ]
  ])('skips %s and exits 0', (_what, json) => {
    const file = path.join(tmp, 'odd.ipynb');
    fs.writeFileSync(file, json);
    const r = run(['parse', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ summaries: [] });
  });

  it('reads the hostile tf.keras notebook and keeps every model name exactly', () => {
    const r = run([
      'parse',
      path.join(FIXTURES_DIR, 'tfkeras2-hostile.ipynb'),
      '--compact'
    ]);
    expect(r.code).toBe(0);
    const models = JSON.parse(r.stdout).summaries.map(
      (s: { model: string }) => s.model
    );
    // The names given in scripts/capture_fixtures.py.
    expect(models.slice(0, 4)).toEqual([
      '<img src=x onerror="window.__ksPwned=11;alert(11)">',
      '</pre><script>window.__ksPwned=12;alert(12)</script>',
      'quote"\'` &amp; &lt;b&gt;',
      'rtl\u202e zero\u200bwidth \u5c64'
    ]);
    expect(models[5]).toBe('m'.repeat(10000));
  });

  it('reads absl-prefixed lines and ASCII boxes in notebooks, start/end in the output text as stored', () => {
    const cases: [string, string, RegExp][] = [
      ['tfkeras2-absl.ipynb', 'logged', /^INFO:absl:Model: "logged"\n/],
      ['tfkeras2-absl.ipynb', 'script_model', /^I\d{4} [^\]]+\] Model: /],
      ['keras3-other.ipynb', 'two_heads', /^\x1b\[1mModel: "two_heads"/]
    ];
    for (const [file, model, head] of cases) {
      const nbPath = path.join(FIXTURES_DIR, file);
      const r = run(['parse', nbPath]);
      expect(r.code).toBe(0);
      const s = JSON.parse(r.stdout).summaries.find(
        (x: { model: string }) => x.model === model
      );
      expect(s.parts).toEqual({ heading: true, table: true, totals: true });
      const nb = JSON.parse(fs.readFileSync(nbPath, 'utf-8'));
      const out = nb.cells[s.cell].outputs[s.output];
      const text = Array.isArray(out.text) ? out.text.join('') : out.text;
      expect(text.slice(s.start, s.end)).toMatch(head);
      expect(text.slice(s.start, s.end).trimEnd()).toMatch(
        /(Non-trainable params: .*|_{20,})$/
      );
      const last = s.layers[s.layers.length - 1];
      expect(text.slice(last.start, last.end)).toContain(last.name);
    }
  });

  it('never prints a stack trace, whatever the bytes', () => {
    let runs = 0;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }),
          fc
            .string({ unit: 'binary', maxLength: 300 })
            .map(s => Buffer.from(s, 'utf-8'))
        ),
        fc.constantFrom('x.txt', 'x.ipynb'),
        (bytes, name) => {
          runs++;
          const file = path.join(tmp, name);
          fs.writeFileSync(file, bytes);
          const r = run(['parse', file]);
          if (r.code === 0) {
            expect(Array.isArray(JSON.parse(r.stdout).summaries)).toBe(true);
            expect(r.stderr).toBe('');
          } else {
            expectCleanError(r, /binary file|not valid UTF-8|invalid notebook/);
          }
        }
      ),
      { numRuns: 40 }
    );
    expect(runs).toBe(40);
  });
});
