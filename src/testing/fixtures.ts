/**
 * Load the real Keras outputs captured by `make fixtures` (see
 * CONTRIBUTING.md) for tests. Test-only: excluded from the build.
 */
import * as fs from 'fs';
import * as path from 'path';

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
