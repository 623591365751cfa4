/**
 * What changed between two summaries: which layers were added or removed,
 * and which changed name, type, output shape, parameter count or
 * trainability; and how the totals moved. Pure: no DOM.
 *
 * Layers are aligned first by name (with the names of the nested models
 * they sit in, so `dense` inside `block` is not `dense` at the top), then,
 * for the rest, by position and type: between two layers matched by name,
 * the k-th unmatched layer of a type on one side pairs with the k-th of the
 * same type on the other (a renamed layer: Keras numbers `dense_7` and
 * `dense_9` by creation order, not by role). A layer that matches nothing is
 * added or removed; a different type under the same name is a changed type.
 */
import type { LayerRow, Summary, Totals } from '../parse/types';
import { layerDepth as depthOf, parentNames, parentRows } from './nesting';

/** A field of a row that can differ. */
export type LayerField = 'name' | 'type' | 'shape' | 'params' | 'trainable';

export type ChangeKind = 'added' | 'removed' | 'changed' | 'same';

export interface LayerChange {
  kind: ChangeKind;
  /** Row index in the first summary, or null for an added layer. */
  a: number | null;
  /** Row index in the second summary, or null for a removed layer. */
  b: number | null;
  /** What differs (empty unless `changed`). */
  fields: LayerField[];
  /** How the two rows were paired; null for added and removed layers. */
  matchedBy: 'name' | 'position' | null;
  /** Second count minus first, when both are counts. */
  paramsDelta: number | null;
}

export type TotalsField = 'total' | 'trainable' | 'nonTrainable' | 'optimizer';

export interface TotalsChange {
  field: TotalsField;
  a: number | null;
  b: number | null;
  /** b - a when both are known. */
  delta: number | null;
}

export interface Comparison {
  /** Every layer of both summaries once, in the second summary's order, removed ones where they were. */
  rows: LayerChange[];
  totals: TotalsChange[];
  counts: Record<ChangeKind, number>;
}

const CUT = '\u2026';

/** Equal, or one was cut by Keras (`…`) where the other goes on. */
export function sameText(a: string, b: string): boolean {
  if (a === b) {
    return true;
  }
  const cutA = a.endsWith(CUT) ? a.slice(0, -1) : null;
  const cutB = b.endsWith(CUT) ? b.slice(0, -1) : null;
  return (
    (cutA !== null && cutA !== '' && b.startsWith(cutA)) ||
    (cutB !== null && cutB !== '' && a.startsWith(cutB))
  );
}

/** The names of the row's enclosing models, from the top, joined. */
function parentPath(layers: LayerRow[], up: number[], i: number): string {
  return parentNames(layers, up, i).join('\u0000');
}

function sameShape(a: LayerRow, b: LayerRow): boolean {
  if (a.shapeKind === 'tensors' && b.shapeKind === 'tensors') {
    // Structured, so tf.keras' `[(None, 8)]` for an input equals Keras 3's `(None, 8)`.
    return (
      JSON.stringify(a.tensors) === JSON.stringify(b.tensors) &&
      JSON.stringify(a.tensorKeys ?? null) ===
        JSON.stringify(b.tensorKeys ?? null)
    );
  }
  const norm = (s: string) =>
    String(s ?? '')
      .replace(/\s+/g, ' ')
      .trim();
  return (
    a.shapeKind === b.shapeKind &&
    sameText(norm(a.outputShape), norm(b.outputShape))
  );
}

function sameParams(a: LayerRow, b: LayerRow): boolean {
  if (a.unbuilt || b.unbuilt) {
    return a.unbuilt === b.unbuilt;
  }
  if (a.params !== null && b.params !== null) {
    return a.params === b.params && a.unused === b.unused;
  }
  return sameText(a.paramsText ?? '', b.paramsText ?? '');
}

function paramsDelta(a: LayerRow, b: LayerRow): number | null {
  if (a.unbuilt || b.unbuilt || a.params === null || b.params === null) {
    return null;
  }
  return b.params - a.params;
}

function differences(a: LayerRow, b: LayerRow): LayerField[] {
  const fields: LayerField[] = [];
  if (!sameText(a.name, b.name)) {
    fields.push('name');
  }
  if (!sameText(a.type, b.type)) {
    fields.push('type');
  }
  if (!sameShape(a, b)) {
    fields.push('shape');
  }
  if (!sameParams(a, b)) {
    fields.push('params');
  }
  // A summary printed without show_trainable says nothing: not a change.
  if (
    a.trainable !== null &&
    b.trainable !== null &&
    a.trainable !== b.trainable
  ) {
    fields.push('trainable');
  }
  return fields;
}

