/**
 * Every layer family's parameter formula, in one table keyed by family
 * (`TypeInfo.family`, see registry.ts). A family added to `TypeInfo`
 * without an entry here does not compile.
 */
import { ATTENTION } from './attention';
import { CONV } from './conv';
import { DENSE } from './dense';
import { NESTED } from './nested';
import { NORM } from './norm';
import { RECURRENT } from './recurrent';
import type { ParamExplainer, ParamExplainers, TypeInfo } from './types';

export const EXPLAINERS: ParamExplainers = {
  ...DENSE,
  ...CONV,
  ...RECURRENT,
  ...NORM,
  ...ATTENTION,
  ...NESTED,
  // Layers that never hold weights have no formula: a count of 0 is
  // "no weights = 0" before any explainer runs, any other is not explained.
  weightless: () => null
};

/** The explainer of a resolved class. */
export function explainerOf(info: TypeInfo): ParamExplainer {
  return EXPLAINERS[info.family] as ParamExplainer;
}
