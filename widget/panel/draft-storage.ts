import { MESSAGE_MAX } from "../../api/contract/request-rules.ts";
import { FIELDS, type ContactDraft } from "../shared/contact-fields.ts";
import { storedValue } from "../shared/stored-value.ts";

/** Drafts older than this are dropped: an old half-written request is noise, and personal data. */
const MAX_AGE_MS = 30 * 86_400_000;

export interface DraftStorage {
  load(): Partial<ContactDraft> | undefined;
  save(draft: ContactDraft): void;
  clear(): void;
}

/**
 * The contact draft kept in the browser (issue 6: nothing typed is lost across closing, navigation or a
 * reload), one per platform. Written only once the user types — never before intent — and cleared when
 * the request is acknowledged. Storage may be missing or refused (private mode, sandbox): then nothing
 * is kept and nothing breaks (stored-value.ts).
 */
export function createDraftStorage(
  getStorage: () => Storage,
  platform: string,
  now: () => number = Date.now,
): DraftStorage {
  const stored = storedValue<ContactDraft & { savedAt: number }>(
    getStorage,
    `snu-aide:brouillon:${platform}`,
  );
  return {
    load() {
      const saved = stored.get();
      if (!saved || !(now() - saved.savedAt! <= MAX_AGE_MS)) return undefined;
      const draft: Partial<ContactDraft> = {};
      for (const field of FIELDS) {
        const value = saved[field];
        if (typeof value === "string" && value.length <= MESSAGE_MAX)
          draft[field] = value;
      }
      return draft;
    },
    save(draft) {
      if (FIELDS.some((field) => draft[field]))
        stored.set({ ...draft, savedAt: now() });
      else stored.remove();
    },
    clear: stored.remove,
  };
}
