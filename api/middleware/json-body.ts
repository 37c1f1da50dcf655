import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type * as z from "zod/mini";
import { ApiError } from "../api-error.ts";
import { INVALID_BODY, parseWith } from "../parse-with.ts";

/** Largest accepted JSON body (BUDGETS.md): refused with 413 before anything is parsed. */
export const MAX_BODY_BYTES = 16 * 1024;

/** The requests whose body a guard has let through: `readJson` reads no other (issue 11). */
const checked = new WeakSet<Context>();

const notJson = () =>
  new ApiError(
    "unsupported_media_type",
    "Le corps de la demande doit être du JSON (Content-Type: application/json).",
  );

/** Refuses anything but JSON (415), then any body over the limit (413), before a byte is parsed. */
export function jsonBodyGuard(maxBytes = MAX_BODY_BYTES): MiddlewareHandler {
  const tooLarge = () => {
    throw new ApiError(
      "payload_too_large",
      `La demande est trop volumineuse (${maxBytes / 1024} Ko au plus).`,
    );
  };
  const limit = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return async function guardJsonBody(c, next) {
    const type = c.req
      .header("content-type")
      ?.split(";")[0]
      ?.trim()
      .toLowerCase();
    if (type !== "application/json") throw notJson();
    checked.add(c);
    // A declared length is checked here as Hono's bodyLimit would, but without reading `c.req.raw.body`:
    // on @hono/node-server that turns the request into a web Request with a stream, which `c.req.text()`
    // then has to go through (≈ 10 % of the CPU of `POST /v1/requests`, npm run bench:requests).
    // Node reads no more than the declared length; a streamed (chunked) body goes through bodyLimit.
    const length = c.req.header("content-length");
    if (length !== undefined && c.req.header("transfer-encoding") === undefined)
      return Number.parseInt(length, 10) > maxBytes ? tooLarge() : next();
    return limit(c, next);
  };
}

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Mounted on whole JSON areas (`/v1/*`, `/support/api/*`): any write that carries a body — a content
 * type, a non-zero declared length or a chunked transfer — goes through `jsonBodyGuard`, so a route added
 * later cannot forget the 415/413 (issue 11: the login read a 150 MB body). Routes keep their own, tighter
 * guard where they accept less than 16 KB; a write without any body passes untouched.
 */
export function jsonWritesGuard(maxBytes = MAX_BODY_BYTES): MiddlewareHandler {
  const guard = jsonBodyGuard(maxBytes);
  return async function guardJsonWrites(c, next) {
    if (READS.has(c.req.method)) return next();
    const length = c.req.header("content-length");
    const hasBody =
      c.req.header("content-type") !== undefined ||
      c.req.header("transfer-encoding") !== undefined ||
      (length !== undefined && Number.parseInt(length, 10) !== 0);
    return hasBody ? guard(c, next) : next();
  };
}

/**
 * Reads the body text and parses it; bad JSON is a 400 `invalid_json`, never a 500. A body no guard has
 * checked is never read: it is a 415, so a JSON route mounted without `jsonBodyGuard` fails its first test.
 */
export async function readJson(
  c: Context,
): Promise<{ text: string; value: unknown }> {
  if (!checked.has(c)) throw notJson();
  const text = await c.req.text();
  try {
    return { text, value: JSON.parse(text) };
  } catch {
    throw new ApiError(
      "invalid_json",
      "Le corps de la demande n'est pas un JSON valide.",
    );
  }
}

/** Reads a guarded JSON body and checks it against its contract schema (`readJson`, then `parseWith`). */
export async function readBody<T>(
  c: Context,
  schema: z.ZodMiniType<T>,
  message = INVALID_BODY,
): Promise<T> {
  return parseWith(schema, (await readJson(c)).value, message);
}
