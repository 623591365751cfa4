/**
 * A polite live region that says something for a while ("Copied the
 * original text.", "Copied as CSV.") and then empties itself, and copying
 * to the clipboard with the status saying how it went.
 */
import { copyText } from './copy';

/** How long a status message stays (ms). */
export const STATUS_MS = 4000;

export class StatusMessage {
  constructor(readonly node: HTMLElement) {}

  /** Say `message` now, replacing what was said; it goes after `STATUS_MS`. */
  say(message: string): void {
    if (this._disposed) {
      return;
    }
    this.node.textContent = message;
    this._clearTimer();
    this._timer = setTimeout(() => {
      this._timer = null;
      this.node.textContent = '';
    }, STATUS_MS);
  }

  dispose(): void {
    this._disposed = true;
    this._clearTimer();
  }

  private _clearTimer(): void {
    if (this._timer !== null) {
      clearTimeout(this._timer);
      this._timer = null;
    }
  }

  private _timer: ReturnType<typeof setTimeout> | null = null;
  private _disposed = false;
}

/**
 * Copy the text `text()` gives to the clipboard and say in `status` whether
 * it worked (`said.ok` / `said.failed`). Resolves to whether it worked;
 * never rejects (a `text()` that throws counts as a failed copy).
 */
export async function copyAndSay(
  status: StatusMessage | null,
  text: () => string,
  said: { ok: string; failed: string }
): Promise<boolean> {
  let ok = false;
  try {
    ok = await copyText(text());
  } catch (error) {
    console.warn('jupyterlab-keras-summary: copy failed', error);
  }
  status?.say(ok ? said.ok : said.failed);
  return ok;
}
