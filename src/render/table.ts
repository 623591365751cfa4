/**
 * Build the layer table from a parsed summary: plain functions from data to
 * DOM, no state and no event listeners (the view owns those, delegated on
 * its node). Each column is a `TableColumn`, so later columns (a formula, a
 * share bar) plug in next to Keras' own.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import type { ColumnKind, LayerRow, Summary } from '../parse/types';
import { layerDepth, parentRows } from '../analyze/nesting';
import { exportColumns } from '../export/cells';
import { button, h } from './dom';
import { ControlRef, controlKey, dimFact, ExplainContext } from './explain';
import { formatCount } from '../analyze/format';
import { paramFormula, paramsLabel } from './formula';
import { shapeParts } from './shape';
import { showDim } from './teaching';
import { columnTitle, cutAdvice } from './strings';

/** Where a row sits among the nested rows. */
export interface RowNode {
  /** Index of the enclosing row (depth - 1), or -1 at the top. */
  parent: number;
  /** Whether nested rows follow (the row gets a disclosure button). */
  hasChildren: boolean;
  /** Index of the last row nested under this one (itself when none). */
  last: number;
  /** Identifies the row across updates: the names from the top down. */
  key: string;
}

/** Parents and subtrees of the rows, from their depths. */
export function rowTree(layers: LayerRow[]): RowNode[] {
  const nodes: RowNode[] = [];
  const parents = parentRows(layers);
  layers.forEach((layer, i) => {
    const parent = parents[i];
    const parentKey = parent >= 0 ? nodes[parent].key : '';
    nodes.push({
      parent,
      hasChildren: false,
      last: i,
      key: `${parentKey}\u0000${layer.name}`
    });
    // Every model around this row holds it: it has children, and its block
    // reaches at least this far.
    for (let up = parent; up >= 0; up = nodes[up].parent) {
      nodes[up].hasChildren = true;
      nodes[up].last = i;
    }
  });
  return nodes;
}

/** What building a row needs. */
export interface RowContext extends ExplainContext {
  columns: TableColumn[];
  tree: RowNode[];
  /** Whether any row has nested rows (names then leave room for a disclosure). */
  nested: boolean;
  /** Collects every control built, with its lineage (for highlighting). */
  onControl: (control: HTMLElement, ref: ControlRef, lineage: string) => void;
  /** Strings used in every row, translated once per build. */
  words: RowWords;
}

export interface RowWords {
  cut: string;
  cutAdvice: string;
  batch: string;
  fixedBatch: string;
  variable: string;
  unknownShape: string;
  multiple: string;
  unbuilt: string;
  trainable: string;
  frozen: string;
  nested: string;
  ref: string;
  params: string;
}

export function rowWords(trans: TranslationBundle): RowWords {
  return {
    cut: trans.__('cut short'),
    cutAdvice: cutAdvice(trans),
    batch: trans.__('Batch dimension: activate to explain'),
    fixedBatch: trans.__('Fixed batch size: activate to explain'),
    variable: trans.__('Variable-length dimension: activate to explain'),
    unknownShape: trans.__('Shape not known yet: activate to explain'),
    multiple: trans.__('Several shapes: activate to explain'),
    unbuilt: trans.__('Parameters not created yet: activate to explain'),
    trainable: trans.__('Trainable'),
    frozen: trans.__('Not trainable (frozen)'),
    nested: trans.__('Nested layers'),
    ref: trans.__(
      'Input of this layer: activate to explain node and tensor index'
    ),
    params: trans.__('How this count is computed: activate to explain')
  };
}

/** One column of the table. */
export interface TableColumn {
  /** `memory`: the what-if's activation memory (src/render/whatif.ts). */
  kind: ColumnKind | 'type' | 'memory';
  title: string;
  /** Builds the cell of row `index`. */
  cell: (ctx: RowContext, layer: LayerRow, index: number) => HTMLElement;
}

const CELL = 'jp-KerasSummary-cell';

function td(kind: string): HTMLTableCellElement {
  return h('td', `${CELL} ${CELL}-${kind}`);
}

/** Text as printed; a trailing `…` (Keras cut the cell) becomes a marker. */
function printed(ctx: RowContext, value: string, cut: boolean): Node {
  if (!cut || !value.endsWith('…')) {
    return document.createTextNode(value);
  }
  const span = h('span', 'jp-KerasSummary-cutText');
  span.appendChild(document.createTextNode(value.slice(0, -1)));
  const mark = h('span', 'jp-KerasSummary-cutMark', '…');
  mark.setAttribute('role', 'img');
  mark.setAttribute('aria-label', ctx.words.cut);
  mark.title = ctx.words.cutAdvice;
  span.appendChild(mark);
  span.title = ctx.words.cutAdvice;
  return span;
}

