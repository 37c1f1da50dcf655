import { Hono, type MiddlewareHandler } from "hono";
import { ApiError } from "../../api-error.ts";
import type { Clock } from "../../clock.ts";
import { replySignature, ReplySchema } from "../../contract/replies.ts";
import { jsonBodyGuard, readBody } from "../../middleware/json-body.ts";
import type { ConversationStore } from "../../store/conversation-types.ts";
import type { SupportStore } from "../../store/support-types.ts";
import type { SupportEnv } from "../support-env.ts";
import { notFound, REFERENCE } from "./request-route-helpers.ts";

export interface ReplyRouteDeps {
  store: SupportStore & ConversationStore;
  clock: Clock;
  /** Called once a reply and its e-mail are committed: the mail worker sends at once, off this request. */
  onMailQueued?: () => void;
}

/** Replies to the requester, « read » marks on their answers, and retries of failed e-mails (issue 10). */
export function replyRoutes(
  auth: MiddlewareHandler<SupportEnv>,
  { store, clock, onMailQueued }: ReplyRouteDeps,
): Hono<SupportEnv> {
  const app = new Hono<SupportEnv>();
  app.post(`${REFERENCE}/replies`, auth, jsonBodyGuard(), async (c) => {
    const body = await readBody(c, ReplySchema);
    const scope = c.get("scope");
    const user = c.get("user");
    const reference = c.req.param("reference");
    const status = body.status === "unchanged" ? undefined : body.status;
    // A reply may leave any request waiting for the user or resolved, a closed one included: the reply
    // itself reopens it (the workflow's other moves go through PATCH and STATUS_TRANSITIONS).
    const detail = await store.addReply(
      scope,
      reference,
      {
        actorId: user.id,
        text: body.text,
        signature: replySignature(
          body.signWithName ? user.displayName : undefined,
        ),
        ...(status ? { status } : {}),
      },
      clock.now(),
    );
    if (!detail) throw notFound();
    onMailQueued?.();
    return c.json(detail, 201);
  });

  app.post(`${REFERENCE}/read`, auth, async (c) => {
    const scope = c.get("scope");
    const reference = c.req.param("reference");
    if (!(await store.getRequestDetail(scope, reference))) throw notFound();
    await store.markAnswersRead(scope, reference);
    return c.body(null, 204);
  });

  app.post(
    `${REFERENCE}/mails/:id{[1-9][0-9]{0,15}}/retry`,
    auth,
    async (c) => {
      const scope = c.get("scope");
      const reference = c.req.param("reference");
      const retried = await store.retryMail(
        scope,
        reference,
        Number(c.req.param("id")),
        clock.now(),
      );
      if (!retried)
        throw new ApiError(
          "not_found",
          "Cet e-mail n'existe pas, n'est pas en échec ou ne relève pas de votre périmètre.",
        );
      onMailQueued?.();
      const detail = await store.getRequestDetail(scope, reference);
      if (!detail) throw notFound();
      return c.json(detail);
    },
  );
  return app;
}
