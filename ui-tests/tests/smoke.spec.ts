import { expect, test } from '@jupyterlab/galata';
import type { ConsoleMessage, Page } from '@playwright/test';

const PLUGIN_ID = 'jupyterlab-keras-summary:plugin';

/**
 * Notebook 7.6.5 itself throws this while its shortcuts plugin loads
 * settings, with or without any extension installed; it is not ours.
 */
const NOTEBOOK7_KNOWN_ERRORS = [
  "Cannot read properties of undefined (reading 'schema')"
];

/**
 * Collect what the browser reports as errors while the app loads.
 */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') {
      errors.push(message.text());
    }
  });
  page.on('pageerror', error => {
    errors.push(error.message);
  });
  return errors;
}

/**
 * Whether the application in the page knows and has activated the plugin.
 */
async function pluginState(
  page: Page,
  id: string
): Promise<{ known: boolean; activated: boolean }> {
  return page.evaluate(pluginId => {
    const app = window.jupyterapp;
    return {
      known: app.hasPlugin(pluginId),
      activated: app.isPluginActivated(pluginId)
    };
  }, id);
}

// Load the page ourselves so that no early console message is missed.
test.use({ autoGoto: false });

test.describe('smoke', () => {
  test('JupyterLab activates the extension without errors', async ({
    page
  }) => {
    const errors = collectErrors(page);

    await page.goto();

    expect(await pluginState(page, PLUGIN_ID)).toEqual({
      known: true,
      activated: true
    });
    expect(errors).toEqual([]);
  });

  test('Notebook 7 activates the extension without errors', async ({
    baseURL,
    context
  }) => {
    const page = await context.newPage();
    const errors = collectErrors(page);

    await page.goto(`${baseURL}/tree`);
    await page.waitForFunction(
      () => typeof window.jupyterapp === 'object' && window.jupyterapp.started
    );
    await page.evaluate(() => window.jupyterapp.started);

    expect(await pluginState(page, PLUGIN_ID)).toEqual({
      known: true,
      activated: true
    });
    expect(errors.filter(e => !NOTEBOOK7_KNOWN_ERRORS.includes(e))).toEqual([]);
  });
});
