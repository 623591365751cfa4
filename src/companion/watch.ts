/**
 * Which notebooks and consoles have a live Python kernel, watched through
 * their session contexts (the widget trackers hand them over as they
 * open): `started` fires once a kernel is ready after it started,
 * restarted or replaced another (for loading the companion there);
 * `changed` fires when whether a session has a live Python kernel flips
 * (for the "Exact shapes…" offer). Whether a kernel runs Python comes from
 * its info reply, asked once per kernel.
 */
import type { ISessionContext } from '@jupyterlab/apputils';
import type { Kernel } from '@jupyterlab/services';
import type { IDisposable } from '@lumino/disposable';
import { Signal } from '@lumino/signaling';
import type { ISignal } from '@lumino/signaling';
import { isPythonInfo } from './code';

/** A widget with a session (a notebook or console panel). */
export interface SessionWidget {
  readonly sessionContext: ISessionContext;
}

/** What a tracker of such widgets offers (`INotebookTracker`, `IConsoleTracker`). */
export interface SessionTracker<T extends SessionWidget = SessionWidget> {
  forEach(fn: (widget: T) => void): void;
  readonly widgetAdded: ISignal<unknown, T>;
}

/** A kernel that just became ready, in its session. */
export interface KernelStart {
  context: ISessionContext;
  kernel: Kernel.IKernelConnection;
}

/** Statuses after which the next `idle` is a fresh kernel. */
const FRESH = new Set<string>(['starting', 'restarting', 'autorestarting']);
/** Statuses of a kernel that cannot run code. */
const GONE = new Set<string>([
  'dead',
  'unknown',
  'starting',
  'restarting',
  'autorestarting'
]);

interface Watched {
  kernel: Kernel.IKernelConnection | null;
  /** The next idle is the kernel's first since it started. */
  fresh: boolean;
  live: boolean;
}

export class KernelWatch implements IDisposable {
  constructor(trackers: ReadonlyArray<SessionTracker | null>) {
    for (const tracker of trackers) {
      if (!tracker) {
        continue;
      }
      tracker.forEach(w => this.watch(w.sessionContext));
      tracker.widgetAdded.connect((_, w) => this.watch(w.sessionContext), this);
    }
  }

  /** A kernel became ready after it started, restarted or replaced another (any language). */
  get started(): ISignal<this, KernelStart> {
    return this._started;
  }

  /** Whether a session has a live Python kernel changed. */
  get changed(): ISignal<this, ISessionContext> {
    return this._changed;
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  /** The sessions watched now. */
  contexts(): ISessionContext[] {
    return [...this._watched.keys()];
  }

  /** Whether `context` has a Python kernel that can run code now. */
  isLivePython(context: ISessionContext | null | undefined): boolean {
    return !!context && this._watched.get(context)?.live === true;
  }

  /** Whether `kernel` runs Python; null until its info reply came. */
  isPython(kernel: Kernel.IKernelConnection): boolean | null {
    return this._python.get(kernel) ?? null;
  }

  /** Watch one more session (idempotent). */
  watch(context: ISessionContext): void {
    if (this._disposed || this._watched.has(context) || context.isDisposed) {
      return;
    }
    const watched: Watched = { kernel: null, fresh: true, live: false };
    this._watched.set(context, watched);
    context.kernelChanged.connect(this._onKernel, this);
    context.statusChanged.connect(this._onStatus, this);
    context.connectionStatusChanged.connect(this._onStatus, this);
    context.disposed.connect(this._onDisposed, this);
    this._onKernel(context);
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    this._watched.clear();
    Signal.clearData(this);
  }

  private _onKernel(context: ISessionContext): void {
    const watched = this._watched.get(context);
    if (!watched) {
      return;
    }
    const kernel = context.session?.kernel ?? null;
    if (kernel !== watched.kernel) {
      watched.kernel = kernel;
      watched.fresh = true;
    }
    this._onStatus(context);
  }

  private _onStatus(context: ISessionContext): void {
    const watched = this._watched.get(context);
    const kernel = context.session?.kernel ?? null;
    if (!watched || this._disposed) {
      return;
    }
    if (kernel !== watched.kernel) {
      this._onKernel(context);
      return;
    }
    const status = kernel?.status ?? 'unknown';
    if (FRESH.has(status)) {
      watched.fresh = true;
    }
    const connected = kernel?.connectionStatus === 'connected';
    const canRun = !!kernel && connected && !GONE.has(status);
    if (canRun && watched.fresh && status === 'idle') {
      watched.fresh = false;
      void this._ready(context, kernel!);
    }
    this._setLive(
      context,
      watched,
      canRun && this._python.get(kernel!) === true
    );
  }

  /** A fresh kernel is idle: learn its language, then say it started. */
  private async _ready(
    context: ISessionContext,
    kernel: Kernel.IKernelConnection
  ): Promise<void> {
    if (!this._python.has(kernel)) {
      let python = false;
      try {
        python = isPythonInfo(await kernel.info);
      } catch {
        python = false;
      }
      this._python.set(kernel, python);
    }
    const watched = this._watched.get(context);
    if (this._disposed || !watched || watched.kernel !== kernel) {
      return;
    }
    this._onStatus(context);
    this._started.emit({ context, kernel });
  }

  private _setLive(
    context: ISessionContext,
    watched: Watched,
    live: boolean
  ): void {
    if (watched.live !== live) {
      watched.live = live;
      this._changed.emit(context);
    }
  }

  private _onDisposed(context: ISessionContext): void {
    const watched = this._watched.get(context);
    this._watched.delete(context);
    if (watched?.live) {
      this._changed.emit(context);
    }
  }

  private readonly _watched = new Map<ISessionContext, Watched>();
  private readonly _python = new WeakMap<Kernel.IKernelConnection, boolean>();
  private readonly _started = new Signal<this, KernelStart>(this);
  private readonly _changed = new Signal<this, ISessionContext>(this);
  private _disposed = false;
}
