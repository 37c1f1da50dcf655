import { Hono, type MiddlewareHandler } from "hono";
import { ApiError } from "../../api-error.ts";
import {
  TipSourceBodySchema,
  type TipPreviewView,
} from "../../contract/support-tips.ts";
import { PLATFORMS } from "../../contract/vocabulary.ts";
import { jsonBodyGuard, readBody } from "../../middleware/json-body.ts";
import { foldText, searchWords } from "../../store/support-rules.ts";
import { checkTipSource, previewTip } from "../../tips/check-tip-source.ts";
import type { SupportEnv } from "../support-env.ts";
import { requireTipEditor } from "../tip-permissions.ts";
import {
  currentSource,
  toTipSummary,
  toTipView,
  toVersionViews,
} from "../tip-views.ts";
import {
  accountNames,
  requireValidSource,
  TIP_PATH,
  tipNotFound,
  type TipRouteDeps,
} from "./tip-route-helpers.ts";
import { tipWriteRoutes } from "./tip-writes.ts";

/** `/support/api/tips*`: the tips editor's API, for admins and the agents they allowed (issue 5 §3). */
export function tipRoutes(
  auth: MiddlewareHandler<SupportEnv>,
  deps: TipRouteDeps,
): Hono<SupportEnv> {
  const app = new Hono<SupportEnv>();
  const { store, clock } = deps;
  const editor = requireTipEditor();

  app.get("/support/api/tips", auth, editor, async (c) => {
    const { platform, q = "" } = c.req.query();
    if (platform && !(PLATFORMS as readonly string[]).includes(platform))
      throw new ApiError("validation_failed", "Un filtre n'est pas valide.", [
        { path: "platform", message: "Plateforme inconnue." },
      ]);
    const words = searchWords(q);
    const names = await accountNames(store);
    const tips = (await store.listTips())
      .filter((tip) => !platform || tip.platform === platform)
      .filter((tip) => {
        // Accents and case ignored, every word required (« sejour » finds « Séjour »).
        const source = currentSource(tip);
        const text = foldText(
          [tip.id, source.title, source.routes.join(" "), source.markdown].join(
            " ",
          ),
        );
        return words.every((word) => text.includes(word));
      })
      .map((tip) => toTipSummary(tip, names))
      .sort(
        (a, b) =>
          a.platform.localeCompare(b.platform) ||
          a.title.localeCompare(b.title, "fr") ||
          (a.id < b.id ? -1 : 1),
      );
    return c.json({ tips });
  });

  // Any source, even half typed: its problems are the answer, never a 400.
  app.post(
    "/support/api/tips/preview",
    auth,
    editor,
    jsonBodyGuard(),
    async (c) => {
      const { source } = await readBody(c, TipSourceBodySchema);
      const preview: TipPreviewView = {
        tip: previewTip(source),
        problems: checkTipSource(source).problems,
      };
      return c.json(preview);
    },
  );

  app.post("/support/api/tips", auth, editor, jsonBodyGuard(), async (c) => {
    const body = await readBody(c, TipSourceBodySchema);
    const source = requireValidSource(body.source);
    const tip = await store.createTip(source, c.get("user").id, clock.now());
    if (!tip)
      throw new ApiError(
        "tip_exists",
        "Une astuce porte déjà cet identifiant : choisissez-en un autre.",
        [{ path: "source.id", message: "Identifiant déjà utilisé." }],
      );
    return c.json({ tip: toTipView(tip, await accountNames(store)) }, 201);
  });

  app.get(TIP_PATH, auth, editor, async (c) => {
    const tip = await store.getTip(c.req.param("id"));
    if (!tip) throw tipNotFound();
    return c.json({ tip: toTipView(tip, await accountNames(store)) });
  });

  app.get(`${TIP_PATH}/versions`, auth, editor, async (c) => {
    const id = c.req.param("id");
    const versions = await store.listTipVersions(id);
    if (versions.length === 0) throw tipNotFound();
    return c.json({
      versions: toVersionViews(versions, await accountNames(store)),
    });
  });

  app.route("/", tipWriteRoutes(auth, editor, deps));
  return app;
}
