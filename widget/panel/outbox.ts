import type { ErrorDetail } from "../../api/contract/errors.ts";
import type { CreatedRequest } from "../../api/contract/request.ts";
import { outboxKey } from "../shared/outbox-key.ts";
import { storedValue } from "../shared/stored-value.ts";
import type { ContactDraft } from "./contact-model.ts";
import type { FailureCode } from "./api-client.ts";

/**
 * A submission not yet acknowledged: its `Idempotency-Key` and its exact bytes, kept for its whole life
 * (the server recognises a retry only by both), and the draft it came from.
 */
export interface OutboxEntry {
  key: string;
  body: string;
  draft: ContactDraft;
}

/** How a submission ended, kept until the user has seen it (the next time the panel opens). */
export type Outcome =
  | { created: CreatedRequest; email: string }
  | { refused: FailureCode; details?: ErrorDetail[]; draft: ContactDraft };

/** The outbox of a platform, and the outcome of its last submission. Never throws (stored-value.ts). */
export function createOutbox(getStorage: () => Storage, platform: string) {
  const entry = storedValue<OutboxEntry>(getStorage, outboxKey(platform));
  const outcome = storedValue<Outcome>(
    getStorage,
    `snu-aide:envoi-fini:${platform}`,
  );
  return {
    /** The waiting submission, when its stored shape is sound. */
    pending(): OutboxEntry | undefined {
      const value = entry.get();
      return typeof value?.key === "string" &&
        typeof value.body === "string" &&
        value.draft
        ? (value as OutboxEntry)
        : undefined;
    },
    put: entry.set,
    /** The submission ended: out of the outbox, and its outcome kept for the user. */
    settle(result: Outcome) {
      outcome.set(result);
      entry.remove();
    },
    /** The outcome the user has not seen yet, removed as it is read. */
    takeOutcome(): Outcome | undefined {
      const value = outcome.get();
      outcome.remove();
      return value && ("created" in value || "refused" in value)
        ? (value as Outcome)
        : undefined;
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
