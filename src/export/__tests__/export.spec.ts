/**
 * The exports over every summary of every captured notebook (fixtures/,
 * real Keras output, hostile names included), read back by independent
 * readers written here: an RFC 4180 CSV reader, a GFM table splitter and a
 * LaTeX unescaper. Expectations come from the parsed rows, never from the
 * exporter. Inputs written by hand are marked so.
 */
import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../cli';
import { parseNotebookJson, parseText } from '../../parse';
import type { LayerRow, Summary } from '../../parse';
import { FIXTURES_DIR } from '../../testing/fixtures';
import { exportSummary, toCsv, toJson, toLatex, toMarkdown } from '../index';

const NOTEBOOKS = fs
  .readdirSync(FIXTURES_DIR)
  .filter(f => f.endsWith('.ipynb'))
  .sort();

const parsed = new Map<string, Summary[]>();
function summariesOf(file: string): Summary[] {
  let all = parsed.get(file);
  if (!all) {
    all = parseNotebookJson(
      fs.readFileSync(path.join(FIXTURES_DIR, file), 'utf-8')
    );
    parsed.set(file, all);
  }
  return all;
}

/** What the CLI prints for `args`, run in this process. */
function cli(args: string[]): string {
  let out = '';
  const spy = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk: any) => {
      out += String(chunk);
      return true;
    });
  try {
    expect(main(args)).toBe(0);
  } finally {
    spy.mockRestore();
  }
  return out;
}

// ---- Independent readers ---------------------------------------------------

/** RFC 4180: fields split on commas, quoted fields may hold commas, "" and line breaks. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      // RFC 4180: a line break inside a field must be quoted.
      expect(c === '\r' || c === '\n').toBe(false);
      field += c;
    }
  }
  expect(quoted).toBe(false);
  expect(field).toBe('');
  expect(row).toEqual([]);
  return rows;
}

/** The cells of a GFM table row: split on `|` not escaped with `\`. */
function markdownCells(line: string): string[] {
  expect(line.startsWith('| ')).toBe(true);
  expect(line.endsWith(' |')).toBe(true);
  const inner = line.slice(2, -2);
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < inner.length; i++) {
    if (inner[i] === '\\' && inner[i + 1] === '|') {
      cell += '|';
      i++;
    } else if (inner.startsWith(' | ', i)) {
      cells.push(cell);
      cell = '';
      i += 2;
    } else {
      cell += inner[i];
    }
  }
  cells.push(cell);
  return cells;
}

