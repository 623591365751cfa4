/**
 * The formula of MultiHeadAttention: four projections, with num_heads ×
 * key_dim inferred from the count (the split is not printed).
 */
import { formatCount } from '../format';
import { div, lastDim, made, splits, term, unexplained } from './build';
import type { ParamContext, ParamExplainers, ParamFormula } from './types';

const f = formatCount;

function mha(c: ParamContext): ParamFormula | null {
  const dq = lastDim(c.ins[0]);
  const dv = c.ins.length > 1 ? lastDim(c.ins[1]) : dq;
  const dk = c.ins.length > 2 ? lastDim(c.ins[2]) : dv;
  const dOut = lastDim(c.outs[0]) ?? dq;
  if (dq === null || dv === null || dk === null || dOut === null) {
    return null;
  }
  for (const bias of [true, false]) {
    const b = bias ? 1 : 0;
    const hk = div(c.count - b * dOut, dq + dk + dv + 3 * b + dOut);
    if (hk === null || hk < 1) {
      continue;
    }
    const proj = (d: number) =>
      bias ? `(${f(d)} + 1) × ${f(hk)}` : `${f(d)} × ${f(hk)}`;
    const terms = [
      term('query projection', (dq + b) * hk, proj(dq)),
      term('key projection', (dk + b) * hk, proj(dk)),
      term('value projection', (dv + b) * hk, proj(dv)),
      // The output projection maps num_heads × key_dim back to the output size.
      term(
        'output projection',
        (hk + b) * dOut,
        bias ? `(${f(hk)} + 1) × ${f(dOut)}` : `${f(hk)} × ${f(dOut)}`
      )
    ];
    const same = dq === dk && dk === dv;
    const expr = same
      ? `3 × ${proj(dq)} + ${terms[3].text}`
      : terms.map(t => t.text).join(' + ');
    const examples = splits(hk);
    const notes = [
      `num_heads × key_dim = ${f(hk)} inferred from the count` +
        (examples.length
          ? ` (the split is not printed: e.g. ${examples.join(', ')})`
          : '') +
        '; value_dim = key_dim assumed'
    ];
    if (!bias) {
      notes.push('no biases (use_bias=False)');
    }
    return made(c.count, expr, terms, { notes });
  }
  return unexplained(
    c.count,
    `no num_heads × key_dim gives 3 × (${f(dq)} + 1) × h·k + (h·k + 1) × ${f(dOut)}`
  );
}

export const ATTENTION: Pick<ParamExplainers, 'mha'> = { mha };
