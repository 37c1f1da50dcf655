import type { ErrorDetail } from "../../api/contract/errors.ts";
import type { CreatedRequest } from "../../api/contract/request.ts";
import type { FailureCode } from "../shared/api-client.ts";
import type { ContactDraft } from "../shared/contact-fields.ts";
import { outboxKey } from "../shared/outbox-key.ts";
import { storedValue } from "../shared/stored-value.ts";
import { rememberRequest, type MyRequest } from "./my-requests.ts";

/**
 * A submission not yet acknowledged: its `Idempotency-Key` and its exact bytes, kept for its whole life
 * (the server recognises a retry only by both), the draft it came from and when it was made.
 */
export interface OutboxEntry {
  key: string;
  body: string;
  draft: ContactDraft;
  savedAt: number;
}

/**
 * How a submission ended, kept until the user has seen it (the next time the panel opens). A refusal
 * keeps no text: the draft storage still holds it until a submission is acknowledged.
 */
export type Outcome = { savedAt: number } & (
  | { created: CreatedRequest; email: string }
  | { refused: FailureCode; details?: ErrorDetail[] }
);

/** An outcome the user never came back to see is dropped after this long (the draft's own limit). */
const OUTCOME_MAX_AGE_MS = 30 * 86_400_000;

/** The outbox of a platform, and the outcome of its last submission. Never throws (stored-value.ts). */
export function createOutbox(
  getStorage: () => Storage,
  platform: string,
  now: () => number = Date.now,
) {
  const entry = storedValue<OutboxEntry>(getStorage, outboxKey(platform));
  const outcome = storedValue<Outcome>(
    getStorage,
    `snu-aide:envoi-fini:${platform}`,
  );
  const requests = storedValue<MyRequest[]>(
    getStorage,
    `snu-aide:demandes:${platform}`,
  );
  return {
    /** The requests acknowledged in this browser (« Mes demandes », my-requests.ts). */
    requests,
    /** The waiting submission, when its stored shape is sound. */
    pending(): OutboxEntry | undefined {
      const value = entry.get();
      return typeof value?.key === "string" &&
        typeof value.body === "string" &&
        typeof value.savedAt === "number" &&
        value.draft
        ? (value as OutboxEntry)
        : undefined;
    },
    /** Returns whether the entry survives this page (storage took it). */
    put: (value: Omit<OutboxEntry, "savedAt">) =>
      entry.set({ ...value, savedAt: now() }),
    /**
     * The submission ended: out of the outbox, and its outcome kept for the user; acknowledged, it is
     * also remembered for « Mes demandes » (`body`, the request as sent, is then required: its userId
     * binds the entry).
     */
    settle(result: DistributiveOmit<Outcome, "savedAt">, body?: string) {
      outcome.set({ ...result, savedAt: now() } as Outcome);
      entry.remove();
      rememberRequest(requests, result, body!, now());
    },
    /** The outcome the user has not seen yet, removed as it is read. */
    takeOutcome(): Outcome | undefined {
      const value = outcome.get();
      outcome.remove();
      return value &&
        ("created" in value || "refused" in value) &&
        now() - value.savedAt! <= OUTCOME_MAX_AGE_MS
        ? (value as Outcome)
        : undefined;
    },
  };
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown
  ? Omit<T, K>
  : never;

export type Outbox = ReturnType<typeof createOutbox>;
