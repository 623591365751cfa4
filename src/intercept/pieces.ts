/**
 * Recognise one rich output of a Keras 3 summary: rich sends the
 * `Model: "…"` heading, the table and each totals line to Jupyter as
 * separate display outputs, each a `<pre>` of `<span>`s. Pure: no DOM.
 */
import { parseParts, withChecks } from '../parse';
import type { Summary, SummaryFormat } from '../parse';
import { hasWholeTable, mayHoldSummary, plainText } from './segments';

/** The part of a summary a piece holds: rich sends each in an output of its own. */
export type PiecePart = 'heading' | 'table' | 'totals';

/** One rich output that holds one part of a summary and nothing else. */
export interface RichPiece {
  part: PiecePart;
  /** The part as parsed, without the final checks (pieces get merged first). */
  summary: Summary;
  /** Its text, tags and entities removed: what Keras printed. */
  text: string;
}

/**
 * Read one `text/html` output as a piece of a Keras 3 summary, or return
 * null: for HTML that is not rich's `<pre>`, for a table cut short, for
 * anything around the piece, and for formats not asked for.
 */
export function readRichPiece(
  html: string,
  formats: ReadonlyArray<SummaryFormat>
): RichPiece | null {
  if (!mayHoldSummary(html) || !isRichPre(html)) {
    return null;
  }
  const found = parseParts(html, { kind: 'html' });
  if (found.length !== 1) {
    return null;
  }
  const summary = found[0];
  if (!formats.includes(withChecks(summary).format)) {
    return null;
  }
  const outside =
    plainText(html.slice(0, summary.start), 'html') +
    plainText(html.slice(summary.end), 'html');
  if (/\S/.test(outside)) {
    return null;
  }
  const { heading, table, totals } = summary.parts;
  let part: PiecePart;
  if (table) {
    if (!hasWholeTable(summary)) {
      return null;
    }
    part = 'table';
  } else if (heading && !totals) {
    part = 'heading';
  } else if (totals && !heading) {
    part = 'totals';
  } else {
    return null;
  }
  // The text of the <pre>: what Keras printed (the newline after </pre> is rich's).
  return { part, summary, text: plainText(html.trim(), 'html') };
}

/** rich's output of an empty `console.print`: a `<pre>` with nothing in it. */
export function isBlankRichOutput(html: string): boolean {
  return (
    html.length < 1000 &&
    isRichPre(html) &&
    plainText(html.trim(), 'html').trim() === ''
  );
}

/**
 * Whether `html` has the shape rich writes: one `<pre …>` element, holding
 * only text and `<span …>` elements, opened and closed in order.
 */
export function isRichPre(html: string): boolean {
  const s = html.trim();
  if (!s.startsWith('<pre') || !s.endsWith('</pre>')) {
    return false;
  }
  // 0: before `<pre>`, 1: inside it, 2: after `</pre>`.
  let pre = 0;
  let spans = 0;
  let i = s.indexOf('<');
  while (i !== -1) {
    const close = s.indexOf('>', i);
    if (close === -1) {
      return false;
    }
    const tag = /^<(\/?)([a-zA-Z]+)[\s>]/.exec(
      s.slice(i, Math.min(close + 1, i + 8))
    );
    if (!tag) {
      return false;
    }
    const closing = tag[1] === '/';
    const name = tag[2].toLowerCase();
    if (name === 'pre') {
      if (closing ? pre !== 1 || spans !== 0 : pre !== 0 || i !== 0) {
        return false;
      }
      pre++;
    } else if (name === 'span') {
      if (pre !== 1) {
        return false;
      }
      spans += closing ? -1 : 1;
      if (spans < 0) {
        return false;
      }
    } else {
      return false;
    }
    i = s.indexOf('<', close + 1);
  }
  return pre === 2 && spans === 0;
}
