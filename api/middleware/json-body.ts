import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { ApiError } from "../api-error.ts";

/** Largest accepted JSON body (BUDGETS.md): refused with 413 before anything is parsed. */
export const MAX_BODY_BYTES = 16 * 1024;

/** Refuses anything but JSON (415), then any body over the limit (413), before a byte is parsed. */
export function jsonBodyGuard(maxBytes = MAX_BODY_BYTES): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError(
        "payload_too_large",
        `La demande est trop volumineuse (${maxBytes / 1024} Ko au plus).`,
      );
    },
  });
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
