/**
 * Configuration for Playwright using default from @jupyterlab/galata.
 *
 * The browser is the system (Debian) Chromium, never a Playwright download:
 * set CHROMIUM_PATH to use another binary.
 */
const baseConfig = require('@jupyterlab/galata/lib/playwright-config');

const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// Another checkout's test server may already hold 8888: GALATA_PORT=8899 ...
const port = process.env.GALATA_PORT || '8888';
const baseURL = `http://localhost:${port}`;

// Keep Chromium quiet on a closed network and usable as root in containers.
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
];

module.exports = {
  ...baseConfig,
  // The README screenshots are made on request (`make screenshots`), not by
  // every test run: they rewrite files under docs/.
  testIgnore: process.env.KERAS_SUMMARY_SCREENSHOTS
    ? []
    : ['**/*screenshots.spec.ts'],
  // One retry: on the 2-core CI machine, loaded by the server, the kernels
  // and the browser, a step can lose a race with JupyterLab (focus moving
  // back to a notebook, a late layout). A test that fails twice fails the
  // run; one that passes on its retry is counted as flaky by Playwright,
  // and `make test`'s closing line says how many (scripts/test_summary.mjs).
  retries: 1,
  // Never open the HTML report: `make test` must not wait on a browser.
  // results.json feeds the closing line of `make test`.
  reporter: [
    ['list'],
    ['html', { open: 'never' }],
    ['json', { outputFile: 'test-results.json' }]
  ],
  use: {
    ...baseConfig.use,
    baseURL,
    // Video needs Playwright's own ffmpeg download, which is not available.
    video: 'off',
    launchOptions: {
      ...(baseConfig.use && baseConfig.use.launchOptions),
      executablePath: chromiumPath,
      args: chromiumArgs
    }
  },
  webServer: {
    command: `../.venv/bin/jupyter lab --config jupyter_server_test_config.py --ServerApp.port=${port}`,
    url: `${baseURL}/lab`,
    timeout: 180000,
    reuseExistingServer: !process.env.CI
  }
};
