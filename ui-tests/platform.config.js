/**
 * Playwright for the tests that start a server of their own (`make
 * lite-test`, `make compat-test`, `make demo-test`; files
 * platform/*.platform.ts): plain @playwright/test, no Galata fixtures, since
 * a static JupyterLite site or an old JupyterLab has no Galata extension.
 *
 *   PLATFORM_SERVER   the command that serves on GALATA_PORT (from ui-tests/)
 *   PLATFORM_RESULTS  where the JSON results go (counted by `make test`)
 *
 * The browser is the UI tests' (playwright.config.js); an existing server on
 * the port is never reused (it would be another checkout's, or another version's).
 */
const uiTests = require('./playwright.config.js');

const port = process.env.GALATA_PORT || '8888';

module.exports = {
  testDir: 'platform',
  testMatch: '*.platform.ts',
  timeout: 180000,
  expect: { timeout: 30000 },
  workers: 1,
  // As the UI tests (playwright.config.js): one retry, counted as flaky.
  retries: 1,
  reporter: [
    ['list'],
    [
      'json',
      {
        outputFile:
          process.env.PLATFORM_RESULTS || 'test-results/platform-results.json'
      }
    ]
  ],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 900 },
    trace: 'off',
    video: 'off',
    // The system Chromium, with the flags of the UI tests.
    launchOptions: uiTests.use.launchOptions
  },
  webServer: {
    command: process.env.PLATFORM_SERVER,
    url: process.env.PLATFORM_READY_URL || `http://127.0.0.1:${port}/`,
    timeout: 180000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe'
  }
};
