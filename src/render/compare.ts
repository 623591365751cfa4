/**
 * The comparison of two summaries as DOM: what changed in the totals, then
 * every layer with a word for what happened to it ("added", "removed",
 * "changed", "unchanged") beside the colour, and old → new values where they
 * differ. Plain functions from data to DOM; the plugin puts the node in a
 * main-area widget.
 *
 * The view's "Compare with…" button calls the handler the plugin gives it
 * (`SummaryViewOptions.compare`: render must not know about JupyterLab's
 * shell or notebooks); with no handler, the button is not shown.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { compareSummaries } from '../analyze/compare';
import { layerDepth } from '../analyze/nesting';
import type {
  ChangeKind,
  Comparison,
  LayerChange,
  LayerField,
  TotalsField
} from '../analyze/compare';
import { formatCount } from '../analyze';
import type { LayerRow, Summary } from '../parse';
import { button, h } from './dom';

export type { CompareHandler } from './types';

/** `+1,234`, `−56` (a real minus sign), `0`. */
export function formatDelta(delta: number): string {
  if (delta > 0) {
    return `+${formatCount(delta)}`;
  }
  if (delta < 0) {
    return `\u2212${formatCount(-delta)}`;
  }
  return '0';
}

function kindWord(trans: TranslationBundle, kind: ChangeKind): string {
  switch (kind) {
    case 'added':
      return trans.__('added');
    case 'removed':
      return trans.__('removed');
    case 'changed':
      return trans.__('changed');
    case 'same':
      return trans.__('unchanged');
  }
}

function fieldWord(trans: TranslationBundle, field: LayerField): string {
  switch (field) {
    case 'name':
      return trans.__('renamed');
    case 'type':
      return trans.__('type');
    case 'shape':
      return trans.__('shape');
    case 'params':
      return trans.__('params');
    case 'trainable':
      return trans.__('trainable');
  }
}

function totalsWord(trans: TranslationBundle, field: TotalsField): string {
  switch (field) {
    case 'total':
      return trans.__('Total params');
    case 'trainable':
      return trans.__('Trainable params');
    case 'nonTrainable':
      return trans.__('Non-trainable params');
    case 'optimizer':
      return trans.__('Optimizer params');
  }
}

function paramsOf(layer: LayerRow): string {
  if (layer.unbuilt || layer.params === null) {
    return layer.paramsText ?? '';
  }
  return formatCount(layer.params);
}

function trainableOf(layer: LayerRow): string {
  return layer.trainable === null ? '-' : layer.trainable ? 'Y' : 'N';
}

/** `old → new`: the old value struck through, the arrow pointing to the new one. */
function changedValue(before: string, after: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  fragment.appendChild(h('del', 'jp-KerasSummary-compareOld', before));
  fragment.appendChild(document.createTextNode(' \u2192 '));
  fragment.appendChild(h('ins', 'jp-KerasSummary-compareNew', after));
  return fragment;
}

const COLUMNS: {
  field: LayerField;
  title: (t: TranslationBundle) => string;
  value: (l: LayerRow) => string;
}[] = [
  { field: 'name', title: t => t.__('Layer'), value: l => l.name },
  { field: 'type', title: t => t.__('Type'), value: l => l.type },
  {
    field: 'shape',
    title: t => t.__('Output Shape'),
    value: l => l.outputShape
  },
  { field: 'params', title: t => t.__('Param #'), value: paramsOf },
  { field: 'trainable', title: t => t.__('Trainable'), value: trainableOf }
];

function layerRow(
  change: LayerChange,
  a: Summary,
  b: Summary,
  columns: typeof COLUMNS,
  trans: TranslationBundle
): HTMLTableRowElement {
  const row = h(
    'tr',
    `jp-KerasSummary-compareRow jp-KerasSummary-compare-${change.kind}`
  );
  const before = change.a !== null ? a.layers[change.a] : null;
  const after = change.b !== null ? b.layers[change.b] : null;
  const shown = (after ?? before) as LayerRow;

  const mark = h('td', 'jp-KerasSummary-compareMark');
  mark.appendChild(
    h('span', 'jp-KerasSummary-compareKind', kindWord(trans, change.kind))
  );
  // "renamed" first: it says how the rows were paired.
  const details: LayerField[] = [
    ...change.fields.filter(f => f === 'name'),
    ...change.fields.filter(f => f !== 'name')
  ];
  if (details.length > 0) {
    mark.appendChild(
      h(
        'span',
        'jp-KerasSummary-compareFields',
        ` (${details.map(f => fieldWord(trans, f)).join(', ')})`
      )
    );
  }
  row.appendChild(mark);

  for (const column of columns) {
    const cell = h(
      column.field === 'name' ? 'th' : 'td',
      `jp-KerasSummary-compareCell jp-KerasSummary-compareCell-${column.field}`
    );
    if (column.field === 'name') {
      cell.setAttribute('scope', 'row');
      const depth = layerDepth(shown);
      if (depth > 0) {
        cell.style.paddingLeft = `${0.5 + depth * 1.5}em`;
      }
    }
    if (before && after && change.fields.includes(column.field)) {
      cell.appendChild(changedValue(column.value(before), column.value(after)));
      if (column.field === 'params' && change.paramsDelta !== null) {
        cell.appendChild(
          h(
            'span',
            'jp-KerasSummary-compareDelta',
            ` (${formatDelta(change.paramsDelta)})`
          )
        );
      }
    } else {
      cell.textContent = column.value(shown);
    }
    row.appendChild(cell);
  }
  return row;
}

