/**
 * Read the kernel companion's payload into a `Summary`, the same type a
 * parsed text becomes, so that everything above the parser is one code
 * path. The summary says `source: 'kernel'`; each row keeps the kernel's
 * facts (`LayerRow.kernel`: weights, config, every call), and the summary
 * keeps the model's (`Summary.kernel`: tensors, exact dimensions, token).
 *
 * The printed text that travels in the same bundle (`text/plain`) is parsed
 * too, for what only the text has: where each row sits in it, and cells
 * exactly as Keras printed them (dict keys, `multiple`, `0 (unbuilt)`).
 * It is used only when its rows line up with the payload's.
 *
 * Pure: no DOM. Never throws: a payload it cannot read gives a reason.
 */
import { formatCount } from './format';
import { CUT_MARK } from './cells';
import { parseText } from './parse';
import {
  PAYLOAD_MAJOR,
  Payload,
  PayloadRow,
  PayloadTensor
} from './payload-types';
import type {
  ColumnKind,
  Dim,
  ExactAxis,
  LayerRow,
  Summary,
  TensorShape,
  Totals
} from './types';

export type PayloadReading =
  | { summary: Summary; error?: undefined }
  | { summary?: undefined; error: string };

const TITLES: Record<ColumnKind, string> = {
  layer: 'Layer (type)',
  shape: 'Output Shape',
  params: 'Param #',
  connected: 'Connected to',
  trainable: 'Trainable'
};

/**
 * A summary from a payload and the text printed beside it, or why not:
 * an unknown major version, or a payload that is not what the schema says
 * (fields we do not know are not an error).
 */
export function readPayload(data: unknown, text = ''): PayloadReading {
  let problem: string | null;
  try {
    problem = checkPayload(data);
  } catch {
    problem = 'the payload could not be read';
  }
  if (problem) {
    return { error: problem };
  }
  try {
    return { summary: buildSummary(data as Payload, text) };
  } catch (error) {
    return { error: `the payload could not be read (${String(error)})` };
  }
}

/** The payload's version, or null when it has none that can be read. */
export function payloadVersion(data: unknown): [number, number] | null {
  const v = (data as { version?: unknown } | null)?.version;
  return Array.isArray(v) &&
    v.length >= 2 &&
    Number.isInteger(v[0]) &&
    Number.isInteger(v[1])
    ? [v[0], v[1]]
    : null;
}

// ---- Checks ----------------------------------------------------------------

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => Number.isInteger(v);
const isIntOrNull = (v: unknown) => v === null || isInt(v);

/** What is wrong with a payload, or null when it can be read. */
function checkPayload(data: unknown): string | null {
  if (!isObject(data)) {
    return 'the payload is not a JSON object';
  }
  const version = payloadVersion(data);
  if (!version) {
    return 'the payload has no version';
  }
  if (version[0] !== PAYLOAD_MAJOR) {
    return `payload version ${version[0]}.${version[1]} is not known to this extension (it reads ${PAYLOAD_MAJOR}.x)`;
  }
  const { producer, call, model, tensors, layers, totals } = data;
  if (!isObject(producer) || typeof producer.framework !== 'string') {
    return 'the payload has no producer';
  }
  if (!isObject(call) || !isObject(model) || typeof model.name !== 'string') {
    return 'the payload has no model';
  }
  if (!Array.isArray(tensors) || !tensors.every(checkTensor)) {
    return 'the payload has malformed tensors';
  }
  if (!Array.isArray(layers)) {
    return 'the payload has no rows';
  }
  for (let i = 0; i < layers.length; i++) {
    const why = checkRow(layers[i], i, tensors.length, layers.length);
    if (why) {
      return `row ${i} of the payload ${why}`;
    }
  }
  if (
    !isObject(totals) ||
    !['total', 'trainable', 'non_trainable'].every(k => isInt(totals[k]))
  ) {
    return 'the payload has no totals';
  }
  return null;
}

function checkTensor(t: unknown): boolean {
  return (
    isObject(t) &&
    (t.shape === null || (Array.isArray(t.shape) && t.shape.every(isIntOrNull)))
  );
}

