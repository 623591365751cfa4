/**
 * A summary as a LaTeX `tabular` with booktabs rules (\toprule, \midrule,
 * \bottomrule; needs `\usepackage{booktabs}`). Every character LaTeX reads
 * as markup is escaped, in one pass so no escape is escaped again.
 */
import type { Summary } from '../parse/types';
import {
  cellText,
  COLUMN_TITLES,
  depthOf,
  exportColumns,
  ExportColumn,
  oneLine,
  totalsLines
} from './cells';

const ESCAPES: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  // Not markup, but the default (OT1) font encoding prints them as other glyphs.
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '|': '\\textbar{}',
  // Keras' mark for a cut cell.
  '\u2026': '\\ldots{}'
};

const SPECIAL = /[\\{}&%$#_~^<>|\u2026]/g;

export function latexText(text: string): string {
  return oneLine(text).replace(SPECIAL, c => ESCAPES[c]);
}

function cell(summary: Summary, row: number, column: ExportColumn): string {
  const layer = summary.layers[row];
  if (column === 'layer') {
    return '\\quad '.repeat(depthOf(layer)) + latexText(layer.name);
  }
  return latexText(cellText(layer, column));
}

export function toLatex(summary: Summary): string {
  const columns = exportColumns(summary);
  const spec = columns
    .map(c => (c === 'params' ? 'r' : c === 'trainable' ? 'c' : 'l'))
    .join('');
  const lines: string[] = [];
  lines.push(
    summary.model
      ? `% Keras model summary: ${oneLine(summary.model)}`
      : '% Keras model summary'
  );
  lines.push('% Needs \\usepackage{booktabs} in the preamble.');
  lines.push(`\\begin{tabular}{${spec}}`);
  lines.push('\\toprule');
  lines.push(
    `${columns.map(c => latexText(COLUMN_TITLES[c])).join(' & ')} \\\\`
  );
  lines.push('\\midrule');
  summary.layers.forEach((_, i) => {
    lines.push(`${columns.map(c => cell(summary, i, c)).join(' & ')} \\\\`);
  });
  const totals = totalsLines(summary.totals);
  if (totals.length > 0) {
    lines.push('\\midrule');
    for (const line of totals) {
      lines.push(
        `\\multicolumn{${columns.length}}{l}{${latexText(line)}} \\\\`
      );
    }
  }
  lines.push('\\bottomrule');
  lines.push('\\end{tabular}');
  return lines.join('\n') + '\n';
}
