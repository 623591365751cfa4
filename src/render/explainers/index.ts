/**
 * What each control explains, by kind: one explainer per kind of control in
 * a table, so a new kind is one more entry (and one more file), not one
 * more branch in a switch that imports every kind. The view decides where
 * the explanation goes (`explanationNode` makes its dialog).
 */
import type {
  ControlKind,
  ExplainContext,
  Explainer,
  Explanation
} from '../types';
import type { ControlRef } from '../types';
import { explainDim } from './dims';
import { explainParams } from './params';
import { explainRef } from './refs';
import { explainMultiple, explainUnbuilt, explainUnknownShape } from './shapes';

export const EXPLAINERS: Readonly<Record<ControlKind, Explainer>> = {
  dim: explainDim,
  unknownShape: explainUnknownShape,
  multiple: explainMultiple,
  unbuilt: explainUnbuilt,
  ref: explainRef,
  params: explainParams
};

/** The explanation of a control. Never throws for rows or axes it does not know. */
export function explain(ctx: ExplainContext, ref: ControlRef): Explanation {
  return EXPLAINERS[ref.kind](ctx, ref);
}

export { explanationNode } from './dialog';
