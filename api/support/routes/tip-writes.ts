import { Hono, type Context, type MiddlewareHandler } from "hono";
import { ApiError, respondWithVersionConflict } from "../../api-error.ts";
import {
  TipDraftBodySchema,
  TipRevertBodySchema,
  TipVersionBodySchema,
} from "../../contract/support-tips.ts";
import type { TipChange, TipRefusal } from "../../store/tip-types.ts";
import { jsonBodyGuard, readBody } from "../../middleware/json-body.ts";
import type { SupportEnv } from "../support-env.ts";
import { toTipView } from "../tip-views.ts";
import {
  accountNames,
  requireValidSource,
  TIP_PATH,
  tipNotFound,
  type TipRouteDeps,
} from "./tip-route-helpers.ts";

const REFUSALS: Record<TipRefusal, { path: string; message: string }> = {
  no_draft: { path: "", message: "Cette astuce n'a pas de brouillon." },
  not_published: { path: "", message: "Cette astuce n'est pas publiée." },
  never_published: {
    path: "",
    message:
      "Cette astuce n'a jamais été publiée : son brouillon est son seul texte, il ne peut pas être abandonné.",
  },
  unknown_version: { path: "to", message: "Cette version n'existe pas." },
  source_mismatch: {
    path: "source.id",
    message:
      "L'identifiant et la plateforme d'une astuce ne changent pas : créez-en une autre.",
  },
};

/** Draft saved or discarded, publish, unpublish, revert: each names the version it was based on. */
export function tipWriteRoutes(
  auth: MiddlewareHandler<SupportEnv>,
  editor: MiddlewareHandler<SupportEnv>,
  { store, clock }: TipRouteDeps,
): Hono<SupportEnv> {
  const app = new Hono<SupportEnv>();
  const apply = async (
    c: Context<SupportEnv>,
    version: number,
    change: TipChange,
  ) => {
    const result = await store.changeTip(
      c.req.param("id")!,
      version,
      change,
      c.get("user").id,
      clock.now(),
    );
    const names = await accountNames(store);
    if (result.ok) return c.json({ tip: toTipView(result.tip, names) });
    if (result.reason === "not_found") throw tipNotFound();
    if (result.reason === "refused") {
      const refusal = REFUSALS[result.refusal];
      throw new ApiError("validation_failed", refusal.message, [refusal]);
    }
    return respondWithVersionConflict(
      c,
      "Cette astuce a été modifiée par quelqu'un d'autre entre-temps.",
      { tip: toTipView(result.current, names) },
    );
  };
  const guard = jsonBodyGuard();

  app.put(`${TIP_PATH}/draft`, auth, editor, guard, async (c) => {
    const { version, source } = await readBody(c, TipDraftBodySchema);
    return apply(c, version, {
      action: "edit",
      source: requireValidSource(source),
    });
  });
  app.delete(`${TIP_PATH}/draft`, auth, editor, guard, async (c) => {
    const { version } = await readBody(c, TipVersionBodySchema);
    return apply(c, version, { action: "discard" });
  });
  // A draft saved under older rules, or a version taken back, may break today's: what becomes public is
  // checked again. Only at the version the editor saw: the store publishes nothing else (else 409).
  app.post(`${TIP_PATH}/publish`, auth, editor, guard, async (c) => {
    const { version } = await readBody(c, TipVersionBodySchema);
    const tip = await store.getTip(c.req.param("id")!);
    if (tip?.version === version && tip.draft)
      requireValidSource(
        tip.draft,
        "Le brouillon ne respecte plus les règles des astuces : corrigez-le avant de publier.",
      );
    return apply(c, version, { action: "publish" });
  });
  app.post(`${TIP_PATH}/unpublish`, auth, editor, guard, async (c) => {
    const { version } = await readBody(c, TipVersionBodySchema);
    return apply(c, version, { action: "unpublish" });
  });
  app.post(`${TIP_PATH}/revert`, auth, editor, guard, async (c) => {
    const { version, to } = await readBody(c, TipRevertBodySchema);
    const id = c.req.param("id")!;
    if ((await store.getTip(id))?.version === version) {
      const target = (await store.listTipVersions(id)).find(
        (row) => row.version === to,
      );
      const text = target && (target.draft ?? target.published);
      if (text)
        requireValidSource(
          text,
          "Cette version ne respecte plus les règles des astuces : elle ne peut pas être reprise telle quelle.",
        );
    }
    return apply(c, version, { action: "revert", to });
  });
  return app;
}
