/**
 * Copy text to the clipboard: the async Clipboard API where the page may use
 * it, else a hidden textarea and `document.execCommand('copy')`. Resolves to
 * whether the text was copied; never throws or rejects.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    const clipboard =
      typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
    if (clipboard && typeof clipboard.writeText === 'function') {
      await clipboard.writeText(text);
      return true;
    }
  } catch {
    // Denied (no permission, page not focused): try the old way.
  }
  return copyWithTextarea(text);
}

function copyWithTextarea(text: string): boolean {
  if (typeof document === 'undefined' || !document.body) {
    return false;
  }
  const previous = document.activeElement as HTMLElement | null;
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.setAttribute('aria-hidden', 'true');
  area.style.position = 'fixed';
  area.style.top = '0';
  area.style.left = '-9999px';
  area.style.opacity = '0';
  document.body.appendChild(area);
  try {
    area.focus({ preventScroll: true });
    area.select();
    area.setSelectionRange(0, text.length);
    return typeof document.execCommand === 'function'
      ? document.execCommand('copy')
      : false;
  } catch {
    return false;
  } finally {
    area.remove();
    if (previous && typeof previous.focus === 'function') {
      try {
        previous.focus({ preventScroll: true });
      } catch {
        // The element went away meanwhile.
      }
    }
  }
}
