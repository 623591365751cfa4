/**
 * One parameter formula per layer family. Each function receives what the
 * summary shows about a row (its count, its output shapes, the shapes of the
 * tensors feeding it) and returns a formula that adds up to the count, a
 * "not explained" result when the shapes are known but no known formula
 * gives the count, or null when too little is known to tell.
 */
import { formatCount } from '../format';
import type { LayerRow, TensorShape } from '../../parse/types';
import type { ParamFormula } from '../params';
import {
  channels,
  div,
  kernelNote,
  kernelShape,
  lastDim,
  made,
  size,
  splits,
  term,
  unexplained
} from './build';
import type { RnnKind } from './registry';

export interface Ctx {
  row: LayerRow;
  /** The printed count (> 0). */
  count: number;
  /** The row's output tensors (empty when `multiple` or unreadable). */
  outs: TensorShape[];
  /** One shape per feeding tensor (null when that row's shape is unknown). Empty: the input is not shown. */
  ins: (TensorShape | null)[];
  /** Rows of an expanded nested model directly inside this row. */
  children: LayerRow[];
  format: 'keras1' | 'keras2' | 'keras3';
}

const f = formatCount;

// ---------------------------------------------------------------- Dense

export function dense(c: Ctx): ParamFormula | null {
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

// ---------------------------------------------------------------- EinsumDense

export function einsum(c: Ctx): ParamFormula | null {
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

// ---------------------------------------------------------------- Embedding

export function embedding(c: Ctx): ParamFormula | null {
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

// ---------------------------------------------------------------- Convolutions

/** The (filters, input channels) pairs to try: channels last, then channels first. */
function channelPairs(
  c: Ctx,
  rank: number
): { filters: number | null; cin: number | null; first: boolean }[] {
  const out = c.outs[0];
  const inp = c.ins[0];
  const pairs = [{ filters: lastDim(out), cin: lastDim(inp), first: false }];
  if (out && out.length === rank + 2 && (!inp || inp.length === rank + 2)) {
    pairs.push({
      filters: size(out[1]),
      cin: inp ? size(inp[1]) : null,
      first: true
    });
  }
  return pairs;
}

const FIRST_NOTE =
  'channels first (data_format="channels_first"): channels read from axis 1';

export function conv(c: Ctx, rank: number): ParamFormula | null {
  const pairs = channelPairs(c, rank);
  let known: { filters: number; cin: number } | null = null;
  for (const { filters, cin, first } of pairs) {
    if (filters === null || cin === null) {
      continue;
    }
    known ??= { filters, cin };
    for (const bias of [true, false]) {
      const k = div(c.count - (bias ? filters : 0), filters * cin);
      if (k !== null && k >= 1) {
        const notes = [
          kernelNote(k, rank, `and the ${channels(cin, 'input ')}`)
        ];
        if (first) {
          notes.push(FIRST_NOTE);
        }
        return convFormula(c.count, k, rank, cin, filters, bias, notes);
      }
    }
  }
  if (known) {
    const { filters, cin } = known;
    return unexplained(
      c.count,
      `${f(c.count)} − ${f(filters)} biases is not kernel positions × ${f(cin)} channels × ${f(filters)} filters`
    );
  }
  const { filters, cin } = pairs[0];
  if (filters !== null && cin === null) {
    return convUnknownInput(c.count, rank, filters);
  }
  if (filters === null && cin !== null) {
    return convUnknownFilters(c.count, rank, cin);
  }
  return null;
}

function convFormula(
  count: number,
  k: number,
  rank: number,
  cin: number,
  filters: number,
  bias: boolean,
  notes: string[]
): ParamFormula {
  const kt = kernelShape(k, rank).text;
  const weights = term(
    'kernel',
    k * cin * filters,
    `${kt} × ${f(cin)} × ${f(filters)}`
  );
  if (bias) {
    return made(
      count,
      `(${kt} × ${f(cin)} + 1) × ${f(filters)}`,
      [weights, term('biases', filters, f(filters))],
      {
        notes
      }
    );
  }
  return made(count, `${kt} × ${f(cin)} × ${f(filters)}`, [weights], {
    notes: [
      ...notes,
      'no bias (use_bias=False): the count leaves no room for one'
    ]
  });
}

/**
 * The first layer of a Sequential model: its input is not shown, so the
 * count fixes only kernel positions × input channels. When exactly one
 * usual split (an odd square kernel on 1 or 3 channels) fits, show it as an
 * assumption; otherwise show the product.
 */
function convUnknownInput(
  count: number,
  rank: number,
  filters: number
): ParamFormula {
  const q = div(count, filters);
  if (q === null || q < 2) {
    return unexplained(
      count,
      `${f(count)} is not (kernel × channels + 1) × ${f(filters)}`
    );
  }
  const fan = q - 1;
  const fits: { k: number; cin: number }[] = [];
  for (const cin of [3, 1]) {
    const k = div(fan, cin);
    const side = k === null ? null : kernelShape(k, rank).side;
    if (k !== null && side !== null && side > 1 && side % 2 === 1) {
      fits.push({ k, cin });
    }
  }
  if (fits.length === 1) {
    const { k, cin } = fits[0];
    const kt = kernelShape(k, rank).text;
    return convFormula(count, k, rank, cin, filters, true, [
      `${kt} kernel inferred, assuming ${cin} input channel${cin > 1 ? 's' : ''}: the input size is not printed, and the ` +
        `count fixes only kernel positions × input channels = ${f(fan)} (a bias is assumed)`
    ]);
  }
  return made(
    count,
    `(${f(fan)} + 1) × ${f(filters)}`,
    [
      term('kernel', fan * filters, `${f(fan)} × ${f(filters)}`),
      term('biases', filters, f(filters))
    ],
    {
      notes: [
        `kernel positions × input channels = ${f(fan)} inferred from the count (the input size is not printed; a bias is assumed)`
      ]
    }
  );
}

function divisors(n: number): number[] {
  const out: number[] = [];
  for (let d = 1; d * d <= n; d++) {
    if (n % d === 0) {
      out.push(d);
      if (d * d !== n) {
        out.push(n / d);
      }
    }
  }
  return out;
}

/** Output shape `multiple` (a shared layer): find the filter count, if only one fits. */
function convUnknownFilters(
  count: number,
  rank: number,
  cin: number
): ParamFormula | null {
  const fits: { filters: number; k: number }[] = [];
  for (const filters of divisors(count)) {
    const k = div(count / filters - 1, cin);
    if (k !== null && k >= 1 && kernelShape(k, rank).square) {
      fits.push({ filters, k });
    }
  }
  if (fits.length !== 1) {
    return null;
  }
  const { filters, k } = fits[0];
  return convFormula(count, k, rank, cin, filters, true, [
    `${f(filters)} filters inferred from the count: the only number that fits (the output shape is not printed; a bias is assumed)`,
    kernelNote(k, rank, `and the ${channels(cin, 'input ')}`)
  ]);
}

export function separable(c: Ctx, rank: number): ParamFormula | null {
  const filters = lastDim(c.outs[0]);
  const cin = lastDim(c.ins[0]);
  if (filters === null || cin === null) {
    return null;
  }
  for (let dm = 1; dm <= 8; dm++) {
    for (const bias of [true, false]) {
      const rest = c.count - (bias ? filters : 0) - cin * dm * filters;
      const k = rest > 0 ? div(rest, cin * dm) : null;
      if (k === null || !kernelShape(k, rank).square) {
        continue;
      }
      const kt = kernelShape(k, rank).text;
      const m = dm > 1 ? ` × ${dm}` : '';
      const terms = [
        term('depthwise kernel', k * cin * dm, `${kt} × ${f(cin)}${m}`),
        term(
          'pointwise kernel',
          cin * dm * filters,
          `${f(cin)}${m} × ${f(filters)}`
        )
      ];
      if (bias) {
        terms.push(term('biases', filters, f(filters)));
      }
      const notes = [kernelNote(k, rank, `and the ${channels(cin, 'input ')}`)];
      if (dm > 1) {
        notes.push(`depth multiplier ${dm} inferred from the count`);
      }
      if (!bias) {
        notes.push('no bias (use_bias=False)');
      }
      return made(c.count, terms.map(t => t.text).join(' + '), terms, {
        notes
      });
    }
  }
  return unexplained(
    c.count,
    `no kernel gives kernel × ${f(cin)} (depthwise) + ${f(cin)} × ${f(filters)} (pointwise) + ${f(filters)}`
  );
}

export function depthwise(c: Ctx, rank: number): ParamFormula | null {
  const cout = lastDim(c.outs[0]);
  const cin = lastDim(c.ins[0]);
  if (cout === null || cin === null) {
    return null;
  }
  const m = div(cout, cin);
  if (m === null) {
    return unexplained(
      c.count,
      `${f(cout)} output channels are not a multiple of the ${f(cin)} input channels`
    );
  }
  const per = div(c.count, cout);
  const mt = m > 1 ? ` × ${m}` : '';
  for (const bias of [true, false]) {
    const k = per === null ? null : per - (bias ? 1 : 0);
    if (k === null || k < 1) {
      continue;
    }
    const kt = kernelShape(k, rank).text;
    const terms = [
      term('depthwise kernel', k * cout, `${kt} × ${f(cin)}${mt}`)
    ];
    if (bias) {
      terms.push(term('biases', cout, `${f(cin)}${mt}`));
    }
    const notes = [kernelNote(k, rank, `and the ${channels(cin)}`)];
    if (m > 1) {
      notes.push(
        `depth multiplier ${m} read from the channels (${f(cout)} / ${f(cin)})`
      );
    }
    if (!bias) {
      notes.push('no bias (use_bias=False)');
    }
    return made(c.count, terms.map(t => t.text).join(' + '), terms, { notes });
  }
  return unexplained(c.count, `${f(c.count)} is not (kernel + 1) × ${f(cout)}`);
}

// ---------------------------------------------------------------- Recurrent

interface RnnForm {
  gates: number;
  biases: number;
  note?: string;
}

const RESET_AFTER =
  'reset_after=True (the default in Keras 3 and tf.keras 2): two bias vectors per gate';
const RESET_BEFORE = 'reset_after=False: one bias vector per gate';

function rnnForms(kind: RnnKind, format: Ctx['format']): RnnForm[] {
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

export function rnn(c: Ctx, kind: RnnKind): ParamFormula | null {
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
export function bidirectional(c: Ctx): ParamFormula | null {
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

// ---------------------------------------------------------------- Normalization

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

export function batchnorm(c: Ctx): ParamFormula | null {
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

export function layernorm(c: Ctx, group: boolean): ParamFormula | null {
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

// ---------------------------------------------------------------- Attention

export function mha(c: Ctx): ParamFormula | null {
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

// ---------------------------------------------------------------- Nested models

export function nested(c: Ctx): ParamFormula | null {
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
