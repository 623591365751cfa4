/**
 * The what-if of a kernel summary: fields per source (the batch, each open
 * input axis) and per size no shape rule gives, every shape and memory
 * figure from the shape engine, rows that cannot take the sizes flagged
 * with the reason, and "Check in the kernel" against a fake kernel that
 * answers with replies the real kernel gave (`fixtures/kernel/`, the
 * companion's `check_sizes` at random sizes, captured by `make fixtures`).
 * Over every real model there, the shapes the table shows for the kernel's
 * sizes are the kernel's.
 */
import { Signal } from '@lumino/signaling';
import { exactFields } from '../../analyze/shapes';
import type { CheckKernel, CheckRequest } from '../../analyze/shapes';
import { kernelCases } from '../../testing/kernel-checks';
import type { KernelCase, KernelResult } from '../../testing/kernel-checks';
import type { KernelLink } from '../types';
import {
  fieldLabels,
  dimPlaces,
  typeInto,
  whatIfButton
} from './dimension-helpers';
import {
  buttonNamed,
  buttonsNamed,
  fixtureSummary,
  layerRows,
  mount,
  unmountAll
} from './helpers';

const CASES = kernelCases();

function caseNamed(name: string): KernelCase {
  const found = CASES.find(c => c.name === name);
  if (!found) {
    throw new Error(`no kernel case ${name}`);
  }
  return found;
}

/** The execute reply the kernel sends for a `check_sizes` result. */
function replyOf(result: unknown) {
  return {
    status: 'ok',
    user_expressions: {
      c: {
        status: 'ok',
        data: { 'application/json': result, 'text/plain': '<CheckResult>' }
      }
    }
  };
}

/** A kernel that answers every request with `reply` (or fails with `error`). */
class RecordedKernel implements CheckKernel {
  constructor(
    private readonly _reply: unknown,
    private readonly _error: Error | null = null
  ) {}
  requests: CheckRequest[] = [];
  requestExecute(content: CheckRequest) {
    this.requests.push(content);
    const done = this._error
      ? Promise.reject(this._error)
      : Promise.resolve({ content: this._reply });
    return { done };
  }
}

class Link implements KernelLink {
  constructor(public live: CheckKernel | null) {}
  readonly changed = new Signal<this, void>(this);
  available() {
    return this.live !== null;
  }
  async enable() {
    return 'loaded' as const;
  }
  kernel() {
    return this.live;
  }
}

/** The size field whose label starts with `start`. */
function fieldStarting(root: ParentNode, start: string): HTMLInputElement {
  const labels = Array.from(
    root.querySelectorAll<HTMLLabelElement>('.jp-KerasSummary-whatif label')
  ).filter(l => (l.textContent ?? '').startsWith(start));
  if (labels.length !== 1 || !(labels[0].control instanceof HTMLInputElement)) {
    throw new Error(
      `${labels.length} fields "${start}…": ${fieldLabels(root)}`
    );
  }
  return labels[0].control;
}

/** Type each size into its field (the field of key `k` is found by the panel's ids). */
function typeSizes(root: ParentNode, sizes: Record<string, number>): void {
  const panel = root.querySelector('.jp-KerasSummary-whatif')!;
  for (const [key, size] of Object.entries(sizes)) {
    const input = panel.querySelector<HTMLInputElement>(
      `input[id$="-${key.replace(/[^\w-]/g, '_')}"]`
    );
    if (!input) {
      throw new Error(`no field for ${key}`);
    }
    typeInto(input, String(size));
  }
}

function memoryCell(root: ParentNode, row: number): HTMLElement {
  return layerRows(root)[row].querySelector<HTMLElement>(
    '.jp-KerasSummary-cell-memory'
  )!;
}

const checkStatus = (root: ParentNode) =>
  root.querySelector('.jp-KerasSummary-kernelCheckStatus')?.textContent ?? '';

const flush = () => new Promise(resolve => setTimeout(resolve, 0));

afterEach(() => unmountAll());