function checkRow(
  r: unknown,
  index: number,
  tensors: number,
  rows: number
): string | null {
  if (!isObject(r)) {
    return 'is not an object';
  }
  if (typeof r.name !== 'string' || typeof r.class !== 'string') {
    return 'has no name or class';
  }
  if (!isInt(r.depth) || r.depth < 0 || !isInt(r.params)) {
    return 'has no depth or count';
  }
  if (r.parent !== null && !(isInt(r.parent) && r.parent < index)) {
    return 'has a parent that is not a row above it';
  }
  const tensorOk = (t: unknown) => isInt(t) && t >= 0 && t < tensors;
  if (
    r.outputs !== null &&
    !(Array.isArray(r.outputs) && r.outputs.every(tensorOk))
  ) {
    return 'names output tensors that do not exist';
  }
  if (!Array.isArray(r.nodes)) {
    return 'has no calls';
  }
  for (const node of r.nodes) {
    if (
      !isObject(node) ||
      !Array.isArray(node.in) ||
      !Array.isArray(node.out) ||
      !node.out.every(tensorOk)
    ) {
      return 'has a malformed call';
    }
    for (const ref of node.in) {
      if (
        !isObject(ref) ||
        typeof ref.layer !== 'string' ||
        !isInt(ref.node) ||
        !isInt(ref.output) ||
        !tensorOk(ref.tensor) ||
        !(
          ref.row === null ||
          (isInt(ref.row) && ref.row >= 0 && ref.row < rows)
        )
      ) {
        return 'has a malformed reference';
      }
    }
  }
  if (r.weights !== undefined && !Array.isArray(r.weights)) {
    return 'has malformed weights';
  }
  return null;
}

// ---- The summary -----------------------------------------------------------

function buildSummary(payload: Payload, text: string): Summary {
  const keras3 = payload.producer.framework !== 'tf_keras';
  const printed = printedSummary(text, payload.layers);
  const columns: ColumnKind[] = ['layer', 'shape', 'params'];
  if (!payload.call.sequential_like) {
    columns.push('connected');
  }
  if (payload.call.show_trainable) {
    columns.push('trainable');
  }
  const end = text.length;
  const layers = payload.layers.map((row, i) =>
    buildRow(payload, row, printed?.layers[i] ?? null, keras3, end)
  );
  return {
    format: keras3 ? 'keras3' : 'keras2',
    model: payload.model.name,
    start: 0,
    end,
    columns: columns.map(kind => ({ title: TITLES[kind], kind })),
    layers,
    totals: buildTotals(payload, printed?.totals ?? null),
    parts: { heading: true, table: true, totals: true },
    warnings: [],
    source: 'kernel',
    kernel: withoutRows(payload)
  };
}

/** The payload but its rows (each row keeps its own facts). */
function withoutRows(payload: Payload): Omit<Payload, 'layers'> {
  const kernel: Partial<Payload> = { ...payload };
  delete kernel.layers;
  return kernel as Omit<Payload, 'layers'>;
}

/** The summary in the printed text, when its rows line up with the payload's. */
function printedSummary(text: string, rows: PayloadRow[]): Summary | null {
  if (!text) {
    return null;
  }
  let found: Summary | undefined;
  try {
    found = parseText(text).summaries[0];
  } catch {
    return null;
  }
  if (!found || found.layers.length !== rows.length) {
    return null;
  }
  const lineUp = found.layers.every((layer, i) => {
    const name = layer.name.endsWith(CUT_MARK)
      ? layer.name.slice(0, -CUT_MARK.length)
      : layer.name;
    return rows[i].name.startsWith(name) && layer.depth === rows[i].depth;
  });
  return lineUp ? found : null;
}

function buildRow(
  payload: Payload,
  row: PayloadRow,
  printed: LayerRow | null,
  keras3: boolean,
  end: number
): LayerRow {
  const tensors = rowTensors(payload.tensors, row);
  const multiple =
    row.shape_source === 'multiple' || printed?.shapeKind === 'multiple';
  const unbuilt = keras3 && row.built === false;
  return {
    name: row.name,
    type: row.class,
    depth: row.depth,
    outputShape: printed?.outputShape ?? shapeText(tensors, multiple),
    shapeKind: multiple ? 'multiple' : 'tensors',
    tensors: multiple ? [] : tensors,
    ...tensorKeysOf(row, printed, multiple),
    params: row.params,
    paramsText:
      printed?.paramsText ??
      (unbuilt ? '0 (unbuilt)' : formatCount(row.params)),
    unbuilt,
    unused: printed?.unused ?? false,
    trainable: row.trainable,
    connectedTo: payload.call.sequential_like
      ? []
      : row.nodes.flatMap(node =>
          node.in.map(ref => `${ref.layer}[${ref.node}][${ref.output}]`)
        ),
    cut: [],
    start: printed?.start ?? 0,
    end: printed?.end ?? end,
    ...(multiple ? {} : exactAxesOf(payload, row)),
    kernel: row
  };
}

