/**
 * Formulas of the normalizations: BatchNormalization (with its
 * non-trainable moving statistics), LayerNormalization and
 * GroupNormalization.
 */
import { formatCount } from '../format';
import type { TensorShape } from '../../parse/types';
import { div, made, size, term, unexplained } from './build';
import type { ParamContext, ParamExplainers, ParamFormula } from './types';

const f = formatCount;

/** Candidate channel counts: the last axis, then axis 1, then the others. */
function channelAxes(
  shape: TensorShape | undefined
): { c: number; axis: number }[] {
  if (!shape || shape.length < 2) {
    return [];
  }
  const order = [shape.length - 1, 1, ...shape.map((_, i) => i).slice(2, -1)];
  const seen = new Set<number>();
  const out: { c: number; axis: number }[] = [];
  for (const axis of order) {
    const c = size(shape[axis]);
    if (c !== null && !seen.has(axis)) {
      seen.add(axis);
      out.push({ c, axis });
    }
  }
  return out;
}

const MOVING = 'updated by running averages during training, not by gradients';

function batchnorm(c: ParamContext): ParamFormula | null {
  const shape = c.outs[0] ?? c.ins[0] ?? undefined;
  const axes = channelAxes(shape);
  const variants = [
    { n: 4, trained: ['gamma (scale)', 'beta (offset)'], note: '' },
    {
      n: 3,
      trained: ['gamma or beta'],
      note: 'only one of gamma and beta (center=False or scale=False)'
    },
    {
      n: 2,
      trained: [],
      note: 'no gamma or beta (center=False and scale=False)'
    }
  ];
  if (axes.length === 0) {
    const ch = div(c.count, 4);
    if (ch === null) {
      return null;
    }
    return bnFormula(c.count, ch, variants[0], [
      `${f(ch)} channels inferred from the count (the shape is not printed)`
    ]);
  }
  for (const v of variants) {
    for (const { c: ch, axis } of axes) {
      if (v.n * ch === c.count) {
        const notes = v.note ? [v.note] : [];
        if (shape && axis !== shape.length - 1) {
          notes.push(`normalized over axis ${axis}, not the last axis`);
        }
        return bnFormula(c.count, ch, v, notes);
      }
    }
  }
  return unexplained(c.count, `4 × ${f(axes[0].c)} = ${f(4 * axes[0].c)}`);
}

function bnFormula(
  count: number,
  ch: number,
  v: { n: number; trained: string[] },
  notes: string[]
): ParamFormula {
  const terms = [
    ...v.trained.map(label => term(label, ch, f(ch))),
    term('moving mean', ch, f(ch)),
    term('moving variance', ch, f(ch))
  ];
  return made(count, `${v.n} × ${f(ch)}`, terms, {
    notes,
    nonTrainable: {
      value: 2 * ch,
      why: `moving mean and moving variance (2 × ${f(ch)}) are ${MOVING}`
    }
  });
}

/** LayerNormalization (over one or more trailing axes), or GroupNormalization (`group`: the last axis). */
function layernorm(c: ParamContext, group: boolean): ParamFormula | null {
  const shape = c.outs[0] ?? c.ins[0];
  if (!shape || shape.length < 2) {
    return null;
  }
  // LayerNormalization may normalize over several trailing axes; gamma and
  // beta then have their product as size.
  const candidates: { p: number; text: string }[] = [];
  const dims = shape.slice(1).map(size);
  const maxAxes = group ? 1 : dims.length;
  for (let n = 1; n <= maxAxes; n++) {
    const tail = dims.slice(dims.length - n);
    if (tail.some(d => d === null)) {
      break;
    }
    const p = (tail as number[]).reduce((a, b) => a * b, 1);
    candidates.push({
      p,
      text: n === 1 ? f(p) : `(${(tail as number[]).map(f).join(' × ')})`
    });
  }
  if (candidates.length === 0) {
    return null;
  }
  for (const { p, text } of candidates) {
    const multi = text.startsWith('(')
      ? [`normalized over the last axes together (${text.slice(1, -1)})`]
      : [];
    if (2 * p === c.count) {
      return made(
        c.count,
        `2 × ${text}`,
        [term('gamma (scale)', p, text), term('beta (offset)', p, text)],
        {
          notes: multi
        }
      );
    }
    if (p === c.count) {
      return made(c.count, text, [term('gamma or beta', p, text)], {
        notes: [
          ...multi,
          'only one of gamma and beta (center=False or scale=False)'
        ]
      });
    }
  }
  return unexplained(
    c.count,
    `2 × ${candidates[0].text} = ${f(2 * candidates[0].p)}`
  );
}

export const NORM: Pick<
  ParamExplainers,
  'batchnorm' | 'layernorm' | 'groupnorm'
> = {
  batchnorm,
  layernorm: c => layernorm(c, false),
  groupnorm: c => layernorm(c, true)
};
