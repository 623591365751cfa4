/**
 * Which rows feed each row: the rows named in `Connected to` for functional
 * models, and the previous row at the same nesting depth otherwise. The first
 * row inside an expanded nested model is fed by its parent's inputs.
 *
 * One pass over the rows, each reference read once (`readRef`) and looked
 * up in maps of the rows seen so far (`NameIndex`): linear in rows +
 * references.
 */
import type { LayerRow, TensorShape } from '../parse/types';
import { nameCutAtEdge } from '../parse/cells';
import { layerDepth } from './nesting';

export interface RowInput {
  /** Index of the feeding row. */
  row: number;
  /** Which of its output tensors (from `[node][tensor]`), or null for all. */
  tensor: number | null;
  /** Which call of the feeding layer (the node index of `[node][tensor]`), or null when not printed. */
  node: number | null;
  /** Index of the reference in the row's `connectedTo`, or -1 for an input taken from row order. */
  ref: number;
}

const CUT_MARK = '…';

export function rowInputs(
  layers: LayerRow[],
  hasConnections: boolean
): RowInput[][] {
  const result: RowInput[][] = new Array(layers.length);
  // latest[d]: the most recent row at depth d (deeper entries are dropped
  // whenever a shallower row closes their block).
  const latest: number[] = [];
  const names = new NameIndex();

  for (let i = 0; i < layers.length; i++) {
    const layer = layers[i];
    // A depth may jump by more than one; never past the blocks open now.
    const d = Math.min(layerDepth(layer), latest.length);
    const parent = d > 0 ? latest[d - 1] : -1;
    let own: RowInput[] = [];
    const refs = layer.connectedTo;
    if (hasConnections && refs.length > 0) {
      for (let k = 0; k < refs.length; k++) {
        const ref = readRef(refs[k]);
        const row = names.find(ref, parent, i);
        if (row !== undefined && row !== i) {
          own.push({ row, tensor: ref.tensor, node: ref.node, ref: k });
        }
      }
    } else if (!hasConnections || d > 0) {
      const prev = latest[d];
      if (prev !== undefined && prev > parent) {
        own.push({ row: prev, tensor: null, node: null, ref: -1 });
      } else if (parent >= 0) {
        // The first layer of a nested model sees what its parent sees.
        own = [...result[parent]];
      }
    }
    result[i] = own;
    latest[d] = i;
    if (latest.length > d + 1) {
      latest.length = d + 1;
    }
    names.add(layer.name, parent, i, nameCutAtEdge(layer));
  }
  return result;
}

/** The shape a feeding row passes on: the referenced tensor, or its first; null when not printed. */
export function feedingShape(
  source: LayerRow,
  tensor: number | null
): TensorShape | null {
  if (source.shapeKind !== 'tensors' || source.tensors.length === 0) {
    return null;
  }
  return source.tensors[tensor ?? 0] ?? source.tensors[0];
}

/** A `Connected to` reference, read. */
export interface Ref {
  text: string;
  /** The layer it names: without `…` and without its `[node]` and `[tensor]` indexes, whole or cut. */
  name: string;
  /** Cut by rich: ends with `…`. */
  cut: boolean;
  /** The name is whole: not cut, or cut after it (in its indexes, `name[0…`). */
  whole: boolean;
  /** The node index, as far as it was printed (see `refIndexes`). */
  node: number | null;
  /** The number in a final `[n]` of the text as printed, or null. */
  tensor: number | null;
}

/** Where the last group `group` found starts (its `[`), its digits, and whether it was closed. */
let groupOpen = 0;
let groupDigits = '';
let groupClosed = false;

/**
 * Whether a `[digits]` group (or `[digits` cut short) ends at `end` in `s`;
 * if so, `groupOpen`, `groupDigits` and `groupClosed` describe it.
 */