/** A code span's text: strip the fence (and the one padding space, when fenced so). */
function codeSpan(cell: string): string {
  if (cell === '') {
    return '';
  }
  const fence = /^`+/.exec(cell)?.[0] ?? '';
  expect(fence.length).toBeGreaterThan(0);
  expect(cell.endsWith(fence)).toBe(true);
  let inner = cell.slice(fence.length, cell.length - fence.length);
  if (inner.startsWith(' ') && inner.endsWith(' ') && /^ ?`|` ?$/.test(inner)) {
    inner = inner.slice(1, -1);
  }
  // No run of backticks inside as long as the fence (it would end the span).
  expect(inner.includes(fence)).toBe(false);
  return inner;
}

const LATEX_ESCAPES: [RegExp, string][] = [
  [/\\textbackslash\{\}/g, '\u0000BS'],
  [/\\textasciitilde\{\}/g, '~'],
  [/\\textasciicircum\{\}/g, '^'],
  [/\\textless\{\}/g, '<'],
  [/\\textgreater\{\}/g, '>'],
  [/\\textbar\{\}/g, '|'],
  [/\\ldots\{\}/g, '\u2026'],
  [/\\([{}&%$#_])/g, '$1']
];

function unLatex(cell: string): string {
  let text = cell;
  for (const [pattern, value] of LATEX_ESCAPES) {
    text = text.replace(pattern, value);
  }
  return text.replace(/\u0000BS/g, '\\');
}

/** LaTeX cells: split on `&` not preceded by a backslash. */
function latexCells(line: string): string[] {
  expect(line.endsWith(' \\\\')).toBe(true);
  return line.slice(0, -3).split(/(?<!\\) & /);
}

/** Names as each format flattens them (a line break or tab becomes a space). */
const flat = (s: string) => s.replace(/[\r\n\t\u2028\u2029]+/g, ' ');

const guarded = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

function paramsCsv(layer: LayerRow): string {
  return layer.params !== null && !layer.unbuilt
    ? String(layer.params) + (layer.unused ? ' (unused)' : '')
    : guarded(layer.paramsText);
}

// ---- Every fixture ----------------------------------------------------------

describe.each(NOTEBOOKS)('%s', file => {
  it('has summaries to export', () => {
    expect(summariesOf(file).length).toBeGreaterThan(0);
  });

  it('CSV reads back as the rows: names, types, counts, shapes', () => {
    for (const summary of summariesOf(file)) {
      const rows = readCsv(toCsv(summary));
      expect(rows).toHaveLength(summary.layers.length + 1);
      const header = rows[0];
      expect(header.slice(0, 2)).toEqual(['Layer', 'Type']);
      const col = (title: string) => header.indexOf(title);
      summary.layers.forEach((layer, i) => {
        const row = rows[i + 1];
        expect(row).toHaveLength(header.length);
        expect(row[col('Layer')]).toBe(guarded(layer.name));
        expect(row[col('Type')]).toBe(guarded(layer.type));
        expect(row[col('Output Shape')]).toBe(guarded(layer.outputShape));
        expect(row[col('Param #')]).toBe(paramsCsv(layer));
        if (col('Depth') >= 0) {
          expect(row[col('Depth')]).toBe(String(layer.depth));
        }
        if (col('Connected to') >= 0) {
          expect(row[col('Connected to')]).toBe(
            guarded(layer.connectedTo.join('\n'))
          );
        }
      });
    }
  });

  it('Markdown has one table row per layer with the name and count', () => {
    for (const summary of summariesOf(file)) {
      const lines = toMarkdown(summary).split('\n');
      const table = lines.filter(l => l.startsWith('| '));
      expect(table).toHaveLength(summary.layers.length + 2);
      const header = markdownCells(table[0]);
      expect(markdownCells(table[1])).toEqual(
        header.map(h => (h === 'Param #' ? '---:' : '---'))
      );
      summary.layers.forEach((layer, i) => {
        const cells = markdownCells(table[i + 2]);
        expect(cells).toHaveLength(header.length);
        const depth = layer.depth;
        const prefix =
          depth > 0 ? '\u00a0'.repeat(3 * (depth - 1)) + '└\u00a0' : '';
        expect(cells[0].startsWith(prefix)).toBe(true);
        expect(codeSpan(cells[0].slice(prefix.length))).toBe(flat(layer.name));
        const params = cells[header.indexOf('Param #')];
        if (layer.params !== null && !layer.unbuilt) {
          expect(params.replace(/,/g, '')).toBe(
            String(layer.params) + (layer.unused ? ' (unused)' : '')
          );
        }
      });
      if (summary.totals.total !== null) {
        expect(lines).toContain(
          `- Total params: ${summary.totals.total.toLocaleString('en-US')}${
            summary.totals.totalSize ? ` (${summary.totals.totalSize})` : ''
          }`
        );
      }
    }
  });

  it('LaTeX is a booktabs tabular whose cells unescape to the names and types', () => {
    for (const summary of summariesOf(file)) {
      const lines = toLatex(summary).trimEnd().split('\n');
      const begin = lines.findIndex(l => l.startsWith('\\begin{tabular}'));
      expect(lines[begin + 1]).toBe('\\toprule');
      expect(lines[begin + 3]).toBe('\\midrule');
      expect(lines[lines.length - 2]).toBe('\\bottomrule');
      expect(lines[lines.length - 1]).toBe('\\end{tabular}');
      const columns = latexCells(lines[begin + 2]).length;
      summary.layers.forEach((layer, i) => {
        const cells = latexCells(lines[begin + 4 + i]);
        expect(cells).toHaveLength(columns);
        const name = cells[0].replace(/^(\\quad )*/, '');
        expect(cells[0].length - name.length).toBe(
          '\\quad '.length * layer.depth
        );
        expect(unLatex(name)).toBe(flat(layer.name));
        expect(unLatex(cells[1])).toBe(flat(layer.type));
        for (const cell of cells) {
          // Nothing LaTeX reads as markup is left unescaped.
          const bare = cell
            .replace(
              /\\(textbackslash|textasciitilde|textasciicircum|textless|textgreater|textbar|ldots)\{\}/g,
              ''
            )
            .replace(/\\[{}&%$#_]/g, '')
            .replace(/\\quad /g, '');
          expect(bare).not.toMatch(/[\\{}&%$#_~^]/);
        }
      });
    }
  });

  it('JSON is what the CLI prints for the notebook, summary by summary', () => {
    const fromCli = JSON.parse(cli(['parse', path.join(FIXTURES_DIR, file)]));
    const summaries = summariesOf(file);
    expect(fromCli.summaries).toHaveLength(summaries.length);
    summaries.forEach((summary, i) => {
      const exported = JSON.parse(toJson(summary));
      expect(Object.keys(exported)).toEqual(['summaries']);
      expect(exported.summaries).toEqual([fromCli.summaries[i]]);
    });
  });
});

describe('JSON', () => {
  it('is byte for byte what the CLI prints for a text holding the summary', () => {
    const tmp = fs.mkdtempSync(path.join(require('os').tmpdir(), 'ks-json-'));
    try {
      // Each summary's own text, cut from the real print_fn=print output.
      const nb = JSON.parse(
        fs.readFileSync(path.join(FIXTURES_DIR, 'keras3-print.ipynb'), 'utf-8')
      );
      let checked = 0;
      for (const cell of nb.cells) {
        const text = (cell.outputs ?? [])
          .filter((o: any) => o.output_type === 'stream')
          .map((o: any) => [o.text].flat().join(''))
          .join('');
        const found = parseText(text).summaries;
        if (found.length !== 1) {
          continue;
        }
        const file = path.join(tmp, `cell${checked}.txt`);
        fs.writeFileSync(file, text);
        expect(toJson(found[0])).toBe(cli(['parse', file]));
        checked++;
      }
      expect(checked).toBeGreaterThan(10);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('special characters (names written by hand)', () => {
  const layer = (name: string, extra: Partial<LayerRow> = {}): LayerRow => ({
    name,
    type: 'Dense',
    depth: 0,
    outputShape: '(None, 2)',
    shapeKind: 'tensors',
    tensors: [[null, 2]],
    params: 6,
    paramsText: '6',
    unbuilt: false,
    unused: false,
    trainable: null,
    connectedTo: [],
    cut: [],
    start: 0,
    end: 0,
    ...extra
  });
  const NAMES = [
    'a&b%c$d#e_f{g}h~i^j\\k',
    'pipe|name',
    'comma, "quoted"',
    'line\nbreak',
    '=SUM(A1:A9)',
    '+1',
    '-cmd',
    '@import',
    '`tick`',
    '<script>alert(1)</script>',
    '**bold** [link](x)'
  ];
  const summary: Summary = {
    format: 'keras3',
    model: 'm&m_%',
    start: 0,
    end: 0,
    columns: [
      { title: 'Layer (type)', kind: 'layer' },
      { title: 'Output Shape', kind: 'shape' },
      { title: 'Param #', kind: 'params' }
    ],
    layers: NAMES.map(n => layer(n)),
    totals: {
      total: 66,
      trainable: 66,
      nonTrainable: 0,
      optimizer: null
    },
    parts: { heading: true, table: true, totals: true },
    warnings: []
  };

  it('LaTeX escapes & % $ # _ { } ~ ^ \\ and reads back', () => {
    const tex = toLatex(summary);
    expect(tex).toContain(
      'a\\&b\\%c\\$d\\#e\\_f\\{g\\}h\\textasciitilde{}i\\textasciicircum{}j\\textbackslash{}k & Dense'
    );
    expect(tex).toContain('pipe\\textbar{}name');
    expect(tex).toContain('\\textless{}script\\textgreater{}');
    expect(tex).toContain('% Keras model summary: m&m_%');
  });

  it('CSV quotes commas, quotes and line breaks, and guards formulas', () => {
    const rows = readCsv(toCsv(summary));
    expect(rows.slice(1).map(r => r[0])).toEqual([
      'a&b%c$d#e_f{g}h~i^j\\k',
      'pipe|name',
      'comma, "quoted"',
      'line\nbreak',
      "'=SUM(A1:A9)",
      "'+1",
      "'-cmd",
      "'@import",
      '`tick`',
      '<script>alert(1)</script>',
      '**bold** [link](x)'
    ]);
    expect(toCsv(summary)).toContain('"comma, ""quoted"""');
  });

  it('Markdown keeps names in code spans, so nothing is read as markup', () => {
    const md = toMarkdown(summary);
    expect(md).toContain('| `pipe\\|name` |');
    expect(md).toContain('| `` `tick` `` |');
    expect(md).toContain('| `<script>alert(1)</script>` |');
    expect(md).toContain('| `line break` |');
    expect(md).toContain('**Model:** `m&m_%`');
  });

  it('exportSummary picks the format', () => {
    expect(exportSummary(summary, 'csv')).toBe(toCsv(summary));
    expect(exportSummary(summary, 'markdown')).toBe(toMarkdown(summary));
    expect(exportSummary(summary, 'latex')).toBe(toLatex(summary));
    expect(exportSummary(summary, 'json')).toBe(toJson(summary));
  });
});
