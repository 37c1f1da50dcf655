import type * as z from "zod/mini";
import { ApiError } from "../../api-error.ts";
import { toErrorDetails } from "../../contract/issue-details.ts";

/** A request's path in the console API; the reference's shape is checked by the router itself. */
export const REFERENCE = "/support/api/requests/:reference{SNU-\\d{4}-\\d{6,}}";

/** Parses a body with a contract schema; any issue is a 400 with French field details. */
export function parseBody<T>(schema: z.ZodMiniType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new ApiError(
      "validation_failed",
      "Certains champs sont à corriger.",
      toErrorDetails(parsed.error.issues),
    );
  }
  return parsed.data;
}

/** The same 404 for a request that does not exist and one outside the caller's scope. */
export const notFound = () =>
  new ApiError(
    "not_found",
    "Cette demande n'existe pas ou ne relève pas de votre périmètre.",
  );
