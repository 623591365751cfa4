/**
 * A summary as a GitHub-flavoured Markdown table: names, shapes and
 * references in code spans (nothing in a layer name is read as Markdown or
 * HTML), nested rows indented with `└` as Keras does, totals as a list.
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

/**
 * Characters Markdown would read as markup inside a table cell or a list
 * item's text (emphasis, code, links, HTML, entities, cell borders,
 * strike-through). Others (`#`, `-`, `.`) are markup only at a line's start,
 * where no cell text goes.
 */
const MARKUP = /[\\`*_[\]<>|~&]/g;

/** Plain text with every markup character escaped. */
export function markdownText(text: string): string {
  return oneLine(text).replace(MARKUP, c => `\\${c}`);
}

/**
 * A code span that holds `text` exactly: fenced with more backticks than the
 * longest run inside, `|` escaped (a GFM table reads it as a cell border
 * even in code).
 */
export function markdownCode(text: string): string {
  const value = oneLine(text);
  if (value === '') {
    return '';
  }
  const runs = value.match(/`+/g) ?? [];
  // A loop, not Math.max(...): a name may hold more runs than a call takes arguments.
  const longest = runs.reduce((max, r) => Math.max(max, r.length), 0);
  const fence = '`'.repeat(longest + 1);
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${value.replace(/\|/g, '\\|')}${pad}${fence}`;
}

/** No-break spaces keep the indentation of nested rows when rendered. */
const INDENT = '\u00a0\u00a0\u00a0';

function cell(summary: Summary, row: number, column: ExportColumn): string {
  const layer = summary.layers[row];
  switch (column) {
    case 'layer': {
      const depth = depthOf(layer);
      const prefix = depth > 0 ? `${INDENT.repeat(depth - 1)}└\u00a0` : '';
      return prefix + markdownCode(layer.name);
    }
    case 'shape':
      return markdownCode(layer.outputShape);
    case 'connected':
      return layer.connectedTo.map(markdownCode).join(', ');
    default:
      return markdownText(cellText(layer, column));
  }
}

export function toMarkdown(summary: Summary): string {
  const columns = exportColumns(summary);
  const lines: string[] = [];
  if (summary.model) {
    lines.push(`**Model:** ${markdownCode(summary.model)}`, '');
  }
  lines.push(
    `| ${columns.map(c => markdownText(COLUMN_TITLES[c])).join(' | ')} |`
  );
  lines.push(
    `| ${columns.map(c => (c === 'params' ? '---:' : '---')).join(' | ')} |`
  );
  summary.layers.forEach((_, i) => {
    lines.push(`| ${columns.map(c => cell(summary, i, c)).join(' | ')} |`);
  });
  const totals = totalsLines(summary.totals);
  if (totals.length > 0) {
    lines.push('');
    for (const line of totals) {
      lines.push(`- ${markdownText(line)}`);
    }
  }
  return lines.join('\n') + '\n';
}
