import type { JupyterFrontEndPlugin } from '@jupyterlab/application';

import * as extension from '../index';

const PLUGIN_ID = 'jupyterlab-keras-summary:plugin';

function plugins(): JupyterFrontEndPlugin<unknown>[] {
  const exported = extension.default as
    JupyterFrontEndPlugin<unknown> | JupyterFrontEndPlugin<unknown>[];
  return Array.isArray(exported) ? exported : [exported];
}

describe('jupyterlab-keras-summary', () => {
  it('exports the main plugin, started automatically', () => {
    const main = plugins().find(p => p.id === PLUGIN_ID);
    expect(main).toBeDefined();
    expect(main?.autoStart).toBe(true);
  });

  it('has a settings schema for the main plugin', () => {
    // The schema file is named after the part of the plugin id after ':'.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const schema = require('../../schema/plugin.json');
    expect(schema.type).toBe('object');
    expect(typeof schema.title).toBe('string');
  });
});
