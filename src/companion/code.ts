/**
 * The Python the frontend sends to a kernel to load the companion, and how
 * its replies are read. Pure: no JupyterLab. Nothing here is built from user
 * data; "Check in the kernel" writes its request (a validated token and
 * whole sizes only) in `analyze/shapes/check.ts`.
 */

import { COMPANION_PACKAGE as COMPANION } from '../parse';

/**
 * Loads the companion silently (the setting "Load the kernel companion in
 * Python kernels"): a kernel whose environment lacks the package, or that
 * is not IPython, is left as it was. Loading is idempotent and imports no
 * framework.
 */
export const SILENT_LOAD_CODE = [
  'try:',
  `    get_ipython().run_line_magic('load_ext', '${COMPANION}')`,
  'except Exception:',
  '    pass'
].join('\n');

/** A user expression that says whether the companion is loaded (`True` / `False`). */
export const LOADED_EXPRESSION = `'${COMPANION}' in get_ipython().extension_manager.loaded`;

/** Whether a kernel's info reply says it runs Python. */
export function isPythonInfo(info: unknown): boolean {
  const language = (info as { language_info?: { name?: unknown } } | null)
    ?.language_info?.name;
  return typeof language === 'string' && language.toLowerCase() === 'python';
}

/** The value of a user expression that evaluated to `True`, read from an execute reply's content. */
export function expressionIsTrue(
  content: unknown,
  name: string
): boolean | null {
  const expressions = (content as { user_expressions?: unknown } | null)
    ?.user_expressions as Record<string, unknown> | undefined;
  const value = expressions?.[name] as
    { status?: unknown; data?: Record<string, unknown> } | undefined;
  if (!value || value.status !== 'ok') {
    return null;
  }
  const text = value.data?.['text/plain'];
  return text === 'True' ? true : text === 'False' ? false : null;
}
