import type { Context } from "hono";
import { ownOrigin } from "../middleware/own-origin.ts";

/**
 * Whether a form post comes from another site (refused with 403). The token in the address is the only
 * credential and no cookie exists, so this is defence in depth: a present `Origin` must be this server's.
 *
 * One exception: the page is served with `Referrer-Policy: no-referrer`, and under that policy browsers
 * send `Origin: null` for the page's OWN form posts (Fetch § "append a request `Origin` header", step
 * 3.1). `null` is therefore accepted unless Fetch Metadata (`Sec-Fetch-Site`) says the post is not
 * same-origin; an explicit `Sec-Fetch-Site` other than `same-origin` is always refused.
 */
export function isCrossSitePost(c: Context, trustProxy: boolean): boolean {
  const site = c.req.header("sec-fetch-site");
  if (site !== undefined && site !== "same-origin") return true;
  const origin = c.req.header("origin");
  if (origin === undefined || origin === "null") return false;
  return origin !== ownOrigin(c, trustProxy);
}
