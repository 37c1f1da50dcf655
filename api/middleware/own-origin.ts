import type { Context } from "hono";

/**
 * The origin this server is reached at. Behind a trusted reverse proxy that terminates TLS
 * (TRUST_PROXY=true), the request URL says `http://internal-host`: the proxy's X-Forwarded-Proto and
 * X-Forwarded-Host tell the origin browsers actually use.
 */
export function ownOrigin(c: Context, trustProxy: boolean): string {
  const url = new URL(c.req.url);
  if (!trustProxy) return url.origin;
  const proto = c.req.header("x-forwarded-proto")?.split(",")[0]?.trim();
  const host = c.req.header("x-forwarded-host")?.split(",")[0]?.trim();
  return `${proto === "https" || proto === "http" ? proto : url.protocol.slice(0, -1)}://${host || url.host}`;
}