function group(s: string, end: number): boolean {
  let k = end - 1;
  groupClosed = k >= 0 && s.charCodeAt(k) === 0x5d; /* ] */
  if (groupClosed) {
    k--;
  }
  const last = k;
  while (k >= 0) {
    const c = s.charCodeAt(k);
    if (c < 0x30 || c > 0x39) {
      break;
    }
    k--;
  }
  if (k < 0 || s.charCodeAt(k) !== 0x5b /* [ */) {
    return false;
  }
  groupOpen = k;
  groupDigits = k === last ? '' : s.slice(k + 1, last + 1);
  return true;
}

/** Read a reference once: the name it points at and its indexes. */
export function readRef(text: string): Ref {
  const cut = text.endsWith(CUT_MARK);
  const end = cut ? text.length - 1 : text.length;
  // The name: drop up to two `[node]`/`[tensor]` groups, whole or cut,
  // never the first character.
  let nameEnd = end;
  for (let k = 0; k < 2; k++) {
    if (group(text, nameEnd) && groupOpen > 0) {
      nameEnd = groupOpen;
    } else {
      break;
    }
  }
  let node: number | null = null;
  let tensor: number | null = null;
  if (group(text, end)) {
    if (!cut) {
      // `name[node][tensor]`: both groups whole, with digits.
      if (groupClosed && groupDigits !== '') {
        tensor = Number(groupDigits);
        if (group(text, groupOpen) && groupClosed && groupDigits !== '') {
          node = Number(groupDigits);
        }
      }
    } else if (
      // `name[0]…` keeps the node in a whole last group; `name[0][…` or
      // `name[0][1…` in the whole group before a cut one.
      (groupClosed || group(text, groupOpen)) &&
      groupClosed &&
      groupDigits !== ''
    ) {
      node = Number(groupDigits);
    }
  }
  return {
    text,
    name: nameEnd === text.length ? text : text.slice(0, nameEnd),
    cut,
    whole: !cut || nameEnd < end,
    node,
    tensor: cut ? null : tensor
  };
}

/** How far back a row by row search looks (only for odd tables, see `MAX_LENGTHS`). */
const CUT_LOOKBACK = 2000;

/**
 * Distinct lengths of cut references (or of cut names) indexed before the
 * search falls back to looking back `CUT_LOOKBACK` rows, row by row: a
 * table holds a handful (its columns' widths), and the bound keeps odd
 * input linear.
 */
const MAX_LENGTHS = 64;

/**
 * The names of the rows seen so far, for `find`.
 *
 * A whole name (a reference not cut, or cut only in its `[node][tensor]`)
 * names the row with that name: inside the same nested model first, then
 * model-wide; failing that, the nearest earlier row whose own name rich cut
 * (`conv2_block1_1_c…`) and that the name starts with. A name cut by rich
 * (`block_3_project…`) can be any row whose name starts so (or a cut name
 * it starts with): it names the nearest earlier one, even when a row of
 * exactly that shorter name stands further up.
 *
 * Both searches are answered from maps kept as rows are added: for each
 * length L a cut reference has had, the first L characters of every name →
 * the latest row with them; every cut name (without its `…`) → the latest
 * row with it.
 */
class NameIndex {
  /** Name → first row with it. */
  private byName = new Map<string, number>();
  /** Name → latest row with it, among the model's own rows, and inside each enclosing row. */
  private top = new Map<string, number>();
  private byBlock = new Map<number, Map<string, number>>();
  /** The rows' names, in order: `count` of them added so far. */
  private names: string[] = [];
  private count = 0;
  /** First L characters of a bare name, for each length L indexed → latest row. */
  private byPrefix = new Map<string, number>();
  private prefixLengths: number[] = [];
  /** Bare cut name → latest row, and the lengths such names have. */
  private byCutName = new Map<string, number>();
  private cutLengths = new Set<number>();
  /** Set when the maps would grow past `MAX_LENGTHS`: searches then look back row by row. */
  private scanOnly = false;

