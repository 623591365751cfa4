// Put the last `make bench` run into BENCHMARKS.md: the figures each bench
// saved under .make/bench/results, with the machine and versions they were
// measured on. Only the part between the two markers is rewritten; the notes
// around it are kept. Prints which targets were missed.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results =
  process.env.BENCH_RESULTS || path.join(root, '.make', 'bench', 'results');
const file = path.join(root, 'BENCHMARKS.md');
const BEGIN = '<!-- last run: begin (written by make bench) -->';
const END = '<!-- last run: end -->';
const ORDER = [
  'parser',
  'adversarial',
  'cli',
  'ordinary',
  'browser',
  'stream',
  'footprint',
  'startup',
  'shapes'
];

function run(cmd, args) {
  try {
    return execFileSync(cmd, args, {
      encoding: 'utf-8',
      stdio: ['ignore', 'pipe', 'ignore']
    }).trim();
  } catch {
    return 'unknown';
  }
}

function cpuModel() {
  const lscpu = run('lscpu', []);
  const m = /^Model name:\s*(.+)$/m.exec(lscpu);
  return m ? m[1].trim() : (os.cpus()[0]?.model ?? 'unknown');
}

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const jupyter = path.join(root, '.venv', 'bin', 'jupyter');
const playwrightPkg = path.join(
  root,
  'ui-tests',
  'node_modules',
  '@playwright',
  'test',
  'package.json'
);
const machine = [
  `- Date: ${new Date().toISOString().replace('T', ' ').slice(0, 16)} UTC`,
  `- CPU: ${cpuModel()}, ${os.cpus().length} logical cores (nproc ${run('nproc', [])}), ` +
    `${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM; load average at the end ${os
      .loadavg()
      .map(v => v.toFixed(2))
      .join(' ')}`,
  `- Node ${process.version}; ${run(chromium, ['--version'])}; ` +
    `JupyterLab ${run(jupyter, ['lab', '--version'])}; ` +
    `Playwright ${existsSync(playwrightPkg) ? JSON.parse(readFileSync(playwrightPkg, 'utf-8')).version : 'unknown'}`,
  process.env.BENCH_NOTE ? `- ${process.env.BENCH_NOTE}` : null
].filter(Boolean);

const files = existsSync(results)
  ? readdirSync(results)
      .filter(f => f.endsWith('.json'))
      .sort(
        (a, b) =>
          ORDER.indexOf(a.replace('.json', '')) -
          ORDER.indexOf(b.replace('.json', ''))
      )
  : [];
const lines = [BEGIN, '', ...machine, ''];
let missed = 0;
let met = 0;
const cell = s => String(s).replace(/\|/g, '\\|');
for (const f of files) {
  const { title, figures, notes } = JSON.parse(
    readFileSync(path.join(results, f), 'utf-8')
  );
  lines.push(
    `### ${title}`,
    '',
    '| | figure | value | target | notes |',
    '|---|---|---|---|---|'
  );
  for (const fig of figures) {
    const mark = fig.pass === null ? '' : fig.pass ? 'PASS' : '**MISS**';
    if (fig.pass === true) met++;
    if (fig.pass === false) missed++;
    lines.push(
      `| ${mark} | ${cell(fig.name.trim())} | ${cell(fig.value)} | ${cell(fig.target)} | ${cell(fig.note ?? '')} |`
    );
  }
  lines.push('');
  for (const n of notes) {
    lines.push(`${n}`, '');
  }
}
if (files.length === 0) {
  lines.push('No results: run `make bench`.', '');
}
lines.push(`Targets met: ${met}; missed: ${missed}.`, '', END);

const before = existsSync(file) ? readFileSync(file, 'utf-8') : '';
const start = before.indexOf(BEGIN);
const end = before.indexOf(END);
const block = lines.join('\n');
const next =
  start !== -1 && end > start
    ? before.slice(0, start) + block + before.slice(end + END.length)
    : `${before.trimEnd()}\n\n## Last run\n\n${block}\n`;
writeFileSync(file, next);
console.log(
  `\nBENCHMARKS.md: ${met} targets met, ${missed} missed (${files.length} result files).`
);
