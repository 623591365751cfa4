/**
 * Rows of nested models: a row's depth, the row it sits in, and the names of
 * the models around it. Pure: no DOM. Shared by the comparison (which aligns
 * layers by their path) and the table's filter (which shows that path).
 */
import type { LayerRow } from '../parse/types';

/** The depth of a row as a whole number, 0 for a missing or odd one. */
export function layerDepth(layer: LayerRow | undefined): number {
  const depth = Math.floor(Number(layer?.depth));
  return Number.isFinite(depth) && depth > 0 ? depth : 0;
}

/** Each row's enclosing row (the nearest one above with a smaller depth), or -1. */
export function parentRows(layers: LayerRow[]): number[] {
  const result: number[] = [];
  const stack: number[] = [];
  layers.forEach((layer, i) => {
    const depth = layerDepth(layer);
    while (
      stack.length > 0 &&
      layerDepth(layers[stack[stack.length - 1]]) >= depth
    ) {
      stack.pop();
    }
    result.push(stack.length > 0 ? stack[stack.length - 1] : -1);
    stack.push(i);
  });
  return result;
}

/** The names of the models row `index` sits in, outermost first. */
export function parentNames(
  layers: LayerRow[],
  parents: number[],
  index: number
): string[] {
  const names: string[] = [];
  // Parents always lie above their rows; the guard only bounds odd input.
  let guard = 0;
  for (let p = parents[index]; p >= 0 && guard++ < layers.length;) {
    names.unshift(layers[p].name);
    p = parents[p];
  }
  return names;
}
