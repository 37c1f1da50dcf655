import type { Context } from "hono";
import {
  ERROR_STATUS,
  type ErrorCode,
  type ErrorDetail,
  type ErrorEnvelope,
} from "./contract/errors.ts";
import type { RequestDetail } from "./contract/support-requests.ts";
import type { TipView } from "./contract/support-tips.ts";

/** The one error the API throws; `respondWithError` shapes every error response from it. */
export class ApiError extends Error {
  readonly status: (typeof ERROR_STATUS)[ErrorCode];

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }
}

/** Writes the error envelope `{error: {code, message, details?}}` for an ApiError. */
export function respondWithError(c: Context, error: ApiError): Response {
  const body: ErrorEnvelope = {
    error: { code: error.code, message: error.message },
  };
  if (error.details?.length) body.error.details = error.details;
  for (const [name, value] of Object.entries(error.headers ?? {}))
    c.header(name, value);
  c.header("Cache-Control", "no-store");
  return c.json(body, error.status);
}

/**
 * The 409 of an edit based on a version someone else has changed since: the envelope plus the fresh
 * resource (`current` for a request, `tip` for a tip), so the editor re-applies its change knowingly —
 * never a silent overwrite.
 */
export function respondWithVersionConflict(
  c: Context,
  message: string,
  fresh: { current: RequestDetail | undefined } | { tip: TipView },
): Response {
  c.header("Cache-Control", "no-store");
  return c.json(
    {
      error: { code: "version_conflict" satisfies ErrorCode, message },
      ...fresh,
    },
    409,
  );
}
