/**
 * One summary printed line by line can be stored as several stream outputs
 * of one cell: the kernel flushed in between, or a stderr line came between
 * two stdout lines (JupyterLab merges only streams of the same name that
 * follow each other). Reading each output alone would cut the table in two;
 * these functions join the texts of each stream name, in order, and say
 * which output an offset of the joined text came from. Pure: used for
 * saved notebooks (`parseNotebook`) and for the outputs on the page.
 */
import { lastAtOrBefore } from './lines';

/** One output of a cell, as far as joining streams is concerned. */
export type StreamItem =
  /** A stream output: its name (`stdout`, `stderr`) and text. */
  | { kind: 'stream'; name: string; text: string }
  /** An output that shows nothing (rich's empty display): it splits no stream. */
  | { kind: 'blank' }
  /** Any other output: streams before and after it are not joined. */
  | { kind: 'other' };

/** The texts of consecutive outputs of one stream name, joined. */
export interface JoinedStream {
  name: string;
  text: string;
  /** The outputs joined (indexes into the items), in order. */
  outputs: number[];
  /** Where each output's text starts in `text`. */
  starts: number[];
}

/**
 * Join the stream outputs of one cell: each run of streams of one name
 * that only other streams (or blank outputs) interrupt becomes one text.
 * Returned in the order of each run's first output.
 */
export function joinStreams(items: ReadonlyArray<StreamItem>): JoinedStream[] {
  const done: JoinedStream[] = [];
  const open = new Map<string, JoinedStream>();
  const close = () => {
    done.push(...open.values());
    open.clear();
  };
  items.forEach((item, index) => {
    if (item.kind === 'other') {
      close();
      return;
    }
    if (item.kind === 'blank') {
      return;
    }
    let run = open.get(item.name);
    if (!run) {
      run = { name: item.name, text: '', outputs: [], starts: [] };
      open.set(item.name, run);
    }
    run.outputs.push(index);
    run.starts.push(run.text.length);
    run.text += item.text;
  });
  close();
  return done.sort((a, b) => a.outputs[0] - b.outputs[0]);
}

/** Which of `run`'s outputs holds offset `offset` of its text, and where. */
export function placeInRun(
  run: JoinedStream,
  offset: number
): { output: number; offset: number } {
  const k = lastAtOrBefore(run.starts, offset);
  return { output: run.outputs[k], offset: offset - run.starts[k] };
}

/**
 * The outputs of `run` that `[start, end)` covers, each with the span
 * within its own text.
 */
export function spanInRun(
  run: JoinedStream,
  start: number,
  end: number
): { output: number; start: number; end: number }[] {
  const places: { output: number; start: number; end: number }[] = [];
  for (let k = 0; k < run.outputs.length; k++) {
    const from = run.starts[k];
    const to = k + 1 < run.starts.length ? run.starts[k + 1] : run.text.length;
    const a = Math.max(start, from);
    const b = Math.min(end, to);
    if (a < b) {
      places.push({ output: run.outputs[k], start: a - from, end: b - from });
    }
  }
  return places;
}

/** A summary that runs over several stream outputs (see `summariesAcross`). */
export interface StreamSummarySpan {
  /** The output (index into the items) where the summary starts. */
  first: number;
  /** The outputs after `first` that the summary runs through, in order. */
  rest: number[];
  /** The texts of `first` and `rest` joined: what `first` shows. */
  text: string;
}

/**
 * The summaries with a table that start in one stream output and end in a
 * later one of the same name, as `read` finds them in the joined text
 * (`read` returns spans in its input; `parseText` with a format filter).
 * Only summaries after which the last output holds nothing more are
 * given: the outputs in `rest` can then be hidden without losing text.
 */
export function summariesAcross(
  items: ReadonlyArray<StreamItem>,
  read: (text: string) => { start: number; end: number }[]
): StreamSummarySpan[] {
  const found: StreamSummarySpan[] = [];
  for (const run of joinStreams(items)) {
    if (run.outputs.length < 2) {
      continue;
    }
    for (const s of read(run.text)) {
      const places = spanInRun(run, s.start, s.end);
      if (places.length < 2) {
        continue;
      }
      const last = places[places.length - 1];
      const k = run.outputs.indexOf(last.output);
      const lastEnd =
        k + 1 < run.starts.length ? run.starts[k + 1] : run.text.length;
      if (run.text.slice(s.end, lastEnd).trim() !== '') {
        continue;
      }
      const from = run.starts[run.outputs.indexOf(places[0].output)];
      found.push({
        first: places[0].output,
        rest: places.slice(1).map(p => p.output),
        text: run.text.slice(from, lastEnd)
      });
    }
  }
  return found;
}
