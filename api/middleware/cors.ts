import type { MiddlewareHandler } from "hono";
import { ApiError } from "../api-error.ts";
import { ownOrigin } from "./own-origin.ts";

export interface CorsOptions {
  /** Host origins allowed besides the server's own (exact match, ALLOWED_ORIGINS). */
  allowedOrigins: readonly string[];
  allowMethods?: readonly string[];
  allowHeaders?: readonly string[];
  exposeHeaders?: readonly string[];
  /** How long a browser may cache a preflight answer, in seconds. */
  maxAgeSeconds?: number;
  /** Behind a trusted proxy, the server's own origin comes from X-Forwarded-Proto/Host. */
  trustProxy?: boolean;
}

const SAFE_METHODS = new Set(["GET", "HEAD"]);

/**
 * CORS with an exact allow-list for `/v1/*`. Registered before everything else so that every response,
 * errors included, carries the headers. An unknown origin gets no `Access-Control-Allow-Origin`; its
 * writes and preflights are refused with 403 before any work is done.
 */
export function corsAllowList(options: CorsOptions): MiddlewareHandler {
  const allowed = new Set(options.allowedOrigins);
  const methods = (options.allowMethods ?? ["GET", "POST", "OPTIONS"]).join(
    ", ",
  );
  const headers = (
    options.allowHeaders ?? ["Content-Type", "Idempotency-Key"]
  ).join(", ");
  const expose = (
    options.exposeHeaders ?? ["Retry-After", "X-Request-Id"]
  ).join(", ");
  const maxAge = String(options.maxAgeSeconds ?? 600);

  return async function cors(c, next) {
    const origin = c.req.header("origin");
    c.header("Vary", "Origin", { append: true });
    if (origin === undefined) return next(); // not a cross-origin browser call (same-origin GET, curl…)

    // The server's own origin is always allowed: the demo pages and the console live there. The list is
    // looked at first: it is what host pages send, and the own origin costs a URL parse (issue 14).
    if (
      allowed.has(origin) ||
      origin === ownOrigin(c, options.trustProxy ?? false)
    ) {
      c.header("Access-Control-Allow-Origin", origin);
      c.header("Access-Control-Expose-Headers", expose);
      if (c.req.method === "OPTIONS") {
        c.header("Access-Control-Allow-Methods", methods);
        c.header("Access-Control-Allow-Headers", headers);
        c.header("Access-Control-Max-Age", maxAge);
        return c.body(null, 204);
      }
      return next();
    }
    if (!SAFE_METHODS.has(c.req.method)) {
      throw new ApiError(
        "origin_not_allowed",
        "Cette origine n'est pas autorisée à utiliser l'API.",
      );
    }
    return next();
  };
}
