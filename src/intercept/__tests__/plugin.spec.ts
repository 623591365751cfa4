import {
  RenderMimeRegistry,
  standardRendererFactories,
  textRendererFactory
} from '@jupyterlab/rendermime';
import { CommandRegistry } from '@lumino/commands';
import { PAYLOAD_MIME_TYPE } from '../../parse';
import plugin from '../../plugin';
import { DEFAULT_SETTINGS, readSettings } from '../settings';
import { FakeSettings, rendersTable, STDOUT, tick } from './helpers';

function activate(composite?: Record<string, unknown> | Error) {
  const rendermime = new RenderMimeRegistry({
    initialFactories: standardRendererFactories
  });
  const app = { commands: new CommandRegistry() } as any;
  const settings =
    composite instanceof Error || composite === undefined
      ? null
      : new FakeSettings(composite);
  const registry =
    composite === undefined
      ? null
      : ({
          load: async () => {
            if (composite instanceof Error) {
              throw composite;
            }
            return settings;
          }
        } as any);
  plugin.activate(app, rendermime, registry, null);
  return { rendermime, app, settings };
}

describe('plugin', () => {
  it('is started automatically and needs only the rendermime registry', () => {
    expect(plugin.id).toBe('jupyterlab-keras-summary:plugin');
    expect(plugin.autoStart).toBe(true);
    expect(plugin.requires?.length).toBe(1);
  });

  it('wraps stdout and HTML, keeping ranks and safety, and leaves text/plain alone', async () => {
    const before = new RenderMimeRegistry({
      initialFactories: standardRendererFactories
    });
    const { rendermime } = activate();
    for (const mime of [STDOUT, 'text/html']) {
      expect(rendermime.getFactory(mime)).not.toBe(before.getFactory(mime));
      expect(rendermime.getFactory(mime)!.safe).toBe(true);
      expect(rendermime.getRank(mime)).toBe(before.getRank(mime));
    }
    expect(rendermime.getFactory('text/plain')).toBe(textRendererFactory);
    // One type more: the kernel companion's payload, ahead of HTML, safe.
    expect(rendermime.mimeTypes).toEqual([
      PAYLOAD_MIME_TYPE,
      ...before.mimeTypes
    ]);
    expect(rendermime.getFactory(PAYLOAD_MIME_TYPE)!.safe).toBe(true);
    expect(rendermime.getRank(PAYLOAD_MIME_TYPE)).toBeLessThan(
      before.getRank('text/html')!
    );
    expect(
      rendermime.preferredMimeType(
        { [PAYLOAD_MIME_TYPE]: {}, 'text/html': 'x', 'text/plain': 'x' },
        'ensure'
      )
    ).toBe(PAYLOAD_MIME_TYPE);
    // Untrusted rich bundles still prefer HTML; stream bundles use the wrapper.
    expect(
      rendermime.preferredMimeType(
        { 'text/html': 'x', 'text/plain': 'x' },
        'ensure'
      )
    ).toBe('text/html');
    expect(await rendersTable(rendermime)).toBe(true);
  });

  it('applies settings when they load and when they change', async () => {
    const { rendermime, settings } = activate({
      ...DEFAULT_SETTINGS,
      enabled: false
    });
    await tick();
    expect(await rendersTable(rendermime)).toBe(false);
    await settings!.set('enabled', true);
    expect(await rendersTable(rendermime)).toBe(true);
  });

  it('toggles interception with a command', async () => {
    const { rendermime, app, settings } = activate({ ...DEFAULT_SETTINGS });
    await tick();
    expect(app.commands.isToggled('keras-summary:toggle-interception')).toBe(
      true
    );
    await app.commands.execute('keras-summary:toggle-interception');
    expect(settings!.composite.enabled).toBe(false);
    expect(await rendersTable(rendermime)).toBe(false);
  });

  it('falls back to the defaults, with a warning, for bad settings', async () => {
    const warn = jest
      .spyOn(console, 'warn')
      .mockImplementation(() => undefined);
    const { rendermime } = activate({
      enabled: 'yes',
      initialView: 'graph',
      formats: ['keras9']
    });
    await tick();
    expect(warn).toHaveBeenCalledTimes(3);
    expect(await rendersTable(rendermime)).toBe(true);
    warn.mockClear();
    const failed = activate(new Error('invalid settings'));
    await tick();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(await rendersTable(failed.rendermime)).toBe(true);
    warn.mockRestore();
  });
});

describe('readSettings', () => {
  it('reads valid settings', () => {
    const { settings, problems } = readSettings({
      enabled: false,
      initialView: 'text',
      formats: ['keras2'],
      dimensionLetters: true
    });
    expect(settings).toEqual({
      enabled: false,
      initialView: 'text',
      formats: ['keras2'],
      dimensionLetters: true,
      loadCompanion: false
    });
    expect(readSettings({ loadCompanion: true }).settings.loadCompanion).toBe(
      true
    );
    expect(problems).toEqual([]);
  });

  it.each([
    [{ enabled: 1 }, 'enabled'],
    [{ initialView: 'TABLE' }, 'initialView'],
    [{ formats: 'keras3' }, 'formats'],
    [{ formats: ['keras3', 'keras3'] }, 'formats'],
    [{ formats: [3] }, 'formats'],
    [{ dimensionLetters: 'yes' }, 'dimensionLetters'],
    [{ loadCompanion: 'on' }, 'loadCompanion']
  ])('replaces %j by the default', (raw, key) => {
    const { settings, problems } = readSettings(raw);
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(key);
  });

  it('takes defaults for missing values and non-objects', () => {
    expect(readSettings({}).settings).toEqual(DEFAULT_SETTINGS);
    expect(readSettings(undefined).problems).toEqual([]);
    expect(readSettings(42).problems).toHaveLength(1);
  });
});
