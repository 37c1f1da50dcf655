import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";
import { FollowUpStatusQuerySchema } from "../contract/follow-up.ts";
import type { FollowUpTokens } from "../follow-up/tokens.ts";
import { jsonBodyGuard, readBody } from "../middleware/json-body.ts";
import type { ConversationStore } from "../store/conversation-types.ts";

/**
 * `POST /v1/follow-ups/status`: the statuses the widget's « Mes demandes » shows (issue 10). The tokens
 * travel in the body, never in a URL; unknown or expired ones are left out of the answer, alike.
 */
export function followUpStatusRoutes({
  store,
  tokens,
}: {
  store: ConversationStore;
  tokens: Pick<FollowUpTokens, "hashOf">;
}): Hono<AppEnv> {
  return new Hono<AppEnv>().post(
    "/v1/follow-ups/status",
    jsonBodyGuard(4096),
    async (c) => {
      const query = await readBody(
        c,
        FollowUpStatusQuerySchema,
        "La liste des liens de suivi n'est pas valide.",
      );
      const byHash = new Map(
        query.tokens.map((token) => [tokens.hashOf(token), token]),
      );
      const found = await store.followUpStatuses([...byHash.keys()]);
      c.header("Cache-Control", "no-store");
      return c.json({
        requests: found.map(({ tokenHash, ...status }) => ({
          token: byHash.get(tokenHash)!,
          ...status,
        })),
      });
    },
  );
}
