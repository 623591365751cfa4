/**
 * The CLI as a user runs it: `node lib/cli.js parse FILE` (built by
 * `jlpm build`). Bad inputs here are hand-written; summaries are real.
 */
import { spawnSync } from 'child_process';
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
  });
});
