/**
 * Recurrent layers over (batch, time, features): the sequence or the last
 * step, and the states with `return_state`; Bidirectional (its merge modes)
 * and TimeDistributed, which apply another layer's rule.
 */
import { boolOf, first, intOf, table, times } from './config';
import type { RuleCall, RuleResult, Shape, ShapeRule } from './types';

/** Config facts of a wrapped layer or cell, as the payload nests them: `{class, name, config}`. */
interface Inner {
  className: string;
  config: Record<string, unknown>;
}

function innerOf(config: RuleCall['config'], key: string): Inner | null {
  const inner = config[key] as
    { class?: unknown; config?: unknown } | undefined | null;
  if (!inner || typeof inner !== 'object' || typeof inner.class !== 'string') {
    return null;
  }
  const cfg = inner.config;
  return {
    className: inner.class,
    config:
      cfg && typeof cfg === 'object' ? (cfg as Record<string, unknown>) : {}
  };
}

/**
 * An RNN: (batch, time, …) → (batch, time, units) with return_sequences,
 * else (batch, units); each state (batch, units). The units are the
 * layer's (or its cell's), else the payload's fixed size.
 */
const rnn: ShapeRule = call => {
  const x = first(call);
  const out = call.outputs[0];
  if (!x || x.length < 3 || !out) {
    return null;
  }
  const sequences =
    call.config.return_sequences === undefined
      ? out.length === x.length
      : boolOf(call.config, 'return_sequences', false);
  const units =
    intOf(call.config, 'units') ??
    intOf(innerOf(call.config, 'cell')?.config ?? {}, 'units');
  const fill = (lead: Shape, rank: number): Shape => {
    const shape = lead.concat(
      Array(Math.max(rank - lead.length, 0)).fill(null)
    );
    if (units !== null && rank === lead.length + 1) {
      shape[rank - 1] = units;
    }
    return shape;
  };
  const shapes = [fill(sequences ? [x[0], x[1]] : [x[0]], out.length)];
  for (const state of call.outputs.slice(1)) {
    shapes.push(fill([x[0]], state.length));
  }
  return { shapes };
};

/**
 * Bidirectional: the forward layer's rule, then the merge: `concat` doubles
 * the features, `sum`/`mul`/`ave` keep them, `None` returns both
 * directions; with return_state each direction's states follow.
 */
const bidirectional: ShapeRule = call => {
  const forward =
    innerOf(call.config, 'forward_layer') ?? innerOf(call.config, 'layer');
  const rule = forward && call.ruleOf(forward.className);
  if (!forward || !rule) {
    return null;
  }
  const mode =
    call.config.merge_mode === undefined ? 'concat' : call.config.merge_mode;
  const both = mode === null;
  const start = both ? 2 : 1;
  const perDirection = (call.outputs.length - start) / 2;
  if (!Number.isInteger(perDirection) || perDirection < 0) {
    return null;
  }
  const sequence = call.outputs[0].slice();
  sequence[sequence.length - 1] = null;
  const fwd = rule({
    ...call,
    className: forward.className,
    config: forward.config,
    outputs: [sequence, ...call.outputs.slice(start, start + perDirection)]
  });
  if (!fwd || fwd.flag) {
    return fwd;
  }
  const [out, ...states] = fwd.shapes;
  const merged = out.slice();
  if (mode === 'concat') {
    merged[merged.length - 1] = times(out[out.length - 1], 2);
  }
  const heads = both ? [out, out.slice()] : [merged];
  return { shapes: [...heads, ...states, ...states.map(s => s.slice())] };
};

/** TimeDistributed: the wrapped layer on (batch, …) for each step of axis 1. */
const timeDistributed: ShapeRule = call => {
  const x = first(call);
  const inner = innerOf(call.config, 'layer');
  const rule = inner && call.ruleOf(inner.className);
  if (!x || x.length < 3 || !inner || !rule) {
    return null;
  }
  const drop = (s: Shape) => [s[0], ...s.slice(2)];
  const result: RuleResult = rule({
    ...call,
    className: inner.className,
    config: inner.config,
    inputs: [drop(x), ...call.inputs.slice(1)],
    outputs: call.outputs.map(drop)
  });
  if (!result) {
    return null;
  }
  if (result.flag) {
    const flag = result.flag;
    return flag.kind === 'tooSmall' || flag.kind === 'mismatch'
      ? { flag: { ...flag, axis: flag.axis >= 1 ? flag.axis + 1 : flag.axis } }
      : { flag };
  }
  return {
    shapes: result.shapes.map(s => [s[0], x[1], ...s.slice(1)])
  };
};

export const RECURRENT_RULES: Record<string, ShapeRule> = {
  ...table(['SimpleRNN', 'LSTM', 'GRU', 'RNN', 'CuDNNLSTM', 'CuDNNGRU'], rnn),
  Bidirectional: bidirectional,
  TimeDistributed: timeDistributed
};
