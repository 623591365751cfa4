/**
 * The shape rules by class name: one table for Keras's layers (built from
 * each family's table) and one for `keras.src.ops` operations, which share
 * some names with layers (Add, Concatenate, Dot) but not their rules.
 */
import { ATTENTION_RULES } from './attention';
import { CONV_RULES } from './conv';
import { CORE_RULES } from './core';
import { MERGING_RULES } from './merging';
import { OP_RULES } from './ops';
import { POOLING_RULES } from './pooling';
import { RECURRENT_RULES } from './recurrent';
import { RESHAPING_RULES } from './reshaping';
import type { ShapeRule } from './types';

export const LAYER_RULES: Readonly<Record<string, ShapeRule>> = {
  ...CORE_RULES,
  ...CONV_RULES,
  ...POOLING_RULES,
  ...RESHAPING_RULES,
  ...RECURRENT_RULES,
  ...ATTENTION_RULES,
  ...MERGING_RULES
};

export { OP_RULES };

/**
 * Modules of the layers these rules are Keras's own rules for. A class of
 * the same name defined elsewhere (a notebook's own `Attention`) is a
 * custom layer: it gets no rule.
 */
const BUILT_IN =
  /^(keras|tf_keras|keras_core|tensorflow\.python\.keras|tensorflow\.keras)\./;
const OPS = /^(keras|keras_core)\.src\.ops\./;

/** The rule of a layer class by name (for wrappers, whose inner layer's module is not sent). */
export function layerRule(className: string): ShapeRule | undefined {
  return Object.hasOwn(LAYER_RULES, className)
    ? LAYER_RULES[className]
    : undefined;
}

/** The rule for a row's class and module, or undefined when none is known. */
export function ruleFor(
  className: string,
  module: string
): ShapeRule | undefined {
  if (OPS.test(module)) {
    return Object.hasOwn(OP_RULES, className) ? OP_RULES[className] : undefined;
  }
  return module === '' || BUILT_IN.test(module)
    ? layerRule(className)
    : undefined;
}
