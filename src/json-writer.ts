/**
 * JSON written a piece at a time, byte for byte what `JSON.stringify(value,
 * null, space)` gives for the whole value: for a document too large to hold
 * as one string (the CLI's report of a 100,000-layer summary). Objects and
 * arrays are opened and closed by hand; every value inside them is
 * stringified whole, at its depth, and encoded as UTF-8 straight into the
 * current chunk of bytes: no long string, and no copy of one, is made.
 *
 * A value at depth d is stringified inside d arrays (`[[[value]]]`) and cut
 * out of them: `JSON.stringify` then indents its lines as they are in the
 * whole document, with no pass over the text to move them in.
 */

const isFiniteNumber = (v: unknown) =>
  typeof v === 'number' && Number.isFinite(v) && !Object.is(v, -0);

/** Bytes gathered before they are handed on. */
const CHUNK = 1 << 20;

/** Text shorter than this is gathered (separators, keys) before it is encoded. */
const SMALL = 256;

const UTF8 = new TextEncoder();

export class JsonWriter {
  /**
   * `write` gets the UTF-8 bytes, a megabyte at a time (a new array each
   * time); `space` is `JSON.stringify`'s: 2 for the CLI's default,
   * undefined for `--compact`.
   */
  constructor(
    private readonly write: (bytes: Uint8Array) => void,
    private readonly space: number | undefined
  ) {}

  /** Open an object (`{`) or an array (`[`): as a member's value, give its key. */
  open(bracket: '{' | '[', key?: string): void {
    this.startMember(key);
    this.emit(bracket);
    this.empty.push(true);
  }

  /** Close the innermost object or array. */
  close(bracket: '}' | ']'): void {
    const empty = this.empty.pop();
    if (!empty && this.space) {
      this.emit(this.newline(this.empty.length));
    }
    this.emit(bracket);
  }

  /** One member or element, stringified whole; undefined is skipped, as `JSON.stringify` does in an object. */
  value(value: unknown, key?: string): void {
    const text = this.stringify(value, this.empty.length);
    if (text === undefined && key !== undefined) {
      return;
    }
    this.startMember(key);
    this.emit(text ?? 'null');
  }

  /**
   * Several elements of the current array, stringified in one call (much
   * cheaper than one call each, for thousands of small objects).
   */
  elements(items: unknown[]): void {
    if (items.length === 0) {
      return;
    }
    const level = this.empty.length;
    // The items as an array one level up: its elements land at this level.
    const text = this.stringify(items, level - 1) ?? '[]';
    const close = this.space ? this.newline(level - 1).length + 1 : 1;
    const first = this.empty[level - 1];
    this.empty[level - 1] = false;
    if (!first) {
      this.emit(',');
    }
    this.emit(text.slice(1, text.length - close));
  }

  /** End the document with a newline and hand on what is left. */
  end(): void {
    this.emit('\n');
    this.encode(this.small);
    this.small = '';
    this.handOn();
  }

  private small = '';
  private bytes = new Uint8Array(CHUNK);
  private used = 0;
  /** One entry per open object or array: true while it is still empty. */
  private empty: boolean[] = [];
  private newlines: string[] = [];
  /** Per depth: how many characters the arrays around a value add before and after it. */
  private wrap: [number, number][] = [];

  /** `value` as `JSON.stringify` writes it at `depth` inside a document. */
  private stringify(value: unknown, depth: number): string | undefined {
    if (
      !this.space ||
      depth === 0 ||
      value === null ||
      typeof value !== 'object'
    ) {
      return JSON.stringify(value, null, this.space);
    }
    if (Array.isArray(value) && value.every(isFiniteNumber)) {
      // A list of numbers (a layer's dimension ids): written directly.
      if (value.length === 0) {
        return '[]';
      }
      const pad = this.newline(depth + 1);
      return '[' + pad + value.join(',' + pad) + this.newline(depth) + ']';
    }
    let nested: unknown = value;
    for (let k = 0; k < depth; k++) {
      nested = [nested];
    }
    const text = JSON.stringify(nested, null, this.space);
    const [before, after] = this.wrapOf(depth);
    return text.slice(before, text.length - after);
  }

  private wrapOf(depth: number): [number, number] {
    let wrap = this.wrap[depth];
    if (!wrap) {
      let nested: unknown = 0;
      for (let k = 0; k < depth; k++) {
        nested = [nested];
      }
      const text = JSON.stringify(nested, null, this.space);
      const at = text.indexOf('0');
      wrap = [at, text.length - at - 1];
      this.wrap[depth] = wrap;
    }
    return wrap;
  }

  private startMember(key: string | undefined): void {
    const level = this.empty.length;
    if (level > 0) {
      const first = this.empty[level - 1];
      this.empty[level - 1] = false;
      this.emit((first ? '' : ',') + (this.space ? this.newline(level) : ''));
    }
    if (key !== undefined) {
      this.emit(JSON.stringify(key) + (this.space ? ': ' : ':'));
    }
  }

  /** A newline and the indentation of `depth`. */
  private newline(depth: number): string {
    let text = this.newlines[depth];
    if (text === undefined) {
      text = '\n' + ' '.repeat((this.space ?? 0) * depth);
      this.newlines[depth] = text;
    }
    return text;
  }

  /** Text, in order: small pieces are gathered, larger ones encoded at once. */
  private emit(text: string): void {
    if (text.length < SMALL) {
      this.small += text;
      if (this.small.length < SMALL) {
        return;
      }
      text = this.small;
      this.small = '';
    } else if (this.small !== '') {
      this.encode(this.small);
      this.small = '';
    }
    this.encode(text);
  }

  private encode(text: string): void {
    for (;;) {
      const { read, written } = UTF8.encodeInto(
        text,
        this.used === 0 ? this.bytes : this.bytes.subarray(this.used)
      );
      this.used += written;
      if (read === text.length) {
        return;
      }
      // The chunk is full (a character that does not fit is left whole).
      text = text.slice(read);
      this.handOn();
    }
  }

  private handOn(): void {
    if (this.used > 0) {
      this.write(this.bytes.subarray(0, this.used));
      this.bytes = new Uint8Array(CHUNK);
      this.used = 0;
    }
  }
}
