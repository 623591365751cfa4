/**
 * Exact shapes for kernel summaries, in the page: the shape engine, the
 * exact what-if, the sizes it asks for, and "check in the kernel".
 */
export * from './types';
export { computeShapes } from './engine';
export { exactFields } from './fields';
export type { SizeField } from './fields';
export { exactWhatIf } from './whatif';
export type { ExactRowMemory, ExactWhatIf } from './whatif';
export { LAYER_RULES, OP_RULES, ruleFor } from './rules';
export {
  CHECK_KEY,
  checkExpression,
  checkRequest,
  compareWithKernel,
  readCheckReply,
  tokenOf
} from './check';
export type {
  CheckRefusal,
  CheckRequest,
  KernelCheck,
  KernelComparison,
  RowDifference
} from './check';
export { checkInKernel } from './kernel';
export type { CheckKernel, KernelCheckOutcome } from './kernel';
