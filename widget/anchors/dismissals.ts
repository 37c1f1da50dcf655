import { storedValue } from "../shared/stored-value.ts";

/** Ids kept at most: the oldest dismissals are forgotten first. */
const MAX_IDS = 200;

export interface Dismissals {
  /** The dismissed tip ids, read from storage once per call: callers read once per pass over the tips. */
  read(): ReadonlySet<string>;
  add(tipId: string): void;
}

/**
 * The anchored tips a user closed with « Compris », remembered in this browser only, per platform. Read
 * only once a tip is about to show and written only on that click (never before intent); a refused
 * storage (private mode, sandbox) keeps them for this page only (stored-value.ts).
 */
export function createDismissals(
  getStorage: () => Storage,
  platform: string,
): Dismissals {
  const stored = storedValue<string[]>(
    getStorage,
    `snu-aide:compris:${platform}`,
  );
  const ids = () => {
    const value = stored.get();
    return Array.isArray(value)
      ? value.filter((id): id is string => typeof id === "string")
      : [];
  };
  return {
    read: () => new Set(ids()),
    // Read again before writing: another tab may have added its own.
    add: (tipId) => stored.set([...new Set([...ids(), tipId])].slice(-MAX_IDS)),
  };
}
