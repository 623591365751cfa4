/**
 * The companion's page side without a server: the Python it sends (and what
 * it refuses to put into Python), which sessions have a live Python kernel,
 * the silent loading the setting asks for (on start, restart, change, and
 * when turned on), and the offer's availability. Sessions and kernels here
 * are small fakes with the signals and fields JupyterLab's have; the real
 * thing is driven by the Galata test (ui-tests/tests/kernel-companion.spec.ts).
 */
import { Signal } from '@lumino/signaling';
import {
  CompanionLoader,
  expressionIsTrue,
  KernelWatch,
  LOADED_EXPRESSION,
  loadOutcome,
  NotebookOffers,
  SILENT_LOAD_CODE
} from '..';

/** A kernel connection as far as the companion uses one. */
class FakeKernel {
  constructor(
    public language: string,
    private readonly _loads: boolean
  ) {}
  status = 'starting';
  connectionStatus = 'connected';
  statusChanged = new Signal<this, string>(this);
  requests: any[] = [];
  get info(): Promise<unknown> {
    return Promise.resolve({ language_info: { name: this.language } });
  }
  requestExecute(content: any) {
    this.requests.push(content);
    const loads = this._loads;
    return {
      done: Promise.resolve({
        content: {
          status: 'ok',
          user_expressions: {
            loaded: {
              status: 'ok',
              data: { 'text/plain': loads ? 'True' : 'False' }
            }
          }
        }
      })
    };
  }
}

/** A session context: its kernel, and the signals the watch listens to. */
class FakeContext {
  session: { kernel: FakeKernel | null } | null = { kernel: null };
  isDisposed = false;
  kernelChanged = new Signal<this, unknown>(this);
  statusChanged = new Signal<this, string>(this);
  connectionStatusChanged = new Signal<this, string>(this);
  disposed = new Signal<this, void>(this);

  setKernel(kernel: FakeKernel | null): void {
    this.session = { kernel };
    this.kernelChanged.emit(null);
  }

  setStatus(status: string): void {
    this.session!.kernel!.status = status;
    this.statusChanged.emit(status);
  }
}

class FakeTracker {
  widgets: { sessionContext: FakeContext; node: HTMLElement }[] = [];
  widgetAdded = new Signal<this, any>(this);
  add(context: FakeContext): {
    sessionContext: FakeContext;
    node: HTMLElement;
  } {
    const widget = {
      sessionContext: context,
      node: document.createElement('div')
    };
    this.widgets.push(widget);
    this.widgetAdded.emit(widget);
    return widget;
  }
  forEach(fn: (w: any) => void) {
    this.widgets.forEach(fn);
  }
  find(fn: (w: any) => boolean) {
    return this.widgets.find(fn);
  }
}

const settle = async () => {
  for (let i = 0; i < 10; i++) {
    await Promise.resolve();
  }
};

/** A context whose fresh kernel of `language` is now idle. */
async function readyContext(
  tracker: FakeTracker,
  language = 'python',
  loads = true
): Promise<{ context: FakeContext; kernel: FakeKernel }> {
  const context = new FakeContext();
  tracker.add(context);
  const kernel = new FakeKernel(language, loads);
  context.setKernel(kernel);
  context.setStatus('idle');
  await settle();
  return { context, kernel };
}

describe('the Python sent to the kernel', () => {
  it('loads the companion guarded, so a kernel without it is untouched', () => {
    expect(SILENT_LOAD_CODE).toBe(
      [
        'try:',
        "    get_ipython().run_line_magic('load_ext', 'jupyterlab_keras_summary')",
        'except Exception:',
        '    pass'
      ].join('\n')
    );
    expect(LOADED_EXPRESSION).toBe(
      "'jupyterlab_keras_summary' in get_ipython().extension_manager.loaded"
    );
  });

  it('reads a user expression and an execute reply', () => {
    const reply = (text: string, status = 'ok') => ({
      user_expressions: { loaded: { status, data: { 'text/plain': text } } }
    });
    expect(expressionIsTrue(reply('True'), 'loaded')).toBe(true);
    expect(expressionIsTrue(reply('False'), 'loaded')).toBe(false);
    expect(expressionIsTrue(reply('True', 'error'), 'loaded')).toBeNull();
    expect(expressionIsTrue({}, 'loaded')).toBeNull();
    expect(loadOutcome({ status: 'ok' })).toBe('loaded');
    expect(loadOutcome({ status: 'error', ename: 'ModuleNotFoundError' })).toBe(
      'missing'
    );
    expect(loadOutcome({ status: 'error', ename: 'NameError' })).toBe('failed');
    expect(loadOutcome(null)).toBe('failed');
  });
});

