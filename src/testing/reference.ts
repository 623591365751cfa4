/**
 * The analysis and the CLI's JSON as first written (047c82e), kept as the
 * reference the linear implementation (src/analyze/dims.ts, inputs.ts,
 * src/report.ts) is checked against: the same rules, in the plainest form,
 * quadratic where they were (a cut reference scans back row by row, every
 * dimension sorts its own consumer list, every connection searches its
 * row's inputs). Test-only. A rule changed in src/analyze is changed here
 * too, in the same plain form (since: a cut reference names the nearest row
 * it can be; a name cut at the column's edge with no mark is matched as a
 * cut one; several inputs of a call follow the layer class's rule, from
 * src/analyze/carry.ts, which has tests of its own). The parameter formulas
 * are not re-implemented (they take the rows' inputs and children from here).
 * Exact axes from a kernel payload are not handled here.
 */
import { nameCutAtEdge, referencedLayer } from '../parse/cells';
import type { LayerRow, Summary, TensorShape } from '../parse/types';
import { carry, hasOneInputRule } from '../analyze/carry';
import { layerDepth } from '../analyze/nesting';
import type { RowInput } from '../analyze/inputs';
import {
  AXIS_LETTER,
  AxisKind,
  axisKind,
  axisMeaning,
  keepsSize
} from '../analyze/meaning';
import { explainRow } from '../analyze/params';
import { batchFact } from '../analyze/rows';
import type {
  DimFact,
  DimSource,
  LineageFact,
  SizeFact,
  SummaryFacts
} from '../analyze/types';

