/**
 * A summary as CSV (RFC 4180): a header row, then one row per layer; CRLF
 * line ends; fields holding a comma, a quote or a line break are quoted,
 * quotes doubled. Param # is a bare integer so spreadsheets read a number.
 *
 * Spreadsheets run a cell that starts with `=`, `+`, `-`, `@` (or a tab or
 * carriage return) as a formula, and layer names come from user code: such
 * text cells get a leading `'` (OWASP's advice against CSV injection). A
 * reader that wants the exact name strips that one apostrophe.
 */
import type { Summary } from '../parse/types';
import {
  cellText,
  COLUMN_TITLES,
  depthOf,
  exportColumns,
  ExportColumn
} from './cells';

const FORMULA_START = /^[=+\-@\t\r]/;

/** Guard a text cell against being run as a spreadsheet formula. */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One RFC 4180 field. */
export function csvField(text: string): string {
  const value = String(text ?? '');
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsv(summary: Summary): string {
  const columns: (ExportColumn | 'depth')[] = exportColumns(summary);
  // Nesting is a column of its own, so names stay exactly the names.
  if (summary.layers.some(l => depthOf(l) > 0)) {
    columns.splice(columns.indexOf('type') + 1, 0, 'depth');
  }
  const header = columns.map(c => (c === 'depth' ? 'Depth' : COLUMN_TITLES[c]));
  const lines = [header.map(csvField).join(',')];
  for (const layer of summary.layers) {
    const fields = columns.map(column => {
      if (column === 'depth') {
        return String(depthOf(layer));
      }
      if (column === 'params' && layer.params !== null && !layer.unbuilt) {
        return cellText(layer, column, false);
      }
      if (column === 'connected') {
        // One reference per line of the cell, as Keras prints them.
        return guardFormula(layer.connectedTo.join('\n'));
      }
      if (column === 'trainable') {
        // Keras' `-` (not known) is an empty cell, not a minus sign.
        return layer.trainable === null ? '' : layer.trainable ? 'Y' : 'N';
      }
      return guardFormula(cellText(layer, column));
    });
    lines.push(fields.map(csvField).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
