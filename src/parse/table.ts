/**
 * What a table reader returns, and how a row's joined cells become a
 * `LayerRow`. Shared by the rich and ASCII readers.
 */
import {
  CUT_MARK,
  readConnectedCell,
  readLayerCell,
  readParamsCell,
  readTrainableCell,
  refCutSilently
} from './cells';
import { parseShape } from './shape';
import type {
  ColumnKind,
  CutCell,
  LayerRow,
  ShapeCut,
  ShapeKind,
  SummaryFormat,
  TensorShape
} from './types';

export interface TableColumn {
  title: string;
  kind: ColumnKind;
}

/** A table read from lines `[firstLine, lastLine]` (inclusive). */
export interface TablePart {
  format: SummaryFormat;
  columns: TableColumn[];
  layers: LayerRow[];
  firstLine: number;
  lastLine: number;
  warnings: string[];
}

/** Column kind from a header title (which may itself be cut: `Trai…`). */
export function columnKind(title: string): ColumnKind | null {
  const t = title.trim().toLowerCase();
  if (t.startsWith('layer')) {
    return 'layer';
  }
  if (t.startsWith('output')) {
    return 'shape';
  }
  if (t.startsWith('param')) {
    return 'params';
  }
  if (t.startsWith('conn')) {
    return 'connected';
  }
  if (t.startsWith('trai') || t.startsWith('tr…')) {
    return 'trainable';
  }
  return null;
}

/**
 * Build a row from its cells (one string per column, wrapped lines joined).
 * `depth` comes from the ASCII frame when the format has one. `mayBeCut`
 * false says no cell can hold Keras 3's `…` (the text holds none): the
 * check per cell is skipped.
 */
export function buildRow(
  columns: TableColumn[],
  cells: string[],
  frameDepth: number,
  start: number,
  end: number,
  mayBeCut = true
): LayerRow {
  // The fields are gathered first and the row made once, with its final
  // values: a summary holds one row per layer, and placeholder arrays
  // replaced later were half of what building a row allocated.
  let name = '';
  let type = '';
  let depth = frameDepth;
  let outputShape = '';
  let shapeKind: ShapeKind = 'unknown';
  let tensors: TensorShape[] | null = null;
  let tensorKeys: string[] | undefined;
  let shapeCut: ShapeCut | undefined;
  let params: number | null = null;
  let paramsText = '';
  let unbuilt = false;
  let unused = false;
  let trainable: boolean | null = null;
  let connectedTo: string[] | null = null;
  let cut: CutCell[] | null = null;
  for (let i = 0; i < columns.length; i++) {
    const col = columns[i];
    const text = cells[i] ?? '';
    if (mayBeCut && text.includes(CUT_MARK)) {
      cut = withCut(cut, { column: col.kind, text: text.trim() });
    }
    switch (col.kind) {
      case 'layer': {
        const cell = readLayerCell(text);
        name = cell.name;
        type = cell.type;
        depth = Math.max(frameDepth, cell.depth);
        if (cell.cutSilently) {
          cut = withCut(cut, { column: 'layer', text: text.trim() });
        }
        break;
      }
      case 'shape': {
        outputShape = text.trim();
        const shape = parseShape(outputShape);
        shapeKind = shape.kind;
        tensors = shape.tensors;
        if (shape.keys) {
          tensorKeys = shape.keys;
        }
        if (shape.cut) {
          shapeCut = shape.cut;
          // A cut with `…` is already listed; a silent cut is listed here.
          if (!(mayBeCut && text.includes(CUT_MARK))) {
            cut = withCut(cut, { column: 'shape', text: outputShape });
          }
        }
        break;
      }
      case 'params': {
        paramsText = text.trim();
        const p = readParamsCell(text);
        params = p.params;
        unbuilt = p.unbuilt;
        unused = p.unused;
        break;
      }
      case 'connected':
        connectedTo = readConnectedCell(text);
        // A cut with `…` is already listed; a silent cut is listed here.
        if (
          !(mayBeCut && text.includes(CUT_MARK)) &&
          connectedTo.some(refCutSilently)
        ) {
          cut = withCut(cut, { column: 'connected', text: text.trim() });
        }
        break;
      case 'trainable':
        trainable = readTrainableCell(text);
        break;
    }
  }
  const row: LayerRow = {
    name,
    type,
    depth,
    outputShape,
    shapeKind,
    tensors: tensors ?? [],
    params,
    paramsText,
    unbuilt,
    unused,
    trainable,
    connectedTo: connectedTo ?? [],
    cut: cut ?? [],
    start,
    end
  };
  if (tensorKeys) {
    row.tensorKeys = tensorKeys;
  }
  if (shapeCut) {
    row.shapeCut = shapeCut;
  }
  return row;
}

/**
 * `cut` with `c` added, in an array of exactly their number: a summary
 * keeps one per row, and an array grown by push keeps room for 16 more.
 */
function withCut(cut: CutCell[] | null, c: CutCell): CutCell[] {
  if (cut === null) {
    return [c];
  }
  const out: CutCell[] = new Array(cut.length + 1);
  for (let i = 0; i < cut.length; i++) {
    out[i] = cut[i];
  }
  out[cut.length] = c;
  return out;
}

/** Warnings a reader should see about cut cells, one per column. */
export function cutWarnings(layers: LayerRow[]): string[] {
  // Counts in an object of fixed shape, and the kinds in the order first
  // seen (the order of the warnings): a Map lookup per cut cell was a
  // tenth of reading a table whose cells are cut.
  const counts: Record<ColumnKind, number> = {
    layer: 0,
    shape: 0,
    params: 0,
    connected: 0,
    trainable: 0
  };
  const order: ColumnKind[] = [];
  for (let i = 0; i < layers.length; i++) {
    const cut = layers[i].cut;
    for (let j = 0; j < cut.length; j++) {
      const kind = cut[j].column;
      if (counts[kind]++ === 0) {
        order.push(kind);
      }
    }
  }
  const names: Record<ColumnKind, string> = {
    layer: 'Layer (type)',
    shape: 'Output Shape',
    params: 'Param #',
    connected: 'Connected to',
    trainable: 'Trainable'
  };
  const warnings: string[] = [];
  order.forEach(kind => {
    const n = counts[kind];
    warnings.push(
      `${n} ${names[kind]} cell${n === 1 ? ' was' : 's were'} cut short; ` +
        'print the summary with a larger line_length= (or a wider COLUMNS) to see them whole.'
    );
  });
  return warnings;
}
