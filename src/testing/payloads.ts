/**
 * Made-up kernel payloads (the real ones are in `fixtures/kernel-*`): a few
 * rows for the shape engine's edge cases, or many for its bench, with or
 * without `dims`, read through the same reader as the captured ones.
 * Test and bench only.
 */
import { readPayload } from '../parse/payload';
import type { Payload, PayloadRow } from '../parse/payload-types';
import type { Summary } from '../parse/types';

export interface RowSpec {
  name: string;
  cls: string;
  module?: string;
  /** One list per call: its input tensors, then its output tensors. */
  calls: [number[], number[]][];
  config?: Record<string, unknown>;
  parent?: number | null;
}

export interface PayloadSpec {
  tensors: (number | null)[][];
  rows: RowSpec[];
  inputs: number[];
  outputs?: number[];
  /** Tensor id → size id per axis (null: fixed); absent: no dims. */
  axes?: Record<number, (string | null)[]>;
  framework?: 'keras' | 'tf_keras';
  token?: string | null;
}

export function payloadOf(spec: PayloadSpec): Payload {
  const made = new Map<
    number,
    { row: number; node: number; output: number; name: string }
  >();
  spec.rows.forEach((r, row) =>
    r.calls.forEach(([, outs], node) =>
      outs.forEach((t, output) =>
        made.set(t, { row, node, output, name: r.name })
      )
    )
  );
  const layers: PayloadRow[] = spec.rows.map((r, id) => ({
    id,
    name: r.name,
    class: r.cls,
    module: r.module ?? `keras.src.layers.${r.cls.toLowerCase()}`,
    depth: r.parent === undefined || r.parent === null ? 0 : 1,
    parent: r.parent ?? null,
    built: true,
    params: 0,
    trainable: null,
    nodes: r.calls.map(([ins, outs], index) => ({
      index,
      in: ins.map(t => {
        const m = made.get(t);
        return {
          layer: m?.name ?? `input_${t}`,
          node: m?.node ?? 0,
          output: m?.output ?? 0,
          row: m?.row ?? null,
          tensor: t
        };
      }),
      out: outs
    })),
    shape_source: 'node',
    outputs: r.calls.length ? r.calls[r.calls.length - 1][1] : null,
    ...(r.config ? { config: r.config } : {})
  }));
  const sources = spec.axes
    ? [
        { id: 'batch', kind: 'batch' as const },
        ...spec.inputs.flatMap((t, i) =>
          spec.tensors[t]
            .map((d, axis) => ({ d, axis }))
            .filter(({ d, axis }) => axis > 0 && d === null)
            .map(({ axis }) => ({
              id: `i${i}.${axis}`,
              kind: 'input' as const,
              input: `in${i}`,
              input_index: i,
              axis
            }))
        )
      ]
    : undefined;
  return {
    version: [1, 0],
    producer: {
      package: 'jupyterlab_keras_summary',
      package_version: '0',
      framework: spec.framework ?? 'keras',
      framework_version: '0',
      backend: 'jax'
    },
    call: {
      line_length: null,
      positions: null,
      expand_nested: spec.rows.some(
        r => r.parent !== undefined && r.parent !== null
      ),
      show_trainable: false,
      layer_range: null,
      table_width: 100,
      sequential_like: false
    },
    model: {
      name: 'handwritten',
      class: 'Functional',
      module: 'keras.src.models.functional',
      kind: 'functional',
      built: true,
      sequential_like: false,
      inputs: spec.inputs.map((tensor, i) => ({ name: `in${i}`, tensor })),
      outputs: (spec.outputs ?? []).map(tensor => ({ tensor })),
      token: spec.token === undefined ? 'keras:0123abcd' : spec.token
    },
    tensors: spec.tensors.map(shape => ({ shape, dtype: 'float32' })),
    layers,
    totals: {
      total: 0,
      trainable: 0,
      non_trainable: 0,
      optimizer: 0,
      optimizer_class: null,
      bytes: { total: 0, trainable: 0, non_trainable: 0, optimizer: 0 }
    },
    dims: spec.axes
      ? {
          status: 'ok',
          sources,
          sizes: [],
          axes: Object.fromEntries(
            Object.entries(spec.axes).map(([t, ids]) => [t, ids])
          )
        }
      : { status: 'skipped', reason: 'handwritten' },
    limits: { rows: spec.rows.length, omitted: [], light_rows: 0 }
  };
}

export function summaryOf(spec: PayloadSpec): Summary {
  const reading = readPayload(payloadOf(spec));
  if (!reading.summary) {
    throw new Error(reading.error);
  }
  return reading.summary;
}