describe('the exact what-if of a kernel summary', () => {
  it('asks for the sources, not a size per strided layer', () => {
    const c = caseNamed('kernel-keras3/conv1d_strided#0');
    const view = mount({ summary: c.summary });
    whatIfButton(view.node).click();
    expect(fieldLabels(view.node)).toEqual([
      'Batch size (B)',
      'T: frames axis 1 (a size of the model input)',
      'dtype'
    ]);
    expect(view.node.textContent).toContain(
      "each layer's configuration from the kernel"
    );
  });

  it('asks for a size no shape rule gives, and it fills the rows below', () => {
    const c = caseNamed('shapes:kernel-keras3/custom#0');
    const view = mount({ summary: c.summary });
    whatIfButton(view.node).click();
    const labels = fieldLabels(view.node);
    expect(labels).toContain('Output of every_other (EveryOther), axis 1');
    expect(view.node.textContent).toContain('No shape rule is known');
    const check = c.checks.find(
      k => k.result.status === 'ok' && !(k.result.errors ?? []).length
    )!;
    typeSizes(view.node, check.sizes);
    // Waiting for the custom layer's size, with its short name.
    expect(memoryCell(view.node, 2).textContent).toBe(
      'needs every_other axis 1'
    );
    const field = c.summary.layers[1].kernel!.outputs![0];
    const size = check.result.tensors![String(field)]![1]!;
    typeInto(fieldStarting(view.node, 'Output of every_other'), String(size));
    expect(memoryCell(view.node, 2).textContent).toMatch(/B$/);
  });

  it('flags a row that cannot take the sizes, with the reason, and the rows below', () => {
    const c = caseNamed('kernel-keras3/conv1d_strided#0');
    const bad = c.checks.find(k => (k.result.errors ?? []).length > 0)!;
    const row = bad.result.errors![0].row;
    const view = mount({ summary: c.summary });
    whatIfButton(view.node).click();
    typeSizes(view.node, bad.sizes);
    const said = memoryCell(view.node, row).textContent ?? '';
    expect(said).toMatch(
      /^cannot take these sizes: axis 1 has \d+ steps; the window needs \d+$/
    );
    for (let r = row + 1; r < c.summary.layers.length; r++) {
      expect(memoryCell(view.node, r).textContent).toBe(
        'not reached: a row above cannot take these sizes'
      );
    }
    const results = view.node.querySelector('.jp-KerasSummary-whatifFlags')!;
    expect(results.textContent).toContain(
      `1 row cannot take these sizes: ${c.summary.layers[row].name}`
    );
    // The name is a link to the row.
    expect(results.querySelector('button.jp-KerasSummary-link')).not.toBeNull();
  });

  it('says which inputs of a skip connection no longer line up', () => {
    const c = caseNamed('kernel-keras3/unet#0');
    const bad = c.checks.find(k =>
      (k.result.errors ?? []).some(
        e => c.summary.layers[e.row].type === 'Concatenate'
      )
    )!;
    const view = mount({ summary: c.summary });
    whatIfButton(view.node).click();
    typeSizes(view.node, bad.sizes);
    const rows = c.summary.layers.map(
      (_, r) => memoryCell(view.node, r).textContent ?? ''
    );
    expect(
      rows.some(t =>
        /^cannot take these sizes: its inputs must agree on axis \d and have \d+, \d+$/.test(
          t
        )
      )
    ).toBe(true);
  });

  it('a subclassed model: the first call’s batch, not a fixed batch size', () => {
    const view = mount({
      summary: fixtureSummary('kernel/kernel-keras3.ipynb', 'subclassed_built')
    });
    whatIfButton(view.node).click();
    const panel = view.node.querySelector(
      '.jp-KerasSummary-whatif'
    )!.textContent;
    expect(panel).toContain(
      "These shapes come from the model's first call, which held a batch of 2"
    );
    expect(panel).not.toContain('fixes the batch size');
    expect(panel).not.toContain('has a fixed size');
  });
});

