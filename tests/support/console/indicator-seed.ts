import type { SatisfactionScore } from "../../../api/contract/satisfaction.ts";
import type { AppStore } from "../../../api/store/app-store.ts";
import type { WidgetCount } from "../../../api/store/indicator-types.ts";
import type { NewRequest } from "../../../api/store/store.ts";
import { AGENT } from "./fixtures.ts";
import { ALL, followUpHash, seedRequest } from "./seed.ts";

// Issue 13: what the « Indicateurs » page reads, written through the store's own methods — a request's
// life (first reply, resolution, rating) and the widget's daily counters — at explicit times.

export interface RequestLife {
  /** When it was sent. */
  at: string;
  /** Claire Dubois's first reply (to the requester, not a note); the request then waits for the user. */
  replyAt?: string;
  /** Moved to « Résolue » by Claire Dubois. */
  resolvedAt?: string;
  /** The requester's rating on the follow-up page, after the resolution. */
  rating?: { at: string; score: SatisfactionScore; comment?: string };
}

/** Stores a request and what happened to it; returns its reference. */
export async function seedRequestLife(
  store: AppStore,
  request: NewRequest,
  { at, replyAt, resolvedAt, rating }: RequestLife,
): Promise<string> {
  const reference = await seedRequest(store, request, { at });
  if (replyAt)
    await store.addReply(
      ALL,
      reference,
      {
        actorId: AGENT.id,
        text: "Bonjour, voici la marche à suivre.",
        signature: "L'équipe support du SNU",
        status: "waiting_user",
      },
      new Date(replyAt),
    );
  if (resolvedAt) {
    const { version } = (await store.getRequestDetail(ALL, reference))!;
    await store.updateRequest(
      ALL,
      reference,
      { expectedVersion: version, actorId: AGENT.id, status: "resolved" },
      new Date(resolvedAt),
    );
  }
  if (rating) {
    const { at: ratedAt, ...given } = rating;
    const result = await store.rate(
      followUpHash(reference),
      given,
      new Date(ratedAt),
    );
    if (!result.ok)
      throw new Error(`Rating of ${reference} refused: ${result.reason}`);
  }
  return reference;
}

/** The widget's anonymous counters of one Paris day, as `POST /v1/events` adds them up. */
export async function seedWidgetCounts(
  store: AppStore,
  day: string,
  counts: readonly WidgetCount[],
): Promise<void> {
  await store.addWidgetCounts(day, counts);
}
