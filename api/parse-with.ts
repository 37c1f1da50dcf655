import type * as z from "zod/mini";
import { ApiError } from "./api-error.ts";
import { toErrorDetails } from "./contract/issue-details.ts";

/** What a 400 says when a route names no message of its own. */
export const INVALID_BODY = "Certains champs sont à corriger.";

/**
 * The one way a route checks a value (a JSON body, a query) against a contract schema: any issue is a 400
 * `validation_failed` with French details on their field, never echoing the input.
 */
export function parseWith<T>(
  schema: z.ZodMiniType<T>,
  value: unknown,
  message = INVALID_BODY,
): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new ApiError(
      "validation_failed",
      message,
      toErrorDetails(parsed.error.issues),
    );
  return parsed.data;
}

/** A query string against its contract schema: an empty value (`?platform=`) counts as absent. */
export function parseQuery<T>(
  schema: z.ZodMiniType<T>,
  query: Record<string, string>,
  message = INVALID_BODY,
): T {
  return parseWith(
    schema,
    Object.fromEntries(Object.entries(query).filter(([, value]) => value)),
    message,
  );
}
