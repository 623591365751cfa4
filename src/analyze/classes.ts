/**
 * Layer classes several parts of the analysis name: one list, so that
 * what keeps a size (meaning.ts), what has no weights (params/registry.ts)
 * and what forces its inputs equal (carry.ts) agree.
 */

/** Keras's element-wise merge layers: every input has the output's shape. */
export const ELEMENTWISE_MERGES = [
  'Add',
  'Subtract',
  'Multiply',
  'Average',
  'Maximum',
  'Minimum'
];
