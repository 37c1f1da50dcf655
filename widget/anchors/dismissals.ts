/** Ids kept at most: the oldest dismissals are forgotten first. */
const MAX_IDS = 200;

export interface Dismissals {
  has(tipId: string): boolean;
  add(tipId: string): void;
}

/**
 * The anchored tips a user closed with « Compris », remembered in this browser only, per platform. Written
 * only on that click (never before intent); a refused storage (private mode, sandbox) means the tip simply
 * shows again next time.
 */
export function createDismissals(
  getStorage: () => Storage,
  platform: string,
): Dismissals {
  const key = `snu-aide:compris:${platform}`;
  const read = (): string[] => {
    try {
      const parsed: unknown = JSON.parse(getStorage().getItem(key) ?? "[]");
      return Array.isArray(parsed)
        ? parsed.filter((id): id is string => typeof id === "string")
        : [];
    } catch {
      return [];
    }
  };
  // Read only once a tip is about to show (never written before « Compris »); also kept in memory: a
  // dismissal holds for this page even when storage refuses it.
  let dismissed: Set<string> | undefined;
  const memory = () => (dismissed ??= new Set(read()));
  return {
    has: (tipId) => memory().has(tipId),
    add(tipId) {
      memory().add(tipId);
      try {
        const ids = [...new Set([...read(), tipId])].slice(-MAX_IDS);
        getStorage().setItem(key, JSON.stringify(ids));
      } catch {
        // Storage full or refused: remembered for this page only.
      }
    },
  };
}
