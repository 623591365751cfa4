/**
 * The Python the frontend sends to a kernel for the companion, and the
 * checks that keep user data out of it. Pure: no JupyterLab.
 *
 * Nothing here is built from a layer or model name: the only value that
 * reaches the code is a model token, checked against `TOKEN_PATTERN`, and
 * sizes, which must be positive integers.
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

/** What a model token may hold (the companion makes `keras:60e3ff6b9892b733`). */
export const TOKEN_PATTERN = /^[A-Za-z0-9_:-]+$/;

/** Whether `token` may go into Python code. */
export function isToken(token: unknown): token is string {
  return (
    typeof token === 'string' &&
    token.length <= 200 &&
    TOKEN_PATTERN.test(token)
  );
}

/** What a size source id may hold: `batch`, `i0.1`. */
const SOURCE_PATTERN = /^(batch|i\d+\.\d+)$/;

/**
 * The user expression that runs `check_sizes(token, sizes)` in the kernel,
 * or null when the token or a size is not what it must be (then nothing is
 * sent).
 */
export function checkSizesExpression(
  token: unknown,
  sizes: Record<string, unknown>
): string | null {
  if (!isToken(token) || !sizes || typeof sizes !== 'object') {
    return null;
  }
  const entries: string[] = [];
  for (const [source, size] of Object.entries(sizes)) {
    if (
      !SOURCE_PATTERN.test(source) ||
      typeof size !== 'number' ||
      !Number.isSafeInteger(size) ||
      size < 1
    ) {
      return null;
    }
    entries.push(`'${source}': ${size}`);
  }
  return `__import__('${COMPANION}').check_sizes('${token}', {${entries.join(', ')}})`;
}

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
