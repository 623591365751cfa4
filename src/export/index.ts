/**
 * A summary as text to paste elsewhere: Markdown, CSV, LaTeX (booktabs) or
 * the CLI's JSON. Pure: imports only the parser, the analysis and the
 * report; no DOM.
 */
import type { Summary } from '../parse/types';
import { toCsv } from './csv';
import { toJson } from './json';
import { toLatex } from './latex';
import { toMarkdown } from './markdown';

export type ExportFormat = 'markdown' | 'csv' | 'latex' | 'json';

export const EXPORT_FORMATS: ExportFormat[] = [
  'markdown',
  'csv',
  'latex',
  'json'
];

export function exportSummary(summary: Summary, format: ExportFormat): string {
  switch (format) {
    case 'markdown':
      return toMarkdown(summary);
    case 'csv':
      return toCsv(summary);
    case 'latex':
      return toLatex(summary);
    case 'json':
      return toJson(summary);
  }
}

export { toCsv, toJson, toLatex, toMarkdown };
export { csvField, guardFormula } from './csv';
export { latexText } from './latex';
export { markdownCode, markdownText } from './markdown';
