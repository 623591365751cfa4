/**
 * The in-page half of the browser benches, added to a JupyterLab page with
 * page.addScriptTag. It renders outputs the way an output area does, with
 * either of two registries of the same application:
 *
 * - `ours`: the application's rendermime registry, whose stdout and
 *   text/html factories are this extension's wrappers;
 * - `default`: a clone of it in which those two MIME types get back the
 *   factories our wrappers delegate to: JupyterLab's own, the ones the page
 *   would use without the extension.
 *
 * Renderers are attached (Lumino messages included) to a host inside the
 * page that carries JupyterLab's output classes, so styles and layout are
 * those of a notebook output.
 */
(() => {
  const STDOUT = 'application/vnd.jupyter.stdout';
  const HTML = 'text/html';

  /** The next frame has been painted (rAF runs before paint; the task after it runs after). */
  const painted = () =>
    new Promise(resolve =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve();
        channel.port2.postMessage(null);
      })
    );

  const collect = () => {
    if (typeof window.gc === 'function') {
      window.gc();
    }
  };

  const heap = () =>
    performance.memory ? performance.memory.usedJSHeapSize : 0;

  let state = null;

  /**
   * Time spent inside JupyterLab's own renderers (ms), summed. The factories
   * our wrappers delegate to are instrumented: a wrapper's render time minus
   * this is the time the wrapper itself adds, measured in the same render,
   * so that the machine's noise does not enter the difference.
   */
  let inner = 0;
  function instrument(factory) {
    if (factory.__benchInstrumented) {
      return;
    }
    factory.__benchInstrumented = true;
    const create = factory.createRenderer.bind(factory);
    factory.createRenderer = options => {
      const renderer = create(options);
      const render = renderer.renderModel.bind(renderer);
      renderer.renderModel = async m => {
        const t0 = performance.now();
        try {
          return await render(m);
        } finally {
          inner += performance.now() - t0;
        }
      };
      return renderer;
    };
  }

  /** Find the registry, its wrappers and the originals; set up the host. */
  async function setup() {
    if (state) {
      return state;
    }
    const app = window.jupyterapp;
    const plugins = app.pluginRegistry || app._pluginRegistry;
    const token = [...plugins._services.keys()].find(
      t => t.name === '@jupyterlab/rendermime:IRenderMimeRegistry'
    );
    const ours = await app.resolveRequiredService(token);
    const original = ours.clone();
    const wrapped = {};
    for (const mime of [STDOUT, HTML]) {
      const probe = ours.createRenderer(mime);
      // Our wrappers keep the factory they wrap as `_base`.
      if (
        !probe.node.classList.contains('jp-KerasSummary-output') ||
        !probe._base
      ) {
        throw new Error(`the ${mime} factory is not the extension's wrapper`);
      }
      wrapped[mime] = true;
      instrument(probe._base);
      original.addFactory(probe._base, ours.getRank(mime));
      probe.dispose();
    }
    // Widget.attach, found from a renderer's class (JupyterLab's Widget).
    let W = original.createRenderer(STDOUT).constructor;
    while (W && !Object.prototype.hasOwnProperty.call(W, 'attach')) {
      W = Object.getPrototypeOf(W);
    }
    if (!W) {
      throw new Error('Widget.attach not found');
    }
    const stage = document.createElement('div');
    stage.className = 'jp-KerasSummaryBench-stage';
    stage.style.cssText =
      'position:fixed;left:0;top:0;width:1100px;height:800px;overflow:auto;' +
      'z-index:10000;background:var(--jp-layout-color0)';
    document.body.appendChild(stage);
    state = { registries: { ours, default: original }, Widget: W, stage };
    // Long tasks, recorded all the time; callers read the window they need.
    state.longTasks = [];
    try {
      new PerformanceObserver(list => {
        for (const e of list.getEntries()) {
          state.longTasks.push({ start: e.startTime, duration: e.duration });
        }
      }).observe({ type: 'longtask', buffered: false });
    } catch {
      // No long task API: the figure is reported as missing.
      state.longTasks = null;
    }
    return state;
  }

  /**
   * The text as one flat string. Text built by concatenation (as JupyterLab
   * builds a stream's) is flattened by whichever code reads it first; doing
   * it here, untimed, keeps that cost out of both sides of a comparison.
   */
  function flat(text) {
    text.indexOf('\u0000');
    return text;
  }

  function model(mime, text) {
    const data = { [mime]: flat(text) };
    return { data, metadata: {}, trusted: true, setData() {} };
  }

  /** A fresh host, in the stage, with JupyterLab's output classes. */
  function host() {
    const node = document.createElement('div');
    node.className = 'jp-OutputArea-output';
    state.stage.textContent = '';
    state.stage.appendChild(node);
    return node;
  }

  function longestTask(from, to) {
    if (!state.longTasks) {
      return null;
    }
    let max = 0;
    for (const t of state.longTasks) {
      if (t.start + t.duration >= from && t.start <= to) {
        max = Math.max(max, t.duration);
      }
    }
    return max;
  }

  /**
   * Render one output and wait until it is usable: painted, and for our
   * summaries, the table in the DOM. Returns times (ms) and the heap it keeps.
   */
  async function renderOnce(mode, mime, text, expectRows) {
    const s = await setup();
    const node = host();
    await painted();
    let m = model(mime, text);
    let renderer = s.registries[mode].createRenderer(mime);
    collect();
    const t0 = performance.now();
    s.Widget.attach(renderer, node);
    await renderer.renderModel(m);
    // Layout now, as the frame would.
    node.getBoundingClientRect();
    await painted();
    const usable = performance.now() - t0;
    let rows = node.querySelectorAll('tr.jp-KerasSummary-row').length;
    let complete = usable;
    if (mode === 'ours' && expectRows) {
      // Large tables get their rows in chunks between frames.
      const deadline = t0 + 120000;
      while (rows < expectRows && performance.now() < deadline) {
        await painted();
        rows = node.querySelectorAll('tr.jp-KerasSummary-row').length;
      }
      complete = performance.now() - t0;
    }
    const t1 = performance.now();
    const tableShown = node.querySelector('.jp-KerasSummary') !== null;
    await new Promise(r => setTimeout(r, 50));
    collect();
    const heapWith = heap();
    // What the shown output holds on to: the heap with it, minus the heap
    // once it is disposed and nothing refers to it (both after a collection;
    // the text itself is held by this page either way).
    renderer.dispose();
    node.remove();
    renderer = null;
    m = null;
    await painted();
    await new Promise(r => setTimeout(r, 50));
    collect();
    return {
      usable,
      complete,
      rows,
      longestTask: longestTask(t0, t1),
      heapKept: heapWith - heap(),
      tableShown
    };
  }

  /**
   * Stream `chunks` into one renderer, as an output area does: every chunk
   * re-renders the whole text so far, then layout. With `every` > 1 only
   * every `every`-th text (and the last) is rendered, as if the chunks in
   * between had arrived together. Returns the total time (ms) and, for our
   * wrapper, the part spent inside JupyterLab's renderer. With
   * `expectRows`, our table's time to its last row (added in chunks after
   * the last render) counts too.
   */
  async function streamOnce(mode, chunks, every, expectRows) {
    const s = await setup();
    const node = host();
    await painted();
    collect();
    const renderer = s.registries[mode].createRenderer(STDOUT);
    s.Widget.attach(renderer, node);
    let text = '';
    let total = 0;
    let innerTotal = 0;
    let renders = 0;
    let longest = 0;
    const step = every || 1;
    for (let i = 0; i < chunks.length; i++) {
      text += chunks[i];
      if ((i + 1) % step !== 0 && i !== chunks.length - 1) {
        continue;
      }
      const m = model(STDOUT, text);
      const inner0 = inner;
      const t0 = performance.now();
      await renderer.renderModel(m);
      const t1 = performance.now();
      node.getBoundingClientRect();
      const t2 = performance.now();
      total += t2 - t0;
      innerTotal += inner - inner0 + (t2 - t1);
      longest = Math.max(longest, t2 - t0);
      renders++;
    }
    // The last frame: painting the output (the same work on both sides of
    // the decomposition: it counts with JupyterLab's part when no table shows).
    const t3 = performance.now();
    await painted();
    const paint = performance.now() - t3;
    total += paint;
    const tableShown = node.querySelector('.jp-KerasSummary') !== null;
    if (tableShown && expectRows) {
      const t4 = performance.now();
      const deadline = t4 + 120000;
      while (
        node.querySelectorAll('tr.jp-KerasSummary-row').length < expectRows &&
        performance.now() < deadline
      ) {
        await painted();
      }
      total += performance.now() - t4;
    }
    if (!tableShown) {
      innerTotal += paint;
    }
    const result = {
      total,
      inner: innerTotal,
      renders,
      longest,
      tableShown,
      rows: node.querySelectorAll('tr.jp-KerasSummary-row').length,
      textLength: text.length
    };
    renderer.dispose();
    node.remove();
    return result;
  }

  /**
   * Render the same output `pairs` times with each registry, alternating
   * which goes first (ABBA), each into a fresh renderer laid out and
   * painted. Returns the times (ms) of each.
   */
  async function compare(mime, text, pairs) {
    const s = await setup();
    const times = { default: [], ours: [], oursInner: [] };
    const one = async mode => {
      const node = host();
      await painted();
      const m = model(mime, text);
      const inner0 = inner;
      const t0 = performance.now();
      const renderer = s.registries[mode].createRenderer(mime);
      s.Widget.attach(renderer, node);
      await renderer.renderModel(m);
      const t1 = performance.now();
      node.getBoundingClientRect();
      const t2 = performance.now();
      times[mode].push(t2 - t0);
      if (mode === 'ours') {
        // Layout is the same work for both: count it with the inner time.
        times.oursInner.push(inner - inner0 + (t2 - t1));
      }
      renderer.dispose();
      node.remove();
    };
    for (let i = 0; i < pairs; i++) {
      const order = i % 2 === 0 ? ['default', 'ours'] : ['ours', 'default'];
      for (const mode of order) {
        await one(mode);
      }
    }
    return times;
  }

  window.__kerasBench = {
    compare,
    setup: async () => {
      await setup();
      return true;
    },
    renderOnce,
    streamOnce,
    /** Registries, Widget and stage, for exploring by hand. */
    state: () => setup(),
    heapNow: () => {
      collect();
      return heap();
    }
  };
})();
