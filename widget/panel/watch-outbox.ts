import type { SettledListeners } from "./sender.ts";

/**
 * Calls `onChange` whenever the outbox may have changed outside the form: a sender of this page settled a
 * submission (`listeners`, sender.ts), or another tab wrote storage (its `storage` event). Returns the
 * cleanup.
 */
export function watchOutbox(
  listeners: SettledListeners,
  win: Window,
  onChange: () => void,
): () => void {
  listeners.add(onChange);
  win.addEventListener("storage", onChange);
  return () => {
    listeners.delete(onChange);
    win.removeEventListener("storage", onChange);
  };
}
