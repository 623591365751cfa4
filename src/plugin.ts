/**
 * The plugin: wraps the stdout and HTML renderer factories of the
 * application's rendermime registry, and adds the renderer of the kernel
 * companion's payload, during activation, so that every notebook, console
 * and output view (each clones the registry when it is created) renders
 * Keras summaries as tables. Needs only the registry, so it
 * runs in JupyterLab and Notebook 7 alike; with the notebook tracker it also
 * adds "Compare Keras summaries…" (src/compare-command.ts) and the "Exact
 * shapes…" offer, and with the setting on it loads the kernel companion in
 * the Python kernels of notebooks and consoles (src/companion/).
 */
import type {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { IConsoleTracker } from '@jupyterlab/console';
import { INotebookTracker } from '@jupyterlab/notebook';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { InterceptContext, TRANSLATION_DOMAIN } from './intercept/context';
import {
  HTML_MIME_TYPE,
  htmlFactory,
  originalChoice,
  PAYLOAD_RANK,
  payloadFactory,
  STDOUT_MIME_TYPE,
  stdoutFactory
} from './intercept/factories';
import { readSettings } from './intercept/settings';
import { addCompareCommand, COMPARE_COMMAND } from './compare-command';
// Needed at activation: the watch must see every notebook and console as it opens.
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { startCompanion } from './companion';

/** The plugin id; settings live in schema/plugin.json under this id. */
export const PLUGIN_ID = 'jupyterlab-keras-summary:plugin';

/** Command ids. */
export namespace CommandIDs {
  export const toggleInterception = 'keras-summary:toggle-interception';
  export const compare = COMPARE_COMMAND;
}

const WRAPPERS: [
  string,
  (
    base: IRenderMime.IRendererFactory,
    rank: number,
    c: InterceptContext
  ) => IRenderMime.IRendererFactory
][] = [
  [STDOUT_MIME_TYPE, stdoutFactory],
  [HTML_MIME_TYPE, htmlFactory]
];

/**
 * Replace the factories for stdout and HTML with wrappers around them,
 * keeping their ranks, and add the renderer of the kernel companion's
 * payload (which falls back to the factories as they were before). Returns
 * the MIME types wrapped.
 */
export function wrapFactories(
  rendermime: IRenderMimeRegistry,
  context: InterceptContext
): string[] {
  const originals = rendermime.clone();
  rendermime.addFactory(
    payloadFactory(context, originalChoice(originals)),
    PAYLOAD_RANK
  );
  const wrapped: string[] = [];
  for (const [mimeType, wrap] of WRAPPERS) {
    const base = rendermime.getFactory(mimeType);
    if (!base) {
      console.warn(`keras-summary: no renderer for ${mimeType} to wrap.`);
      continue;
    }
    const rank = rendermime.getRank(mimeType) ?? base.defaultRank ?? 100;
    rendermime.addFactory(wrap(base, rank, context), rank);
    wrapped.push(mimeType);
  }
  return wrapped;
}

const plugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description: 'Render Keras model.summary() outputs as an interactive table.',
  autoStart: true,
  requires: [IRenderMimeRegistry],
  optional: [
    ISettingRegistry,
    ITranslator,
    INotebookTracker,
    ICommandPalette,
    IConsoleTracker
  ],
  activate: (
    app: JupyterFrontEnd,
    rendermime: IRenderMimeRegistry,
    settingRegistry: ISettingRegistry | null,
    translator: ITranslator | null,
    notebooks?: INotebookTracker | null,
    palette?: ICommandPalette | null,
    consoles?: IConsoleTracker | null
  ): void => {
    const trans = (translator ?? nullTranslator).load(TRANSLATION_DOMAIN);
    const context = new InterceptContext({ trans });
    // Synchronously, before any notebook clones the registry.
    wrapFactories(rendermime, context);
    // "Compare Keras summaries…" and each view's "Compare with…" button.
    context.compare = addCompareCommand(
      app,
      trans,
      notebooks ?? null,
      palette ?? null
    );

    // The kernel companion: loaded silently in Python kernels when the
    // setting says so; offered on text summaries of notebooks ("Exact shapes…").
    const { loader, linkFor } = startCompanion(
      notebooks ?? null,
      consoles ?? null
    );
    context.kernelLink = linkFor;

    let settings: ISettingRegistry.ISettings | null = null;
    const apply = (raw: unknown) => {
      const { settings: read, problems } = readSettings(raw);
      for (const problem of problems) {
        console.warn(
          `keras-summary: invalid setting, using the default: ${problem}`
        );
      }
      context.settings = read;
      loader.enabled = read.loadCompanion;
    };

    app.commands.addCommand(CommandIDs.toggleInterception, {
      label: trans.__('Render Keras Summaries as Tables'),
      caption: trans.__(
        'Show Keras model.summary() outputs rendered from now on as interactive tables'
      ),
      describedBy: { args: { type: 'object', properties: {} } },
      isToggled: () => context.settings.enabled,
      execute: async () => {
        const enabled = !context.settings.enabled;
        if (settings) {
          await settings.set('enabled', enabled);
        } else {
          context.settings = { ...context.settings, enabled };
        }
      }
    });

    if (settingRegistry) {
      settingRegistry
        .load(PLUGIN_ID)
        .then(loaded => {
          settings = loaded;
          apply(loaded.composite);
          loaded.changed.connect(() => apply(loaded.composite));
        })
        .catch(error => {
          console.warn(
            'keras-summary: could not load the settings; using the defaults.',
            error
          );
        });
    }
  }
};

export default plugin;
