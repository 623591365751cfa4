/** Dimension roles and lineage, from a parsed summary. Pure: no DOM. */
export * from './types';
export { analyzeSummary } from './dims';
export { axisKind, axisMeaning, AXIS_LETTER, BATCH_MEANING } from './meaning';
export type { AxisKind } from './meaning';
export { rowInputs } from './inputs';
export { explainAllParams, explainParams, paramFamily } from './params';
export type { ParamFormula, ParamTerm } from './params';
