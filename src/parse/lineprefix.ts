/**
 * Prefixes before the lines of a summary: a logger's, or a comment mark.
 *
 * Log prefixes. tf.keras 2.8+ with
 * interactive logging off prints every line of a summary with one
 * `absl.logging.info` call (`io_utils.print_msg`), so every line carries the
 * logger's prefix:
 *
 *   INFO:absl: Layer (type)                Output Shape    …   (Python's logging.basicConfig,
 *                                                                which absl's log() sets up
 *                                                                when nothing else has)
 *   I1203 00:00:44.188117 140237213350784 layer_utils.py:461]  Layer (type) …   (absl's own
 *                                                                handler: glog style)
 *
 * A program's own logger (`print_fn=logger.info`) writes its format's
 * prefix the same way; that prefix is learned from the table's rules.
 *
 * Keras 3 logs a whole summary as one message: only its first line has the
 * prefix. The prefix moves every column of an ASCII table, so the readers
 * read the text with the prefixes taken out, and spans are mapped back.
 * Only the parser sees this text: the page shows and keeps the original.
 *
 * A summary pasted into code as comments (`# Model: "…"`, `# ┏━━━…`,
 * `#  dense (Dense) …`) carries a comment mark the same way, as does the
 * output of an R chunk in R Markdown (`## Model: "…"`); in a text that
 * holds such a commented summary, the mark (`# `, `## `, a bare `#`, after
 * any indent) at the start of every line is read past too.
 */
import { grown, lastAtOrBefore } from './lines';
import { MappedText } from './normalize';
import type { NormalizedText, SpanMap } from './normalize';

/** `INFO:absl:` (Python's `%(levelname)s:%(name)s:` for the `absl` logger). */
const PYTHON_PREFIX = 'INFO:absl:';

/**
 * absl's `PythonFormatter`: `%c%02d%02d %02d:%02d:%02d.%06d %5d %s:%d] `
 * (level letter, month, day, time, thread id padded to 5, file:line).
 */
const GLOG_PREFIX = /^[IWEF]\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ [^\s:\]]+:\d+\] /;

/** Quick test over the whole text: does any line start with a prefix? */
const ANY_PREFIX =
  /^(?:INFO:absl:|[IWEF]\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ [^\s:\]]+:\d+\] )/m;

/**
 * A line that starts a commented summary: its heading, its table's top
 * (rich's box, or an ASCII header or rule), after the mark: one `#` or
 * more (knitr writes `## ` before every line of an R chunk's output, in
 * R Markdown and the pages rendered from it, often indented as code) and
 * any spaces.
 */
const COMMENTED_SUMMARY =
  /^[ \t]*#+[ \t]*(?:Model: "|┏━|Layer \(type\)|_{20,}$|={20,}$)/m;

/**
 * Length of the comment mark at the start of `line`: any indent, the `#`s
 * and one space after them; 0 for a line with none.
 */
function commentMarkLength(line: string): number {
  let k = 0;
  while (line.charCodeAt(k) === 0x20 || line.charCodeAt(k) === 0x09) {
    k++;
  }
  if (line.charCodeAt(k) !== 0x23 /* # */) {
    return 0;
  }
  while (line.charCodeAt(k) === 0x23) {
    k++;
  }
  return line.charCodeAt(k) === 0x20 ? k + 1 : k;
}

/**
 * What a search for a table's header looks for: `Output Shape`, then the
 * `Layer (` before it on its line (a native search for the first is many
 * times faster over a large text: `(` is everywhere in a table).
 */
const SHAPE_TITLE = 'Output Shape';
const HEADER = 'Layer (';

/** Headers looked at for a prefix, at most (a log holds a handful). */
const MAX_HEADERS = 64;

/**
 * The prefix a logger of the program's own wrote before every line of an
 * ASCII summary (`model.summary(print_fn=logger.info)`: tf.keras and Keras
 * 2 call it once per line), learned from the table: the text before the `=`
 * rule under a `Layer (type)` header, which starts every printed rule in
 * column 0. As a pattern: its words and numbers (a time, a function and
 * line of the printer's: `[print_row:461]`) may change from line to line,
 * its spaces and punctuation not, and it must hold punctuation or digits
 * (a bare word and a space could be the start of any row). Null when no
 * header has one, or it is a known one (absl's), a comment mark or a border.
 */
