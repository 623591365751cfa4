/**
 * Bad settings: whatever the settings hold (a hand-edited overrides file, an
 * old schema, a broken registry), interception keeps working with valid
 * values, each invalid one replaced by its default with a console warning.
 */
import {
  RenderMimeRegistry,
  standardRendererFactories
} from '@jupyterlab/rendermime';
import { CommandRegistry } from '@lumino/commands';
import * as fc from 'fast-check';
import plugin from '../../plugin';
import { ALL_FORMATS, DEFAULT_SETTINGS, readSettings } from '../settings';
import { FakeSettings, rendersTable, tick } from './helpers';

const KEYS = [
  'enabled',
  'initialView',
  'formats',
  'dimensionLetters',
  'loadCompanion'
] as const;

function validValue(key: (typeof KEYS)[number], v: unknown): boolean {
  switch (key) {
    case 'enabled':
    case 'dimensionLetters':
    case 'loadCompanion':
      return typeof v === 'boolean';
    case 'initialView':
      return v === 'table' || v === 'text';
    case 'formats':
      return (
        Array.isArray(v) &&
        v.every(f => (ALL_FORMATS as unknown[]).includes(f)) &&
        new Set(v).size === v.length
      );
  }
}

/** Any JSON-ish value, with a bias towards near misses. */
const value = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(
    true,
    false,
    'true',
    'table',
    'text',
    'TABLE',
    ' text',
    ['keras3'],
    ['keras3', 'keras2', 'keras1'],
    ['keras3', 'keras3'],
    ['Keras3'],
    [],
    null,
    undefined,
    NaN
  )
);

describe('readSettings', () => {
  it('always returns valid settings, and a problem for each invalid value', () => {
    let runs = 0;
    fc.assert(
      fc.property(
        fc.oneof(
          value,
          fc.record(
            {
              enabled: value,
              initialView: value,
              formats: value,
              dimensionLetters: value,
              loadCompanion: value
            },
            { requiredKeys: [] }
          )
        ),
        raw => {
          runs++;
          const { settings, problems } = readSettings(raw);
          expect(typeof settings.enabled).toBe('boolean');
          expect(typeof settings.dimensionLetters).toBe('boolean');
          expect(typeof settings.loadCompanion).toBe('boolean');
          expect(['table', 'text']).toContain(settings.initialView);
          expect(validValue('formats', settings.formats)).toBe(true);
          if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
            expect(settings).toEqual(DEFAULT_SETTINGS);
            expect(problems).toHaveLength(
              raw === undefined || raw === null ? 0 : 1
            );
            return;
          }
          const o = raw as Record<string, unknown>;
          let bad = 0;
          for (const key of KEYS) {
            if (o[key] === undefined) {
              expect(settings[key]).toEqual(DEFAULT_SETTINGS[key]);
            } else if (validValue(key, o[key])) {
              expect(settings[key]).toEqual(o[key]);
            } else {
              bad++;
              expect(settings[key]).toEqual(DEFAULT_SETTINGS[key]);
              expect(problems.some(p => p.includes(`"${key}"`))).toBe(true);
            }
          }
          expect(problems).toHaveLength(bad);
        }
      ),
      { numRuns: 1000 }
    );
    expect(runs).toBe(1000);
  });
});

describe('settings that turn bad while JupyterLab runs', () => {
  it('fall back to the defaults with a warning each time, and tables keep showing', async () => {
    const warn = jest
      .spyOn(console, 'warn')
      .mockImplementation(() => undefined);
    const rendermime = new RenderMimeRegistry({
      initialFactories: standardRendererFactories
    });
    const settings = new FakeSettings({ ...DEFAULT_SETTINGS, enabled: false });
    plugin.activate(
      { commands: new CommandRegistry() } as any,
      rendermime,
      { load: async () => settings } as any,
      null
    );
    await tick();
    expect(await rendersTable(rendermime)).toBe(false);
    expect(warn).not.toHaveBeenCalled();

    // A hand-edited value of the wrong type: the default (enabled) applies.
    await settings.set('enabled', 'no');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(/invalid setting.*enabled/);
    expect(await rendersTable(rendermime)).toBe(true);

    // Formats naming nothing known, and a view that does not exist.
    await settings.set('formats', ['keras4']);
    await settings.set('initialView', { view: 'table' });
    expect(await rendersTable(rendermime)).toBe(true);
    expect(warn.mock.calls.some(c => /"formats"/.test(String(c[0])))).toBe(
      true
    );
    expect(warn.mock.calls.some(c => /"initialView"/.test(String(c[0])))).toBe(
      true
    );

    // Back to valid values: no new warning, and they apply.
    warn.mockClear();
    settings.composite = { ...DEFAULT_SETTINGS, formats: ['keras3'] };
    settings.changed.emit();
    expect(warn).not.toHaveBeenCalled();
    // tf.keras 2 summaries are no longer intercepted.
    expect(await rendersTable(rendermime)).toBe(false);
    warn.mockRestore();
  });
});
