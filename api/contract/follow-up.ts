import * as z from "zod/mini";
import { REQUEST_STATUSES } from "./request-statuses.ts";

// Issue 10: the requester follows a request through `/suivi/<token>`, with no account. The token is the
// only key; the widget keeps the links of the requests sent from this browser (« Mes demandes »).

/** A follow-up token: 32 base64url characters (192 bits). */
export const FOLLOW_UP_TOKEN_RE = /^[A-Za-z0-9_-]{32}$/;
/** Path of the follow-up page on the server, before the token. */
export const FOLLOW_UP_PATH = "/suivi/";
/** « Mes demandes » keeps at most this many requests per platform, for this many days. */
export const MY_REQUESTS_MAX = 10;
export const MY_REQUESTS_DAYS = 90;

export const FollowUpTokenSchema = z
  .string({ error: "Lien de suivi invalide." })
  .check(z.regex(FOLLOW_UP_TOKEN_RE, "Lien de suivi invalide."));

/** `POST /v1/follow-ups/status`: the statuses of the requests whose links this browser keeps. */
export const FollowUpStatusQuerySchema = z.strictObject({
  tokens: z
    .array(FollowUpTokenSchema)
    .check(
      z.minLength(1, "Au moins un lien de suivi."),
      z.maxLength(
        MY_REQUESTS_MAX,
        `${MY_REQUESTS_MAX} liens de suivi au plus.`,
      ),
    ),
});
export type FollowUpStatusQuery = z.infer<typeof FollowUpStatusQuerySchema>;

/** Its answer: one entry per known token, in the order asked; unknown or expired tokens are left out. */
export const FollowUpStatusListSchema = z.strictObject({
  requests: z.array(
    z.strictObject({
      token: z.string(),
      reference: z.string(),
      status: z.enum(REQUEST_STATUSES),
      updatedAt: z.string(),
      /** Number of replies from support so far. */
      replies: z.number(),
    }),
  ),
});
export type FollowUpStatusList = z.infer<typeof FollowUpStatusListSchema>;

/** The token at the end of a follow-up URL, or undefined. */
export function followUpToken(url: string): string | undefined {
  const token = url.slice(url.lastIndexOf("/") + 1);
  return FOLLOW_UP_TOKEN_RE.test(token) ? token : undefined;
}
