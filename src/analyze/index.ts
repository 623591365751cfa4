/** Dimension roles and lineage, from a parsed summary. Pure: no DOM. */
export * from './types';
export { analyzeRows, analyzeSummary } from './summary';
export type { RowAnalysis } from './summary';
export { compareSizes } from './agreement';
export type { AxisTruth, SizeAgreement } from './agreement';
export { formatCount } from './format';
export {
  axisKind,
  axisMeaning,
  AXIS_LETTER,
  BATCH_MEANING,
  keepsSize
} from './meaning';
export type { AxisKind } from './meaning';
export { refIndexes, rowInputs } from './inputs';
export { explainAllParams, explainParams, paramFamily } from './params';
export type { Family, ParamFormula, ParamTerm } from './params';
export {
  DEFAULT_DTYPE,
  DTYPE_NAMES,
  DTYPES,
  isDtype,
  isSize,
  MAX_SIZE,
  parseByteSize,
  readableBytes,
  sizeGroupsOf,
  whatIf
} from './whatif';
export type { DtypeName, Missing, RowMemory, Sizes, WhatIf } from './whatif';
