import { createHash } from "node:crypto";
import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";
import { ApiError } from "../api-error.ts";
import type { Clock } from "../clock.ts";
import {
  CreateRequestSchema,
  type CreatedRequest,
} from "../contract/request.ts";
import type { FollowUpTokens } from "../follow-up/tokens.ts";
import { jsonBodyGuard, readJson } from "../middleware/json-body.ts";
import { parseWith } from "../parse-with.ts";
import type { Store } from "../store/store.ts";
import { redactRequest } from "./redact-request.ts";

export interface RequestsRouteDeps {
  store: Store;
  clock: Clock;
  /** The follow-up link of each request (issue 10): its hash is stored, the link answered. */
  followUp: Pick<FollowUpTokens, "hashOf" | "tokenFor" | "urlFor">;
}

const UUID_RE =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A claim that never completed within this delay belongs to a request that died: it may be retried. */
export const IDEMPOTENCY_STALE_MS = 60_000;

/** `POST /v1/requests`: validates a page-tagged request and stores it exactly once per Idempotency-Key. */
export function requestsRoutes({
  store,
  clock,
  followUp,
}: RequestsRouteDeps): Hono<AppEnv> {
  // The link is derived from the reference, never stored in clear: a replay answers it again.
  const withLink = (created: CreatedRequest): CreatedRequest => ({
    reference: created.reference,
    createdAt: created.createdAt,
    followUpUrl: followUp.urlFor(created.reference),
  });
  const hashFor = (reference: string) =>
    followUp.hashOf(followUp.tokenFor(reference));
  return new Hono<AppEnv>().post("/v1/requests", jsonBodyGuard(), async (c) => {
    const key = c.req.header("idempotency-key")?.trim();
    if (!key || !UUID_RE.test(key)) {
      throw new ApiError(
        "missing_idempotency_key",
        "L'en-tête Idempotency-Key est obligatoire et doit être un UUID, le même pour chaque nouvel essai d'une demande.",
      );
    }
    const { text, value } = await readJson(c);
    const request = parseWith(
      CreateRequestSchema,
      value,
      "Certains champs de la demande sont à corriger.",
    );

    // Same key + same bytes = the same submission retried; the fingerprint covers the exact body sent.
    const fingerprint = createHash("sha256").update(text).digest("base64url");
    // Key and request in one transaction: a failure stores neither, so the same key may simply be retried.
    const outcome = await store.submitRequest({
      key,
      fingerprint,
      request: redactRequest(request),
      now: clock.now(),
      staleAfterMs: IDEMPOTENCY_STALE_MS,
      followUpHash: hashFor,
    });
    if (outcome.state === "mismatch") {
      throw new ApiError(
        "idempotency_mismatch",
        "Cette clé d'idempotence a déjà servi pour une autre demande.",
      );
    }
    if (outcome.state === "in_progress") {
      throw new ApiError(
        "idempotency_in_progress",
        "Cette demande est déjà en cours d'enregistrement. Réessayez dans un instant.",
        undefined,
        {
          "Retry-After": "1",
        },
      );
    }
    if (outcome.state === "completed") {
      c.header("Idempotent-Replayed", "true");
      return c.json(withLink(outcome.response.body), 201);
    }
    return c.json(withLink(outcome.created), 201);
  });
}