function totalsTable(
  comparison: Comparison,
  labels: { a: string; b: string },
  trans: TranslationBundle
): HTMLTableElement | null {
  if (comparison.totals.length === 0) {
    return null;
  }
  const table = h('table', 'jp-KerasSummary-compareTotals');
  table.setAttribute('aria-label', trans.__('Parameter totals compared'));
  const head = h('thead');
  const tr = h('tr');
  for (const title of ['', labels.a, labels.b, trans.__('Change')]) {
    const th = h('th', 'jp-KerasSummary-compareHead', title);
    th.setAttribute('scope', 'col');
    tr.appendChild(th);
  }
  head.appendChild(tr);
  table.appendChild(head);
  const body = h('tbody');
  for (const t of comparison.totals) {
    const row = h('tr');
    const label = h(
      'th',
      'jp-KerasSummary-compareCell',
      totalsWord(trans, t.field)
    );
    label.setAttribute('scope', 'row');
    row.appendChild(label);
    for (const value of [t.a, t.b]) {
      row.appendChild(
        h(
          'td',
          'jp-KerasSummary-compareCell jp-KerasSummary-compareNumber',
          value === null ? '–' : formatCount(value)
        )
      );
    }
    row.appendChild(
      h(
        'td',
        'jp-KerasSummary-compareCell jp-KerasSummary-compareNumber',
        t.delta === null ? '–' : formatDelta(t.delta)
      )
    );
    body.appendChild(row);
  }
  table.appendChild(body);
  return table;
}

/** A readable name for a summary: its model name, or a stand-in. */
export function summaryName(
  summary: Summary,
  trans: TranslationBundle
): string {
  return summary.model || trans.__('unnamed model');
}

/**
 * The comparison of `a` (before) with `b` (after). `labels` name them in
 * headings (e.g. "sequential (cell 3)").
 */
export function buildComparison(
  a: Summary,
  b: Summary,
  labels: { a: string; b: string },
  trans: TranslationBundle
): HTMLElement {
  const comparison = compareSummaries(a, b);
  const root = h('div', 'jp-KerasSummary-compare');
  root.setAttribute('role', 'region');
  root.setAttribute(
    'aria-label',
    trans.__('Comparison of %1 with %2', labels.a, labels.b)
  );

  const title = h('h2', 'jp-KerasSummary-compareTitle');
  title.textContent = trans.__('%1 → %2', labels.a, labels.b);
  root.appendChild(title);

  const { counts } = comparison;
  root.appendChild(
    h(
      'p',
      'jp-KerasSummary-compareCounts',
      trans.__(
        'Layers: %1 added, %2 removed, %3 changed, %4 unchanged.',
        counts.added,
        counts.removed,
        counts.changed,
        counts.same
      )
    )
  );

  const totals = totalsTable(comparison, labels, trans);
  if (totals) {
    root.appendChild(totals);
  }

  const onlyChanges = button(
    'jp-KerasSummary-button jp-KerasSummary-compareOnly',
    trans.__('Show only changes')
  );
  onlyChanges.setAttribute('aria-pressed', 'false');
  root.appendChild(onlyChanges);

  // Columns both summaries printed, plus Trainable only when both did.
  const hasTrainable = (s: Summary) =>
    (s.columns ?? []).some(c => c.kind === 'trainable');
  const columns = COLUMNS.filter(
    c => c.field !== 'trainable' || (hasTrainable(a) && hasTrainable(b))
  );
  const table = h('table', 'jp-KerasSummary-compareTable');
  table.setAttribute('aria-label', trans.__('Layers compared'));
  const head = h('thead');
  const headRow = h('tr');
  for (const title of [
    trans.__('Change'),
    ...columns.map(c => c.title(trans))
  ]) {
    const th = h('th', 'jp-KerasSummary-compareHead', title);
    th.setAttribute('scope', 'col');
    headRow.appendChild(th);
  }
  head.appendChild(headRow);
  table.appendChild(head);
  const body = h('tbody');
  // Unchanged rows, for "Show only changes".
  const same: HTMLTableRowElement[] = [];
  for (const change of comparison.rows) {
    const row = layerRow(change, a, b, columns, trans);
    if (change.kind === 'same') {
      same.push(row);
    }
    body.appendChild(row);
  }
  table.appendChild(body);
  const scroll = h('div', 'jp-KerasSummary-scroll');
  scroll.appendChild(table);
  root.appendChild(scroll);
  if (comparison.rows.length === 0) {
    root.appendChild(
      h('p', 'jp-KerasSummary-empty', trans.__('Neither summary has layers.'))
    );
  }

  onlyChanges.addEventListener('click', () => {
    const only = onlyChanges.getAttribute('aria-pressed') !== 'true';
    onlyChanges.setAttribute('aria-pressed', only ? 'true' : 'false');
    for (const row of same) {
      row.hidden = only;
    }
  });
  return root;
}
