/**
 * Find the summaries in a notebook's outputs (`.ipynb` JSON, nbformat 4).
 *
 * Each display bundle is parsed on its own, and the stream outputs of one
 * name in a cell are joined first (a summary printed line by line may be
 * stored over several, see `streams.ts`); then the parts rich split one
 * summary into (heading, table, totals lines, each a separate output of the
 * same cell) are joined into one summary. A summary's offsets (and its
 * rows') count from the start of its `output`; when a summary runs over
 * several stream outputs they run on through the next ones, as joined.
 * A bundle from the kernel companion is read from its payload instead
 * (`source: 'kernel'`), its text parsed only when the payload cannot be read.
 */
import { canContinue, mergeSummaries } from './group';
import { InputKind, normalize } from './normalize';
import { parseParts, withChecks } from './parse';
import { readPayload } from './payload';
import { PAYLOAD_MIME_TYPE } from './payload-types';
import { joinStreams, spanInRun } from './streams';
import type { StreamItem } from './streams';
import type { Summary } from './types';

/** Where in the notebook a summary (or one of its pieces) was printed. */
export interface OutputPlace {
  cell: number;
  /** The output's index; null for a summary quoted in a Markdown cell. */
  output: number | null;
  /**
   * `stream:stdout`, the MIME type that was parsed (`text/html`,
   * `text/plain`), or `text/markdown` for a Markdown cell's source.
   */
  mime: string;
  start: number;
  end: number;
}