/**
 * The kernel's exact source and size of every axis of the row's printed
 * tensors (`dims`: the perturbation of each open input axis in the live
 * graph). Nothing when the kernel did not work them out.
 */
function exactAxesOf(
  payload: Payload,
  row: PayloadRow
): { exactAxes?: (ExactAxis | null)[][] } {
  const dims = payload.dims;
  if (dims?.status !== 'ok' || !dims.axes || !row.outputs) {
    return {};
  }
  const sizes = new Map((dims.sizes ?? []).map(s => [s.id, s]));
  const sources = new Map((dims.sources ?? []).map(s => [s.id, s]));
  const sourceOf = (sizeId: string): ExactAxis['source'] => {
    const ids = sizes.get(sizeId)?.sources ?? [];
    if (ids.includes('batch')) {
      return 'batch';
    }
    const first = ids.length > 0 ? sources.get(ids[0]) : undefined;
    if (!first || first.kind !== 'input' || !isInt(first.axis)) {
      return null;
    }
    const input =
      first.input ??
      payload.model.inputs[first.input_index ?? -1]?.name ??
      `input ${first.input_index ?? '?'}`;
    return { input, axis: first.axis };
  };
  return {
    exactAxes: row.outputs.map(t =>
      (payload.tensors[t]?.shape ?? []).map((_, axis) => {
        const id = dims.axes?.[String(t)]?.[axis];
        return typeof id === 'string'
          ? { source: sourceOf(id), size: id }
          : null;
      })
    )
  };
}

/** A dict of outputs' keys: as printed, else the kernel's (tf-keras keeps them). */
function tensorKeysOf(
  row: PayloadRow,
  printed: LayerRow | null,
  multiple: boolean
): { tensorKeys?: string[] } {
  if (printed?.tensorKeys) {
    return { tensorKeys: printed.tensorKeys };
  }
  const keys = row.output_keys;
  return !multiple &&
    Array.isArray(keys) &&
    keys.length === (row.outputs?.length ?? -1) &&
    keys.every(k => typeof k === 'string')
    ? { tensorKeys: keys }
    : {};
}

/** The row's output tensors as the table shows them; `?` when Keras had none. */
function rowTensors(all: PayloadTensor[], row: PayloadRow): TensorShape[] {
  if (!row.outputs || row.shape_source === 'none') {
    return [['?']];
  }
  return row.outputs.map(id => {
    const shape = all[id]?.shape;
    return shape ? shape.map((d): Dim => d) : ['?'];
  });
}

/** `(None, 64)`, `[(None, 8), (None, 8)]`, as Keras writes Python tuples. */
function shapeText(tensors: TensorShape[], multiple: boolean): string {
  if (multiple) {
    return 'multiple';
  }
  const tuple = (t: TensorShape) =>
    t.length === 1 && t[0] === '?'
      ? '?'
      : `(${t.map(d => (d === null ? 'None' : String(d))).join(', ')}${t.length === 1 ? ',' : ''})`;
  return tensors.length === 1
    ? tuple(tensors[0])
    : `[${tensors.map(tuple).join(', ')}]`;
}

function buildTotals(payload: Payload, printed: Totals | null): Totals {
  const t = payload.totals;
  const optimizerShown = printed ? printed.optimizer !== null : t.optimizer > 0;
  const totals: Totals = {
    total: t.total,
    trainable: t.trainable,
    nonTrainable: t.non_trainable,
    optimizer: optimizerShown ? t.optimizer : null
  };
  const sizes: [keyof Totals, keyof PayloadTotalsBytes][] = [
    ['totalSize', 'total'],
    ['trainableSize', 'trainable'],
    ['nonTrainableSize', 'non_trainable'],
    ['optimizerSize', 'optimizer']
  ];
  for (const [key, bytes] of sizes) {
    const size =
      (printed?.[key] as string | undefined) ??
      (key === 'optimizerSize' && !optimizerShown
        ? undefined
        : readableBytes(t.bytes?.[bytes]));
    if (size !== undefined) {
      (totals as unknown as Record<string, unknown>)[key] = size;
    }
  }
  return totals;
}

type PayloadTotalsBytes = Payload['totals']['bytes'];

/** Bytes as Keras 3 writes them: `9.51 KB` (powers of 1024, two decimals). */
function readableBytes(bytes: unknown): string | undefined {
  if (typeof bytes !== 'number' || !Number.isFinite(bytes) || bytes < 0) {
    return undefined;
  }
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(2)} ${units[unit]}`;
}
