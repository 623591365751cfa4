/**
 * Find the summaries in a notebook's outputs (`.ipynb` JSON, nbformat 4).
 *
 * Each stdout stream and each display bundle is parsed on its own; then the
 * parts rich split one summary into (heading, table, totals lines, each a
 * separate output of the same cell) are joined into one summary. A bundle
 * from the kernel companion is read from its payload instead (`source:
 * 'kernel'`), its text parsed only when the payload cannot be read.
 */
import { canContinue, mergeSummaries } from './group';
import { InputKind, normalize } from './normalize';
import { parseParts, withChecks } from './parse';
import { readPayload } from './payload';
import { PAYLOAD_MIME_TYPE } from './payload-types';
import type { Summary } from './types';

/** Where in the notebook a summary (or one of its pieces) was printed. */
export interface OutputPlace {
  cell: number;
  output: number;
  /**
   * `stream:stdout`, the MIME type that was parsed (`text/html`,
   * `text/plain`), or the payload's for a summary read from the kernel
   * companion's payload (`start`, `end`: its `text/plain`).
   */
  mime: string;
  start: number;
  end: number;
}

export interface NotebookSummary extends Summary {
  cell: number;
  output: number;
  mime: string;
  /** Every output that holds a piece of this summary, in order. */
  pieces: OutputPlace[];
}

export class NotebookError extends Error {}

interface OutputText {
  mime: string;
  text: string;
}

/**
 * nbformat's multiline string: one string, or a list of lines that join into
 * it. JupyterLab's server joins the lists; JupyterLite hands them over as
 * they are saved. Null for anything else.
 */
function joinSource(value: unknown): string | null {
  if (typeof value === 'string') {
    return value;
  }
  if (Array.isArray(value) && value.every(v => typeof v === 'string')) {
    return value.join('');
  }
  return null;
}

/**
 * The text of an output's data for one MIME type (`model.data[mime]`),
 * in either multiline form; '' when it holds no text.
 */
export function readText(data: unknown): string {
  return joinSource(data) ?? '';
}

/** The text of an output that could hold a summary, or null. */
export function outputText(output: unknown): OutputText | null {
  if (!output || typeof output !== 'object') {
    return null;
  }
  const o = output as Record<string, unknown>;
  if (o.output_type === 'stream') {
    const text = joinSource(o.text);
    return text === null
      ? null
      : { mime: `stream:${String(o.name ?? 'stdout')}`, text };
  }
  if (o.output_type === 'display_data' || o.output_type === 'execute_result') {
    const data = o.data as Record<string, unknown> | undefined;
    if (!data || typeof data !== 'object') {
      return null;
    }
    // What JupyterLab shows: HTML first (rank 50), then plain text.
    for (const mime of ['text/html', 'text/plain']) {
      const text = joinSource(data[mime]);
      if (text !== null) {
        return { mime, text };
      }
    }
  }
  return null;
}

/**
 * The summary the kernel companion's payload in a display bundle holds,
 * placed in the notebook; null when the output has no payload or it cannot
 * be read (its text is then parsed as any other output's).
 */
function payloadSummary(
  output: unknown,
  cell: number,
  index: number
): NotebookSummary | null {
  const o = output as Record<string, unknown> | null;
  const type = o?.output_type;
  if (type !== 'display_data' && type !== 'execute_result') {
    return null;
  }
  const data = o?.data as Record<string, unknown> | undefined;
  if (!data || typeof data !== 'object' || !(PAYLOAD_MIME_TYPE in data)) {
    return null;
  }
  const text = joinSource(data['text/plain']) ?? '';
  const read = readPayload(data[PAYLOAD_MIME_TYPE], text);
  if (!read.summary) {
    return null;
  }
  const place: OutputPlace = {
    cell,
    output: index,
    mime: PAYLOAD_MIME_TYPE,
    start: 0,
    end: text.length
  };
  return {
    ...read.summary,
    cell,
    output: index,
    mime: PAYLOAD_MIME_TYPE,
    pieces: [place]
  };
}

/** Whether a slice of an output shows nothing but white space (tags and escape codes aside). */
function blankText(slice: string, kind: InputKind): boolean {
  return normalize(slice, kind).text.trim() === '';
}

/** Parse the notebook JSON text. Throws `NotebookError` when it is not a notebook. */
export function parseNotebookJson(json: string): NotebookSummary[] {
  let nb: unknown;
  try {
    nb = JSON.parse(json);
  } catch (e) {
    throw new NotebookError(`invalid notebook JSON: ${(e as Error).message}`);
  }
  if (
    !nb ||
    typeof nb !== 'object' ||
    !Array.isArray((nb as { cells?: unknown }).cells)
  ) {
    throw new NotebookError('invalid notebook: no "cells" list');
  }
  return parseNotebook(nb as { cells: unknown[] });
}

export function parseNotebook(nb: { cells: unknown[] }): NotebookSummary[] {
  const result: NotebookSummary[] = [];
  nb.cells.forEach((cell, c) => {
    const outputs = (cell as { outputs?: unknown })?.outputs;
    if (!Array.isArray(outputs)) {
      return;
    }
    let current: NotebookSummary | null = null;
    // Whether `current` ended its output (nothing printed after it there).
    let open = false;
    outputs.forEach((output, o) => {
      const exact = payloadSummary(output, c, o);
      if (exact) {
        // One output, one whole summary: nothing joins it.
        if (current) {
          result.push(current);
        }
        result.push(exact);
        current = null;
        open = false;
        return;
      }
      const out = outputText(output);
      if (!out) {
        open = false;
        return;
      }
      if (out.text.trim() === '') {
        // rich's empty display (print_fn=print) interrupts nothing.
        return;
      }
      const kind = out.mime === 'text/html' ? 'html' : 'text';
      const parts = parseParts(out.text, { kind });
      if (parts.length === 0) {
        open = false;
        return;
      }
      parts.forEach((part, k) => {
        const place: OutputPlace = {
          cell: c,
          output: o,
          mime: out.mime,
          start: part.start,
          end: part.end
        };
        const startsOutput =
          k === 0 && blankText(out.text.slice(0, part.start), kind);
        if (current && open && startsOutput && canContinue(current, part)) {
          const merged = mergeSummaries(current, part, false);
          const fromTable = !current.parts.table && part.parts.table;
          current = {
            ...merged,
            cell: c,
            output: fromTable ? o : current.output,
            mime: fromTable ? out.mime : current.mime,
            pieces: [...current.pieces, place]
          };
        } else {
          if (current) {
            result.push(current);
          }
          current = {
            ...part,
            cell: c,
            output: o,
            mime: out.mime,
            pieces: [place]
          };
        }
      });
      const last = parts[parts.length - 1];
      open = blankText(out.text.slice(last.end), kind);
    });
    if (current) {
      result.push(current);
    }
  });
  // A payload's summary needs no checks: its counts are the kernel's.
  return result.map(s =>
    s.source === 'kernel' ? s : (withChecks(s) as NotebookSummary)
  );
}
