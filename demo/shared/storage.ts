/**
 * sessionStorage access for the demo's profile choice. Storage can be disabled or full
 * (private mode, blocked cookies): the demo then simply forgets the choice on reload.
 */

/** The stored JSON object under `key`, or undefined when absent, unreadable or not an object. */
export function readSession(key: string): Record<string, unknown> | undefined {
  try {
    const raw = window.sessionStorage.getItem(key);
    if (raw === null) return undefined;
    const value: unknown = JSON.parse(raw);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Stores `value` as JSON under `key`; silently does nothing when storage is unavailable. */
export function writeSession(key: string, value: unknown): void {
  try {
    window.sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage unavailable: the choice lasts until the next reload only.
  }
}
