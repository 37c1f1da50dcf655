import type { ContactDraft } from "./contact-model.ts";

/** Drafts older than this are dropped: an old half-written request is noise, and personal data. */
const MAX_AGE_MS = 30 * 86_400_000;
const FIELDS = ["category", "subject", "message", "email"] as const;

export interface DraftStorage {
  load(): Partial<ContactDraft> | undefined;
  save(draft: ContactDraft): void;
  clear(): void;
}

/**
 * The contact draft kept in the browser (issue 6: nothing typed is lost across closing, navigation or a
 * reload), one per platform. Written only once the user types — never before intent — and cleared when
 * the request is acknowledged. Storage may be missing or refused (private mode, sandbox): then nothing
 * is kept and nothing breaks.
 */
export function createDraftStorage(
  getStorage: () => Storage,
  platform: string,
  now: () => number = Date.now,
): DraftStorage {
  const key = `snu-aide:brouillon:${platform}`;
  const attempt = <T>(action: (storage: Storage) => T): T | undefined => {
    try {
      return action(getStorage());
    } catch {
      return undefined;
    }
  };
  return {
    load() {
      const raw = attempt((storage) => storage.getItem(key));
      if (!raw) return undefined;
      try {
        const parsed = JSON.parse(raw) as Record<string, unknown>;
        if (
          typeof parsed.savedAt !== "number" ||
          now() - parsed.savedAt > MAX_AGE_MS
        )
          return undefined;
        const draft: Partial<ContactDraft> = {};
        for (const field of FIELDS) {
          const value = parsed[field];
          if (typeof value === "string" && value.length <= 5000)
            draft[field] = value;
        }
        return draft;
      } catch {
        return undefined;
      }
    },
    save(draft) {
      const empty = FIELDS.every((field) => !draft[field]);
      attempt((storage) =>
        empty
          ? storage.removeItem(key)
          : storage.setItem(key, JSON.stringify({ ...draft, savedAt: now() })),
      );
    },
    clear() {
      attempt((storage) => storage.removeItem(key));
    },
  };
}
