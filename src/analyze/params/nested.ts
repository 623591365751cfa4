/** The "formula" of a nested model's row: the sum of its own layers. */
import { formatCount } from '../format';
import { made, term, unexplained } from './build';
import type { ParamContext, ParamExplainers, ParamFormula } from './types';

const f = formatCount;

function nested(c: ParamContext): ParamFormula | null {
  if (c.children.length === 0 || c.children.some(r => r.params === null)) {
    return null;
  }
  const parts = c.children.filter(r => (r.params ?? 0) > 0);
  const sum = parts.reduce((s, r) => s + (r.params ?? 0), 0);
  if (sum !== c.count || parts.length === 0) {
    return unexplained(c.count, `its layers add up to ${f(sum)}`);
  }
  return made(
    c.count,
    parts.map(r => f(r.params ?? 0)).join(' + '),
    parts.map(r => term(r.name, r.params ?? 0, f(r.params ?? 0))),
    { notes: ['a nested model: the sum of its own layers'] }
  );
}

export const NESTED: Pick<ParamExplainers, 'model'> = { model: nested };
