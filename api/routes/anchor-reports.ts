import { Hono } from "hono";
import * as z from "zod/mini";
import type { AppEnv } from "../app-env.ts";
import { ApiError } from "../api-error.ts";
import type { Clock } from "../clock.ts";
import { parseAppVersion } from "../contract/app-version.ts";
import { toErrorDetails } from "../contract/issue-details.ts";
import { PlatformSchema } from "../contract/platforms.ts";
import { isRouteTag } from "../contract/redact.ts";
import { TipIdSchema } from "../contract/tip.ts";
import { jsonBodyGuard, readJson } from "../middleware/json-body.ts";
import type { AnchorReport, TipStore } from "../store/tip-types.ts";

/** A report batch is small: at most 20 tips of one page load (issue 5). */
export const MAX_ANCHOR_REPORT_BYTES = 4 * 1024;

/** What the widget posts when anchored tips find no element to attach to. */
export const AnchorReportsSchema = z.strictObject({
  platform: PlatformSchema,
  // Any text: one that is not a version is counted as unknown below, not refused (see the handler).
  appVersion: z.optional(
    z.string({ error: "La version de l'application est un texte." }),
  ),
  reports: z
    .array(
      z.strictObject({
        tip: TipIdSchema,
        route: z
          .string()
          .check(
            z.refine(
              isRouteTag,
              "La route doit être un modèle comme « /volontaire/:id ».",
            ),
          ),
      }),
    )
    .check(
      z.minLength(1, "Au moins un signalement."),
      z.maxLength(20, "20 signalements au plus par envoi."),
    ),
});

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
      const parsed = AnchorReportsSchema.safeParse((await readJson(c)).value);
      if (!parsed.success)
        throw new ApiError(
          "validation_failed",
          "Le signalement contient des erreurs.",
          toErrorDetails(parsed.error.issues),
        );
      const { platform, reports } = parsed.data;
      // The widget sends these reports unattended from host pages whose `data-app-version` we do not
      // control: refusing the batch for an odd version would lose the broken anchors too. A value that is
      // not a version (free text such as « URGENT : appelez le 0899… » shown to admins) is never stored:
      // the reports count under the unknown version ('') instead (issue 11, item 6).
      const appVersion = parseAppVersion(parsed.data.appVersion);
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
