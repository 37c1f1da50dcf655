import type { Context } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";

/** Finds the address a request comes from, for rate limiting only (it is never logged or stored). */
export type ClientAddress = (c: Context) => string;

/**
 * From the socket by default; behind a trusted reverse proxy (TRUST_PROXY=true), from the last entry of
 * `X-Forwarded-For`, the one the proxy itself appended (earlier entries are client-controlled).
 */
export function createClientAddress(trustProxy: boolean): ClientAddress {
  return (c) => {
    if (trustProxy) {
      const last = c.req.header("x-forwarded-for")?.split(",").pop()?.trim();
      if (last) return last;
    }
    try {
      return getConnInfo(c).remote.address ?? "unknown";
    } catch {
      return "unknown"; // app.request() in tests has no socket
    }
  };
}
