/**
 * Formulas of the dense family: Dense, EinsumDense (equation not printed:
 * tried from the shapes) and Embedding (vocabulary inferred from the count).
 */
import { formatCount } from '../format';
import { div, lastDim, made, size, term, unexplained } from './build';
import type { ParamContext, ParamExplainers, ParamFormula } from './types';

const f = formatCount;

function dense(c: ParamContext): ParamFormula | null {
  const units = lastDim(c.outs[0]);
  const inp = lastDim(c.ins[0]);
  if (units !== null && inp !== null) {
    if ((inp + 1) * units === c.count) {
      return denseWithBias(c.count, inp, units, []);
    }
    if (inp * units === c.count) {
      return made(
        c.count,
        `${f(inp)} × ${f(units)}`,
        [term('weights', inp * units, `${f(inp)} × ${f(units)}`)],
        {
          notes: ['no bias (use_bias=False): the count leaves no room for one']
        }
      );
    }
    return unexplained(
      c.count,
      `(${f(inp)} + 1) × ${f(units)} = ${f((inp + 1) * units)} and ${f(inp)} × ${f(units)} = ${f(inp * units)}`
    );
  }
  if (units !== null) {
    const q = div(c.count, units);
    if (q !== null && q >= 2) {
      return denseWithBias(c.count, q - 1, units, [
        `input size ${f(q - 1)} inferred from the count (${f(c.count)} / ${f(units)} − 1; the input size is not printed, a bias is assumed)`
      ]);
    }
    return unexplained(
      c.count,
      `${f(c.count)} is not (input + 1) × ${f(units)} for any input size`
    );
  }
  if (inp !== null) {
    const u = div(c.count, inp + 1);
    if (u !== null) {
      return denseWithBias(c.count, inp, u, [
        `${f(u)} units inferred from the count (the output shape is not printed; a bias is assumed)`
      ]);
    }
  }
  return null;
}

function denseWithBias(
  count: number,
  inp: number,
  units: number,
  notes: string[]
): ParamFormula {
  return made(
    count,
    `(${f(inp)} + 1) × ${f(units)}`,
    [
      term('weights', inp * units, `${f(inp)} × ${f(units)}`),
      term('biases', units, f(units))
    ],
    { notes }
  );
}

function einsum(c: ParamContext): ParamFormula | null {
  const inp = lastDim(c.ins[0]);
  const out = c.outs[0];
  if (inp === null || !out) {
    return null;
  }
  // The equation is not printed: try a kernel from the input's last axis to
  // the trailing output axes (`...c,cd->...d`, `abc,cde->abde`, ...).
  const dims = out.slice(1);
  for (let n = 1; n <= dims.length; n++) {
    const tail = dims.slice(dims.length - n).map(size);
    if (tail.some(d => d === null)) {
      break;
    }
    const p = (tail as number[]).reduce((a, b) => a * b, 1);
    const pText = (tail as number[]).map(f).join(' × ');
    const note = `the equation is not printed: a kernel from the last input axis (${f(inp)}) to the output axes ${pText} is assumed`;
    if ((inp + 1) * p === c.count) {
      return made(
        c.count,
        `(${f(inp)} + 1) × ${pText}`,
        [
          term('kernel', inp * p, `${f(inp)} × ${pText}`),
          term('bias', p, pText)
        ],
        { notes: [note] }
      );
    }
    if (inp * p === c.count) {
      return made(
        c.count,
        `${f(inp)} × ${pText}`,
        [term('kernel', inp * p, `${f(inp)} × ${pText}`)],
        {
          notes: [note, 'no bias']
        }
      );
    }
  }
  return unexplained(
    c.count,
    `no kernel from ${f(inp)} input features to the output axes gives the count`
  );
}

function embedding(c: ParamContext): ParamFormula | null {
  const dim = lastDim(c.outs[0]);
  if (dim === null) {
    return null;
  }
  const vocab = div(c.count, dim);
  if (vocab === null) {
    return unexplained(
      c.count,
      `${f(c.count)} is not a multiple of the embedding size ${f(dim)}`
    );
  }
  const text = `${f(vocab)} × ${f(dim)}`;
  return made(c.count, text, [term('embeddings', c.count, text)], {
    notes: [
      `vocabulary size ${f(vocab)} inferred from the count (input_dim is not printed)`
    ]
  });
}

export const DENSE: Pick<ParamExplainers, 'dense' | 'einsum' | 'embedding'> = {
  dense,
  einsum,
  embedding
};
