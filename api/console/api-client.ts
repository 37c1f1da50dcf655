import type { ErrorDetail } from "../contract/errors.ts";
import type { RequestStatus } from "../contract/request-statuses.ts";
import type { Platform } from "../contract/vocabulary.ts";
import type {
  PageStat,
  RequestDetail,
  RequestSummary,
  SupportRole,
  SupportUser,
} from "../store/support-types.ts";
import { repliesEndpoints } from "./replies-api.ts";
import { isConsoleTip, tipsEndpoints } from "./tips-api.ts";
import type { ConsoleTip } from "./tip-types.ts";

/** The signed-in account as `/support/api/session` returns it. */
export type ConsoleUser = Pick<
  SupportUser,
  "id" | "email" | "displayName" | "role" | "departments"
> & {
  /** May write tips (issue 5): the server decides (admins always, agents once an admin allowed it). */
  canEditTips: boolean;
};

/** A colleague one may assign a request to. */
export interface Colleague {
  id: number;
  displayName: string;
  role: SupportRole;
  /** Whether the account may write tips (issue 5). */
  canEditTips?: boolean;
  /** A referent's départements (those the viewer shares, for a referent viewer); absent: sees every request. */
  departments?: string[];
}

/** One page of the inbox, with the counts per status for the same filters. */
export interface RequestList {
  items: RequestSummary[];
  nextCursor?: string;
  counts: Partial<Record<RequestStatus, number>>;
  /** False when a text search matched more than the API counts (the counts are then « at least »). */
  countsComplete?: boolean;
}

/** The « Par page » report of one period. */
export interface PageReport {
  from: string;
  to: string;
  previousFrom: string;
  pages: PageStat[];
}

/** What a request may change in one PATCH; `version` is the one the editor saw. */
export interface RequestChange {
  version: number;
  status?: RequestStatus;
  assigneeId?: number | null;
  tags?: string[];
}

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
  currentTip?: ConsoleTip;
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

const NETWORK_MESSAGE =
  "Le serveur ne répond pas. Vérifiez votre connexion, puis réessayez.";
const BAD_RESPONSE_MESSAGE =
  "Le serveur a donné une réponse inattendue. Réessayez dans un instant.";

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;

/** The console's only way to its API. Never throws: every outcome is a `ConsoleResult`. */
export function createConsoleApi({
  fetch,
  baseUrl,
  onUnauthorized,
  timeoutMs = 20_000,
}: ConsoleApiDeps) {
  async function call<T>(
    method: string,
    path: string,
    options: { body?: unknown; isValue?: (body: unknown) => boolean } = {},
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
      if (response.ok) {
        const valid = options.isValue ? options.isValue(body) : true;
        return valid
          ? { ok: true, value: body as T }
          : {
              ok: false,
              status: response.status,
              code: "bad_response",
              message: BAD_RESPONSE_MESSAGE,
            };
      }
      return failureOf(
        response,
        body,
        method === "POST" && path === "/session",
      );
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
  }

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
    if (isObject(body) && isRequestDetail(body.current))
      failure.current = body.current;
    if (isObject(body) && isConsoleTip(body.tip)) failure.currentTip = body.tip;
    // A failed login is a 401 too, but it is the login form's own business.
    if (response.status === 401 && !isLogin) onUnauthorized?.();
    return failure;
  }

  return {
    /** Who is signed in (401 when nobody is). */
    getSession: () =>
      call<{ user: ConsoleUser }>("GET", "/session", { isValue: hasUser }).then(
        (r) => mapValue(r, (v) => v.user),
      ),
    /** Opens a session; the server sets an HttpOnly cookie. */
    login: (email: string, password: string) =>
      call<{ user: ConsoleUser }>("POST", "/session", {
        body: { email, password },
        isValue: hasUser,
      }).then((r) => mapValue(r, (v) => v.user)),
    /** Closes the session. */
    logout: () => call<void>("DELETE", "/session"),
    /** One page of the inbox; `query` holds the filters and maybe `cursor`. */
    listRequests: (query: URLSearchParams) =>
      call<RequestList>("GET", withQuery("/requests", query), {
        isValue: (body) => isObject(body) && Array.isArray(body.items),
      }),
    /** Everything about one request (404 also when outside the referent's départements). */
    getRequest: (reference: string) =>
      call<RequestDetail>("GET", `/requests/${encodeURIComponent(reference)}`, {
        isValue: isRequestDetail,
      }),
    /** Changes status, assignee or tags; a 409 carries the fresh request in `current`. */
    updateRequest: (reference: string, change: RequestChange) =>
      call<RequestDetail>(
        "PATCH",
        `/requests/${encodeURIComponent(reference)}`,
        { body: change, isValue: isRequestDetail },
      ),
    /** Adds an internal note; answers the request with its new timeline. */
    addNote: (reference: string, text: string) =>
      call<RequestDetail>(
        "POST",
        `/requests/${encodeURIComponent(reference)}/notes`,
        { body: { text }, isValue: isRequestDetail },
      ),
    /** Requests per page over a period, with the previous period to compare. */
    pageStats: (query: { from: string; to: string; platform?: Platform }) =>
      call<PageReport>(
        "GET",
        withQuery(
          "/pages",
          new URLSearchParams(
            Object.entries(query).filter(([, v]) => v) as [string, string][],
          ),
        ),
        { isValue: (body) => isObject(body) && Array.isArray(body.pages) },
      ),
    /** The colleagues one may assign to. */
    listUsers: () =>
      call<{ users: Colleague[] }>("GET", "/users", {
        isValue: (body) => isObject(body) && Array.isArray(body.users),
      }).then((r) => mapValue(r, (v) => v.users)),
    /** Address of the CSV export of the same filters (a plain link: the browser downloads it). */
    exportUrl: (query: URLSearchParams) =>
      withQuery(`${baseUrl}/export.csv`, query),
    ...tipsEndpoints(call),
    ...repliesEndpoints(call, isRequestDetail),
  };
}

export type ConsoleApi = ReturnType<typeof createConsoleApi>;

function withQuery(path: string, query: URLSearchParams): string {
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

function mapValue<T, U>(
  result: ConsoleResult<T>,
  map: (value: T) => U,
): ConsoleResult<U> {
  return result.ok ? { ok: true, value: map(result.value) } : result;
}

function hasUser(body: unknown): boolean {
  return (
    isObject(body) &&
    isObject(body.user) &&
    typeof body.user.displayName === "string"
  );
}

function isRequestDetail(body: unknown): body is RequestDetail {
  return (
    isObject(body) &&
    typeof body.reference === "string" &&
    typeof body.version === "number" &&
    Array.isArray(body.events)
  );
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
