/**
 * What the wrapping factories share with the plugin: the current settings
 * (replaced whenever the user changes them), the translation bundle, how to
 * compare two summaries (the plugin's "Compare with…" handler) and the
 * kernel companion's offer for text summaries.
 * A renderer reads the settings once, when it is created, so a change
 * applies to newly rendered outputs and never flips an output already shown.
 */
import { nullTranslator } from '@jupyterlab/translation';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { KernelLink, CompareHandler } from '../render';
import { DEFAULT_SETTINGS } from './settings';
import type { InterceptSettings } from './settings';

/** The translation domain of this extension. */
export const TRANSLATION_DOMAIN = 'jupyterlab_keras_summary';

export class InterceptContext {
  constructor(
    options: { trans?: TranslationBundle; settings?: InterceptSettings } = {}
  ) {
    this.trans = options.trans ?? nullTranslator.load(TRANSLATION_DOMAIN);
    this.settings = options.settings ?? { ...DEFAULT_SETTINGS };
  }

  /** The settings in force for outputs rendered from now on. */
  settings: InterceptSettings;

  readonly trans: TranslationBundle;

  /** Opens a summary's comparison with another; null: views offer no "Compare with…". */
  compare: CompareHandler | null = null;

  /**
   * The kernel of the notebook the output whose node is given belongs to
   * (found when asked, so the node may not be attached yet): for the
   * "Exact shapes…" offer and "Check in the kernel"; null: views make
   * neither.
   */
  kernelLink: ((node: HTMLElement) => KernelLink | null) | null = null;
}
