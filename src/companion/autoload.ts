/**
 * The setting "Load the kernel companion in Python kernels" (off by
 * default): once on, every Python kernel of a notebook or console loads
 * the companion silently when it is ready after starting, restarting or
 * replacing another, and every one running when the setting is turned on.
 * The code is guarded (see `SILENT_LOAD_CODE`): a kernel without the
 * package is untouched. The request is silent (no output, no history, no
 * execution count), as the messaging spec defines `silent`.
 */
import type { Kernel } from '@jupyterlab/services';
import type { IDisposable } from '@lumino/disposable';
import { expressionIsTrue, LOADED_EXPRESSION, SILENT_LOAD_CODE } from './code';
import type { KernelStart, KernelWatch } from './watch';

export class CompanionLoader implements IDisposable {
  constructor(private readonly _watch: KernelWatch) {
    _watch.started.connect(this._onStarted, this);
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  get enabled(): boolean {
    return this._enabled;
  }

  /** Turn the setting on (loads in every live Python kernel now) or off (loads nothing more). */
  set enabled(on: boolean) {
    if (on === this._enabled) {
      return;
    }
    this._enabled = on;
    if (!on) {
      return;
    }
    for (const context of this._watch.contexts()) {
      const kernel = context.session?.kernel;
      if (kernel && this._watch.isLivePython(context)) {
        void this.load(kernel);
      }
    }
  }

  /**
   * Whether the last silent load in `kernel` (since it last started) left
   * the companion loaded; null when none was sent or no answer came.
   */
  loaded(kernel: Kernel.IKernelConnection): boolean | null {
    return this._loaded.get(kernel) ?? null;
  }

  /** Load the companion in `kernel`, silently; resolves to whether it is loaded (null: no answer). Never rejects. */
  async load(kernel: Kernel.IKernelConnection): Promise<boolean | null> {
    try {
      const future = kernel.requestExecute({
        code: SILENT_LOAD_CODE,
        silent: true,
        store_history: false,
        allow_stdin: false,
        stop_on_error: false,
        user_expressions: { loaded: LOADED_EXPRESSION }
      });
      const reply = await future.done;
      const loaded = expressionIsTrue(reply?.content, 'loaded');
      if (loaded !== null) {
        this._loaded.set(kernel, loaded);
      }
      return loaded;
    } catch (error) {
      // A kernel that died or restarted meanwhile: nothing to undo.
      console.warn('keras-summary: could not load the kernel companion', error);
      return null;
    }
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    this._watch.started.disconnect(this._onStarted, this);
  }

  private _onStarted(_: KernelWatch, { kernel }: KernelStart): void {
    // A restarted kernel has lost what it had loaded.
    this._loaded.delete(kernel);
    if (this._enabled && this._watch.isPython(kernel) === true) {
      void this.load(kernel);
    }
  }

  private _enabled = false;
  private _disposed = false;
  private readonly _loaded = new WeakMap<Kernel.IKernelConnection, boolean>();
}
