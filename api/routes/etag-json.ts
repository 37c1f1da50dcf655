import { createHash } from "node:crypto";
import type { Context } from "hono";

/**
 * Answers JSON with a strong ETag (hash of the body) and the given Cache-Control; when the client already
 * has this body (If-None-Match, weak comparison as RFC 9110 §13.1.2 asks), 304 without a body. Headers
 * set earlier (CORS) stay on both answers.
 */
export function jsonWithEtag(
  c: Context,
  value: unknown,
  cacheControl: string,
): Response {
  const text = JSON.stringify(value);
  const etag = `"${createHash("sha256").update(text).digest("base64url").slice(0, 27)}"`;
  c.header("ETag", etag);
  c.header("Cache-Control", cacheControl);
  if (matches(c.req.header("if-none-match"), etag)) return c.body(null, 304);
  c.header("Content-Type", "application/json");
  return c.body(text, 200);
}

function matches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === "*") return true;
  return header
    .split(",")
    .some((tag) => tag.trim().replace(/^W\//, "") === etag);
}
