/**
 * Attention: the output follows the query's length, whatever the value's
 * (Attention and AdditiveAttention: the query's axes but the last, the
 * value's features; MultiHeadAttention and GroupedQueryAttention: the
 * query's shape, or its axes but the last and `output_shape`).
 *
 * Which input is a key and which a mask is not in the payload (both come as
 * tensors after the value), so the key/value agreement MultiHeadAttention
 * checks is not checked here.
 */
import { intOf, table } from './config';
import type { Shape, ShapeRule } from './types';

/** The query's axes but the last, then sizes the payload fixes (to the output's rank). */
function queryLed(query: Shape, rank: number): Shape {
  const lead = query.slice(0, -1);
  return lead.concat(Array(Math.max(rank - lead.length, 0)).fill(null));
}

/** Attention([query, value, key?]): (…query, value features); scores (…query, key length). */
const dotAttention: ShapeRule = call => {
  const [query, value] = call.inputs;
  if (!query || !value || !call.outputs[0]) {
    return null;
  }
  const out = [...query.slice(0, -1), value[value.length - 1]];
  const shapes = [out];
  if (call.outputs.length > 1) {
    const key = call.inputs.length === 3 ? call.inputs[2] : value;
    shapes.push([...query.slice(0, -1), key[key.length - 2] ?? null]);
  }
  return { shapes };
};

/**
 * MultiHeadAttention(query, value, key?): the query's shape (its last axis
 * replaced by `output_shape` when set: the payload's sizes); with
 * return_attention_scores, Keras 3's scores (batch, heads, query length,
 * query length).
 */
const multiHead: ShapeRule = call => {
  const [query] = call.inputs;
  const out = call.outputs[0];
  if (!query || !out) {
    return null;
  }
  const shapes = [queryLed(query, out.length)];
  if (call.outputs.length > 1) {
    shapes.push([
      query[0],
      intOf(call.config, 'num_heads'),
      query[1],
      query[1]
    ]);
  }
  return { shapes };
};

/** GroupedQueryAttention: the query's shape; scores (batch, heads, query length, key length). */
const groupedQuery: ShapeRule = call => {
  const [query, value] = call.inputs;
  if (!query || !value) {
    return null;
  }
  const shapes = [query.slice()];
  if (call.outputs.length > 1) {
    const key = call.inputs.length === 3 ? call.inputs[2] : value;
    shapes.push([
      query[0],
      intOf(call.config, 'num_query_heads'),
      query[1],
      key[1] ?? null
    ]);
  }
  return { shapes };
};

export const ATTENTION_RULES: Record<string, ShapeRule> = {
  ...table(['Attention', 'AdditiveAttention'], dotAttention),
  MultiHeadAttention: multiHead,
  ...table(['GroupedQueryAttention', 'GroupQueryAttention'], groupedQuery)
};
