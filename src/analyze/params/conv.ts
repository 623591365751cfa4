/**
 * Formulas of the convolutions: plain and transposed (1D–3D), separable and
 * depthwise. The kernel size is not printed: it is inferred from the count
 * and the channels, and the notes say which shape was assumed.
 */
import { formatCount } from '../format';
import {
  channels,
  div,
  kernelNote,
  kernelShape,
  lastDim,
  made,
  size,
  term,
  unexplained
} from './build';
import type { ParamContext, ParamExplainers, ParamFormula } from './types';

const f = formatCount;

/** The (filters, input channels) pairs to try: channels last, then channels first. */
function channelPairs(
  c: ParamContext,
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

function conv(
  c: ParamContext,
  { rank }: { rank: number }
): ParamFormula | null {
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

function separable(
  c: ParamContext,
  { rank }: { rank: number }
): ParamFormula | null {
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

function depthwise(
  c: ParamContext,
  { rank }: { rank: number }
): ParamFormula | null {
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

export const CONV: Pick<ParamExplainers, 'conv' | 'separable' | 'depthwise'> = {
  conv,
  separable,
  depthwise
};
