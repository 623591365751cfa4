/**
 * The view's side of its notebook's kernel (the glue's `KernelLink`):
 * whether "Exact shapes…" applies now (a text summary whose notebook has a
 * live Python kernel) and carrying out its one action, and whether "Check in
 * the kernel" can run (a kernel summary, the kernel live). A controller: it
 * changes the view state (`offered`, `offer`, `check`); `offer.ts` and
 * `kernel-check.ts` build what shows from it.
 */
import { checkInKernel, tokenOf } from '../analyze/shapes';
import type { KernelCheckOutcome } from '../analyze/shapes';
import type { Summary } from '../parse';
import { exactFieldsOf } from './exact-fields';
import type { ViewState } from './state';
import type { CompanionOutcome, KernelLink } from './types';

export class KernelLinkControl {
  /** `offer()` reads the view's current offer (the glue may replace it by `update`). */
  constructor(
    private readonly _state: ViewState,
    private readonly _offer: () => KernelLink | null | undefined
  ) {}

  /** Listen to `offer`'s changes (null: stop listening). */
  watch(offer: KernelLink | null | undefined, on: boolean): void {
    if (on) {
      offer?.changed.connect(this.check, this);
    } else {
      offer?.changed.disconnect(this.check, this);
    }
  }

  /** Show the offer if it applies now; never throws. */
  check(): void {
    if (this._disposed) {
      return;
    }
    const offer = this._offer();
    let offered = false;
    try {
      offered =
        !!offer &&
        this._state.summary?.source !== 'kernel' &&
        offer.available();
    } catch (error) {
      console.warn('jupyterlab-keras-summary: the offer failed', error);
    }
    this._state.setOffered(offered);
    this._state.setCheck({
      available: checkAvailable(this._state.summary, this._offer())
    });
  }

  /** "Add and run %load_ext": the glue runs it; the panel says what came of it. Never rejects. */
  async enable(): Promise<void> {
    const offer = this._offer();
    if (!offer || this._state.offer === 'running') {
      return;
    }
    this._state.setOffer('running');
    let outcome: CompanionOutcome = 'failed';
    try {
      outcome = await offer.enable();
    } catch (error) {
      console.warn(
        'jupyterlab-keras-summary: loading the companion failed',
        error
      );
    }
    if (!this._disposed) {
      this._state.setOffer(outcome);
    }
  }

  /** "Check in the kernel": the sizes typed, computed there. Never rejects. */
  runCheck(): Promise<void> {
    return runKernelCheck(this._state, this._offer());
  }

  dispose(): void {
    this.watch(this._offer(), false);
    this._disposed = true;
  }

  private _disposed = false;
}

/** Whether the check can be asked for: a live Python kernel, a kernel summary with a model token and a graph. */
export function checkAvailable(
  summary: Summary,
  link: KernelLink | null | undefined
): boolean {
  try {
    return (
      !!link &&
      summary?.source === 'kernel' &&
      tokenOf(summary) !== null &&
      exactFieldsOf(summary) !== null &&
      link.available()
    );
  } catch (error) {
    console.warn('jupyterlab-keras-summary: no kernel check', error);
    return false;
  }
}

const sameSizes = (a: object, b: object) =>
  JSON.stringify(a) === JSON.stringify(b);

/** Run the check for the sizes typed (a fixed batch as the page uses it) and put what came of it in the state. */
export async function runKernelCheck(
  state: ViewState,
  link: KernelLink | null | undefined
): Promise<void> {
  if (state.check.running) {
    return;
  }
  const summary = state.summary;
  let kernel = null;
  try {
    kernel = checkAvailable(summary, link) ? link!.kernel() : null;
  } catch (error) {
    console.warn('jupyterlab-keras-summary: no kernel to check in', error);
  }
  if (!kernel) {
    state.setCheck({ available: false, outcome: null });
    return;
  }
  const typed = state.sizes;
  const sizes: Record<string, number> = {};
  for (const field of state.whatIfSetup.exact ?? []) {
    if (field.fixed !== null) {
      sizes[field.key] = field.fixed;
    }
  }
  Object.assign(sizes, typed);
  state.setCheck({ running: true, outcome: null });
  let outcome: KernelCheckOutcome | null = null;
  try {
    outcome = await checkInKernel(kernel, summary, sizes);
  } catch (error) {
    console.warn('jupyterlab-keras-summary: the kernel check failed', error);
  }
  // What the kernel said is only shown for the summary and sizes it was asked about.
  const current = state.summary === summary && sameSizes(state.sizes, typed);
  state.setCheck({ running: false, outcome: current ? outcome : null });
}
