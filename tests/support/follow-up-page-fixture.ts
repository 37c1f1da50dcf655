import { randomBytes } from "node:crypto";
import { replySignature } from "../../api/contract/replies.ts";
import { hashFollowUpToken } from "../../api/follow-up/tokens.ts";
import type { NewRequest } from "../../api/store/store.ts";
import { makeNewRequest } from "./factories.ts";
import { createTestApp } from "./test-app.ts";

// Shared by the follow-up page tests (issue 10): the real app on real SQLite, one request with a
// follow-up token, and an agent who replies to it.

export const ALL = { kind: "all" } as const;

/** A request with a follow-up token, and an agent able to reply to it. */
export async function setUp(
  options: Parameters<typeof createTestApp>[0] = {},
  request: Partial<NewRequest> = {},
) {
  const context = createTestApp(options);
  const { store, clock } = context;
  const token = randomBytes(24).toString("base64url");
  const { reference } = await store.createRequest(
    makeNewRequest(request),
    clock.now(),
    undefined,
    () => hashFollowUpToken(token),
  );
  const agent = await store.createUser(
    {
      email: "julie.agent@snu.gouv.fr",
      displayName: "Julie",
      role: "agent",
      departments: [],
      passwordHash: "unused",
    },
    clock.now(),
  );
  const reply = (
    text: string,
    status?: "waiting_user" | "resolved" | "closed",
  ) =>
    store.addReply(
      ALL,
      reference,
      {
        actorId: agent.id,
        text,
        signature: replySignature("Julie"),
        ...(status ? { status } : {}),
      },
      clock.now(),
    );
  return { ...context, token, reference, agent, reply };
}

/** Response headers that must not differ between two 404s (the request id always does). */
export function stableHeaders(response: Response): [string, string][] {
  return [...response.headers].filter(([name]) => name !== "x-request-id");
}
