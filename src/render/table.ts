/**
 * Build the layer table from a parsed summary: plain functions from data to
 * DOM, no state and no event listeners (the view owns those, delegated on
 * its node; each control is registered with what it explains through
 * `ctx.actions`). Each column is a `TableColumn`, so later columns (the
 * what-if's memory, a share bar) plug in next to Keras' own.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { formatCount } from '../analyze';
import { layerDepth } from '../analyze/nesting';
import { exportColumns } from '../export/cells';
import type { ColumnKind, LayerRow, Summary } from '../parse';
import { dimFact } from './analysis';
import { button, h, nameIndent } from './dom';
import { kernelWeights, shapesFromFirstCall } from './kernel-facts';
import { showDim } from './letters';
import { shapeParts } from './shape';
import type { Control, ExplainAction } from './registry';
import { columnTitle, paramsLabel } from './strings';
import type { ControlRef, RowContext, TableColumn } from './types';

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

/**
 * A control: a button that opens an explanation, registered with what it
 * explains (`printed`: its text as Keras printed it).
 */
function control(
  ctx: RowContext,
  ref: ControlRef,
  label: string,
  title: string,
  lineage: string
): Control {
  const node = button(
    `jp-KerasSummary-control jp-KerasSummary-control-${ref.kind}`,
    label
  );
  node.setAttribute('aria-haspopup', 'dialog');
  node.setAttribute('aria-expanded', 'false');
  node.title = title;
  // The table is one tab stop (grid.ts): arrow keys reach the controls.
  node.tabIndex = -1;
  const action: ExplainAction = {
    kind: 'explain',
    ref,
    lineage,
    printed: node.textContent ?? ''
  };
  ctx.actions.bind(node, action);
  return { node, action };
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
  const node = ctx.analysis.tree[index];
  if (node?.hasChildren) {
    const toggle = button('jp-KerasSummary-disclosure');
    toggle.tabIndex = -1;
    ctx.actions.bind(toggle, { kind: 'disclose', row: index });
    toggle.setAttribute(
      'aria-expanded',
      ctx.collapsed.has(node.key) ? 'false' : 'true'
    );
    toggle.setAttribute('aria-label', `${ctx.words.nested}: ${layer.name}`);
    toggle.title = ctx.words.nested;
    cell.appendChild(toggle);
  } else if (ctx.analysis.nested) {
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
        .node
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
        control(ctx, ref, part.text, ctx.words.unknownShape, '').node
      );
      continue;
    }
    if (part.dim === null || part.axis === 0) {
      const fact = dimFact(
        ctx.summary,
        ctx.analysis.facts,
        index,
        part.tensor,
        part.axis
      );
      if (part.dim === null || fact.kind === 'fixedBatch') {
        const title =
          fact.kind === 'fixedBatch'
            ? shapesFromFirstCall(ctx.summary, index)
              ? ctx.words.firstCallBatch
              : ctx.words.fixedBatch
            : fact.role === 'batch'
              ? ctx.words.batch
              : ctx.words.variable;
        const made = control(ctx, ref, part.text, title, fact.lineage);
        // Letters or what-if sizes instead of None (the dimension tools).
        if (ctx.dims.letters || ctx.dims.whatIf) {
          showDim(ctx, made);
        }
        cell.appendChild(made.node);
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
      ).node
    );
    return cell;
  }
  if (layer.params === null) {
    cell.appendChild(printed(ctx, layer.paramsText, isCut(layer, 'params')));
    return cell;
  }
  if (ctx.analysis.formulas[index] || kernelWeights(layer)?.length) {
    // How the count comes about: a button opening its formula.
    const ref: ControlRef = { kind: 'params', row: index, tensor: 0, axis: 0 };
    const { node } = control(
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

/** Each reference `name[node][tensor]` is a control explaining itself. */
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
    const { node } = control(ctx, ref, '', ctx.words.ref, '');
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
  const depth = layerDepth(layer);
  if (depth > 0) {
    row.classList.add('jp-KerasSummary-nested');
  }
  for (const column of ctx.columns) {
    row.appendChild(column.cell(ctx, layer, index));
  }
  return row;
}

/** A plain row, the name and the shape as text: what shows when building a row fails. */
export function buildPlainRow(
  ctx: RowContext,
  index: number
): HTMLTableRowElement {
  const layer = ctx.summary.layers[index];
  const row = h('tr', 'jp-KerasSummary-row');
  ctx.columns.forEach((column, k) => {
    const cell = h(k === 0 ? 'th' : 'td', 'jp-KerasSummary-cell');
    if (column.kind === 'layer') {
      cell.textContent = String(layer?.name ?? '');
    } else if (column.kind === 'shape') {
      cell.textContent = String(layer?.outputShape ?? '');
    }
    row.appendChild(cell);
  });
  return row;
}

/** The table's accessible name: `Layers of sequential`. */
export function tableLabel(summary: Summary, trans: TranslationBundle): string {
  return summary.model
    ? trans.__('Layers of %1', summary.model)
    : trans.__('Layers of the model');
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
  // One tab stop, arrow keys within (grid.ts).
  table.setAttribute('role', 'grid');
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
