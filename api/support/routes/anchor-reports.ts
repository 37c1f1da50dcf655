import { Hono, type MiddlewareHandler } from "hono";
import { ApiError } from "../../api-error.ts";
import {
  AnchorReportQuerySchema,
  type AnchorReportPage,
  type AnchorReportView,
} from "../../contract/support-tips.ts";
import { parseQuery } from "../../parse-with.ts";
import type { TipStore } from "../../store/tip-types.ts";
import type { SupportEnv } from "../support-env.ts";
import { requireNationalTeam } from "../tip-permissions.ts";

/** Rows per page when the console does not say; a page never holds more than MAX_LIMIT. */
export const ANCHOR_REPORTS_PAGE_SIZE = 50;
const MAX_LIMIT = 200;

/** Where a row sits in the list: newest first, then by tip, route and version (unique per publication). */
type SortKey = [
  lastSeen: string,
  tipId: string,
  route: string,
  version: string,
];

const keyOf = (a: AnchorReportView): SortKey => [
  a.lastSeen,
  a.tipId,
  a.route,
  a.appVersion ?? "",
];

function compareKeys(a: SortKey, b: SortKey): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? 1 : -1;
  for (let i = 1; i < a.length; i++)
    if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
}

const encodeCursor = (key: SortKey) =>
  Buffer.from(JSON.stringify(key)).toString("base64url");

function decodeCursor(cursor: string): SortKey {
  try {
    const key: unknown = JSON.parse(
      Buffer.from(cursor, "base64url").toString(),
    );
    if (
      Array.isArray(key) &&
      key.length === 4 &&
      key.every((part) => typeof part === "string")
    )
      return key as SortKey;
  } catch {
    // Not JSON: refused below like any other foreign cursor.
  }
  throw new ApiError("validation_failed", "Un filtre n'est pas valide.", [
    { path: "cursor", message: "Curseur invalide." },
  ]);
}

/**
 * `GET /support/api/anchor-reports?platform=&limit=&cursor=`: anchors the widget could not find, per tip,
 * page and app version, newest first, by pages (`{anchors, total, nextCursor?}`; the keyset cursor is the
 * last row's place, so a row reported again meanwhile moves up and is never shown twice). Only the counts of
 * the tip's current publication: older ones were about a former anchor. The store bounds the rows per tip,
 * so the whole list is read and sorted here; the answer is what is bounded (issue 11, item 6).
 */
export function anchorReportRoutes(
  auth: MiddlewareHandler<SupportEnv>,
  { store }: { store: TipStore },
): Hono<SupportEnv> {
  const app = new Hono<SupportEnv>();
  app.get(
    "/support/api/anchor-reports",
    auth,
    requireNationalTeam(),
    async (c) => {
      const { platform, limit, cursor } = parseQuery(
        AnchorReportQuerySchema,
        c.req.query(),
        "Un filtre n'est pas valide.",
      );
      const after = cursor === undefined ? undefined : decodeCursor(cursor);
      const size = Math.min(
        MAX_LIMIT,
        Math.max(1, Number(limit ?? ANCHOR_REPORTS_PAGE_SIZE)),
      );

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
      // Sorted here with the very comparison the cursor uses (the store's order is SQLite's collation).
      anchors.sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
      const from =
        after === undefined
          ? 0
          : anchors.findIndex((a) => compareKeys(keyOf(a), after) > 0);
      const page = from < 0 ? [] : anchors.slice(from, from + size);
      const last = page.at(-1);
      const more = from >= 0 && from + size < anchors.length;
      const answer: AnchorReportPage = {
        anchors: page,
        total: anchors.length,
        ...(more && last ? { nextCursor: encodeCursor(keyOf(last)) } : {}),
      };
      return c.json(answer);
    },
  );
  return app;
}
