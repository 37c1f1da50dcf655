import { useEffect, useState } from "preact/hooks";
import {
  FIELDS,
  type ContactDraft,
  type ContactField,
} from "../shared/contact-fields.ts";
import type { Prefill } from "../shared/types.ts";
import { EMPTY_DRAFT } from "./contact-model.ts";
import type { DraftStorage } from "./draft-storage.ts";
import type { Outcome } from "./outbox.ts";

/**
 * What the user typed or chose. What they typed before (a reload, another page) wins over the host's
 * prefill; a later prefill fills only what they left empty, and so does the e-mail from `identify`. Only
 * their own typing is saved in the browser (draft-storage.ts), never a prefill; an acknowledged request
 * (`outcome`) empties it, here and there.
 */
export function useContactDraft(
  drafts: DraftStorage,
  prefill: Prefill,
  identityEmail: string | undefined,
  outcome: Outcome | undefined,
) {
  const [draft, setDraft] = useState<ContactDraft>(() => ({
    ...EMPTY_DRAFT,
    email: identityEmail ?? "",
    ...prefill,
    ...drafts.load(),
  }));

  // Acknowledged: the text goes (the e-mail stays for a next request). Before the prefill below, which
  // then fills the emptied form, as it would a new one.
  useEffect(() => {
    if (!outcome || !("created" in outcome)) return;
    drafts.clear();
    setDraft((current) => ({ ...EMPTY_DRAFT, email: current.email }));
  }, [outcome]);

  // Each host `prefill` call brings a new object (host-input.ts): it fills what is empty, never what was
  // typed. At mount, what the restored draft left empty (a prefill made before the panel loaded).
  useEffect(() => {
    setDraft((current) => {
      const next = { ...current };
      for (const field of FIELDS) {
        const value = prefill[field];
        if (typeof value === "string" && value && !current[field])
          next[field] = value;
      }
      return next;
    });
  }, [prefill]);

  useEffect(() => {
    if (identityEmail)
      setDraft((current) =>
        current.email ? current : { ...current, email: identityEmail },
      );
  }, [identityEmail]);

  /** The input handler of a field: what the user types is saved; another category empties the subject. */
  const edit = (field: ContactField) => (event: Event) => {
    const value = (event.currentTarget as HTMLInputElement).value;
    setDraft((current) => {
      const next = {
        ...current,
        [field]: value,
        ...(field === "category" ? { subject: "" } : {}),
      };
      drafts.save(next);
      return next;
    });
  };

  return { draft, edit };
}