/** Pair rows by name (within the same enclosing models). Returns partner of each A row, or -1. */
function matchByName(a: LayerRow[], b: LayerRow[]): number[] {
  const upA = parentRows(a);
  const upB = parentRows(b);
  const partner = a.map(() => -1);
  const taken = b.map(() => false);
  const byKey = new Map<string, number[]>();
  b.forEach((layer, j) => {
    const key = `${parentPath(b, upB, j)}\u0001${layer.name}`;
    const list = byKey.get(key);
    if (list) {
      list.push(j);
    } else {
      byKey.set(key, [j]);
    }
  });
  a.forEach((layer, i) => {
    const list = byKey.get(`${parentPath(a, upA, i)}\u0001${layer.name}`);
    const j = list?.find(k => !taken[k]);
    if (j !== undefined) {
      partner[i] = j;
      taken[j] = true;
    }
  });
  // Names Keras cut with `…`: the same name when the rest agrees.
  a.forEach((layer, i) => {
    if (partner[i] >= 0) {
      return;
    }
    const j = b.findIndex(
      (other, k) =>
        !taken[k] &&
        depthOf(other) === depthOf(layer) &&
        (layer.name.endsWith(CUT) || other.name.endsWith(CUT)) &&
        sameText(layer.name, other.name)
    );
    if (j >= 0) {
      partner[i] = j;
      taken[j] = true;
    }
  });
  return partner;
}

/**
 * Pair the rest by position and type, gap by gap between rows already
 * paired (in both orders), so a pairing never jumps over a matched layer.
 */
function matchByPosition(
  a: LayerRow[],
  b: LayerRow[],
  partner: number[]
): boolean[] {
  const byPosition = a.map(() => false);
  const taken = b.map(() => false);
  partner.forEach(j => {
    if (j >= 0) {
      taken[j] = true;
    }
  });
  let startA = 0;
  let startB = 0;
  const anchors: [number, number][] = [];
  partner.forEach((j, i) => {
    if (j >= 0) {
      anchors.push([i, j]);
    }
  });
  anchors.push([a.length, b.length]);
  for (const [endA, endB] of anchors) {
    if (endB >= startB) {
      for (let i = startA; i < endA; i++) {
        if (partner[i] >= 0) {
          continue;
        }
        for (let j = startB; j < endB; j++) {
          if (
            !taken[j] &&
            depthOf(a[i]) === depthOf(b[j]) &&
            sameText(a[i].type, b[j].type)
          ) {
            partner[i] = j;
            taken[j] = true;
            byPosition[i] = true;
            // Keep order: later A rows pair only with later B rows.
            startB = j + 1;
            break;
          }
        }
      }
      startB = Math.max(startB, endB + 1);
    }
    startA = endA + 1;
  }
  return byPosition;
}

function totalsChanges(
  a: Totals | undefined,
  b: Totals | undefined
): TotalsChange[] {
  const fields: TotalsField[] = [
    'total',
    'trainable',
    'nonTrainable',
    'optimizer'
  ];
  const num = (v: unknown) =>
    typeof v === 'number' && Number.isFinite(v) ? v : null;
  return fields
    .map(field => {
      const x = num(a?.[field]);
      const y = num(b?.[field]);
      return {
        field,
        a: x,
        b: y,
        delta: x !== null && y !== null ? y - x : null
      };
    })
    .filter(t => t.a !== null || t.b !== null);
}

export function compareSummaries(first: Summary, second: Summary): Comparison {
  const a = first?.layers ?? [];
  const b = second?.layers ?? [];
  const partner = matchByName(a, b);
  const byPosition = matchByPosition(a, b, partner);
  const fromB = b.map(() => -1);
  partner.forEach((j, i) => {
    if (j >= 0) {
      fromB[j] = i;
    }
  });

  const pairOf = (i: number, j: number): LayerChange => {
    const fields = differences(a[i], b[j]);
    return {
      kind: fields.length > 0 ? 'changed' : 'same',
      a: i,
      b: j,
      fields,
      matchedBy: byPosition[i] ? 'position' : 'name',
      paramsDelta: paramsDelta(a[i], b[j])
    };
  };
  const removed = (i: number): LayerChange => ({
    kind: 'removed',
    a: i,
    b: null,
    fields: [],
    matchedBy: null,
    paramsDelta: null
  });

  // The second summary's order; each removed row right after the row
  // that follows its nearest paired predecessor in the first summary.
  const rows: LayerChange[] = [];
  let nextA = 0;
  const flushRemovedUpTo = (end: number) => {
    for (; nextA < end; nextA++) {
      if (partner[nextA] < 0) {
        rows.push(removed(nextA));
      }
    }
  };
  b.forEach((_, j) => {
    const i = fromB[j];
    if (i >= 0) {
      flushRemovedUpTo(i);
      nextA = Math.max(nextA, i + 1);
      rows.push(pairOf(i, j));
    } else {
      rows.push({
        kind: 'added',
        a: null,
        b: j,
        fields: [],
        matchedBy: null,
        paramsDelta: null
      });
    }
  });
  flushRemovedUpTo(a.length);

  const counts: Record<ChangeKind, number> = {
    added: 0,
    removed: 0,
    changed: 0,
    same: 0
  };
  for (const row of rows) {
    counts[row.kind]++;
  }
  return { rows, totals: totalsChanges(first?.totals, second?.totals), counts };
}
