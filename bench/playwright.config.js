/**
 * Playwright configuration for the browser benches (`make bench`).
 *
 * Reuses the UI tests' packages (ui-tests/node_modules: Galata, Playwright),
 * the system Chromium with the UI tests' launch arguments, and a JupyterLab
 * server started as the UI tests start theirs, on its own port
 * (BENCH_PORT, default 8971). Never downloads a browser.
 */
const path = require('path');
const Module = require('module');

const uiModules = path.resolve(__dirname, '..', 'ui-tests', 'node_modules');
// The bench files import @jupyterlab/galata and @playwright/test: resolve
// them from ui-tests, in this process and in the workers it starts.
process.env.NODE_PATH = [uiModules, process.env.NODE_PATH]
  .filter(Boolean)
  .join(path.delimiter);
Module._initPaths();

const baseConfig = require(
  path.join(uiModules, '@jupyterlab', 'galata', 'lib', 'playwright-config')
);
const uiConfig = require('../ui-tests/playwright.config.js');

const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const port = process.env.BENCH_PORT || '8971';
const baseURL = `http://localhost:${port}`;

module.exports = {
  ...baseConfig,
  testDir: './browser',
  testMatch: '**/*.bench.ts',
  // One page at a time: timings must not share the machine with each other.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  // A bench measures for minutes; its own figures say what went wrong.
  timeout: 15 * 60 * 1000,
  reporter: [['list']],
  outputDir: path.resolve(__dirname, '..', '.make', 'bench', 'test-results'),
  use: {
    ...baseConfig.use,
    baseURL,
    video: 'off',
    trace: 'off',
    // A wide window, as a notebook user would have.
    viewport: { width: 1280, height: 900 },
    launchOptions: {
      executablePath: chromiumPath,
      // The UI tests' arguments, plus: window.gc() and exact heap figures
      // (performance.memory), so that heap sizes are measured after a
      // collection rather than at an arbitrary moment.
      args: [
        ...uiConfig.use.launchOptions.args,
        '--js-flags=--expose-gc',
        '--enable-precise-memory-info'
      ]
    }
  },
  webServer: {
    command:
      `../.venv/bin/jupyter lab --config ../ui-tests/jupyter_server_test_config.py ` +
      `--ServerApp.port=${port}`,
    cwd: __dirname,
    url: `${baseURL}/lab`,
    timeout: 180000,
    // Always our own server: the start-up figures depend on how it was started.
    reuseExistingServer: false
  }
};
