import type { MiddlewareHandler } from "hono";
import { renderProblemPage } from "./problem-pages.ts";
import { STYLESHEET_PATH } from "./stylesheet.ts";

/** No script, no inline style, nothing from elsewhere; forms post only here; never framed. */
export const FOLLOW_UP_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/**
 * Headers of every `/suivi/*` answer, and errors as pages: the API's errors (thrown `ApiError`s, the
 * app's 404) come back from `app.onError` as JSON envelopes; here they become the French page of their
 * status, keeping their other headers (Retry-After). The address holds the token: no Referer may carry
 * it away, no cache or search engine may keep the page.
 */
export function followUpHeaders(): MiddlewareHandler {
  return async function setFollowUpHeaders(c, next) {
    await next();
    const status = c.res.status;
    if (
      status >= 400 &&
      c.res.headers.get("content-type")?.startsWith("application/json")
    ) {
      c.res = new Response(renderProblemPage(status), {
        status,
        headers: { "Content-Type": "text/html; charset=UTF-8" },
      });
      c.res.headers.delete("Content-Length");
    }
    c.header("Content-Security-Policy", FOLLOW_UP_CSP);
    c.header("Referrer-Policy", "no-referrer");
    c.header("X-Robots-Tag", "noindex");
    if (c.req.path !== STYLESHEET_PATH || status >= 400)
      c.header("Cache-Control", "no-store");
  };
}