function isCut(layer: LayerRow, column: ColumnKind): boolean {
  return layer.cut.some(c => c.column === column);
}

/** A control: a button that opens an explanation. */
function control(
  ctx: RowContext,
  ref: ControlRef,
  label: string,
  title: string,
  lineage: string
): HTMLButtonElement {
  const node = button(
    `jp-KerasSummary-control jp-KerasSummary-control-${ref.kind}`,
    label
  );
  node.setAttribute('data-action', 'explain');
  node.setAttribute('data-control', ref.kind);
  node.setAttribute('data-row', String(ref.row));
  node.setAttribute('data-tensor', String(ref.tensor));
  node.setAttribute('data-axis', String(ref.axis));
  node.setAttribute('data-key', controlKey(ref));
  if (lineage) {
    node.setAttribute('data-lineage', lineage);
  }
  node.setAttribute('aria-haspopup', 'dialog');
  node.setAttribute('aria-expanded', 'false');
  node.title = title;
  ctx.onControl(node, ref, lineage);
  return node;
}

/** The left padding (em) of a nested row's name; 0 at the top. */
export function nameIndent(depth: number): number {
  return depth > 0 ? 0.5 + depth * 1.5 : 0;
}

function nameCell(
  ctx: RowContext,
  layer: LayerRow,
  index: number
): HTMLElement {
  const cell = h('th', `${CELL} ${CELL}-layer`);
  cell.setAttribute('scope', 'row');
  const indent = nameIndent(layerDepth(layer));
  if (indent > 0) {
    cell.style.paddingLeft = `${indent}em`;
  }
  const node = ctx.tree[index];
  if (node?.hasChildren) {
    const toggle = button('jp-KerasSummary-disclosure');
    toggle.setAttribute('data-action', 'disclose');
    toggle.setAttribute('data-row', String(index));
    toggle.setAttribute('aria-expanded', 'true');
    toggle.setAttribute('aria-label', `${ctx.words.nested}: ${layer.name}`);
    toggle.title = ctx.words.nested;
    cell.appendChild(toggle);
  } else if (ctx.nested) {
    cell.appendChild(h('span', 'jp-KerasSummary-disclosureSpace'));
  }
  const name = h('span', 'jp-KerasSummary-name');
  name.appendChild(printed(ctx, layer.name, isCut(layer, 'layer')));
  cell.appendChild(name);
  return cell;
}

function typeCell(ctx: RowContext, layer: LayerRow): HTMLElement {
  const cell = td('type');
  cell.appendChild(printed(ctx, layer.type, isCut(layer, 'layer')));
  return cell;
}

function shapeCell(
  ctx: RowContext,
  layer: LayerRow,
  index: number
): HTMLElement {
  const cell = td('shape');
  if (layer.shapeKind === 'multiple') {
    const ref: ControlRef = {
      kind: 'multiple',
      row: index,
      tensor: 0,
      axis: 0
    };
    cell.appendChild(
      control(ctx, ref, layer.outputShape || 'multiple', ctx.words.multiple, '')
    );
    return cell;
  }
  if (layer.shapeKind !== 'tensors' || layer.tensors.length === 0) {
    cell.appendChild(printed(ctx, layer.outputShape, isCut(layer, 'shape')));
    return cell;
  }
  for (const part of shapeParts(
    layer.outputShape,
    layer.tensors,
    layer.tensorKeys
  )) {
    if (part.kind === 'text') {
      cell.appendChild(document.createTextNode(part.text));
      continue;
    }
    const ref: ControlRef = {
      kind: 'dim',
      row: index,
      tensor: part.tensor,
      axis: part.axis
    };
    if (part.dim === '?') {
      ref.kind = 'unknownShape';
      cell.appendChild(
        control(ctx, ref, part.text, ctx.words.unknownShape, '')
      );
      continue;
    }
    if (part.dim === null || part.axis === 0) {
      const fact = dimFact(ctx, index, part.tensor, part.axis);
      if (part.dim === null || fact.kind === 'fixedBatch') {
        const title =
          fact.kind === 'fixedBatch'
            ? ctx.words.fixedBatch
            : fact.role === 'batch'
              ? ctx.words.batch
              : ctx.words.variable;
        const node = control(ctx, ref, part.text, title, fact.lineage);
        // Letters or what-if sizes instead of None (src/render/teaching.ts).
        if (ctx.teaching?.letters || ctx.teaching?.whatIf) {
          showDim(ctx, node);
        }
        cell.appendChild(node);
        continue;
      }
    }
    const size = h('span', 'jp-KerasSummary-size', part.text);
    cell.appendChild(size);
  }
  return cell;
}

