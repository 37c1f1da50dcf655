import { createHash } from "node:crypto";
import type { Context } from "hono";

/** A JSON answer serialised once: its bytes and its strong ETag (hash of the bytes). */
export interface PreparedJson {
  body: Uint8Array<ArrayBuffer>;
  etag: string;
}

/** Serialises `value` and hashes it, once: the routes keep the result while their source is unchanged. */
export function prepareJson(value: unknown): PreparedJson {
  const body = new Uint8Array(Buffer.from(JSON.stringify(value), "utf8"));
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  return { body, etag };
}

/**
 * Answers a prepared JSON body with its ETag and the given Cache-Control; when the client already has this
 * body (If-None-Match, weak comparison as RFC 9110 §13.1.2 asks), 304 without a body. Headers set earlier
 * (CORS) stay on both answers.
 */
export function sendJsonWithEtag(
  c: Context,
  prepared: PreparedJson,
  cacheControl: string,
): Response {
  c.header("ETag", prepared.etag);
  c.header("Cache-Control", cacheControl);
  if (matches(c.req.header("if-none-match"), prepared.etag))
    return c.body(null, 304);
  c.header("Content-Type", "application/json");
  return c.body(prepared.body, 200);
}

function matches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === "*") return true;
  return header
    .split(",")
    .some((tag) => tag.trim().replace(/^W\//, "") === etag);
}

/**
 * The raw query string of a request, as a cache key: the same string always parses to the same query, so a
 * cached answer skips parsing and validation too.
 */
export function queryKey(c: Context): string {
  const url = c.req.url;
  const at = url.indexOf("?");
  return at < 0 ? "" : url.slice(at + 1);
}
