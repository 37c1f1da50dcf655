import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import type { AppEnv } from "../app-env.ts";
import type { Logger } from "../logger.ts";

/**
 * One log line per request: id, method, matched route pattern (never the raw path nor the query string, which may hold ids or a
 * host's mistakes), status and duration. Bodies, e-mails and identities are never logged.
 */
export function requestLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async function logRequest(c, next) {
    const started = performance.now();
    const requestId = crypto.randomUUID();
    c.set("requestId", requestId);
    c.header("X-Request-Id", requestId);
    await next();
    logger.info("request", {
      requestId,
      method: c.req.method,
      // The matched route pattern, not the raw path: raw paths may hold ids or e-mails (demo SPA pages).
      route: routePath(c, -1),
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    });
  };
}
