import { randomUUID } from "node:crypto";
import type { RequestStatus } from "../contract/request-statuses.ts";
import {
  RATING_ASK_DAYS,
  RATING_EDIT_DAYS,
  type RateResult,
  type Rating,
} from "./conversation-types.ts";

// Rules both conversation stores share, so that they behave the same (runConversationStoreContract).

const DAY_MS = 86_400_000;

/** A stable, unique `Message-ID` fixed when the e-mail is queued (RFC 5322 §3.6.4). */
export function newMessageId(): string {
  return `<${randomUUID()}@snu-aide>`;
}

/** An answer of the requester brings these statuses back to « En cours »; new and in progress stay. */
export function statusAfterAnswer(status: RequestStatus): RequestStatus {
  return status === "waiting_user" ||
    status === "resolved" ||
    status === "closed"
    ? "in_progress"
    : status;
}

/** Whether the requester may rate now; undefined when they may. */
export function ratingRefusal(
  request: { status: RequestStatus; resolvedAt?: string | undefined },
  existing: Pick<Rating, "at"> | undefined,
  now: Date,
): Exclude<RateResult, { ok: true }>["reason"] | undefined {
  if (
    (request.status !== "resolved" && request.status !== "closed") ||
    request.resolvedAt === undefined
  )
    return "not_resolved";
  if (now.getTime() - Date.parse(request.resolvedAt) > RATING_ASK_DAYS * DAY_MS)
    return "too_late";
  if (
    existing &&
    now.getTime() - Date.parse(existing.at) > RATING_EDIT_DAYS * DAY_MS
  )
    return "too_late";
  return undefined;
}

/** The instant `days` days before `now`, as stored (ISO text compares as instants). */
export function daysBefore(now: Date, days: number): string {
  return new Date(now.getTime() - days * DAY_MS).toISOString();
}

/** The derived dates a status change sets (the SQLite trigger `requests_status_dates` does the same). */
export function statusDates(
  to: RequestStatus,
  at: string,
  previousResolvedAt: string | undefined,
): { waitingSince?: string; resolvedAt?: string } {
  return {
    ...(to === "waiting_user" ? { waitingSince: at } : {}),
    ...(to === "resolved"
      ? { resolvedAt: at }
      : to === "closed" && previousResolvedAt
        ? { resolvedAt: previousResolvedAt }
        : {}),
  };
}