  /** `atEdge`: the name may be cut with no mark (`nameCutAtEdge`); it is indexed as a cut name. */
  add(name: string, parent: number, row: number, atEdge = false): void {
    let block = parent < 0 ? this.top : this.byBlock.get(parent);
    if (!block) {
      block = new Map();
      this.byBlock.set(parent, block);
    }
    block.set(name, row);
    if (!this.byName.has(name)) {
      this.byName.set(name, row);
    }
    const marked = name.endsWith(CUT_MARK);
    // Kept with a mark, so the searches below take it as cut.
    this.names.push(atEdge && !marked ? name + CUT_MARK : name);
    this.count++;
    const cut = marked || atEdge;
    if (!cut && this.prefixLengths.length === 0) {
      return;
    }
    const bare = marked ? name.slice(0, -1) : name;
    for (const length of this.prefixLengths) {
      if (bare.length >= length) {
        this.byPrefix.set(
          bare.length === length ? bare : bare.slice(0, length),
          row
        );
      }
    }
    if (cut) {
      this.byCutName.set(bare, row);
      this.cutLengths.add(bare.length);
      if (this.cutLengths.size > MAX_LENGTHS) {
        this.scanOnly = true;
      }
    }
  }

  /** The row a reference of row `i` names, or undefined. */
  find(ref: Ref, parent: number, i: number): number | undefined {
    const name = ref.name;
    if (ref.whole && !name.endsWith(CUT_MARK)) {
      const block = parent < 0 ? this.top : this.byBlock.get(parent);
      const exact = block?.get(name) ?? this.byName.get(name);
      if (exact !== undefined) {
        return exact;
      }
      if (this.cutLengths.size === 0) {
        return undefined;
      }
      const row = this.scanOnly
        ? this.scan(name, i, false)
        : this.nearestCutName(name);
      return row >= 0 ? row : undefined;
    }
    const prefix = name.endsWith(CUT_MARK) ? name.slice(0, -1) : name;
    if (prefix === '') {
      return undefined;
    }
    const row = this.scanOnly
      ? this.scan(prefix, i, true)
      : this.nearest(prefix);
    return row >= 0 ? row : undefined;
  }

  /** The latest row whose bare name starts with `prefix`, or whose cut name `prefix` starts with; -1 if none. */
  private nearest(prefix: string): number {
    const length = prefix.length;
    if (!this.prefixLengths.includes(length)) {
      if (this.prefixLengths.length >= MAX_LENGTHS) {
        this.scanOnly = true;
        return this.scan(prefix, this.count, true);
      }
      this.prefixLengths.push(length);
      this.names.forEach((name, row) => {
        const bare = name.endsWith(CUT_MARK) ? name.slice(0, -1) : name;
        if (bare.length >= length) {
          this.byPrefix.set(bare.slice(0, length), row);
        }
      });
    }
    return Math.max(
      this.byPrefix.get(prefix) ?? -1,
      this.nearestCutName(prefix)
    );
  }

  /** The latest row whose cut name `name` starts with; -1 if none. */
  private nearestCutName(name: string): number {
    let best = -1;
    for (const cutLength of this.cutLengths) {
      if (cutLength <= name.length) {
        const row = this.byCutName.get(
          cutLength === name.length ? name : name.slice(0, cutLength)
        );
        if (row !== undefined && row > best) {
          best = row;
        }
      }
    }
    return best;
  }

  /** The same answers, looking back row by row (for odd tables with many lengths). */
  private scan(prefix: string, i: number, starts: boolean): number {
    for (let k = i - 1; k >= 0 && k >= i - CUT_LOOKBACK; k--) {
      const name = this.names[k];
      const cut = name.endsWith(CUT_MARK);
      const bare = cut ? name.slice(0, -1) : name;
      if (
        (starts && bare.startsWith(prefix)) ||
        (cut && prefix.startsWith(bare))
      ) {
        return k;
      }
    }
    return -1;
  }
}

/**
 * The node index (which call of the layer) and the tensor index (which
 * output of that call) of a reference `name[node][tensor]`, as far as they
 * were printed: a reference cut with `…` may keep only the node index.
 */
export function refIndexes(text: string): {
  node: number | null;
  tensor: number | null;
} {
  const ref = readRef(text);
  return {
    node: ref.node,
    tensor: ref.node === null ? null : ref.tensor
  };
}
