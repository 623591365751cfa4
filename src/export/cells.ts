/**
 * What every export format shares: which columns a summary has (the ones
 * Keras printed, `Layer (type)` split in two), each cell's plain text, and
 * the totals lines. Pure: no DOM.
 */
import { formatCount } from '../analyze/format';
import type { ColumnKind, LayerRow, Summary, Totals } from '../parse/types';

export type ExportColumn = ColumnKind | 'type';

/** Column headers, as Keras names them (exports are not translated: they are data). */
export const COLUMN_TITLES: Record<ExportColumn, string> = {
  layer: 'Layer',
  type: 'Type',
  shape: 'Output Shape',
  params: 'Param #',
  connected: 'Connected to',
  trainable: 'Trainable'
};

const KNOWN: ExportColumn[] = [
  'layer',
  'type',
  'shape',
  'params',
  'connected',
  'trainable'
];

/** The columns in the order Keras printed them; the usual three when no header was printed. */
export function exportColumns(summary: Summary): ExportColumn[] {
  const printed = (summary.columns ?? []).map(c => c.kind);
  const kinds: ExportColumn[] = [];
  for (const kind of printed.length
    ? printed
    : (['layer', 'shape', 'params'] as ColumnKind[])) {
    if (!KNOWN.includes(kind) || kinds.includes(kind)) {
      continue;
    }
    kinds.push(kind);
    if (kind === 'layer') {
      kinds.push('type');
    }
  }
  if (!kinds.includes('layer')) {
    kinds.unshift('layer', 'type');
  }
  return kinds;
}

/** The Param # cell: the count with separators (or bare, for CSV), else the text as printed. */
export function paramsText(layer: LayerRow, separators = true): string {
  if (layer.unbuilt || layer.params === null) {
    return layer.paramsText ?? '';
  }
  const count = separators ? formatCount(layer.params) : String(layer.params);
  return layer.unused ? `${count} (unused)` : count;
}

/** Keras' own marks for the Trainable column. */
export function trainableMark(layer: LayerRow): string {
  return layer.trainable === null ? '-' : layer.trainable ? 'Y' : 'N';
}

/** A cell's plain text (names without indentation: each format shows depth its own way). */
export function cellText(
  layer: LayerRow,
  column: ExportColumn,
  separators = true
): string {
  switch (column) {
    case 'layer':
      return layer.name;
    case 'type':
      return layer.type;
    case 'shape':
      return layer.outputShape;
    case 'params':
      return paramsText(layer, separators);
    case 'connected':
      return layer.connectedTo.join(', ');
    case 'trainable':
      return trainableMark(layer);
  }
}

/** The depth of a row, clamped the way the table clamps it. */
export { layerDepth as depthOf } from '../analyze/nesting';

/** `Total params: 101,770 (397.54 KB)` and the others Keras printed, in its order. */
export function totalsLines(totals: Totals | undefined): string[] {
  if (!totals) {
    return [];
  }
  const entries: [string, number | null, string | undefined][] = [
    ['Total params', totals.total, totals.totalSize],
    ['Trainable params', totals.trainable, totals.trainableSize],
    ['Non-trainable params', totals.nonTrainable, totals.nonTrainableSize],
    ['Optimizer params', totals.optimizer, totals.optimizerSize]
  ];
  return entries
    .filter(([, n]) => typeof n === 'number' && Number.isFinite(n))
    .map(
      ([label, n, size]) =>
        `${label}: ${formatCount(n as number)}${size ? ` (${size})` : ''}`
    );
}

/** Any line break or tab becomes one space: every format keeps a row on one line. */
export function oneLine(text: string): string {
  return String(text ?? '').replace(/[\r\n\t\u2028\u2029]+/g, ' ');
}
