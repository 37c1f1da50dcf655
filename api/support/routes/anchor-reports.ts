import type { Hono, MiddlewareHandler } from "hono";
import { ApiError } from "../../api-error.ts";
import { PLATFORMS } from "../../contract/vocabulary.ts";
import type { TipStore } from "../../store/tip-types.ts";
import type { SupportEnv } from "../support-env.ts";
import type { AnchorReportView } from "../tip-views.ts";
import { requireNationalTeam } from "../tip-permissions.ts";

/**
 * `GET /support/api/anchor-reports`: anchors the widget could not find, per tip, page and app version,
 * newest first. Only the counts of the tip's current publication: older ones were about a former anchor.
 */
export function registerAnchorReportRoutes(
  app: Hono<SupportEnv>,
  auth: MiddlewareHandler<SupportEnv>,
  { store }: { store: TipStore },
) {
  app.get(
    "/support/api/anchor-reports",
    auth,
    requireNationalTeam(),
    async (c) => {
      const platform = c.req.query("platform") || undefined;
      if (platform && !(PLATFORMS as readonly string[]).includes(platform))
        throw new ApiError("validation_failed", "Un filtre n'est pas valide.", [
          { path: "platform", message: "Plateforme inconnue." },
        ]);
      const tips = new Map(
        (await store.listTips()).map((tip) => [tip.id, tip]),
      );
      const anchors: AnchorReportView[] = [];
      for (const report of await store.listAnchorReports()) {
        const tip = tips.get(report.tipId);
        const anchor = tip?.published?.anchor;
        if (!tip || !anchor || (platform && tip.platform !== platform))
          continue;
        // Counts of a former publication were about a former anchor (perhaps fixed since).
        if (report.publishedAt !== tip.publishedAt) continue;
        anchors.push({
          tipId: tip.id,
          title: tip.published!.title,
          platform: tip.platform,
          route: report.route,
          ...(report.appVersion ? { appVersion: report.appVersion } : {}),
          count: report.count,
          firstSeen: report.firstSeen,
          lastSeen: report.lastSeen,
          selector: anchor.selector,
        });
      }
      return c.json({ anchors });
    },
  );
}