function learnedPrefix(text: string): RegExp | null {
  let title = text.indexOf(SHAPE_TITLE);
  for (let k = 0; title !== -1 && k < MAX_HEADERS; k++) {
    const lineStart = text.lastIndexOf('\n', title) + 1;
    const head = text.slice(lineStart, title);
    const at = head.indexOf(HEADER);
    const before = at === -1 ? '' : head.slice(0, at);
    const nl = text.indexOf('\n', title);
    if (
      nl !== -1 &&
      /[^\s#|│┃]/.test(before) &&
      logPrefixLength(before) === 0
    ) {
      const ruleEnd = text.indexOf('\n', nl + 1);
      const rule = text.slice(nl + 1, ruleEnd === -1 ? text.length : ruleEnd);
      // ASCII tables rule their header with `=`, rich's boxes with `┡━`.
      const eq = rule.indexOf('==========');
      const r = eq !== -1 ? eq : rule.indexOf('┡━');
      const prefix = r > 0 ? rule.slice(0, r) : '';
      if (/[^\s\w<>]|\d/.test(prefix)) {
        const pattern = prefixPattern(prefix);
        if (pattern.test(before)) {
          return pattern;
        }
      }
    }
    title = text.indexOf(SHAPE_TITLE, title + SHAPE_TITLE.length);
  }
  return null;
}

/**
 * The pattern of a learned prefix: its words and numbers free, its
 * punctuation fixed. A number may also take the spaces before it: line
 * numbers right-aligned in a field (`  9 `, ` 10 `, `100 `: a listing, `cat
 * -n`, a book's code) keep the field's width, not the spaces.
 */
function prefixPattern(prefix: string): RegExp {
  let source = '^';
  for (const m of prefix.matchAll(/( *)(\d+)(?![\w<>])|[\w<>]+|[^\w<>]/g)) {
    if (m[2] !== undefined) {
      source += ' *\\d+';
    } else if (/^[\w<>]/.test(m[0])) {
      source += '[\\w<>]+';
    } else {
      source += m[0].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(source);
}

/** Length of the log prefix at the start of `line`, 0 when there is none. */
export function logPrefixLength(line: string): number {
  if (line.startsWith(PYTHON_PREFIX)) {
    return PYTHON_PREFIX.length;
  }
  const c = line.charCodeAt(0);
  // I, W, E, F: glog's level letters.
  if (c === 0x49 || c === 0x57 || c === 0x45 || c === 0x46) {
    const m = GLOG_PREFIX.exec(line);
    return m ? m[0].length : 0;
  }
  return 0;
}

/**
 * Where the characters of the text without prefixes came from: each kept
 * stretch of a line is a run of `at` (its start in this text) and `from`
 * (its start in the text the prefixes were cut from), looked up through
 * the inner map when that text was itself decoded (ANSI codes, `\r\n`).
 */
class StrippedMap implements SpanMap {
  constructor(
    private readonly starts: Int32Array,
    private readonly froms: Int32Array,
    private readonly count: number,
    private readonly inner: SpanMap | null
  ) {}

  originAt(i: number): number {
    const j = this.inText(i);
    return this.inner ? this.inner.originAt(j) : j;
  }

  afterAt(i: number): number {
    const j = this.inText(i);
    return this.inner ? this.inner.afterAt(j) : j + 1;
  }

  /** Offset in the text with prefixes of this text's unit `i`. */
  private inText(i: number): number {
    const k = lastAtOrBefore(this.starts, i, this.count);
    return this.froms[k] + (i - this.starts[k]);
  }
}

/**
 * `norm` with the log prefix (or comment mark) cut from the start of every
 * line that has one, or `norm` itself when no line has one (the common
 * case: a search or two over the text, no copy).
 */
export function stripLinePrefixes(norm: NormalizedText): NormalizedText {
  const text = norm.text;
  const logged = ANY_PREFIX.test(text);
  const learned = learnedPrefix(text);
  // Native searches for a mark first (`#` at a line's start, knitr's `## `
  // anywhere): the expression's scan of a large text costs more.
  const commented =
    (text.charCodeAt(0) === 0x23 ||
      text.includes('\n#') ||
      text.includes('## ')) &&
    COMMENTED_SUMMARY.test(text);
  if (!logged && !learned && !commented) {
    return norm;
  }
  const parts: string[] = [];
  let starts = new Int32Array(64);
  let froms = new Int32Array(64);
  let count = 0;
  let length = 0;
  const n = text.length;
  for (let at = 0; at < n;) {
    const nl = text.indexOf('\n', at);
    const next = nl === -1 ? n : nl + 1;
    // Only the line's first characters are looked at for the prefix.
    const head = text.slice(at, Math.min(next, at + 120));
    const skip =
      (logged ? logPrefixLength(head) : 0) ||
      (learned ? (learned.exec(head)?.[0].length ?? 0) : 0) ||
      (commented ? commentMarkLength(head) : 0);
    const from = at + skip;
    if (count === starts.length) {
      starts = grown(starts);
      froms = grown(froms);
    }
    // A line without a prefix continues the previous run.
    if (
      skip > 0 ||
      count === 0 ||
      froms[count - 1] + (length - starts[count - 1]) !== from
    ) {
      starts[count] = length;
      froms[count] = from;
      count++;
    }
    parts.push(text.slice(from, next));
    length += next - from;
    at = next;
  }
  const map = new StrippedMap(starts, froms, count, norm.map);
  return new MappedText(parts.join(''), map, norm.originalLength);
}
