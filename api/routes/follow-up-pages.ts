import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";
import type { Clock } from "../clock.ts";
import type { ClientAddress } from "../middleware/client-address.ts";
import type { ConversationStore } from "../store/conversation-types.ts";
import type { FollowUpTokens } from "../follow-up/tokens.ts";

export interface FollowUpPagesDeps {
  store: ConversationStore;
  tokens: Pick<FollowUpTokens, "hashOf">;
  clock: Clock;
  clientAddress: ClientAddress;
  /** Requests per address per minute on `/suivi/*` (0: no limit). */
  rateLimitPerMinute: number;
}

/** The requester's follow-up page `/suivi/<token>` (issue 10): server-rendered, no script, no cookie. */
export function followUpPages(_deps: FollowUpPagesDeps): Hono<AppEnv> {
  return new Hono<AppEnv>();
}
