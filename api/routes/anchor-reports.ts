import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";
import type { Clock } from "../clock.ts";
import {
  AnchorReportsSchema,
  MAX_ANCHOR_REPORT_BYTES,
} from "../contract/anchor-reports.ts";
import { parseAppVersion } from "../contract/app-version.ts";
import { jsonBodyGuard, readBody } from "../middleware/json-body.ts";
import type { AnchorReport, TipStore } from "../store/tip-types.ts";

/**
 * `POST /v1/anchor-reports`: counts broken anchors for the console. Only reports about a published
 * anchored tip on one of its routes count; others are ignored, not refused (a widget may run an old
 * catalog). Nothing about the sender is stored: no address, user agent or cookie. The store bounds the rows
 * a tip may fill (versions per route, former publications dropped).
 */
export function anchorReportsRoutes({
  store,
  clock,
}: {
  store: TipStore;
  clock: Clock;
}): Hono<AppEnv> {
  return new Hono<AppEnv>().post(
    "/v1/anchor-reports",
    jsonBodyGuard(MAX_ANCHOR_REPORT_BYTES),
    async (c) => {
      const body = await readBody(
        c,
        AnchorReportsSchema,
        "Le signalement contient des erreurs.",
      );
      const { platform, reports } = body;
      // The widget sends these reports unattended from host pages whose `data-app-version` we do not
      // control: refusing the batch for an odd version would lose the broken anchors too. A value that is
      // not a version (free text such as « URGENT : appelez le 0899… » shown to admins) is never stored:
      // the reports count under the unknown version ('') instead (issue 11, item 6).
      const appVersion = parseAppVersion(body.appVersion);
      const tips = new Map(
        await Promise.all(
          [...new Set(reports.map((r) => r.tip))].map(
            async (id) => [id, await store.getTip(id)] as const,
          ),
        ),
      );
      // Counted against the tip's current publication: a republication (the anchor fixed) starts anew.
      const counted: AnchorReport[] = reports.flatMap(({ tip, route }) => {
        const stored = tips.get(tip);
        const published = stored?.published;
        return published?.platform === platform &&
          published.anchor !== undefined &&
          published.routes.includes(route) &&
          stored?.publishedAt !== undefined
          ? [{ tipId: tip, publishedAt: stored.publishedAt, route, appVersion }]
          : [];
      });
      if (counted.length) await store.recordAnchorReports(counted, clock.now());
      c.header("Cache-Control", "no-store");
      return c.json({ accepted: counted.length }, 202);
    },
  );
}
