import * as z from "zod/mini";

/** Every error code the API may answer, with its HTTP status (ARCHITECTURE §3). Closed list. */
export const ERROR_STATUS = {
  invalid_json: 400,
  validation_failed: 400,
  missing_idempotency_key: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  origin_not_allowed: 403,
  forbidden: 403,
  not_found: 404,
  idempotency_in_progress: 409,
  version_conflict: 409,
  tip_exists: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_mismatch: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

/** At most this many field details travel in one error (they never echo the input). */
export const MAX_ERROR_DETAILS = 20;

export const ErrorDetailSchema = z.strictObject({
  path: z.string(),
  message: z.string(),
});
export type ErrorDetail = z.infer<typeof ErrorDetailSchema>;

export const ErrorEnvelopeSchema = z.strictObject({
  error: z.strictObject({
    code: z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    details: z.optional(
      z.array(ErrorDetailSchema).check(z.maxLength(MAX_ERROR_DETAILS)),
    ),
  }),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelopeSchema>;