describe('which sessions have a live Python kernel', () => {
  it('a Python kernel is live once idle; busy stays live; dead, restarting and gone are not', async () => {
    const tracker = new FakeTracker();
    const watch = new KernelWatch([tracker as any]);
    const flips: boolean[] = [];
    watch.changed.connect((_, c) => flips.push(watch.isLivePython(c)));
    const { context } = await readyContext(tracker);
    expect(watch.isLivePython(context as any)).toBe(true);
    context.setStatus('busy');
    expect(watch.isLivePython(context as any)).toBe(true);
    context.setStatus('restarting');
    expect(watch.isLivePython(context as any)).toBe(false);
    context.setStatus('idle');
    await settle();
    expect(watch.isLivePython(context as any)).toBe(true);
    context.setStatus('dead');
    expect(watch.isLivePython(context as any)).toBe(false);
    context.setKernel(null);
    expect(watch.isLivePython(context as any)).toBe(false);
    expect(flips).toEqual([true, false, true, false]);
  });

  it('a kernel of another language is never live Python', async () => {
    const tracker = new FakeTracker();
    const watch = new KernelWatch([tracker as any]);
    const { context } = await readyContext(tracker, 'R');
    expect(watch.isLivePython(context as any)).toBe(false);
  });

  it('says when a kernel started, restarted or was replaced, once each', async () => {
    const tracker = new FakeTracker();
    const watch = new KernelWatch([tracker as any]);
    const started: unknown[] = [];
    watch.started.connect((_, s) => started.push(s.kernel));
    const { context, kernel } = await readyContext(tracker);
    context.setStatus('busy');
    context.setStatus('idle');
    await settle();
    expect(started).toEqual([kernel]);
    context.setStatus('restarting');
    context.setStatus('idle');
    await settle();
    expect(started).toEqual([kernel, kernel]);
    const other = new FakeKernel('python', true);
    context.setKernel(other);
    context.setStatus('idle');
    await settle();
    expect(started).toEqual([kernel, kernel, other]);
  });

  it('watches sessions open before it started too', async () => {
    const tracker = new FakeTracker();
    const context = new FakeContext();
    tracker.add(context);
    const kernel = new FakeKernel('python', true);
    context.setKernel(kernel);
    kernel.status = 'idle';
    const watch = new KernelWatch([tracker as any, null]);
    await settle();
    expect(watch.isLivePython(context as any)).toBe(true);
  });
});

describe('loading the companion silently (the setting)', () => {
  it('does nothing while the setting is off', async () => {
    const tracker = new FakeTracker();
    const watch = new KernelWatch([tracker as any]);
    new CompanionLoader(watch);
    const { kernel } = await readyContext(tracker);
    expect(kernel.requests).toEqual([]);
  });

  it('loads in every live Python kernel when turned on, then in each that starts or restarts', async () => {
    const tracker = new FakeTracker();
    const watch = new KernelWatch([tracker as any]);
    const loader = new CompanionLoader(watch);
    const a = await readyContext(tracker);
    const r = await readyContext(tracker, 'R');
    loader.enabled = true;
    await settle();
    expect(a.kernel.requests).toHaveLength(1);
    expect(r.kernel.requests).toHaveLength(0);
    expect(a.kernel.requests[0]).toEqual({
      code: SILENT_LOAD_CODE,
      silent: true,
      store_history: false,
      allow_stdin: false,
      stop_on_error: false,
      user_expressions: { loaded: LOADED_EXPRESSION }
    });
    expect(loader.loaded(a.kernel as any)).toBe(true);
    const b = await readyContext(tracker, 'python', false);
    expect(b.kernel.requests).toHaveLength(1);
    // Its environment lacks the package: it says so, and is left alone.
    expect(loader.loaded(b.kernel as any)).toBe(false);
    a.context.setStatus('restarting');
    a.context.setStatus('idle');
    await settle();
    expect(a.kernel.requests).toHaveLength(2);
    loader.enabled = false;
    a.context.setStatus('restarting');
    a.context.setStatus('idle');
    await settle();
    expect(a.kernel.requests).toHaveLength(2);
  });
});

describe('the Exact shapes… offer', () => {
  it('applies to outputs inside a notebook with a live Python kernel, and says when that changes', async () => {
    const tracker = new FakeTracker();
    const watch = new KernelWatch([tracker as any]);
    const offers = new NotebookOffers(tracker as any, watch);
    const context = new FakeContext();
    const panel = tracker.add(context);
    document.body.appendChild(panel.node);
    const output = document.createElement('div');
    const offer = offers.linkFor(output);
    // Not attached yet: no notebook to find.
    expect(offer.available()).toBe(false);
    panel.node.appendChild(output);
    expect(offer.available()).toBe(false);
    let changes = 0;
    offer.changed.connect(() => changes++);
    const kernel = new FakeKernel('python', true);
    context.setKernel(kernel);
    context.setStatus('idle');
    await settle();
    expect(offer.available()).toBe(true);
    expect(changes).toBe(1);
    context.setStatus('dead');
    expect(offer.available()).toBe(false);
    expect(changes).toBe(2);
    expect(await offer.enable()).toBe('unavailable');
    // An output outside every notebook (a console) gets no offer.
    const elsewhere = document.createElement('div');
    document.body.appendChild(elsewhere);
    expect(offers.linkFor(elsewhere).available()).toBe(false);
    document.body.textContent = '';
  });
});