describe('Check in the kernel', () => {
  const c = () => caseNamed('kernel-keras3/conv1d_strided#0');

  it('is offered only with a live kernel', () => {
    const none = mount({ summary: c().summary });
    whatIfButton(none.node).click();
    expect(
      buttonsNamed(none.node, 'Check in the kernel').filter(
        b => !b.closest('[hidden]')
      )
    ).toHaveLength(0);
    const dead = new Link(null);
    const view = mount({ summary: c().summary, kernel: dead });
    whatIfButton(view.node).click();
    expect(
      buttonNamed(view.node, 'Check in the kernel').closest('[hidden]')
    ).not.toBeNull();
    dead.live = new RecordedKernel(replyOf(c().checks[0].result));
    dead.changed.emit();
    const button = buttonNamed(view.node, 'Check in the kernel');
    expect(button.closest('[hidden]')).toBeNull();
    // A native button in the panel: reachable with Tab, run with Enter/Space.
    expect(button.tagName).toBe('BUTTON');
    expect(button.tabIndex).toBe(0);
  });

  it('agrees on every row at the sizes the kernel computed, silently asked', async () => {
    const ok = c().checks.find(k => !(k.result.errors ?? []).length)!;
    const kernel = new RecordedKernel(replyOf(ok.result));
    const view = mount({ summary: c().summary, kernel: new Link(kernel) });
    whatIfButton(view.node).click();
    typeSizes(view.node, ok.sizes);
    buttonNamed(view.node, 'Check in the kernel').click();
    expect(checkStatus(view.node)).toBe('Checking in the kernel…');
    await flush();
    expect(checkStatus(view.node)).toBe(
      `The kernel agrees on all ${c().summary.layers.length} rows.`
    );
    expect(kernel.requests).toHaveLength(1);
    const [request] = kernel.requests;
    expect(request.silent).toBe(true);
    expect(request.store_history).toBe(false);
    expect(request.user_expressions.c).toBe(
      `__import__('jupyterlab_keras_summary').check_sizes('${c().summary.kernel!.model.token}', ${JSON.stringify(ok.sizes)})`
    );
    expect(
      view.node.querySelector(
        '.jp-KerasSummary-cell-memory .jp-KerasSummary-kernelDiffers'
      )
    ).toBeNull();
    // Other sizes: what the kernel said no longer applies.
    typeSizes(view.node, { batch: ok.sizes.batch + 1 });
    expect(checkStatus(view.node)).toBe('');
  });

  it('marks every row where the kernel computes other shapes', async () => {
    const [first, second] = c().checks.filter(
      k => !(k.result.errors ?? []).length
    );
    // The kernel answers for other sizes than the page's: every row differs.
    const view = mount({
      summary: c().summary,
      kernel: new Link(new RecordedKernel(replyOf(second.result)))
    });
    whatIfButton(view.node).click();
    typeSizes(view.node, first.sizes);
    buttonNamed(view.node, 'Check in the kernel').click();
    await flush();
    const marked = layerRows(view.node).filter(r =>
      r.querySelector(
        '.jp-KerasSummary-cell-memory .jp-KerasSummary-kernelDiffers'
      )
    );
    expect(marked.length).toBeGreaterThan(0);
    expect(checkStatus(view.node)).toBe(
      `The kernel differs on ${marked.length} rows: they are marked in the table.`
    );
    expect(marked[0].textContent).toMatch(/the kernel computes \(\d+, /);
  });

  it('says to re-run the summary cell when the kernel no longer holds the model', async () => {
    const gone: KernelResult = {
      status: 'gone',
      reason: 'the model is no longer in this kernel'
    };
    const view = mount({
      summary: c().summary,
      kernel: new Link(
        new RecordedKernel(replyOf({ version: [1, 0], ...gone }))
      )
    });
    whatIfButton(view.node).click();
    typeSizes(view.node, { batch: 4 });
    buttonNamed(view.node, 'Check in the kernel').click();
    await flush();
    expect(checkStatus(view.node)).toContain("run the summary's cell again");
  });

  it('says so when the kernel fails, without throwing', async () => {
    const view = mount({
      summary: c().summary,
      kernel: new Link(new RecordedKernel(null, new Error('Kernel is dead')))
    });
    whatIfButton(view.node).click();
    typeSizes(view.node, { batch: 4 });
    buttonNamed(view.node, 'Check in the kernel').click();
    await flush();
    expect(checkStatus(view.node)).toBe(
      'The kernel did not answer the check (Kernel is dead).'
    );
    const missing = mount({
      summary: c().summary,
      kernel: new Link(
        new RecordedKernel({
          status: 'ok',
          user_expressions: {
            c: {
              status: 'error',
              ename: 'ModuleNotFoundError',
              evalue: "No module named 'jupyterlab_keras_summary'"
            }
          }
        })
      )
    });
    whatIfButton(missing.node).click();
    typeSizes(missing.node, { batch: 4 });
    buttonNamed(missing.node, 'Check in the kernel').click();
    await flush();
    expect(checkStatus(missing.node)).toContain(
      'no jupyterlab_keras_summary companion'
    );
  });
});

/** Tensors inside a nested model called more than once hold the last call's shapes: which one is Keras's order, not the model's. */
function inSharedModel(c: KernelCase, row: number): boolean {
  const rows = c.payload.layers;
  for (let p = rows[row].parent; p !== null; p = rows[p].parent) {
    if (rows[p].nodes.length > 1) {
      return true;
    }
  }
  return false;
}

describe('the page shows the kernel’s shapes', () => {
  /** A size the kernel found 0 (tf-keras accepts 0-step outputs) cannot be typed: fields take 1 and more. */
  const typeable = (c: KernelCase, k: KernelCase['checks'][number]) =>
    (exactFields(c.summary) ?? []).every(f => {
      const at = f.axes[0];
      return (
        f.kind !== 'unknown' ||
        !at ||
        k.result.tensors?.[String(at.tensor)]?.[at.axis] !== 0
      );
    });
  const checks = CASES.flatMap(c =>
    c.checks
      .filter(k => k.result.status === 'ok' && typeable(c, k))
      .map((k, i) => [`${c.name} check ${i}`, c, k] as const)
  );

  it.each(checks)('%s', (_name, c, k) => {
    const view = mount({ summary: c.summary });
    whatIfButton(view.node).click();
    const tensors = k.result.tensors ?? {};
    // Sizes no rule gives are typed from the kernel's answer, as a user would.
    const sizes: Record<string, number> = { ...k.sizes };
    for (const field of view.state.whatIfSetup.exact ?? []) {
      const at = field.axes[0];
      const size = at ? tensors[String(at.tensor)]?.[at.axis] : null;
      if (field.kind === 'unknown' && typeof size === 'number') {
        sizes[field.key] = size;
      }
    }
    typeSizes(view.node, sizes);
    // Rows the page walks without a rule (a custom layer, a nested model
    // not shown expanded) take any size in the page: only the kernel knows
    // they cannot, and the rows below them it then does not compute.
    const pageFlags = new Set(
      (view.state.whatIf as { flags?: { row: number }[] }).flags?.map(
        f => f.row
      )
    );
    const pageKnows = (k.result.errors ?? []).every(e => pageFlags.has(e.row));
    let compared = 0;
    for (const place of dimPlaces(view.node, c.summary)) {
      if (inSharedModel(c, place.row)) {
        continue;
      }
      const kernel = c.summary.layers[place.row].kernel!;
      const out = kernel.outputs ?? kernel.nodes[kernel.nodes.length - 1].out;
      const shape = tensors[String(out[place.tensor])];
      const at = [place.row, place.tensor, place.axis];
      if (!shape) {
        if (!pageKnows) {
          continue;
        }
        // Not computed in the kernel (a call above cannot take the sizes): the page gives the row no memory either.
        compared++;
        expect([...at, memoryCell(view.node, place.row).textContent]).toEqual([
          ...at,
          expect.stringMatching(
            /^(needs |cannot take|not reached|shape not known)/
          )
        ]);
        continue;
      }
      const size = shape[place.axis];
      expect([...at, place.button.textContent]).toEqual([
        ...at,
        typeof size === 'number' ? String(size) : 'None'
      ]);
      compared++;
    }
    expect(compared).toBeGreaterThan(0);
    unmountAll();
  });
});
