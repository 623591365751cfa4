/**
 * Formulas of the recurrent layers (SimpleRNN, LSTM, GRU and their cuDNN
 * forms) and of Bidirectional, whose wrapped layer is read from the count.
 */
import { formatCount } from '../format';
import { div, lastDim, made, term, unexplained } from './build';
import type {
  ParamContext,
  ParamExplainers,
  ParamFormula,
  RnnKind
} from './types';

const f = formatCount;

interface RnnForm {
  gates: number;
  biases: number;
  note?: string;
}

const RESET_AFTER =
  'reset_after=True (the default in Keras 3 and tf.keras 2): two bias vectors per gate';
const RESET_BEFORE = 'reset_after=False: one bias vector per gate';

function rnnForms(kind: RnnKind, format: ParamContext['format']): RnnForm[] {
  switch (kind) {
    case 'SimpleRNN':
      return [{ gates: 1, biases: 1 }];
    case 'LSTM':
      return [{ gates: 4, biases: 1 }];
    case 'GRU': {
      const after = { gates: 3, biases: 2, note: RESET_AFTER };
      const before = { gates: 3, biases: 1, note: RESET_BEFORE };
      // Keras 1 had no reset_after: its GRU has one bias per gate.
      return format === 'keras1' ? [before, after] : [after, before];
    }
    case 'CuDNNLSTM':
      return [
        { gates: 4, biases: 2, note: 'cuDNN keeps two bias vectors per gate' }
      ];
    case 'CuDNNGRU':
      return [
        { gates: 3, biases: 2, note: 'cuDNN keeps two bias vectors per gate' }
      ];
  }
}

function rnnCount(form: RnnForm, inp: number, units: number): number {
  return form.gates * (inp + units + form.biases) * units;
}

function rnnExpr(form: RnnForm, inp: number, units: number): string {
  const inner = `(${f(inp)} + ${f(units)} + ${form.biases}) × ${f(units)}`;
  return form.gates === 1 ? inner : `${form.gates} × ${inner}`;
}

function rnnTerms(form: RnnForm, inp: number, units: number, prefix = '') {
  const g = form.gates === 1 ? '' : `${form.gates} × `;
  const b = form.biases === 1 ? '' : `${form.biases} × `;
  return [
    term(
      `${prefix}input weights (kernel)`,
      form.gates * inp * units,
      `${g}${f(inp)} × ${f(units)}`
    ),
    term(
      `${prefix}recurrent weights`,
      form.gates * units * units,
      `${g}${f(units)} × ${f(units)}`
    ),
    term(
      `${prefix}biases`,
      form.gates * form.biases * units,
      `${g}${b}${f(units)}`
    )
  ];
}

function rnn(
  c: ParamContext,
  { rnn: kind }: { rnn: RnnKind }
): ParamFormula | null {
  const units = lastDim(c.outs[0]);
  if (units === null) {
    return null;
  }
  const inp = lastDim(c.ins[0]);
  const forms = rnnForms(kind, c.format);
  if (inp !== null) {
    for (const form of forms) {
      if (rnnCount(form, inp, units) === c.count) {
        return made(
          c.count,
          rnnExpr(form, inp, units),
          rnnTerms(form, inp, units),
          {
            notes: form.note ? [form.note] : []
          }
        );
      }
    }
    return unexplained(
      c.count,
      forms
        .map(
          form =>
            `${rnnExpr(form, inp, units)} = ${f(rnnCount(form, inp, units))}`
        )
        .join(' and ')
    );
  }
  // The input size is not printed: infer it when the count allows.
  for (const form of forms) {
    const q = div(c.count, form.gates * units);
    const guess = q === null ? 0 : q - units - form.biases;
    if (guess >= 1) {
      return made(
        c.count,
        rnnExpr(form, guess, units),
        rnnTerms(form, guess, units),
        {
          notes: [
            `input size ${f(guess)} inferred from the count (the input size is not printed)`,
            ...(form.note ? [form.note] : [])
          ]
        }
      );
    }
  }
  return unexplained(
    c.count,
    `no input size gives ${kind} with ${f(units)} units`
  );
}

/** A Bidirectional wrapper: two copies of an RNN whose class is not printed. */
function bidirectional(c: ParamContext): ParamFormula | null {
  const out = lastDim(c.outs[0]);
  const inp = lastDim(c.ins[0]);
  if (out === null || inp === null) {
    return null;
  }
  const fits: { kind: RnnKind; form: RnnForm; units: number }[] = [];
  for (const kind of ['LSTM', 'GRU', 'SimpleRNN'] as RnnKind[]) {
    for (const form of rnnForms(kind, c.format)) {
      for (const units of [out / 2, out]) {
        if (
          Number.isInteger(units) &&
          2 * rnnCount(form, inp, units) === c.count
        ) {
          fits.push({ kind, form, units });
        }
      }
    }
  }
  if (new Set(fits.map(x => x.kind)).size !== 1) {
    return null; // the wrapped layer cannot be told
  }
  const { kind, form, units } = fits[0];
  const notes = [
    `wrapped layer read as ${kind}(${f(units)}) from the count (it is not printed)`
  ];
  if (form.note) {
    notes.push(form.note);
  }
  if (units === out) {
    notes.push(
      'the two directions are merged by sum, average or product (not concatenated)'
    );
  }
  return made(
    c.count,
    `2 × ${rnnExpr(form, inp, units)}`,
    [
      ...rnnTerms(form, inp, units, 'forward '),
      ...rnnTerms(form, inp, units, 'backward ')
    ],
    { notes }
  );
}

export const RECURRENT: Pick<ParamExplainers, 'rnn' | 'bidirectional'> = {
  rnn,
  bidirectional
};
