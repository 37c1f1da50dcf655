import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { ApiError } from "../api-error.ts";

/** Largest accepted JSON body (BUDGETS.md): refused with 413 before anything is parsed. */
export const MAX_BODY_BYTES = 16 * 1024;

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
    if (type !== "application/json") {
      throw new ApiError(
        "unsupported_media_type",
        "Le corps de la demande doit être du JSON (Content-Type: application/json).",
      );
    }
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

/** Reads the body text and parses it; bad JSON is a 400 `invalid_json`, never a 500. */
export async function readJson(
  c: Context,
): Promise<{ text: string; value: unknown }> {
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
