/**
 * The page's shapes against the kernel's: for every summary captured with
 * the companion (`make fixtures`: real Keras 3 and tf-keras kernels;
 * `kernel/kernel-whatif.json` for the companion's fixture models and
 * `kernel-shapes.json` for models that exercise every family of rule) and
 * each random size assignment the kernel's `check_sizes` was asked about,
 * the engine computes every tensor's shape in the page and must find what
 * the kernel found: the same shape for every tensor the kernel computed,
 * the same tensors left out (downstream of a row that cannot take the
 * sizes), and the same rows flagged, for a reason that matches the
 * kernel's message. Sizes the engine says it cannot compute (a custom
 * layer) are then typed in as a user would, from the kernel's answer, and
 * everything downstream must follow.
 *
 * A row the page walks without a rule (a custom layer, a nested model not
 * shown expanded) cannot be checked in the page: when the kernel flags one,
 * the page must have marked its outputs as needing a size, and the tensors
 * downstream (which the kernel did not compute) are left out. The figures
 * are printed.
 */
import { kernelCases } from '../../../testing/kernel-checks';
import type { KernelCase, KernelCheck } from '../../../testing/kernel-checks';
import { computeShapes } from '../engine';
import type { ExactShapes, ShapeFlagKind } from '../types';

const CASES = kernelCases();

