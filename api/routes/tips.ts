import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";
import { ApiError } from "../api-error.ts";
import { parseWith } from "../parse-with.ts";
import { isIdParam, routeParamNames } from "../contract/routes.ts";
import { TipsQuerySchema } from "../contract/tip.ts";
import { createCatalogCache, type TipCatalog } from "../tips/catalog.ts";
import { selectTips } from "../tips/select-tips.ts";
import {
  prepareJson,
  queryKey,
  sendJsonWithEtag,
  type PreparedJson,
} from "./etag-json.ts";

const FIXED_KEYS = new Set(["platform", "route", "role", "status"]);

/**
 * `GET /v1/tips`: the tips of a page, or every tip of a platform when no route is given. `no-cache` with an
 * ETag: the browser asks every time (a publication shows at once) but gets a bodiless 304 when unchanged.
 */
export function tipsRoutes(catalog: TipCatalog): Hono<AppEnv> {
  // Every page view asks this: the answer of a query is serialised and hashed once per catalog (issue 14).
  const answers = createCatalogCache<PreparedJson>(catalog);
  return new Hono<AppEnv>().get("/v1/tips", async (c) => {
    const answer = await answers(queryKey(c), (records) =>
      prepareJson({
        tips: selectTips(records, parseTipsQuery(c.req.queries())),
      }),
    );
    return sendJsonWithEtag(c, answer, "no-cache");
  });
}

// Splits the query string into the fixed filters and the route's own parameters, then validates both.
function parseTipsQuery(raw: Record<string, string[]>) {
  const fixed: Record<string, string> = {};
  const params: Record<string, string> = {};
  const route = raw.route?.[0];
  const paramNames = new Set(
    route ? routeParamNames(route).filter((name) => !isIdParam(name)) : [],
  );
  for (const [key, values] of Object.entries(raw)) {
    if (values.length !== 1)
      throw invalid(key, "Ce paramètre ne doit apparaître qu'une fois.");
    if (FIXED_KEYS.has(key)) fixed[key] = values[0]!;
    else if (paramNames.has(key)) params[key] = values[0]!;
    else
      throw invalid(
        "",
        "Un paramètre de la recherche est inconnu pour cette route.",
      );
  }
  return parseWith(
    TipsQuerySchema,
    { ...fixed, ...(Object.keys(params).length ? { params } : {}) },
    "La recherche d'astuces contient des erreurs.",
  );
}

function invalid(path: string, message: string) {
  return new ApiError(
    "validation_failed",
    "La recherche d'astuces contient des erreurs.",
    [{ path, message }],
  );
}