export interface NotebookSummary extends Summary {
  cell: number;
  /** The output that holds the table; null for a summary quoted in a Markdown cell. */
  output: number | null;
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
export function parseNotebookJson(
  json: string,
  options: NotebookOptions = {}
): NotebookSummary[] {
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
  return parseNotebook(nb as { cells: unknown[] }, options);
}

export interface NotebookOptions {
  /**
   * Also read Markdown cells: a summary quoted there (a fenced or indented
   * code block) is reported with mime `text/markdown` and output null.
   */
  markdown?: boolean;
}

/** A Markdown cell's source, or null for any other cell. */
function markdownSource(cell: unknown): string | null {
  const o = cell as { cell_type?: unknown; source?: unknown } | null;
  return o?.cell_type === 'markdown' ? joinSource(o.source) : null;
}

export function parseNotebook(
  nb: { cells: unknown[] },
  options: NotebookOptions = {}
): NotebookSummary[] {
  const result: NotebookSummary[] = [];
  nb.cells.forEach((cell, c) => {
    const outputs = (cell as { outputs?: unknown })?.outputs;
    if (Array.isArray(outputs)) {
      result.push(...cellSummaries(outputs, c));
    }
    const markdown = options.markdown ? markdownSource(cell) : null;
    if (markdown !== null) {
      for (const s of parseParts(markdown, { kind: 'text' })) {
        const place = { cell: c, output: null, mime: 'text/markdown' };
        result.push({
          ...s,
          ...place,
          pieces: [{ ...place, start: s.start, end: s.end }]
        });
      }
    }
  });
  // A payload's summary needs no checks: its counts are the kernel's.
  return result.map(s =>
    s.source === 'kernel' ? s : (withChecks(s) as NotebookSummary)
  );
}

/**
 * What one cell's outputs are read as: each display output alone, and the
 * stream outputs of each name joined (a summary printed line by line may
 * be stored over several of them).
 */
interface OutputUnit {
  mime: string;
  kind: InputKind;
  text: string;
  /** The first output of the unit. */
  output: number;
  /** A kernel bundle's summary, read from its payload (nothing to parse). */
  exact?: NotebookSummary;
  /** The places (output, span in its text) of `[start, end)` of `text`. */
  places(
    start: number,
    end: number
  ): { output: number; start: number; end: number }[];
}

function outputUnits(
  outputs: unknown[],
  items: StreamItem[],
  cell: number
): OutputUnit[] {
  const displays: OutputUnit[] = [];
  outputs.forEach((output, o) => {
    const exact = payloadSummary(output, cell, o);
    const out = exact ? null : outputText(output);
    if (exact) {
      items.push({ kind: 'other' });
      displays.push({
        mime: PAYLOAD_MIME_TYPE,
        kind: 'text',
        text: '',
        output: o,
        places: () => [{ output: o, start: 0, end: exact.end }],
        exact
      });
    } else if (!out) {
      items.push({ kind: 'other' });
    } else if (out.mime.startsWith('stream:')) {
      // A stream of spaces is a line of its text (a row separator).
      items.push({ kind: 'stream', name: out.mime, text: out.text });
    } else if (out.text.trim() === '') {
      // rich's empty display (print_fn=print) interrupts nothing.
      items.push({ kind: 'blank' });
    } else {
      items.push({ kind: 'other' });
      const length = out.text.length;
      displays.push({
        mime: out.mime,
        kind: out.mime === 'text/html' ? 'html' : 'text',
        text: out.text,
        output: o,
        places: (start, end) => [
          { output: o, start, end: Math.min(end, length) }
        ]
      });
    }
  });
  const streams = joinStreams(items).map((run): OutputUnit => ({
    mime: run.name,
    kind: 'text',
    text: run.text,
    output: run.outputs[0],
    places: (start, end) => spanInRun(run, start, end)
  }));
  return [...displays, ...streams].sort((a, b) => a.output - b.output);
}

function cellSummaries(outputs: unknown[], c: number): NotebookSummary[] {
  const result: NotebookSummary[] = [];
  let current: NotebookSummary | null = null;
  // The output after which `current` may continue (nothing printed after
  // it there), or -1.
  let openAfter = -1;
  const items: StreamItem[] = [];
  const units = outputUnits(outputs, items, c);
  // Whether only blank outputs stand between output `a` and output `b`.
  const adjacent = (a: number, b: number) =>
    a < b && items.slice(a + 1, b).every(item => item.kind === 'blank');
  for (const unit of units) {
    if (unit.exact) {
      // One output, one whole summary: nothing joins it.
      if (current) {
        result.push(current);
      }
      result.push(unit.exact);
      current = null;
      openAfter = -1;
      continue;
    }
    const parts = parseParts(unit.text, { kind: unit.kind });
    if (parts.length === 0) {
      openAfter = -1;
      continue;
    }
    parts.forEach((found, k) => {
      const spans = unit.places(found.start, found.end);
      const places: OutputPlace[] = spans.map(p => ({
        cell: c,
        mime: unit.mime,
        ...p
      }));
      const first = spans[0];
      // Offsets from the start of the part's first output on (a stream
      // unit's text may begin with earlier outputs).
      const part = shifted(found, found.start - first.start);
      const startsOutput =
        k === 0 && blankText(unit.text.slice(0, found.start), unit.kind);
      if (
        current &&
        openAfter !== -1 &&
        adjacent(openAfter, first.output) &&
        startsOutput &&
        canContinue(current, part)
      ) {
        const merged = mergeSummaries(current, part, false);
        const fromTable = !current.parts.table && part.parts.table;
        current = {
          ...merged,
          cell: c,
          output: fromTable ? first.output : current.output,
          mime: fromTable ? unit.mime : current.mime,
          pieces: [...current.pieces, ...places]
        };
      } else {
        if (current) {
          result.push(current);
        }
        current = {
          ...part,
          cell: c,
          output: first.output,
          mime: unit.mime,
          pieces: places
        };
      }
    });
    const last = parts[parts.length - 1];
    const lastPlaces = unit.places(last.start, last.end);
    openAfter = blankText(unit.text.slice(last.end), unit.kind)
      ? lastPlaces[lastPlaces.length - 1].output
      : -1;
  }
  if (current) {
    result.push(current);
  }
  return result;
}

/** `part` with every offset moved `by` characters back. */
function shifted(part: Summary, by: number): Summary {
  if (by === 0) {
    return part;
  }
  return {
    ...part,
    start: part.start - by,
    end: part.end - by,
    layers: part.layers.map(l => ({
      ...l,
      start: l.start - by,
      end: l.end - by
    }))
  };
}
