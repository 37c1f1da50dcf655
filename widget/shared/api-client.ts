import type { ErrorCode, ErrorDetail } from "../../api/contract/errors.ts";
import type { AnchorReportsBody } from "../../api/contract/anchor-reports.ts";
import type { CreatedRequest } from "../../api/contract/request.ts";
import type { Tip } from "../../api/contract/tip.ts";

/** Every way a call can fail, as one code the UI turns into French copy. */
export type FailureCode =
  | ErrorCode
  | "network"
  | "timeout"
  | "bad_response"
  /** A 4xx without the API's envelope (a proxy's page): no retry can change it. */
  | "rejected"
  /** A submission still unconfirmed after a day is no longer resent on its own (sender.ts). */
  | "expired";
export interface ApiFailure {
  ok: false;
  code: FailureCode;
  details?: ErrorDetail[];
  /** Seconds, from `Retry-After`. */
  retryAfter?: number;
}
export type ApiResult<T> = { ok: true; value: T } | ApiFailure;

export interface TipsParams {
  platform: string;
  route?: string;
  role?: string | undefined;
  status?: string | undefined;
  params?: Record<string, string> | undefined;
}

export interface ApiClientDeps {
  baseUrl: string;
  fetch: typeof fetch;
  timeoutMs?: number;
}

/** The widget's only way to the API. Never throws: every outcome is an `ApiResult`. */
export function createApiClient({
  baseUrl,
  fetch,
  timeoutMs = 15_000,
}: ApiClientDeps) {
  async function call<T>(
    path: string,
    init: RequestInit,
    isValue: (body: unknown) => boolean,
  ): Promise<ApiResult<T>> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      // No cookies: the widget is anonymous unless the host identifies the user explicitly. No Referer:
      // the host's URL may hold raw ids and tokens, which must never reach the API (ARCHITECTURE §3).
      const response = await fetch(baseUrl + path, {
        ...init,
        credentials: "omit",
        referrerPolicy: "no-referrer",
        signal: controller.signal,
      });
      const body: unknown = await response.json().catch(() => undefined);
      if (response.ok)
        return isValue(body)
          ? { ok: true, value: body as T }
          : { ok: false, code: "bad_response" };
      const error = (
        body as
          { error?: { code?: ErrorCode; details?: ErrorDetail[] } } | undefined
      )?.error;
      const failure: ApiFailure = {
        ok: false,
        code:
          error?.code ??
          (response.status === 408
            ? "timeout"
            : response.status === 429
              ? "rate_limited"
              : response.status >= 500
                ? "unavailable"
                : "rejected"),
      };
      if (error?.details) failure.details = error.details;
      const retryAfter = Number(response.headers.get("Retry-After"));
      if (retryAfter > 0) failure.retryAfter = retryAfter;
      return failure;
    } catch {
      return {
        ok: false,
        code: controller.signal.aborted ? "timeout" : "network",
      };
    } finally {
      clearTimeout(timer);
    }
  }

  // Fire-and-forget: `keepalive` lets it leave even when the user is leaving the page (`pagehide`). A JSON
  // body needs a CORS preflight, which `navigator.sendBeacon` cannot make: hence `fetch`.
  const beacon = (path: string, body: string): Promise<ApiResult<unknown>> =>
    call(
      path,
      {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body,
        keepalive: true,
      },
      () => true,
    );

  return {
    /** Any other call, for a view loaded later (« Mes demandes »), with the same guarantees. */
    call,

    getTips(params: TipsParams): Promise<ApiResult<Tip[]>> {
      const query = new URLSearchParams({ platform: params.platform });
      for (const key of ["route", "role", "status"] as const) {
        const value = params[key];
        if (value) query.set(key, value);
      }
      for (const [name, value] of Object.entries(params.params ?? {}))
        query.set(name, value);
      return call<{ tips: Tip[] }>(
        `/v1/tips?${query}`,
        { method: "GET" },
        (body) => Array.isArray((body as { tips?: unknown })?.tips),
      ).then((result) =>
        result.ok ? { ok: true, value: result.value.tips } : result,
      );
    },

    /**
     * `POST /v1/anchor-reports`: anchored tips whose element is missing on their page. Anonymous and
     * fire-and-forget, like `postEvents`.
     */
    reportAnchors: (body: AnchorReportsBody) =>
      beacon("/v1/anchor-reports", JSON.stringify(body)),

    /** `POST /v1/events`: a batch of the widget's anonymous counters (event-counter.ts), as JSON. */
    postEvents: (json: string) => beacon("/v1/events", json),

    /** `body` is the request's JSON as first sent: a retry must send the very same bytes. */
    createRequest(
      body: string,
      idempotencyKey: string,
    ): Promise<ApiResult<CreatedRequest>> {
      return call<CreatedRequest>(
        "/v1/requests",
        {
          method: "POST",
          headers: {
            "Content-Type": "application/json",
            "Idempotency-Key": idempotencyKey,
          },
          body,
        },
        (value) => typeof (value as CreatedRequest)?.reference === "string",
      );
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
