import type * as z from "zod/mini";
import type { ErrorDetail } from "../../contract/errors.ts";
import type { RequestDetail } from "../../contract/support-requests.ts";
import { RequestDetailCheck } from "../../contract/support-requests.ts";
import { TipViewCheck, type TipView } from "../../contract/support-tips.ts";

/** Every failure carries a French message the UI can show as is. */
export interface ConsoleFailure {
  ok: false;
  /** HTTP status, 0 when the server could not be reached. */
  status: number;
  code: string;
  message: string;
  details?: ErrorDetail[];
  /** Seconds, from `Retry-After`. */
  retryAfter?: number;
  /** The fresh request of a `version_conflict`. */
  current?: RequestDetail;
  /** The fresh tip of a tips `version_conflict`. */
  currentTip?: TipView;
}
export type ConsoleResult<T> = { ok: true; value: T } | ConsoleFailure;

export interface ConsoleApiDeps {
  fetch: typeof fetch;
  /** Absolute address of the console API, e.g. `https://aide.snu.gouv.fr/support/api`. */
  baseUrl: string;
  /** Called on any 401 but a failed login: the session is gone, the app sends the user to log in. */
  onUnauthorized?: () => void;
  timeoutMs?: number;
}

/**
 * One call to the console API. `check` is the contract's check of the answer: a body that fails it is a
 * « réponse inattendue », never a value the screens would trip on.
 */
export type Call = <T>(
  method: string,
  path: string,
  options?: { body?: unknown; check?: z.ZodMiniType },
) => Promise<ConsoleResult<T>>;

const NETWORK_MESSAGE =
  "Le serveur ne répond pas. Vérifiez votre connexion, puis réessayez.";
const BAD_RESPONSE_MESSAGE =
  "Le serveur a donné une réponse inattendue. Réessayez dans un instant.";

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;

/** The console's only way to its API (CSRF header, timeout, French failures). Never throws. */
export function createCall({
  fetch,
  baseUrl,
  onUnauthorized,
  timeoutMs = 20_000,
}: ConsoleApiDeps): Call {
  return async function call<T>(
    method: string,
    path: string,
    options: { body?: unknown; check?: z.ZodMiniType } = {},
  ): Promise<ConsoleResult<T>> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const headers: Record<string, string> = { Accept: "application/json" };
    // The server refuses state changes without this header: a cross-site form cannot set it (CSRF).
    if (method !== "GET") headers["X-SNU-Support"] = "1";
    if (options.body !== undefined)
      headers["Content-Type"] = "application/json";
    try {
      const response = await fetch(baseUrl + path, {
        method,
        headers,
        credentials: "same-origin",
        signal: controller.signal,
        ...(options.body !== undefined
          ? { body: JSON.stringify(options.body) }
          : {}),
      });
      const body: unknown =
        response.status === 204
          ? undefined
          : await response.json().catch(() => undefined);
      if (!response.ok)
        return failureOf(
          response,
          body,
          method === "POST" && path === "/session",
        );
      return !options.check || options.check.safeParse(body).success
        ? { ok: true, value: body as T }
        : {
            ok: false,
            status: response.status,
            code: "bad_response",
            message: BAD_RESPONSE_MESSAGE,
          };
    } catch {
      return {
        ok: false,
        status: 0,
        code: controller.signal.aborted ? "timeout" : "network",
        message: NETWORK_MESSAGE,
      };
    } finally {
      clearTimeout(timer);
    }
  };

  function failureOf(
    response: Response,
    body: unknown,
    isLogin: boolean,
  ): ConsoleFailure {
    const error = isObject(body) && isObject(body.error) ? body.error : {};
    const failure: ConsoleFailure = {
      ok: false,
      status: response.status,
      code: typeof error.code === "string" ? error.code : "http_error",
      message:
        typeof error.message === "string" ? error.message : fallback(response),
    };
    if (Array.isArray(error.details))
      failure.details = error.details as ErrorDetail[];
    const retryAfter = Number(response.headers.get("Retry-After"));
    if (retryAfter > 0) failure.retryAfter = retryAfter;
    // A `version_conflict` carries the fresh resource (api-error.ts `respondWithVersionConflict`).
    if (isObject(body) && RequestDetailCheck.safeParse(body.current).success)
      failure.current = body.current as RequestDetail;
    if (isObject(body) && TipViewCheck.safeParse(body.tip).success)
      failure.currentTip = body.tip as TipView;
    // A failed login is a 401 too, but it is the login form's own business.
    if (response.status === 401 && !isLogin) onUnauthorized?.();
    return failure;
  }
}

/** The value of a success mapped (e.g. `{ user }` → the user); failures pass through. */
export function mapValue<T, U>(
  result: ConsoleResult<T>,
  map: (value: T) => U,
): ConsoleResult<U> {
  return result.ok ? { ok: true, value: map(result.value) } : result;
}

/** A request's path in the console API, e.g. `/requests/SNU-2026-000123/notes`. */
export const requestPath = (reference: string, rest = "") =>
  `/requests/${encodeURIComponent(reference)}${rest}`;

/** A path with its query string, if any (empty values left out). */
export function withQuery(
  path: string,
  query: URLSearchParams | Record<string, string | undefined>,
): string {
  const params =
    query instanceof URLSearchParams
      ? query
      : new URLSearchParams(
          Object.entries(query).filter((entry): entry is [string, string] =>
            Boolean(entry[1]),
          ),
        );
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

function fallback(response: Response): string {
  if (response.status === 401)
    return "Votre session a expiré. Reconnectez-vous.";
  if (response.status === 404)
    return "Cette page ou cette demande n'existe pas.";
  if (response.status >= 500)
    return "Le service est momentanément indisponible. Réessayez dans un instant.";
  return "La demande n'a pas pu aboutir.";
}
