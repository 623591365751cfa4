/**
 * The page's shapes against the kernel's: for every summary captured with
 * the companion (`make fixtures`: real Keras 3 and tf-keras kernels) and
 * each random size assignment the kernel's `check_sizes` was asked about,
 * the engine computes every tensor's shape in the page and must find what
 * the kernel found: the same shape for every tensor the kernel computed,
 * the same tensors left out (downstream of a row that cannot take the
 * sizes), and the same rows flagged, for a reason that matches the
 * kernel's message.
 */
import { kernelCases } from '../../../testing/kernel-checks';
import type { KernelCheck } from '../../../testing/kernel-checks';
import { computeShapes } from '../engine';
import type { ShapeFlagKind } from '../types';

const CASES = kernelCases();

/** The flag kind each kernel message means. */
const MESSAGES: [ShapeFlagKind, RegExp][] = [
  [
    'tooSmall',
    /output size would be zero or negative|output is <= 0|`cropping`|cropping` argument should be smaller|must be >= 0/
  ],
  [
    'mismatch',
    /shapes differ on axis|incompatible shapes|Cannot broadcast|must be equal|same shape except/
  ],
  ['rank', /different ranks/],
  ['reshape', /total size/],
  ['nested', /nested model .* cannot take these sizes/]
];

function kindOf(message: string): ShapeFlagKind | 'other' {
  return MESSAGES.find(([, re]) => re.test(message))?.[0] ?? 'other';
}

const checks = CASES.flatMap(c =>
  c.checks
    .filter(k => k.result.status === 'ok')
    .map(
      (k, i) =>
        [`${c.name} check ${i} ${JSON.stringify(k.sizes)}`, c, k] as const
    )
);

const totals = {
  calls: { rule: 0, nested: 0, size: 0, input: 0, blocked: 0 },
  withoutRule: new Map<string, number>()
};

afterAll(() => {
  // The coverage figures the issue note quotes.
  console.log(
    `shape engine on ${CASES.length} kernel summaries, ${checks.length} checks: calls by rule ${totals.calls.rule}, ` +
      `nested ${totals.calls.nested}, input ${totals.calls.input}, without a rule ${totals.calls.size}, ` +
      `not walked (upstream flag) ${totals.calls.blocked}; classes without a rule: ` +
      ([...totals.withoutRule].map(([c, n]) => `${c} (${n})`).join(', ') ||
        'none')
  );
});

describe('shapes in the page equal the kernel check', () => {
  it('has the captured checks of every flavour', () => {
    expect(new Set(CASES.map(c => c.flavour))).toEqual(
      new Set(['kernel-keras3', 'kernel-tfkeras2'])
    );
    expect(checks.length).toBeGreaterThan(100);
  });

  it.each(checks)('%s', (_, c, check: KernelCheck) => {
    const shapes = computeShapes(c.summary, check.sizes);
    expect(shapes.status).toBe('ok');
    const kernel = check.result.tensors ?? {};
    const mine: Record<string, unknown> = {};
    const theirs: Record<string, unknown> = {};
    shapes.tensors.forEach((shape, t) => {
      if (shape !== null || kernel[String(t)] !== undefined) {
        mine[t] = shape;
        theirs[t] = kernel[String(t)] ?? null;
      }
    });
    expect(mine).toEqual(theirs);
    const flagged = shapes.flags.map(f => ({
      row: f.row,
      node: f.node,
      kind: f.flag.kind
    }));
    const expected = (check.result.errors ?? []).map(e => ({
      row: e.row,
      node: e.node,
      kind: kindOf(e.message)
    }));
    expect(flagged).toEqual(expected);
    expect(shapes.coverage.disagreements).toEqual([]);
    for (const via of Object.keys(
      totals.calls
    ) as (keyof typeof totals.calls)[]) {
      totals.calls[via] += shapes.coverage.calls[via];
    }
    for (const [cls, n] of Object.entries(shapes.coverage.withoutRule)) {
      totals.withoutRule.set(cls, (totals.withoutRule.get(cls) ?? 0) + n);
    }
  });
});
