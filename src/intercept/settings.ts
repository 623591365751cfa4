/**
 * The user's settings for interception (schema/plugin.json), read and checked.
 * Invalid values fall back to their defaults with a console warning, so a
 * broken settings file can never stop outputs from rendering.
 */
import type { SummaryFormat } from '../parse';

export type InitialView = 'table' | 'text';

export interface InterceptSettings {
  /** Replace recognised summaries with the interactive view. */
  enabled: boolean;
  /** What a recognised summary shows first. */
  initialView: InitialView;
  /** Which printers' summaries to intercept. */
  formats: ReadonlyArray<SummaryFormat>;
  /** Start with letters (B, T, H, W) in place of `None`. */
  dimensionLetters: boolean;
  /** Load the kernel companion silently in every Python kernel the page starts. */
  loadCompanion: boolean;
}

export const ALL_FORMATS: ReadonlyArray<SummaryFormat> = [
  'keras3',
  'keras2',
  'keras1'
];

export const DEFAULT_SETTINGS: Readonly<InterceptSettings> = Object.freeze({
  enabled: true,
  initialView: 'table' as InitialView,
  formats: ALL_FORMATS,
  dimensionLetters: false,
  loadCompanion: false
});

/**
 * Read settings from a settings object (the composite the setting registry
 * hands out, or anything else). Every field that is missing takes its
 * default silently; every field that is invalid takes its default with a
 * warning in `problems`.
 */
export function readSettings(raw: unknown): {
  settings: InterceptSettings;
  problems: string[];
} {
  const problems: string[] = [];
  const settings: InterceptSettings = { ...DEFAULT_SETTINGS };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    if (raw !== undefined && raw !== null) {
      problems.push(`settings must be an object, got ${describe(raw)}`);
    }
    return { settings, problems };
  }
  const o = raw as Record<string, unknown>;

  if (o.enabled !== undefined) {
    if (typeof o.enabled === 'boolean') {
      settings.enabled = o.enabled;
    } else {
      problems.push(
        `"enabled" must be true or false, got ${describe(o.enabled)}`
      );
    }
  }

  for (const name of ['dimensionLetters', 'loadCompanion'] as const) {
    if (o[name] !== undefined) {
      if (typeof o[name] === 'boolean') {
        settings[name] = o[name] as boolean;
      } else {
        problems.push(
          `"${name}" must be true or false, got ${describe(o[name])}`
        );
      }
    }
  }

  if (o.initialView !== undefined) {
    if (o.initialView === 'table' || o.initialView === 'text') {
      settings.initialView = o.initialView;
    } else {
      problems.push(
        `"initialView" must be "table" or "text", got ${describe(o.initialView)}`
      );
    }
  }

  if (o.formats !== undefined) {
    const f = o.formats;
    const valid =
      Array.isArray(f) &&
      f.every(
        x => typeof x === 'string' && (ALL_FORMATS as string[]).includes(x)
      ) &&
      new Set(f).size === f.length;
    if (valid) {
      settings.formats = [...(f as SummaryFormat[])];
    } else {
      problems.push(
        `"formats" must be a list of distinct values among ${ALL_FORMATS.map(x => `"${x}"`).join(', ')}, got ${describe(f)}`
      );
    }
  }
  return { settings, problems };
}

function describe(value: unknown): string {
  try {
    const s = JSON.stringify(value);
    if (s !== undefined) {
      return s.length > 80 ? s.slice(0, 77) + '...' : s;
    }
  } catch {
    // fall through
  }
  return String(value);
}