/** The flag kind each kernel message means. */
const MESSAGES: [ShapeFlagKind, RegExp][] = [
  [
    'tooSmall',
    /output size would be zero or negative|output is <= 0|`cropping` parameter|cropping` argument should be smaller|must be >= 0/
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

/**
 * Tensors inside a nested model called more than once: they hold the last
 * call's shapes, and which call the kernel walked last is Keras's order of
 * nodes within a depth, not a fact of the model.
 */
function sharedInner(c: KernelCase): Set<number> {
  const rows = c.payload.layers;
  const shared = new Set<number>();
  const inShared = (i: number): boolean => {
    for (let p = rows[i].parent; p !== null; p = rows[p].parent) {
      if (rows[p].nodes.length > 1) {
        return true;
      }
    }
    return false;
  };
  rows.forEach((row, i) => {
    if (inShared(i)) {
      row.nodes.forEach(n => n.out.forEach(t => shared.add(t)));
      row.nodes.forEach(n => n.in.forEach(r => shared.add(r.tensor)));
    }
  });
  return shared;
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
  withoutRule: new Map<string, number>(),
  typed: 0,
  untypable: 0,
  unseen: 0
};

/** Tensors made from `start` onwards: by calls that use them, and inside nested models that take them. */
function downstream(c: KernelCase, start: Set<number>): Set<number> {
  const rows = c.payload.layers;
  const tainted = new Set(start);
  const rowTainted = new Set<number>();
  for (let changed = true; changed;) {
    changed = false;
    rows.forEach((row, i) => {
      const parentTainted = row.parent !== null && rowTainted.has(row.parent);
      for (const node of row.nodes) {
        if (parentTainted || node.in.some(r => tainted.has(r.tensor))) {
          if (!rowTainted.has(i)) {
            rowTainted.add(i);
            changed = true;
          }
          for (const t of [...node.out, ...node.in.map(r => r.tensor)]) {
            if (parentTainted || node.out.includes(t)) {
              if (!tainted.has(t)) {
                tainted.add(t);
                changed = true;
              }
            }
          }
        }
      }
    });
  }
  return tainted;
}

afterAll(() => {
  // The coverage figures the issue note quotes.
  console.log(
    `shape engine on ${CASES.length} kernel summaries, ${checks.length} checks: calls by rule ${totals.calls.rule}, ` +
      `nested ${totals.calls.nested}, input ${totals.calls.input}, without a rule ${totals.calls.size}, ` +
      `not walked (upstream flag) ${totals.calls.blocked}; sizes typed in for unknowns ${totals.typed} (of 0 steps, which a field does not take: ${totals.untypable}); ` +
      `kernel flags on rows without a rule (not checkable in the page) ${totals.unseen}; ` +
      'classes without a rule: ' +
      ([...totals.withoutRule].map(([c, n]) => `${c} (${n})`).join(', ') ||
        'none')
  );
});

/**
 * The unknown sizes as a user would type them, read from the kernel's
 * shapes; and the tensors of those a user cannot type (tf-keras takes an
 * axis of 0 steps, the page's fields take 1 or more).
 */
function typedIn(
  shapes: ExactShapes,
  check: KernelCheck
): { typed: Record<string, number>; untypable: number[] } {
  const typed: Record<string, number> = {};
  const untypable: number[] = [];
  for (const unknown of shapes.unknowns) {
    const sizes = unknown.axes.map(
      ({ tensor, axis }) => check.result.tensors?.[String(tensor)]?.[axis]
    );
    const size = sizes.find(d => typeof d === 'number');
    if (typeof size === 'number' && size >= 1) {
      typed[unknown.key] = size;
    } else if (size === 0) {
      untypable.push(...unknown.axes.map(a => a.tensor));
    }
  }
  return { typed, untypable };
}

describe('shapes in the page equal the kernel check', () => {
  it('has the captured checks of every flavour and file', () => {
    const flavours = new Set(CASES.map(c => c.flavour));
    expect(flavours).toEqual(new Set(['kernel-keras3', 'kernel-tfkeras2']));
    expect(CASES.some(c => c.name.startsWith('shapes:'))).toBe(true);
    expect(checks.length).toBeGreaterThan(200);
    // Flags of every kind the kernel reports are among the checks.
    const kinds = new Set(
      checks.flatMap(([, , k]) =>
        (k.result.errors ?? []).map(e => kindOf(e.message))
      )
    );
    expect([...kinds].sort()).toEqual([
      'mismatch',
      'nested',
      'reshape',
      'tooSmall'
    ]);
  });

  it.each(checks)('%s', (_, c, check: KernelCheck) => {
    let shapes = computeShapes(c.summary, check.sizes);
    expect(shapes.status).toBe('ok');
    const kernel = check.result.tensors ?? {};
    // Whatever the page cannot size, it says which field would.
    shapes.tensors.forEach((shape, t) => {
      const theirs = kernel[String(t)];
      if (
        shape &&
        theirs &&
        shape.some((d, a) => d === null && theirs[a] !== null)
      ) {
        expect(shapes.needs[t].length).toBeGreaterThan(0);
      }
    });
    const { typed, untypable } = typedIn(shapes, check);
    if (Object.keys(typed).length > 0) {
      totals.typed += Object.keys(typed).length;
      shapes = computeShapes(c.summary, { ...check.sizes, ...typed });
    }
    const withoutRule = new Set(
      shapes.rows.flatMap((calls, row) =>
        calls.filter(k => k.via === 'size').map(k => `${row}/${k.node}`)
      )
    );
    const errors = check.result.errors ?? [];
    const unseen = errors.filter(e => withoutRule.has(`${e.row}/${e.node}`));
    totals.untypable += untypable.length;
    const unseenOut = new Set<number>(untypable);
    for (const e of unseen) {
      totals.unseen++;
      const node = c.payload.layers[e.row].nodes.find(n => n.index === e.node)!;
      // The page said it could not tell: the outputs wait for a size.
      expect(
        node.out.some(
          t => shapes.needs[t].length > 0 || shapes.tensors[t] === null
        )
      ).toBe(true);
      node.out.forEach(t => unseenOut.add(t));
    }
    const skip = new Set([...sharedInner(c), ...downstream(c, unseenOut)]);
    const mine: Record<string, unknown> = {};
    const theirs: Record<string, unknown> = {};
    shapes.tensors.forEach((shape, t) => {
      if (!skip.has(t) && (shape !== null || kernel[String(t)] !== undefined)) {
        mine[t] = shape;
        theirs[t] = kernel[String(t)] ?? null;
      }
    });
    expect(mine).toEqual(theirs);
    const key = (f: { row: number; node: number; kind: string }) =>
      `${f.row}/${f.node} ${f.kind}`;
    const flagged = shapes.flags.map(f =>
      key({ row: f.row, node: f.node, kind: f.flag.kind })
    );
    const expected = errors
      .filter(e => !unseen.includes(e))
      .map(e => key({ row: e.row, node: e.node, kind: kindOf(e.message) }));
    expect(flagged.sort()).toEqual(expected.sort());
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
