import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";
import { ApiError } from "../api-error.ts";
import { PlatformSchema } from "../contract/platforms.ts";
import { anchorPaths } from "../tips/anchor-paths.ts";
import type { TipCatalog } from "../tips/catalog.ts";
import { jsonWithEtag } from "./etag-json.ts";

/**
 * `GET /v1/anchors?platform=`: the pages that have anchored tips, so the loader fetches tips only there.
 * Anonymous and asked at every boot of every host page: cached five minutes, then revalidated by ETag.
 */
export function anchorsRoutes(catalog: TipCatalog): Hono<AppEnv> {
  return new Hono<AppEnv>().get("/v1/anchors", async (c) => {
    const query = c.req.queries();
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
    const paths = anchorPaths(await catalog.records(), platform.data);
    return jsonWithEtag(c, { paths }, "public, max-age=300");
  });
}
