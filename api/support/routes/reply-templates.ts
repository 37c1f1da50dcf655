import { Hono, type MiddlewareHandler } from "hono";
import { ApiError } from "../../api-error.ts";
import type { Clock } from "../../clock.ts";
import { ReplyTemplateSchema } from "../../contract/replies.ts";
import { jsonBodyGuard, readBody } from "../../middleware/json-body.ts";
import type { ConversationStore } from "../../store/conversation-types.ts";
import type { SupportEnv } from "../support-env.ts";
import { canEditTips } from "../tip-permissions.ts";

const TEMPLATES = "/support/api/reply-templates";
const TEMPLATE = `${TEMPLATES}/:id{[1-9][0-9]{0,15}}`;

const templateNotFound = () =>
  new ApiError("not_found", "Cette réponse type n'existe pas.");

/** « Réponses types »: every account reads them; those who may write tips write them too (issue 10). */
export function replyTemplateRoutes(
  auth: MiddlewareHandler<SupportEnv>,
  { store, clock }: { store: ConversationStore; clock: Clock },
): Hono<SupportEnv> {
  const app = new Hono<SupportEnv>();
  const writer: MiddlewareHandler<SupportEnv> = async (c, next) => {
    if (!canEditTips(c.get("user")))
      throw new ApiError(
        "forbidden",
        "Votre compte ne permet pas de modifier les réponses types. Demandez ce droit à un administrateur.",
      );
    return next();
  };

  app.get(TEMPLATES, auth, async (c) =>
    c.json({ templates: await store.listReplyTemplates() }),
  );

  app.post(TEMPLATES, auth, writer, jsonBodyGuard(), async (c) => {
    const input = await readBody(c, ReplyTemplateSchema);
    return c.json(await store.createReplyTemplate(input, clock.now()), 201);
  });

  app.put(TEMPLATE, auth, writer, jsonBodyGuard(), async (c) => {
    const input = await readBody(c, ReplyTemplateSchema);
    const template = await store.updateReplyTemplate(
      Number(c.req.param("id")),
      input,
      clock.now(),
    );
    if (!template) throw templateNotFound();
    return c.json(template);
  });

  app.delete(TEMPLATE, auth, writer, async (c) => {
    if (!(await store.deleteReplyTemplate(Number(c.req.param("id")))))
      throw templateNotFound();
    return c.body(null, 204);
  });
  return app;
}
