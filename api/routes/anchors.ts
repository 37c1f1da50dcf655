import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";
import { ApiError } from "../api-error.ts";
import { PlatformSchema } from "../contract/platforms.ts";
import { anchorPaths } from "../tips/anchor-paths.ts";
import { createCatalogCache, type TipCatalog } from "../tips/catalog.ts";
import {
  prepareJson,
  queryKey,
  sendJsonWithEtag,
  type PreparedJson,
} from "./etag-json.ts";

/**
 * `GET /v1/anchors?platform=`: the pages that have anchored tips, so the loader fetches tips only there.
 * Anonymous and asked at every boot of every host page: cached five minutes, then revalidated by ETag.
 */
export function anchorsRoutes(catalog: TipCatalog): Hono<AppEnv> {
  // Serialised and hashed once per catalog and query (issue 14); a refused query is checked every time.
  const answers = createCatalogCache<PreparedJson>(catalog);
  return new Hono<AppEnv>().get("/v1/anchors", async (c) => {
    const answer = await answers(queryKey(c), (records) =>
      prepareJson({
        paths: anchorPaths(records, parsePlatform(c.req.queries())),
      }),
    );
    return sendJsonWithEtag(c, answer, "public, max-age=300");
  });
}

// The one parameter: `platform`, once, a known platform.
function parsePlatform(query: Record<string, string[]>) {
  const platform = PlatformSchema.safeParse(query.platform?.[0]);
  const extra = Object.keys(query).some((key) => key !== "platform");
  if (!platform.success || query.platform!.length !== 1 || extra) {
    throw new ApiError(
      "validation_failed",
      "La recherche d'ancres contient des erreurs.",
      [
        {
          path: extra ? "" : "platform",
          message: extra
            ? "Seul le paramètre « platform » est permis."
            : "La plateforme doit être « moncompte » ou « admin ».",
        },
      ],
    );
  }
  return platform.data;
}
