import type { CreatedRequest } from "../../api/contract/request.ts";
import type { storedValue } from "../shared/stored-value.ts";

/**
 * A request sent from this browser, kept for « Mes demandes » (issue 10). `owner` is the host's opaque
 * `identify` userId when the request carried one, else absent. It is kept as given, not hashed: the entry
 * holds its follow-up link in clear anyway, and that link — not the id — is what gives access to the
 * request; the binding only decides what the panel shows (MyRequests.tsx).
 */
export interface MyRequest {
  reference: string;
  followUpUrl: string;
  sentAt: number;
  owner?: string | undefined;
}

// The contract's MY_REQUESTS_MAX and MY_REQUESTS_DAYS, and its token format (api/contract/follow-up.ts),
// copied: importing that module's values would bring its zod schemas — and zod — into the panel (~5 KB
// gzip). tests/unit/widget/my-requests-store.test.ts checks they stay the same.
/** « Mes demandes » keeps at most this many requests per platform, for this many days. */
export const MY_REQUESTS_MAX = 10;
export const MY_REQUESTS_DAYS = 90;
/**
 * A follow-up URL the widget uses: http(s) only (never `javascript:`…), ending with its token (32
 * base64url characters, as `followUpToken` of the contract reads them).
 */
export const FOLLOW_UP_URL_RE = /^https?:\/\/.+\/[\w-]{32}$/;
export type MyRequestsStore = ReturnType<typeof storedValue<MyRequest[]>>;

/** The stored entries younger than 90 days; anything else storage holds (changed by hand) is dropped. */
export const freshRequests = (stored: unknown, now: number): MyRequest[] =>
  Array.isArray(stored)
    ? stored.filter(
        (entry: MyRequest) =>
          now - entry?.sentAt < MY_REQUESTS_DAYS * 86_400_000,
      )
    : [];

/**
 * Remembers a request when `outcome` is its acknowledgement (sending is the user's intent: nothing is
 * written before). `body` is the request as sent: its identity's userId, if any, binds the entry
 * (`owner`). The newest 10 of the platform are kept, for 90 days; a request without a usable follow-up
 * link (an older server) is not kept: there is nothing to follow.
 */
export function rememberRequest(
  store: MyRequestsStore,
  outcome: object,
  body: string,
  now: number,
): void {
  const { reference, followUpUrl }: Partial<CreatedRequest> =
    (outcome as { created?: CreatedRequest }).created ?? {};
  const stored: unknown = store.get();
  // RegExp#test reads undefined as "undefined": no link, nothing kept.
  if (FOLLOW_UP_URL_RE.test(followUpUrl!))
    store.set(
      [
        ...freshRequests(stored, now),
        {
          reference: reference!,
          followUpUrl: followUpUrl!,
          sentAt: now,
          owner: JSON.parse(body).context?.identity?.userId,
        },
      ].slice(-MY_REQUESTS_MAX),
    );
}