function paramsCell(
  ctx: RowContext,
  layer: LayerRow,
  index: number
): HTMLElement {
  const cell = td('params');
  if (layer.unbuilt) {
    const ref: ControlRef = { kind: 'unbuilt', row: index, tensor: 0, axis: 0 };
    cell.appendChild(
      control(
        ctx,
        ref,
        layer.paramsText || '0 (unbuilt)',
        ctx.words.unbuilt,
        ''
      )
    );
    return cell;
  }
  if (layer.params === null) {
    cell.appendChild(printed(ctx, layer.paramsText, isCut(layer, 'params')));
    return cell;
  }
  if (paramFormula(ctx.summary, index)) {
    // How the count comes about: a button opening its formula (formula.ts).
    const ref: ControlRef = { kind: 'params', row: index, tensor: 0, axis: 0 };
    const node = control(
      ctx,
      ref,
      formatCount(layer.params),
      ctx.words.params,
      ''
    );
    node.setAttribute('aria-label', paramsLabel(ctx.trans, layer.params));
    cell.appendChild(node);
  } else {
    cell.appendChild(document.createTextNode(formatCount(layer.params)));
  }
  if (layer.unused) {
    cell.appendChild(document.createTextNode(' (unused)'));
  }
  return cell;
}

/** Each reference `name[node][tensor]` is a control explaining itself (connections.ts). */
function connectedCell(
  ctx: RowContext,
  layer: LayerRow,
  index: number
): HTMLElement {
  const cell = td('connected');
  const cut = isCut(layer, 'connected');
  layer.connectedTo.forEach((text, k) => {
    const line = h('span', 'jp-KerasSummary-ref');
    const ref: ControlRef = { kind: 'ref', row: index, tensor: k, axis: 0 };
    const node = control(ctx, ref, '', ctx.words.ref, '');
    node.appendChild(printed(ctx, text, cut && text.endsWith('…')));
    line.appendChild(node);
    cell.appendChild(line);
  });
  return cell;
}

/** The Trainable column as Keras prints it (not words: Keras' own marks). */
const TRAINABLE_MARK = { yes: 'Y', no: 'N', none: '-' };

function trainableCell(ctx: RowContext, layer: LayerRow): HTMLElement {
  const cell = td('trainable');
  if (layer.trainable === null) {
    cell.appendChild(document.createTextNode(TRAINABLE_MARK.none));
    return cell;
  }
  cell.appendChild(
    document.createTextNode(
      layer.trainable ? TRAINABLE_MARK.yes : TRAINABLE_MARK.no
    )
  );
  cell.title = layer.trainable ? ctx.words.trainable : ctx.words.frozen;
  return cell;
}

const BUILDERS: Record<
  ColumnKind | 'type',
  (ctx: RowContext, layer: LayerRow, index: number) => HTMLElement
> = {
  layer: nameCell,
  type: typeCell,
  shape: shapeCell,
  params: paramsCell,
  connected: connectedCell,
  trainable: trainableCell
};

/**
 * The columns, in the order Keras printed them; `Layer (type)` becomes two
 * columns. A summary without a table header gets the usual three.
 */
export function tableColumns(
  summary: Summary,
  trans: TranslationBundle
): TableColumn[] {
  // The same columns as every export has (each of them has a builder here).
  return exportColumns(summary).map(kind => ({
    kind,
    title: columnTitle(trans, kind),
    cell: BUILDERS[kind]
  }));
}

/** The row of layer `index`. */
export function buildRow(ctx: RowContext, index: number): HTMLTableRowElement {
  const layer = ctx.summary.layers[index];
  const row = h('tr', 'jp-KerasSummary-row');
  row.setAttribute('data-row', String(index));
  const depth = layerDepth(layer);
  row.setAttribute('data-depth', String(depth));
  if (depth > 0) {
    row.classList.add('jp-KerasSummary-nested');
  }
  for (const column of ctx.columns) {
    row.appendChild(column.cell(ctx, layer, index));
  }
  return row;
}

/**
 * The empty table: caption-less, with its header row; its body is a
 * `RowBody` (blocks.ts), which adds the `<tbody>` elements.
 */
export function buildTable(
  columns: TableColumn[],
  label: string
): HTMLTableElement {
  const table = h('table', 'jp-KerasSummary-table');
  table.setAttribute('aria-label', label);
  const head = h('thead');
  const tr = h('tr');
  for (const column of columns) {
    const th = h(
      'th',
      `jp-KerasSummary-head jp-KerasSummary-head-${column.kind}`,
      column.title
    );
    th.setAttribute('scope', 'col');
    tr.appendChild(th);
  }
  head.appendChild(tr);
  table.appendChild(head);
  return table;
}