function refIndexes(ref: string): {
  node: number | null;
  tensor: number | null;
} {
  const cut = ref.endsWith('…');
  const text = cut ? ref.slice(0, -1) : ref;
  if (!cut) {
    const both = /\[(\d+)\]\[(\d+)\]$/.exec(text);
    return both
      ? { node: Number(both[1]), tensor: Number(both[2]) }
      : { node: null, tensor: null };
  }
  const node = /\[(\d+)\](?:\[\d*)?$/.exec(text);
  return { node: node ? Number(node[1]) : null, tensor: null };
}

export function referenceInputs(
  layers: LayerRow[],
  hasConnections: boolean
): RowInput[][] {
  const result: RowInput[][] = layers.map(() => []);
  const latest: number[] = [];
  const byName = new Map<string, number>();
  const byBlockName = new Map<string, number>();
  layers.forEach((layer, i) => {
    const d = Math.min(layerDepth(layer), latest.length);
    const parent = d > 0 ? latest[d - 1] : -1;
    if (hasConnections && layer.connectedTo.length > 0) {
      layer.connectedTo.forEach((ref, k) => {
        const name = referencedLayer(ref);
        const cut = ref.endsWith('…');
        // The name is whole unless rich cut the reference inside it.
        const whole =
          (!cut || name !== ref.slice(0, -1)) && !name.endsWith('…');
        const row = whole
          ? (byBlockName.get(`${parent}\u0000${name}`) ??
            byName.get(name) ??
            nearest(layers, i, name, false))
          : nearest(layers, i, name.replace(/…$/, ''), true);
        if (row !== undefined && row !== i) {
          const last = /\[(\d+)\]$/.exec(ref);
          result[i].push({
            row,
            tensor: last ? Number(last[1]) : null,
            node: refIndexes(ref).node,
            ref: k
          });
        }
      });
    } else if (!hasConnections || d > 0) {
      const prev = latest[d];
      if (prev !== undefined && prev > parent) {
        result[i].push({ row: prev, tensor: null, node: null, ref: -1 });
      } else if (parent >= 0) {
        result[i] = [...result[parent]];
      }
    }
    latest[d] = i;
    latest.length = d + 1;
    byBlockName.set(`${parent}\u0000${layer.name}`, i);
    if (!byName.has(layer.name)) {
      byName.set(layer.name, i);
    }
  });
  return result;
}

/**
 * The nearest earlier row whose name rich cut and `name` starts with; or,
 * when `starts`, also one whose name starts with `name` (a cut reference).
 */
function nearest(
  layers: LayerRow[],
  i: number,
  name: string,
  starts: boolean
): number | undefined {
  if (name === '') {
    return undefined;
  }
  for (let k = i - 1; k >= 0; k--) {
    const marked = layers[k].name.endsWith('…');
    const cut = marked || nameCutAtEdge(layers[k]);
    const bare = marked ? layers[k].name.slice(0, -1) : layers[k].name;
    if ((starts && bare.startsWith(name)) || (cut && name.startsWith(bare))) {
      return k;
    }
  }
  return undefined;
}

/** A set of nodes, as an array of each node's set representative (the smallest node). */
function join(owner: number[], a: number, b: number): void {
  const ra = rep(owner, a);
  const rb = rep(owner, b);
  const keep = Math.min(ra, rb);
  const drop = Math.max(ra, rb);
  for (let k = 0; k < owner.length; k++) {
    if (owner[k] === drop) {
      owner[k] = keep;
    }
  }
}

function rep(owner: number[], x: number): number {
  return owner[x];
}

interface Node {
  row: number;
  tensor: number;
  axis: number;
  kind: AxisKind;
}

export function referenceFacts(summary: Summary): SummaryFacts {
  const layers = summary.layers;
  const hasConnections = summary.columns.some(c => c.kind === 'connected');
  const inputs = referenceInputs(layers, hasConnections);
  // Calls: as many as the largest node index naming the row, when the
  // row's own references split evenly into them.
  const calls = layers.map(() => 1);
  for (const list of inputs) {
    for (const input of list) {
      if (input.node !== null && input.node + 1 > calls[input.row]) {
        calls[input.row] = input.node + 1;
      }
    }
  }
  const callOf = inputs.map((list, i) => {
    const n = calls[i];
    const k = layers[i].connectedTo.length;
    if (
      n > 1 &&
      list.every(x => x.ref >= 0) &&
      list.length === k &&
      k % n === 0
    ) {
      return list.map(x => Math.floor(x.ref / (k / n)));
    }
    calls[i] = 1;
    return list.map(() => 0);
  });
  const nodes: Node[] = [];
  const open: number[][][] = [];
  const lineage: number[] = [];
  const size: number[] = [];
  const consumed: [number, number][] = [];
  layers.forEach((layer, i) => {
    const mine: number[][] = [];
    for (let c = 0; c < calls[i]; c++) {
      const outs: number[] = [];
      layer.tensors.forEach((shape, t) => {
        shape.forEach((dim, axis) => {
          if (axis > 0 && dim === null) {
            lineage.push(nodes.length);
            size.push(nodes.length);
            outs.push(nodes.length);
            nodes.push({
              row: i,
              tensor: t,
              axis,
              kind: axisKind(shape, axis, layer.type)
            });
          }
        });
      });
      mine.push(outs);
    }
    open.push(mine);
    for (let c = 0; c < calls[i]; c++) {
      const arriving: number[] = [];
      // Each distinct tensor feeding the call, with its nodes.
      const fed = new Map<
        string,
        { shape: TensorShape | null; nodes: number[] }
      >();
      inputs[i].forEach((input, k) => {
        if (callOf[i][k] !== c) {
          return;
        }
        const from = open[input.row];
        const index =
          input.node !== null && input.node < from.length
            ? input.node
            : from.length - 1;
        const mineNow = from[index].filter(
          d => input.tensor === null || nodes[d].tensor === input.tensor
        );
        arriving.push(...mineNow);
        const key = `${input.row}/${index}/${input.tensor}`;
        if (!fed.has(key)) {
          const source = layers[input.row];
          fed.set(key, {
            shape:
              source.shapeKind === 'tensors' && source.tensors.length > 0
                ? (source.tensors[input.tensor ?? 0] ?? source.tensors[0])
                : null,
            nodes: mineNow
          });
        }
      });
      const sources = [...fed.values()];
      const rule =
        sources.length > 1 ||
        (sources.length === 1 && hasOneInputRule(layer.type))
          ? carry(
              layer.type,
              {
                shapes: layer.tensors,
                open: mine[c].map(o => ({
                  tensor: nodes[o].tensor,
                  axis: nodes[o].axis
                }))
              },
              sources.map(x => ({
                shape: x.shape,
                open: x.nodes.map(d => ({
                  tensor: nodes[d].tensor,
                  axis: nodes[d].axis
                }))
              })),
              keepsSize(layer.type)
            )
          : null;
      if (rule) {
        const carried = new Set<number>();
        for (const [j, k, a, sameSize] of rule.joins) {
          const d = sources[k].nodes[a];
          join(lineage, d, mine[c][j]);
          if (sameSize) {
            join(size, d, mine[c][j]);
          }
          carried.add(d);
        }
        for (const [k1, a1, k2, a2] of rule.equal) {
          join(lineage, sources[k1].nodes[a1], sources[k2].nodes[a2]);
          join(size, sources[k1].nodes[a1], sources[k2].nodes[a2]);
        }
        for (const x of sources) {
          for (const d of x.nodes) {
            if (!carried.has(d)) {
              consumed.push([d, i]);
            }
          }
        }
        continue;
      }
      for (const d of arriving) {
        const same = mine[c].filter(o => nodes[o].axis === nodes[d].axis);
        for (const o of same) {
          join(lineage, d, o);
          if (keepsSize(layer.type)) {
            join(size, d, o);
          }
        }
        if (same.length === 0) {
          consumed.push([d, i]);
        }
      }
    }
  });
  // Lineage ids in order of their first node; size ids after them.
  const lineageIds = [...new Set(lineage)];
  const idOf = (node: number) => `v${lineageIds.indexOf(lineage[node])}`;
  const lineageLabels: Record<string, string> = {};
  lineageIds.forEach(first => {
    const letter = AXIS_LETTER[nodes[first].kind];
    const same = lineageIds.filter(f => AXIS_LETTER[nodes[f].kind] === letter);
    lineageLabels[idOf(first)] =
      same.length > 1 ? `${letter}${same.indexOf(first) + 1}` : letter;
  });
  lineageLabels.batch = 'B';
  const consumersOf = (node: number) =>
    [
      ...new Set(
        consumed.filter(([d]) => lineage[d] === lineage[node]).map(([, r]) => r)
      )
    ].sort((a, b) => a - b);

  const sizes: Record<string, SizeFact> = {
    batch: {
      lineage: 'batch',
      origin: null,
      derived: false,
      label: 'B',
      exact: false
    }
  };
  const sizeIdOf = new Map<number, string>();
  for (const first of new Set(size)) {
    const id = idOf(first);
    const derived = lineage[first] !== first;
    const before = [...sizeIdOf.keys()].filter(
      f => derived && lineage[f] === lineage[first] && f !== lineage[first]
    );
    const k = before.length + 1;
    const sizeId = derived ? `${id}.${k}` : id;
    sizeIdOf.set(first, sizeId);
    const primes = ['′', '″', '‴'][k - 1] ?? `′${k}`;
    sizes[sizeId] = {
      lineage: id,
      origin: nodes[first].row,
      derived,
      label: lineageLabels[id] + (derived ? primes : ''),
      exact: false
    };
  }
  const lineages: LineageFact[] = lineageIds.map(first => ({
    id: idOf(first),
    label: lineageLabels[idOf(first)],
    kind: nodes[first].kind,
    origin: nodes[first].row,
    consumers: consumersOf(first),
    fromInput: inputs[nodes[first].row].length === 0
  }));
  const sourceOf = (node: number): DimSource | null => {
    const first = nodes[lineage[node]];
    if (inputs[first.row].length > 0) {
      return null;
    }
    return layers[first.row].type.trim() === 'InputLayer'
      ? { input: layers[first.row].name, row: first.row, axis: first.axis }
      : { input: null, row: null, axis: first.axis };
  };
  const children = (index: number) => {
    const depth = layers[index].depth;
    const out: LayerRow[] = [];
    for (let i = index + 1; i < layers.length && layers[i].depth > depth; i++) {
      if (layers[i].depth === depth + 1) {
        out.push(layers[i]);
      }
    }
    return out;
  };

  return {
    layers: layers.map((layer, i) => {
      const dims: DimFact[] = [];
      const printed = open[i][open[i].length - 1];
      layer.tensors.forEach((shape, t) => {
        const first = shape[0];
        if (first === null || typeof first === 'number') {
          dims.push(batchFact(t, first));
        }
        shape.forEach((dim, axis) => {
          if (axis === 0 || dim !== null) {
            return;
          }
          const node = printed.find(
            d => nodes[d].tensor === t && nodes[d].axis === axis
          )!;
          const origin = nodes[lineage[node]].row;
          const consumers = consumersOf(node);
          const kind = axisKind(shape, axis, layer.type);
          dims.push({
            tensor: t,
            axis,
            role: 'variable',
            value: null,
            meaning: axisMeaning(kind),
            kind,
            lineage: idOf(node),
            origin,
            consumer: consumers.length > 0 ? consumers[0] : null,
            consumers,
            fromInput: inputs[origin].length === 0,
            sizeGroup: sizeIdOf.get(size[node])!,
            source: sourceOf(node),
            size: sizeIdOf.get(size[node])!,
            sizeOrigin: nodes[size[node]].row,
            exact: false
          });
        });
      });
      return {
        dims,
        inputs: inputs[i].map(x => x.row),
        calls: open[i].map(outs => ({
          open: outs.map(d => ({
            tensor: nodes[d].tensor,
            axis: nodes[d].axis,
            lineage: idOf(d),
            size: sizeIdOf.get(size[d])!,
            sizeGroup: sizeIdOf.get(size[d])!
          }))
        })),
        connections: layer.connectedTo.map((text, ref) => {
          const k = inputs[i].findIndex(x => x.ref === ref);
          const { node, tensor } = refIndexes(text);
          return {
            ref,
            row: k >= 0 ? inputs[i][k].row : null,
            node,
            tensor,
            call: k >= 0 ? callOf[i][k] : 0
          };
        }),
        formula: explainRow(summary, i, inputs, children(i))
      };
    }),
    lineageLabels,
    sizeGroups: sizes,
    sizes,
    lineages,
    sequential: !hasConnections
  };
}

/** The CLI's JSON for one summary, in its first shape (contract 1). */
export function referenceReport(summary: Summary): Record<string, unknown> {
  const facts = referenceFacts(summary);
  const nameOf = (row: number | null) =>
    row === null ? null : (summary.layers[row]?.name ?? null);
  const { layers, ...rest } = summary;
  return {
    ...rest,
    layers: layers.map((layer, i) => ({
      ...layer,
      dims: facts.layers[i].dims.map(d => ({
        tensor: d.tensor,
        axis: d.axis,
        role: d.role,
        meaning: d.meaning,
        value: d.value === '?' ? null : d.value,
        lineage: d.lineage,
        label: facts.lineageLabels[d.lineage] ?? '',
        origin: nameOf(d.origin),
        consumers: d.consumers.map(r => summary.layers[r].name)
      })),
      formula: facts.layers[i].formula
    }))
  };
}
