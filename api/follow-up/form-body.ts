import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { ApiError } from "../api-error.ts";
import { MAX_BODY_BYTES } from "../middleware/json-body.ts";

/**
 * The follow-up page's forms post `application/x-www-form-urlencoded` (what a form sends without
 * `enctype`): anything else is a 415, a body over 16 KB a 413, both before a byte is read (BUDGETS.md).
 */
export function formBodyGuard(maxBytes = MAX_BODY_BYTES): MiddlewareHandler {
  const tooLarge = () => {
    throw new ApiError(
      "payload_too_large",
      `L'envoi est trop volumineux (${maxBytes / 1024} Ko au plus).`,
    );
  };
  const limit = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return async function guardFormBody(c, next) {
    const type = c.req
      .header("content-type")
      ?.split(";")[0]
      ?.trim()
      .toLowerCase();
    if (type !== "application/x-www-form-urlencoded")
      throw new ApiError(
        "unsupported_media_type",
        "Le formulaire doit être envoyé en application/x-www-form-urlencoded.",
      );
    // A declared length is refused without reading; a streamed (chunked) body is counted by bodyLimit.
    const length = c.req.header("content-length");
    if (length !== undefined && c.req.header("transfer-encoding") === undefined)
      return Number.parseInt(length, 10) > maxBytes ? tooLarge() : next();
    return limit(c, next);
  };
}

/** The posted fields (after `formBodyGuard`). */
export async function readForm(c: Context): Promise<URLSearchParams> {
  return new URLSearchParams(await c.req.text());
}
