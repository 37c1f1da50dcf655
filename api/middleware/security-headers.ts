import type { MiddlewareHandler } from "hono";

/** The headers of hono/secure-headers' defaults, written out once, but Cross-Origin-Resource-Policy (below). */
const EVERY_ANSWER: readonly (readonly [string, string])[] = [
  ["Cross-Origin-Opener-Policy", "same-origin"],
  ["Origin-Agent-Cluster", "?1"],
  ["Referrer-Policy", "no-referrer"],
  ["Strict-Transport-Security", "max-age=15552000; includeSubDomains"],
  ["X-Content-Type-Options", "nosniff"],
  ["X-DNS-Prefetch-Control", "off"],
  ["X-Download-Options", "noopen"],
  ["X-Frame-Options", "SAMEORIGIN"],
  ["X-Permitted-Cross-Domain-Policies", "none"],
  ["X-XSS-Protection", "0"],
];

// Hono's default CORP, same-origin, would stop other origins from embedding /widget/* (ARCHITECTURE §4).
const WIDGET = [
  ...EVERY_ANSWER,
  ["Cross-Origin-Resource-Policy", "cross-origin"],
] as const;
const SAME_ORIGIN = [
  ...EVERY_ANSWER,
  ["Cross-Origin-Resource-Policy", "same-origin"],
] as const;
// The JSON API is never a document: nothing may load or frame from its answers.
const API = [
  ...SAME_ORIGIN,
  ["Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"],
] as const;

/**
 * Security headers on every answer, errors and 404s included, set before the route runs: headers set on a
 * finished response make Hono copy it, which turns its body into a stream and costs the read path most of
 * its speed (issue 14). A route or a later middleware may still set its own value (a page's CSP).
 */
export function securityHeaders(): MiddlewareHandler {
  return async function setSecurityHeaders(c, next) {
    const path = c.req.path;
    const headers = path.startsWith("/widget/")
      ? WIDGET
      : path.startsWith("/v1/")
        ? API
        : SAME_ORIGIN;
    for (const [name, value] of headers) c.header(name, value);
    await next();
  };
}
