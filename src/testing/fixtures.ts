/**
 * Load the real Keras outputs captured by `make fixtures` (see
 * CONTRIBUTING.md) for tests. Test-only: excluded from the build.
 */
import * as fs from 'fs';
import * as path from 'path';
import { outputText } from '../parse/notebook';

export interface FixtureOutput {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, string | string[]>;
}

export interface FixtureCell {
  id: string;
  index: number;
  outputs: FixtureOutput[];
}

export interface FixtureNotebook {
  file: string;
  json: string;
  nb: {
    cells: {
      cell_type: string;
      source: string | string[];
      outputs?: FixtureOutput[];
    }[];
    metadata: Record<string, unknown>;
  };
}

export const FIXTURES_DIR = path.resolve(__dirname, '..', '..', 'fixtures');

export function loadNotebook(name: string): FixtureNotebook {
  const file = path.join(FIXTURES_DIR, name);
  const json = fs.readFileSync(file, 'utf-8');
  return { file, json, nb: JSON.parse(json) };
}

const joined = (v: string | string[] | undefined): string =>
  Array.isArray(v) ? v.join('') : (v ?? '');

/** The code cell whose source starts with `# fixture: <id>`. */
export function fixtureCell(nb: FixtureNotebook, id: string): FixtureCell {
  const index = nb.nb.cells.findIndex(
    c =>
      c.cell_type === 'code' &&
      new RegExp(`^# fixture: ${id}\\s*$`, 'm').test(joined(c.source))
  );
  if (index === -1) {
    throw new Error(`no fixture cell "${id}" in ${nb.file}`);
  }
  return { id, index, outputs: nb.nb.cells[index].outputs ?? [] };
}

/** All fixture ids of a notebook, in order. */
export function fixtureIds(nb: FixtureNotebook): string[] {
  const ids: string[] = [];
  for (const c of nb.nb.cells) {
    const m = /^# fixture: (\S+)/m.exec(joined(c.source));
    if (c.cell_type === 'code' && m) {
      ids.push(m[1]);
    }
  }
  return ids;
}

/** The stdout text of a cell (its stream outputs joined, as JupyterLab merges them). */
export function stdoutOf(cell: FixtureCell): string {
  return cell.outputs
    .filter(o => o.output_type === 'stream' && o.name === 'stdout')
    .map(o => joined(o.text))
    .join('');
}

/** The display outputs' data for one MIME type, in order, empty ones included. */
export function displayTexts(cell: FixtureCell, mime: string): string[] {
  return cell.outputs
    .filter(
      o =>
        o.output_type === 'display_data' || o.output_type === 'execute_result'
    )
    .map(o => joined(o.data?.[mime]));
}

/** One text a fixture holds, and how the parser is told to read it. */
export interface FixtureText {
  name: string;
  text: string;
  kind: 'text' | 'html';
}

/**
 * Every text a fixture notebook's outputs hold (stdout streams joined per
 * cell, display data as is), and the hand-written texts.
 */
export function fixtureTexts(): FixtureText[] {
  const texts: FixtureText[] = [];
  for (const file of fs
    .readdirSync(FIXTURES_DIR)
    .filter(f => f.endsWith('.ipynb'))) {
    const nb = JSON.parse(
      fs.readFileSync(path.join(FIXTURES_DIR, file), 'utf-8')
    );
    nb.cells.forEach((cell: { outputs?: unknown[] }, c: number) => {
      let stdout = '';
      for (const output of cell.outputs ?? []) {
        const out = outputText(output);
        if (!out) {
          continue;
        }
        if (out.mime === 'stream:stdout') {
          stdout += out.text;
        } else if (out.text.trim() !== '') {
          texts.push({
            name: `${file}#${c}:${out.mime}`,
            text: out.text,
            kind: out.mime === 'text/html' ? 'html' : 'text'
          });
        }
      }
      if (stdout) {
        texts.push({ name: `${file}#${c}:stdout`, text: stdout, kind: 'text' });
      }
    });
  }
  for (const file of fs
    .readdirSync(path.join(FIXTURES_DIR, 'handwritten'))
    .filter(f => f.endsWith('.txt'))) {
    texts.push({
      name: file,
      text: fs.readFileSync(
        path.join(FIXTURES_DIR, 'handwritten', file),
        'utf-8'
      ),
      kind: 'text'
    });
  }
  return texts;
}
